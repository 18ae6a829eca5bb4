package vn.dancu.registry;

import java.util.Optional;

/** The 9-digit number of an old identity card (Chứng minh nhân dân, CMND), which a person's record may link. */
public record LegacyIdNumber(String value) {

    public LegacyIdNumber {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("An old ID card (CMND) number has exactly 9 digits");
        }
    }

    public static boolean isWellFormed(String value) {
        return value != null && value.length() == 9 && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The number in {@code text} once surrounding blanks are stripped, or empty when it is not one. */
    public static Optional<LegacyIdNumber> parse(String text) {
        String value = text == null ? null : text.strip();
        return isWellFormed(value) ? Optional.of(new LegacyIdNumber(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
