package vn.dancu.credentials;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.dancu.platform.Digests;
import vn.dancu.registry.Card;
import vn.dancu.registry.Document;
import vn.dancu.registry.PersonFinder;

/**
 * The wallet items read straight from the registry: each identity card the person was issued, and
 * their integrated documents. The registry keeps no photo (the chip's DG2 is not stored), so no
 * item has one.
 */
@Component
class RegistryItems implements CredentialItems {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final List<String> FIELDS = List.of("personalId", "fullName", "gender", "dateOfBirth", "nationality",
            "placeOfOrigin", "status", "residences", "cards", "documents");

    private final PersonFinder finder;
    private final Clock clock;

    RegistryItems(PersonFinder finder, Clock clock) {
        this.finder = finder;
        this.clock = clock;
    }

    @Override
    public List<CredentialItem> itemsOf(String personalId, Reader reader) {
        return finder.readWithProvenance(personalId, new PersonFinder.Requester(reader.type(), reader.actor(), reader.purpose(),
                reader.channel()), FIELDS).map(this::items).orElse(List.of());
    }

    private List<CredentialItem> items(PersonFinder.ProvenancedRead read) {
        PersonFinder.PersonView person = read.person();
        LocalDate today = LocalDate.ofInstant(clock.instant(), VIETNAM);
        boolean deceased = "DECEASED".equals(person.status());
        List<CredentialItem> items = new ArrayList<>();
        for (Card card : person.cards()) {
            items.add(new CredentialItem("card-" + card.id(), "ID_CARD", "id_card", cardClaims(person, card), card.issuingAuthority(),
                    card.issueDate(), card.expiryDate(), deceased ? "WITHDRAWN" : cardStatus(card, today)));
        }
        for (Document document : read.documents()) {
            items.add(new CredentialItem(documentId(document), "DOCUMENT", document.kind().toLowerCase(Locale.ROOT),
                    documentClaims(person, document), document.source(), document.validFrom(), document.validTo(),
                    deceased ? "WITHDRAWN" : document.validTo() != null && document.validTo().isBefore(today) ? "EXPIRED" : "VALID"));
        }
        return items;
    }

    private static String cardStatus(Card card, LocalDate today) {
        return switch (card.status()) {
            case "ACTIVE" -> card.expiryDate() != null && card.expiryDate().isBefore(today) ? "EXPIRED" : "VALID";
            case "REPLACED" -> "REPLACED";
            default -> "WITHDRAWN";
        };
    }

    private static Map<String, Object> cardClaims(PersonFinder.PersonView person, Card card) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("personal_id", person.personalId());
        claims.put("full_name", person.fullName());
        claims.put("birthdate", person.dateOfBirth().toString());
        claims.put("gender", person.gender());
        put(claims, "nationality", person.nationality());
        put(claims, "place_of_origin", person.placeOfOrigin());
        put(claims, "address", person.currentResidence() == null ? null : person.currentResidence().formatted());
        claims.put("card_issue_date", card.issueDate().toString());
        put(claims, "card_expiry_date", card.expiryDate() == null ? null : card.expiryDate().toString());
        return claims;
    }

    private static Map<String, Object> documentClaims(PersonFinder.PersonView person, Document document) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("full_name", person.fullName());
        claims.put("birthdate", person.dateOfBirth().toString());
        claims.put("document_number", document.number());
        put(claims, "valid_from", document.validFrom() == null ? null : document.validFrom().toString());
        put(claims, "valid_until", document.validTo() == null ? null : document.validTo().toString());
        document.details().forEach((name, value) -> put(claims, snakeCase(name), value));
        return claims;
    }

    /** A document has no id of its own in the registry: its kind and number name it. */
    static String documentId(Document document) {
        return "doc-" + Digests.sha256Hex(document.kind() + "|" + document.number()).substring(0, 16);
    }

    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            claims.put(name, value);
        }
    }

    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
