package vn.dancu.cards;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import vn.dancu.platform.ApiProblem.FieldProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.Text;
import vn.dancu.registry.Gender;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonalIdNumber;

/**
 * The QR code printed on the back of a chip identity card (DOMAIN.md §3):
 * {@code ID12|CMND9|Full name|ddMMyyyy|Nam or Nữ|Permanent address|issue ddMMyyyy}.
 *
 * <p>Lenient in reading, as the cards and the scanners in use differ: a byte-order mark, blanks and
 * line ends around the text, blanks around a field, an empty old number, empty fields after the
 * last ({@code ...|04102024||||}), and the six-field form without the old number (told apart by its
 * second field, which is a name). The gender is read in any case, with or without its mark ("Nu"),
 * because phone scanners and keyboards without Vietnamese drop it, and "Nam"/"Nữ" cannot be confused.
 *
 * <p>Strict in validating: a 12-digit number whose gender and century digit agree with the gender
 * and year of birth on the card, and whose province code issues numbers (when the caller can tell);
 * a 9-digit old number; dates that exist (31022000 does not) and lie between 1800 and today, the
 * issue date not before the birth; a non-empty name of letters; a non-empty address. Every problem
 * is a {@link FieldProblem} with a stable code, all of them at once; nothing throws.
 */
public final class CardQr {

    /** A card's QR holds about 150 characters; anything much longer is not one, and is not read further. */
    public static final int MAX_LENGTH = 1_000;
    static final int MAX_NAME = 100;
    static final int MAX_ADDRESS = 300;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("ddMMuuuu").withResolverStyle(ResolverStyle.STRICT);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '.\\-]*");
    private static final Pattern DIGITS = Pattern.compile("[0-9]*");
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** The layouts met on cards. */
    public enum Layout {
        /** Seven fields, the old number present or empty. */
        SEVEN_FIELDS,
        /** Six fields: no old-number field at all. */
        SIX_FIELDS
    }

    /** What reading a QR text gives: the card's statement, or every problem found. */
    public sealed interface Reading permits Read, Malformed {
    }

    /** A well-formed QR: what the card states, and in which layout it said so. */
    public record Read(CardStatement statement, Layout layout) implements Reading {
    }

    /** A text that is not a valid card QR; {@code problems} is never empty. */
    public record Malformed(List<FieldProblem> problems) implements Reading {

        public Malformed {
            problems = List.copyOf(problems);
        }
    }

    private CardQr() {
    }

    /** Reads a QR as of today in Vietnam, without checking the number's province code. */
    public static Reading parse(String text) {
        return parse(text, LocalDate.now(VIETNAM), code -> true);
    }

    /**
     * Reads a QR text.
     *
     * @param today the date an issue date may not pass
     * @param issuingCode whether a number's first three digits are a province's issuing code
     */
    public static Reading parse(String text, LocalDate today, Predicate<String> issuingCode) {
        FieldErrors errors = new FieldErrors();
        List<String> fields = fields(text, errors);
        if (!errors.isEmpty()) {
            return new Malformed(errors.problems());
        }
        Layout layout = layout(fields);
        if (layout == Layout.SIX_FIELDS) {
            fields.add(1, "");
        }
        CardStatement statement = validate(fields, today, issuingCode, errors);
        return errors.isEmpty() ? new Read(statement, layout) : new Malformed(errors.problems());
    }

    /** The trimmed fields, trailing empty ones dropped; structural problems go to {@code errors}. */
    private static List<String> fields(String text, FieldErrors errors) {
        if (text != null && text.length() > MAX_LENGTH) {
            errors.add("qr", "QR_TOO_LONG", "A card's QR code holds at most " + MAX_LENGTH + " characters");
            return List.of();
        }
        String body = text == null ? "" : text.replace("\uFEFF", "").strip();
        if (body.isEmpty()) {
            errors.add("qr", "QR_EMPTY", "The QR code holds no text");
            return List.of();
        }
        if (body.chars().anyMatch(Character::isISOControl)) {
            errors.add("qr", "QR_INVALID_CHARACTERS", "The QR text has line breaks or control characters inside");
            return List.of();
        }
        List<String> fields = new ArrayList<>(Arrays.stream(body.split("\\|", -1)).map(String::strip).toList());
        while (fields.size() > 6 && fields.getLast().isEmpty()) {
            fields.removeLast();
        }
        if (fields.size() < 6 || fields.size() > 7) {
            errors.add("qr", "QR_FIELD_COUNT", "A card's QR code has 7 fields separated by | (or 6 without the old number); "
                    + "this one has " + fields.size());
        }
        return fields;
    }

