package vn.dancu.registry;

import java.util.Optional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.IdNumbers;

/**
 * The structure of a 12-digit personal identification number (DOMAIN.md §1): {@code PPP G YY NNNNNN},
 * no check digit. {@code PPP} is the issuing code of the place of birth registration, {@code G} gives
 * century and gender (even: male), {@code YY} the year within the century, {@code NNNNNN} a random serial.
 */
public record PersonalIdNumber(String value) {

    /** What every refusal of a malformed number says, with the code {@code INVALID_PERSONAL_ID}. */
    public static final String MALFORMED = IdNumbers.PERSONAL_ID_MALFORMED;

    public PersonalIdNumber {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(MALFORMED);
        }
    }

    public static boolean isWellFormed(String value) {
        return IdNumbers.isPersonalId(value);
    }

    /** The number in {@code text} once surrounding blanks are stripped, or empty when it is not one. */
    public static Optional<PersonalIdNumber> parse(String text) {
        String value = text == null ? null : text.strip();
        return isWellFormed(value) ? Optional.of(new PersonalIdNumber(value)) : Optional.empty();
    }

    /** The number a request's path names: answered 400 {@code INVALID_PERSONAL_ID} when it is not one. */
    public static PersonalIdNumber require(String value) {
        if (!isWellFormed(value)) {
            throw ApiProblem.badRequest("INVALID_PERSONAL_ID", MALFORMED);
        }
        return new PersonalIdNumber(value);
    }

    /**
     * The number in a request's field, blanks stripped, or null after recording
     * {@code INVALID_PERSONAL_ID} in {@code errors}. A missing value is the caller's to judge.
     */
    public static PersonalIdNumber field(FieldErrors errors, String field, String value) {
        Optional<PersonalIdNumber> number = parse(value);
        if (number.isEmpty()) {
            errors.add(field, "INVALID_PERSONAL_ID", MALFORMED);
        }
        return number.orElse(null);
    }

    /** The number for a person: gender and year of birth give the century/gender digit. */
    public static PersonalIdNumber compose(String issuingCode, Gender gender, int birthYear, int serial) {
        if (birthYear < 1900 || birthYear > 2399) {
            throw new IllegalArgumentException("Personal ID numbers encode birth years 1900-2399 only");
        }
        int centuryDigit = (birthYear - 1900) / 100 * 2 + (gender == Gender.FEMALE ? 1 : 0);
        return new PersonalIdNumber(String.format("%s%d%02d%06d", issuingCode, centuryDigit, birthYear % 100, serial));
    }

    public String issuingCode() {
        return value.substring(0, 3);
    }

    public String prefix() {
        return value.substring(0, 6);
    }

    public Gender gender() {
        return digit(3) % 2 == 0 ? Gender.MALE : Gender.FEMALE;
    }

    /** The century of birth as counted in words: 20 for the 1900s, 21 for the 2000s. */
    public int century() {
        return 20 + digit(3) / 2;
    }

    public int birthYear() {
        return 1900 + 100 * (digit(3) / 2) + Integer.parseInt(value.substring(4, 6));
    }

    /** Whether this number can belong to a person born in {@code year} with {@code gender}. */
    public Optional<String> contradicts(Gender gender, int year) {
        if (gender() != gender) {
            return Optional.of("the number encodes the other gender");
        }
        if (birthYear() != year) {
            return Optional.of("the number encodes birth year " + birthYear());
        }
        return Optional.empty();
    }

    private int digit(int index) {
        return value.charAt(index) - '0';
    }

    @Override
    public String toString() {
        return value;
    }
}
