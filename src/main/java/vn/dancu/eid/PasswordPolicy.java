package vn.dancu.eid;

import java.util.Locale;
import java.util.Set;
import vn.dancu.platform.FieldErrors;

/**
 * NIST SP 800-63B rather than composition rules: at least 10 characters, at most 128, not one
 * of the passwords every attacker tries first, and not made of the person's own number or birth
 * date, which anyone holding their ID card knows.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final Set<String> COMMON = Set.of("1234567890", "0123456789", "12345678910", "123456789a",
            "matkhau123", "password123", "abc1234567", "qwertyuiop", "1111111111", "0000000000", "iloveyou123",
            "vietnam123", "123456789@", "a123456789", "anhyeuem123", "1234567890a", "passw0rd123");

    private PasswordPolicy() {
    }

    static void check(FieldErrors errors, String field, String password, String confirmation, String personalId,
                      java.time.LocalDate dateOfBirth) {
        if (password == null || password.length() < MIN_LENGTH) {
            errors.add(field, "PASSWORD_TOO_SHORT", "A password has at least " + MIN_LENGTH + " characters");
            return;
        }
        if (password.length() > MAX_LENGTH) {
            errors.add(field, "PASSWORD_TOO_LONG", "A password has at most " + MAX_LENGTH + " characters");
            return;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower) || lower.chars().distinct().count() < 4) {
            errors.add(field, "PASSWORD_TOO_COMMON", "This password is among the first that attackers try");
        } else if (personalId != null && personalId.length() >= 6 && lower.contains(personalId.substring(personalId.length() - 6))
                || dateOfBirth != null && (lower.contains(dateOfBirth.format(java.time.format.DateTimeFormatter.ofPattern("ddMMyyyy")))
                || lower.contains(dateOfBirth.toString().replace("-", "")))) {
            errors.add(field, "PASSWORD_PERSONAL", "Do not build a password from your ID number or date of birth");
        }
        if (confirmation != null && !confirmation.equals(password)) {
            errors.add(field + "Confirmation", "PASSWORD_MISMATCH", "The two passwords differ");
        }
    }
}
