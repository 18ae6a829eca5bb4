package vn.dancu.platform;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * NIST SP 800-63B rather than composition rules, for citizens and staff alike: a minimum length
 * (10 for citizens, 12 for staff), at most 128, not one of the passwords that breaches have made
 * public (a shipped list of the 100,000 most common of 10 characters or more, resources
 * {@code passwords/breached.txt}, with its source and licence in its header), and not built from
 * what others know of the person (the end of their ID number, their birth date, their username).
 * Reuse of earlier passwords is checked by the owner of the hashes (staff: {@code identity}).
 */
public final class PasswordPolicy {

    public static final int MIN_LENGTH = 10;
    public static final int STAFF_MIN_LENGTH = 12;
    public static final int MAX_LENGTH = 128;
    static final String BREACHED_LIST = "/passwords/breached.txt";
    /** Favourites in Vietnam that the (mostly English-speaking) breach list misses. */
    private static final Set<String> LOCAL = Set.of("matkhau123", "matkhau1234", "anhyeuem123", "emyeuanh123", "vietnam123",
            "vietnam1234", "123456789@", "iloveyou123", "passw0rd123", "abc1234567", "1234567890a", "a123456789");

    private PasswordPolicy() {
    }

    /** A citizen's password: neither the last six digits of the ID number nor the birth date in it. */
    public static void check(FieldErrors errors, String field, String password, String confirmation, String personalId,
                             LocalDate dateOfBirth) {
        List<String> personal = new ArrayList<>();
        if (personalId != null && personalId.length() >= 6) {
            personal.add(personalId.substring(personalId.length() - 6));
        }
        if (dateOfBirth != null) {
            personal.add(dateOfBirth.format(DateTimeFormatter.ofPattern("ddMMyyyy")));
            personal.add(dateOfBirth.toString().replace("-", ""));
        }
        check(errors, field, password, confirmation, MIN_LENGTH, personal);
    }

    /**
     * The rules with a minimum length and the words the password must not contain (compared without
     * case). {@code confirmation} null: no second entry to compare.
     */
    public static void check(FieldErrors errors, String field, String password, String confirmation, int minLength,
                             Collection<String> personal) {
        if (password == null || password.length() < minLength) {
            errors.add(field, "PASSWORD_TOO_SHORT", "A password has at least " + minLength + " characters");
            return;
        }
        if (password.length() > MAX_LENGTH) {
            errors.add(field, "PASSWORD_TOO_LONG", "A password has at most " + MAX_LENGTH + " characters");
            return;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (breached(password) || lower.chars().distinct().count() < 4) {
            errors.add(field, "PASSWORD_TOO_COMMON", "This password is among the first that attackers try");
        } else if (personal.stream().filter(w -> w != null && w.length() >= 4)
                .anyMatch(w -> lower.contains(w.toLowerCase(Locale.ROOT)))) {
            errors.add(field, "PASSWORD_PERSONAL", "Do not build a password from your ID number, date of birth or username");
        }
        if (confirmation != null && !confirmation.equals(password)) {
            errors.add(field + "Confirmation", "PASSWORD_MISMATCH", "The two passwords differ");
        }
    }

    /** Whether the password (without case) is on the shipped list of breached passwords. */
    public static boolean breached(String password) {
        if (password == null) {
            return false;
        }
        String lower = password.toLowerCase(Locale.ROOT);
        return LOCAL.contains(lower) || Breached.SET.contains(lower);
    }

    /** How many passwords the shipped list holds. */
    public static int breachedCount() {
        return Breached.SET.size();
    }

    /** Loaded once, on first use (about 100,000 entries, a few MB of heap). */
    private static final class Breached {
        static final Set<String> SET = load();

        private static Set<String> load() {
            Set<String> set = new HashSet<>(140_000);
            try (InputStream in = PasswordPolicy.class.getResourceAsStream(BREACHED_LIST)) {
                if (in == null) {
                    throw new IllegalStateException(BREACHED_LIST + " is missing from the build");
                }
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        set.add(line.toLowerCase(Locale.ROOT));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return Set.copyOf(set);
        }
    }
}
