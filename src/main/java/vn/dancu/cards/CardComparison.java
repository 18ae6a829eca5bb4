package vn.dancu.cards;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import vn.dancu.cards.CardCheck.CardState;
import vn.dancu.cards.CardCheck.FieldCheck;
import vn.dancu.platform.Text;
import vn.dancu.registry.Card;
import vn.dancu.registry.CardStatus;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.ResidenceType;

/**
 * The rules by which a card's statement agrees with the registry; no I/O here.
 * <ul>
 * <li>Names (the holder's, the parents', the spouse's) agree when they are the same letters with the
 *     same marks after Unicode NFC, case and spacing are set aside: "Nguyễn Văn An" is not "Nguyen Van An".</li>
 * <li>The permanent address agrees when the card's text begins with the registered address line and
 *     its other parts name the commune and the province under any name they had before or after the
 *     reorganisation of 1 July 2025 (a card issued in 2021 says "Phường Quán Thánh, Quận Ba Đình";
 *     the registry now says Phường Ba Đình). Unit-type words ("Phường", "Tỉnh", "TP.") and the
 *     district, which the reform abolished and the registry no longer keeps, are not compared.</li>
 * <li>Dates, gender and numbers agree when equal. A card is known by its issue date (see {@link CardState}).</li>
 * <li>A field the registry keeps no value for is {@link FieldCheck#NOT_RECORDED}, never a match.</li>
 * </ul>
 */
final class CardComparison {

    /** The names a registered address's commune and province go by, before and after the 2025 reform. */
    record RegisteredAddress(String line, Set<String> communeNames, Set<String> provinceNames) {
    }

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern UNIT_WORDS = Pattern.compile(
            "^(thành phố|thị trấn|thị xã|đặc khu|phường|xã|quận|huyện|tỉnh|tp|tt|tx|p|x|q|h)\\s+");
    private static final Set<String> VIETNAM = Set.of("vn", "vnm", "việt nam", "viet nam", "vietnam", "vietnamese");
    private static final Set<String> NO_RELIGION = Set.of("không", "khong", "none");

    private CardComparison() {
    }

    static CardCheck compare(CardStatement card, PersonFinder.PersonView person, RegisteredAddress address, LocalDate today) {
        Map<String, FieldCheck> fields = new LinkedHashMap<>();
        Optional<Card> identified = identify(card.issueDate(), person.cards());
        for (String field : card.statedFields()) {
            fields.put(field, field(field, card, person, address, identified));
        }
        PersonStatus status = PersonStatus.valueOf(person.status());
        return new CardCheck(true, status, cardState(card.issueDate(), person.cards(), today), fields);
    }

    private static FieldCheck field(String field, CardStatement card, PersonFinder.PersonView person, RegisteredAddress address,
                                    Optional<Card> identified) {
        return switch (field) {
            case "legacyId" -> person.legacyIds().isEmpty() ? FieldCheck.NOT_RECORDED
                    : of(person.legacyIds().contains(card.legacyId().value()));
            case "fullName" -> name(card.fullName(), person.fullName());
            case "dateOfBirth" -> of(card.dateOfBirth().equals(person.dateOfBirth()));
            case "gender" -> of(card.gender().name().equals(person.gender()));
            case "nationality" -> nationality(card.nationality(), person.nationality());
            case "ethnicity" -> name(card.ethnicity(), person.ethnicity());
            case "religion" -> religion(card.religion(), person.religion());
            case "placeOfOrigin" -> person.placeOfOrigin() == null ? FieldCheck.NOT_RECORDED
                    : of(placeKey(card.placeOfOrigin()).equals(placeKey(person.placeOfOrigin())));
            case "permanentAddress" -> address == null ? FieldCheck.NOT_RECORDED : of(addressAgrees(card.permanentAddress(), address));
            case "identifyingFeatures" -> FieldCheck.NOT_RECORDED; // the registry keeps no description of the body
            case "issueDate" -> of(identified.isPresent());
            case "expiryDate" -> of(identified.map(c -> card.expiryDate().equals(c.expiryDate())).orElse(false));
            case "fatherName" -> name(card.fatherName(), person.father() == null ? null : person.father().fullName());
            case "motherName" -> name(card.motherName(), person.mother() == null ? null : person.mother().fullName());
            case "spouseName" -> name(card.spouseName(), person.spouse() == null ? null : person.spouse().fullName());
            default -> throw new IllegalArgumentException("No card field " + field);
        };
    }

