package vn.dancu.platform;

/**
 * The shape of the two numbers that identify a person: the 12-digit personal identification number
 * and the old 9-digit ID card (CMND) number. The registry's {@code PersonalIdNumber} and
 * {@code LegacyIdNumber} are the values; this is their one definition, here so that modules the
 * registry itself depends on (the audit log) check numbers the same way without depending on it.
 */
public final class IdNumbers {

    public static final String PERSONAL_ID_MALFORMED = "A personal ID number has exactly 12 digits";
    public static final String LEGACY_ID_MALFORMED = "An old ID card (CMND) number has exactly 9 digits";

    private IdNumbers() {
    }

    public static boolean isPersonalId(String value) {
        return digits(value, 12);
    }

    public static boolean isLegacyId(String value) {
        return digits(value, 9);
    }

    private static boolean digits(String value, int length) {
        return value != null && value.length() == length && value.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
