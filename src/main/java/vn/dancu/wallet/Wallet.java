package vn.dancu.wallet;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.procedures.Results;
import vn.dancu.registry.Card;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * The citizen's wallet (ví giấy tờ, as in the VNeID app): the identity card in use, the integrated
 * documents agencies keep in the registry, and the signed results of procedures, as {@link WalletItem}s.
 * Every read names its reader and is in the access log in the caller's transaction, like every read of
 * a person's data: the citizen reading their own wallet appears in "who used my data" as themselves.
 */
@Service
public class Wallet {

    /** What the whole wallet reads of the registry, as the access log names it. */
    static final List<String> ALL_FIELDS = List.of("personalId", "fullName", "gender", "dateOfBirth", "nationality",
            "placeOfOrigin", "residences", "legacyIds", "cards", "documents");
    static final List<String> CARD_FIELDS = List.of("personalId", "fullName", "gender", "dateOfBirth", "nationality",
            "placeOfOrigin", "residences", "legacyIds", "cards");
    static final List<String> HOLDER_FIELDS = List.of("personalId", "fullName", "dateOfBirth");
    static final List<String> DOCUMENT_FIELDS = List.of("personalId", "fullName", "dateOfBirth", "documents");
    /** The alias of {@link #item}: the card in use, whatever its number. */
    public static final String CARD_IN_USE = "card";

    private final PersonFinder finder;
    private final Results results;
    private final Clock clock;

    Wallet(PersonFinder finder, Results results, Clock clock) {
        this.finder = finder;
        this.results = results;
        this.clock = clock;
    }

    /** The citizen reading their own wallet; {@code actor} is their login's name ({@code citizen:<account id>}). */
    public static PersonFinder.Requester self(String actor) {
        return new PersonFinder.Requester(AccessLog.ActorType.SELF, actor, "Công dân xem ví giấy tờ của mình",
                AccessLog.Channel.SELF);
    }

    /**
     * Everything the person holds: the card in use first, then the documents by kind (newest first),
     * then the results (newest first). Empty for a number nobody has, and then nothing is logged.
     */
    @Transactional
    public List<WalletItem> itemsOf(String personalId, PersonFinder.Requester reader) {
        Optional<PersonFinder.ProvenancedRead> read = finder.readWithProvenance(personalId, reader, ALL_FIELDS);
        if (read.isEmpty()) {
            return List.of();
        }
        PersonView person = read.get().person();
        LocalDate today = LocalDate.now(clock);
        List<WalletItem> items = new ArrayList<>();
        ItemMapping.cardInUse(person.cards()).ifPresent(c -> items.add(ItemMapping.card(person, c, today)));
        read.get().documents().stream()
                .sorted(Comparator.comparing((vn.dancu.registry.Document d) -> d.kind())
                        .thenComparing(d -> d.validFrom(), Comparator.nullsLast(Comparator.reverseOrder())))
                .forEach(d -> items.add(ItemMapping.document(person, d, today)));
        results.readFor(personalId, reader).forEach(r -> items.add(ItemMapping.result(person, r, clock.getZone())));
        return List.copyOf(items);
    }

    /**
     * One item by its id ({@link WalletItem#id}), also an earlier card ({@code card:<number>:<issue date>}, REPLACED)
     * or {@link #CARD_IN_USE}. Empty when the person holds no such item; the read of what was looked at
     * is logged either way.
     */
    @Transactional
    public Optional<WalletItem> item(String personalId, String itemId, PersonFinder.Requester reader) {
        if (itemId == null) {
            return Optional.empty();
        }
        LocalDate today = LocalDate.now(clock);
        if (itemId.equals(CARD_IN_USE) || itemId.startsWith(ItemMapping.CARD_PREFIX)) {
            return finder.readFor(personalId, reader, CARD_FIELDS).flatMap(p -> card(p, itemId).map(c -> ItemMapping.card(p, c, today)));
        }
        if (itemId.startsWith(ItemMapping.DOCUMENT_PREFIX)) {
            return finder.readWithProvenance(personalId, reader, DOCUMENT_FIELDS).flatMap(read -> read.documents().stream()
                    .filter(d -> itemId.equals(ItemMapping.documentId(d.kind(), d.number()))).findFirst()
                    .map(d -> ItemMapping.document(read.person(), d, today)));
        }
        if (itemId.startsWith(ItemMapping.RESULT_PREFIX)) {
            return finder.readFor(personalId, reader, HOLDER_FIELDS).flatMap(p -> results.readFor(personalId, reader).stream()
                    .filter(r -> itemId.equals(ItemMapping.RESULT_PREFIX + r.id())).findFirst()
                    .map(r -> ItemMapping.result(p, r, clock.getZone())));
        }
        return Optional.empty();
    }

    private static Optional<Card> card(PersonView person, String itemId) {
        return itemId.equals(CARD_IN_USE) ? ItemMapping.cardInUse(person.cards())
                : person.cards().stream().filter(c -> itemId.equals(ItemMapping.cardId(c))).findFirst();
    }

    /**
     * The card's QR code text (DOMAIN.md §3), as the card prints it and a verifier's check reads it:
     * {@code ID12|CMND9|Full name|ddMMyyyy|Nam/Nữ|Permanent address|ddMMyyyy issue date}, with an empty
     * old number when the person had none.
     */
    public static String cardQrText(WalletItem card) {
        if (card.kind() != WalletItem.Kind.ID_CARD) {
            throw new IllegalArgumentException("Only an identity card has the card's QR code");
        }
        return CardQrText.text(card);
    }
}