    /**
     * Which of the holder's cards has this issue date. A date the registry does not list but older than
     * the current card's is a card that was replaced before the registry kept every card (cards issued
     * before it was digitised are not all recorded); a later one was never issued.
     */
    static CardState cardState(LocalDate issueDate, List<Card> cards, LocalDate today) {
        if (issueDate == null) {
            return CardState.UNKNOWN;
        }
        Optional<Card> card = identify(issueDate, cards);
        if (card.isPresent()) {
            return switch (CardStatus.valueOf(card.get().status())) {
                case REPLACED -> CardState.REPLACED;
                case REVOKED -> CardState.REVOKED;
                case ACTIVE -> card.get().expiryDate() != null && card.get().expiryDate().isBefore(today)
                        ? CardState.EXPIRED : CardState.VALID;
            };
        }
        boolean olderThanCurrent = cards.stream().filter(c -> CardStatus.ACTIVE.name().equals(c.status()))
                .anyMatch(c -> issueDate.isBefore(c.issueDate()));
        return olderThanCurrent ? CardState.REPLACED : CardState.NOT_ISSUED;
    }

    private static Optional<Card> identify(LocalDate issueDate, List<Card> cards) {
        return issueDate == null ? Optional.empty() : cards.stream().filter(c -> issueDate.equals(c.issueDate())).findFirst();
    }

    /** The open permanent residence of the view, or null when the person has none. */
    static PersonFinder.ResidenceView permanentResidence(PersonFinder.PersonView person) {
        return person.residences().stream()
                .filter(r -> r.open() && ResidenceType.PERMANENT.name().equals(r.type())).findFirst().orElse(null);
    }

    static FieldCheck name(String stated, String registered) {
        if (registered == null || registered.isBlank()) {
            return FieldCheck.NOT_RECORDED;
        }
        return of(nameKey(stated).equals(nameKey(registered)));
    }

    /** NFC, lower case, single spaces: the marks stay, they tell names apart. */
    static String nameKey(String name) {
        return Text.canonical(name).toLowerCase(Locale.ROOT);
    }

    private static FieldCheck nationality(String stated, String registered) {
        if (registered == null) {
            return FieldCheck.NOT_RECORDED;
        }
        String card = nameKey(stated);
        String kept = nameKey(registered);
        // the registry keeps the ISO code (VN), the card prints the name (Việt Nam)
        return of(card.equals(kept) || (VIETNAM.contains(card) && VIETNAM.contains(kept)));
    }

    /** The registry keeps no religion for a person without one; the card prints "Không". */
    private static FieldCheck religion(String stated, String registered) {
        boolean cardSaysNone = NO_RELIGION.contains(nameKey(stated));
        if (registered == null || registered.isBlank()) {
            return of(cardSaysNone);
        }
        return of(!cardSaysNone && nameKey(stated).equals(nameKey(registered)));
    }

    static boolean addressAgrees(String stated, RegisteredAddress registered) {
        String text = String.join(", ", parts(stated));
        String line = String.join(", ", parts(registered.line()));
        if (!text.startsWith(line)) {
            return false;
        }
        List<String> rest = parts(text.substring(line.length()));
        return rest.stream().anyMatch(p -> keys(registered.communeNames()).contains(unitKey(p)))
                && rest.stream().anyMatch(p -> keys(registered.provinceNames()).contains(unitKey(p)));
    }

    /** The comma-separated parts of an address, each as a name key; full stops count as spaces ("TP. Hà Nội"). */
    private static List<String> parts(String address) {
        return java.util.Arrays.stream(Objects.requireNonNullElse(address, "").replace('.', ' ').split("[,;]"))
                .map(CardComparison::nameKey).filter(p -> !p.isEmpty()).toList();
    }

    private static Set<String> keys(Set<String> names) {
        return names.stream().map(n -> unitKey(nameKey(n.replace('.', ' ')))).collect(java.util.stream.Collectors.toSet());
    }

    /** A unit's name without the word for its type: "phường ba đình" and "ba đình" are the same commune. */
    private static String unitKey(String part) {
        String key = part;
        for (String previous = null; !key.equals(previous); ) {
            previous = key;
            key = UNIT_WORDS.matcher(key).replaceFirst("");
        }
        return key;
    }

    private static String placeKey(String place) {
        return String.join(", ", parts(place).stream().map(CardComparison::unitKey).toList());
    }

    private static FieldCheck of(boolean agrees) {
        return agrees ? FieldCheck.MATCH : FieldCheck.MISMATCH;
    }
}
