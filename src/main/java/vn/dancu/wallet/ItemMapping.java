package vn.dancu.wallet;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Results;
import vn.dancu.registry.Card;
import vn.dancu.registry.CardStatus;
import vn.dancu.registry.Document;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder.ResidenceView;
import vn.dancu.registry.ResidenceType;

/** How the registry's card and documents and the procedures' results become wallet items with their claims. */
final class ItemMapping {

    static final String ID_CARD = "ID_CARD";
    static final String CARD_PREFIX = "card:";
    static final String DOCUMENT_PREFIX = "document:";
    static final String RESULT_PREFIX = "result:";
    /** The police issue identity cards (Law on Identification 2023, Art. 27). */
    static final WalletItem.Source POLICE = new WalletItem.Source("POLICE", "Bộ Công an", "wallet.source.POLICE");

    private ItemMapping() {
    }

    /** The card in use: the newest active card, else the newest card of any status. */
    static Optional<Card> cardInUse(List<Card> cards) {
        return cards.stream().filter(c -> CardStatus.ACTIVE.name().equals(c.status())).findFirst()
                .or(() -> cards.stream().findFirst());
    }

    static WalletItem card(PersonView person, Card card, LocalDate today) {
        Map<String, Object> claims = new LinkedHashMap<>();
        put(claims, Claims.CARD_NUMBER, card.cardNumber());
        holder(claims, person);
        put(claims, Claims.GENDER, person.gender());
        put(claims, Claims.NATIONALITY, person.nationality());
        put(claims, Claims.PLACE_OF_ORIGIN, person.placeOfOrigin());
        permanentResidence(person).ifPresent(r -> put(claims, Claims.ADDRESS, r.formatted()));
        put(claims, Claims.OLD_ID_NUMBER, person.legacyIds().isEmpty() ? null : person.legacyIds().getLast());
        put(claims, Claims.ISSUE_DATE, card.issueDate());
        put(claims, Claims.EXPIRY_DATE, card.expiryDate());
        put(claims, Claims.ISSUING_AUTHORITY, card.issuingAuthority());
        // The card names its issuing department; a card recorded without one is the ministry's.
        WalletItem.Source source = card.issuingAuthority() == null ? POLICE
                : new WalletItem.Source(POLICE.code(), card.issuingAuthority(), null);
        return new WalletItem(cardId(card), WalletItem.Kind.ID_CARD, ID_CARD, claims, source,
                card.issueDate(), card.expiryDate(), ItemStatus.ofCard(card, today));
    }

    static WalletItem document(PersonView person, Document document, LocalDate today) {
        Map<String, Object> claims = new LinkedHashMap<>();
        put(claims, Claims.DOCUMENT_NUMBER, document.number());
        put(claims, Claims.VALID_FROM, document.validFrom());
        put(claims, Claims.VALID_UNTIL, document.validTo());
        put(claims, Claims.ISSUING_AUTHORITY, document.source());
        Map<String, String> details = document.details() == null ? Map.of() : document.details();
        Claims.DETAILS.getOrDefault(Claims.kindOf(document.kind()), Map.of())
                .forEach((key, claim) -> put(claims, claim, details.get(key)));
        holder(claims, person);
        return new WalletItem(documentId(document.kind(), document.number()), WalletItem.Kind.DOCUMENT, document.kind(), claims,
                new WalletItem.Source(document.source(), document.source(), null), document.validFrom(), document.validTo(),
                ItemStatus.ofDocument(document, today));
    }

    static WalletItem result(PersonView person, Results.Result result, ZoneId zone) {
        LocalDate issued = result.issuedAt().atZone(zone).toLocalDate();
        Optional<Agency> agency = Agency.of(result.agency());
        String agencyName = agency.map(a -> a.nameVi).orElse(result.agency());
        Map<String, Object> claims = new LinkedHashMap<>();
        put(claims, Claims.DOCUMENT_NUMBER, result.id());
        put(claims, Claims.APPLICATION_CODE, result.applicationCode());
        put(claims, Claims.ISSUE_DATE, issued);
        put(claims, Claims.ISSUING_AUTHORITY, agencyName);
        holder(claims, person);
        WalletItem.Source source = new WalletItem.Source(result.agency(), agencyName,
                agency.map(a -> "wallet.agency." + a.name()).orElse(null));
        // A signed result stays what it was on its day; a later change is a new result, not a withdrawal of this one.
        return new WalletItem(RESULT_PREFIX + result.id(), WalletItem.Kind.RESULT, result.kind(), claims, source, issued, null,
                WalletItem.Status.VALID);
    }

    /**
     * A card's number is the holder's personal ID number, the same on every card they get: the issue date tells the
     * cards apart (a new card is issued after the one in use, never on the same day).
     */
    static String cardId(Card card) {
        return CARD_PREFIX + card.cardNumber() + ":" + card.issueDate();
    }

    /** Document numbers may hold spaces, diacritics or slashes: the id carries them in base64url, safe in a URL path. */
    static String documentId(String kind, String number) {
        return DOCUMENT_PREFIX + kind + ":"
                + Base64.getUrlEncoder().withoutPadding().encodeToString(number.getBytes(StandardCharsets.UTF_8));
    }

    private static void holder(Map<String, Object> claims, PersonView person) {
        put(claims, Claims.PERSONAL_ID, person.personalId());
        put(claims, Claims.NAME, person.fullName());
        String[] words = person.fullName().strip().split("\\s+", 2);
        put(claims, Claims.FAMILY_NAME, words[0]);
        put(claims, Claims.GIVEN_NAME, words.length > 1 ? words[1] : null);
        put(claims, Claims.BIRTHDATE, person.dateOfBirth());
    }

    /** The open permanent residence: the address printed on the card and in its QR. */
    static Optional<ResidenceView> permanentResidence(PersonView person) {
        return person.residences().stream()
                .filter(r -> r.open() && ResidenceType.PERMANENT.name().equals(r.type())).findFirst();
    }

    /** Absent rather than empty: a verifier must not read "no value" as a value. */
    private static void put(Map<String, Object> claims, String name, Object value) {
        if (value != null && !value.toString().isBlank()) {
            claims.put(name, value.toString());
        }
    }
}
