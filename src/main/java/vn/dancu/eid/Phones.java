package vn.dancu.eid;

import vn.dancu.platform.FieldErrors;

/** Vietnamese mobile numbers, stored as ten digits starting with 0 (+84 and spaces are accepted on input). */
final class Phones {

    private Phones() {
    }

    static String normalize(FieldErrors errors, String field, String input) {
        String digits = input == null ? "" : input.replaceAll("[\\s.-]", "");
        if (digits.startsWith("+84")) {
            digits = "0" + digits.substring(3);
        } else if (digits.startsWith("84") && digits.length() == 11) {
            digits = "0" + digits.substring(2);
        }
        if (!digits.matches("0[35789][0-9]{8}")) {
            errors.add(field, "INVALID_PHONE", "A Vietnamese mobile number has 10 digits and starts with 03, 05, 07, 08 or 09");
            return null;
        }
        return digits;
    }
}
