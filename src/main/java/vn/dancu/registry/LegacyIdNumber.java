package vn.dancu.registry;

import java.util.Optional;
import vn.dancu.platform.IdNumbers;

/** The 9-digit number of an old identity card (Chứng minh nhân dân, CMND), which a person's record may link. */
public record LegacyIdNumber(String value) {

    /** What every refusal of a malformed old number says. */
    public static final String MALFORMED = IdNumbers.LEGACY_ID_MALFORMED;

    public LegacyIdNumber {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException(MALFORMED);
        }
    }

    public static boolean isWellFormed(String value) {
        return IdNumbers.isLegacyId(value);
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