    /** Six fields whose second is a name, not a number: the form without the old number. */
    private static Layout layout(List<String> fields) {
        boolean secondIsNumber = DIGITS.matcher(fields.get(1)).matches();
        return fields.size() == 6 && !secondIsNumber ? Layout.SIX_FIELDS : Layout.SEVEN_FIELDS;
    }

    private static CardStatement validate(List<String> f, LocalDate today, Predicate<String> issuingCode, FieldErrors errors) {
        PersonalIdNumber number = PersonalIdNumber.parse(f.get(0)).orElse(null);
        if (number == null) {
            errors.add("personalId", "INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED);
        } else if (!issuingCode.test(number.issuingCode())) {
            errors.add("personalId", "UNKNOWN_ISSUING_CODE", "No province issues numbers starting with " + number.issuingCode());
        }
        LegacyIdNumber legacy = legacyId(f.get(1), errors);
        String name = name(f.get(2), errors);
        LocalDate birth = date("dateOfBirth", f.get(3), today, errors);
        Gender gender = gender(f.get(4), errors);
        String address = address(f.get(5), errors);
        LocalDate issued = f.size() > 6 ? date("issueDate", f.get(6), today, errors) : missing("issueDate", errors);
        if (birth != null && issued != null && issued.isBefore(birth)) {
            errors.add("issueDate", "ISSUED_BEFORE_BIRTH", "The card is dated before its holder's birth");
        }
        if (number != null && gender != null && birth != null) {
            number.contradicts(gender, birth.getYear())
                    .ifPresent(why -> errors.add("personalId", "PERSONAL_ID_CONTRADICTS_CARD", why + " than the card states"));
        }
        return errors.isEmpty() ? CardStatement.ofQr(number, legacy, name, birth, gender, address, issued) : null;
    }

    private static LegacyIdNumber legacyId(String value, FieldErrors errors) {
        if (value.isEmpty()) {
            return null;
        }
        return LegacyIdNumber.parse(value).orElseGet(() -> {
            errors.add("legacyId", "INVALID_LEGACY_ID", LegacyIdNumber.MALFORMED);
            return null;
        });
    }

    private static String name(String value, FieldErrors errors) {
        String name = Text.canonical(value);
        if (name.isEmpty()) {
            errors.add("fullName", "NAME_REQUIRED", "The card states no name");
        } else if (name.length() > MAX_NAME || !NAME.matcher(name).matches()) {
            errors.add("fullName", "INVALID_NAME", "A name has letters and spaces only, at most " + MAX_NAME);
        }
        return name;
    }

    private static LocalDate date(String field, String value, LocalDate today, FieldErrors errors) {
        if (value.isEmpty()) {
            return missing(field, errors);
        }
        LocalDate date;
        try {
            date = value.length() == 8 ? LocalDate.parse(value, DATE) : null;
        } catch (DateTimeParseException e) {
            date = null;
        }
        if (date == null) {
            errors.add(field, "INVALID_DATE", "A date on the card is ddMMyyyy and exists; " + value + " is not one");
        } else if (date.isAfter(today)) {
            errors.add(field, "DATE_IN_FUTURE", "The date " + value + " has not come yet");
        } else if (date.isBefore(FieldErrors.EARLIEST)) {
            errors.add(field, "DATE_OUT_OF_RANGE", "The date " + value + " is before 1800");
        } else {
            return date;
        }
        return null;
    }

    private static LocalDate missing(String field, FieldErrors errors) {
        errors.add(field, "REQUIRED", "The card's QR code states no " + field);
        return null;
    }

    private static Gender gender(String value, FieldErrors errors) {
        String key = Text.searchKey(Normalizer.normalize(value, Normalizer.Form.NFC)).toLowerCase(Locale.ROOT);
        return switch (key) {
            case "nam" -> Gender.MALE;
            case "nu" -> Gender.FEMALE;
            default -> {
                errors.add("gender", "INVALID_GENDER", "The gender on a card is Nam or Nữ");
                yield null;
            }
        };
    }

    private static String address(String value, FieldErrors errors) {
        String address = Text.canonical(value);
        if (address.isEmpty()) {
            errors.add("permanentAddress", "ADDRESS_REQUIRED", "The card states no permanent address");
        } else if (address.length() > MAX_ADDRESS) {
            errors.add("permanentAddress", "TOO_LONG", "An address has at most " + MAX_ADDRESS + " characters");
        }
        return address;
    }
}
