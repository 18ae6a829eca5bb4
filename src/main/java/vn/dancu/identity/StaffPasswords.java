package vn.dancu.identity;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.PasswordPolicy;

/**
 * Staff passwords: the citizens' rules ({@link PasswordPolicy}, with 12 characters and not the
 * username), no reuse of the current one nor of the last {@link #HISTORY} chosen, one-time
 * passwords for new and reset accounts, and the change a staff member makes of their own.
 */
@Component
class StaffPasswords {

    static final int HISTORY = 5;
    /** No 0/o, 1/l: a one-time password is read from a screen and typed. 16 of 32 symbols: 80 bits. */
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private final SecureRandom random = new SecureRandom();
    private final PasswordEncoder encoder;
    private final StaffAccountRepository accounts;
    private final StaffChanges changes;

    StaffPasswords(PasswordEncoder encoder, StaffAccountRepository accounts, StaffChanges changes) {
        this.encoder = encoder;
        this.accounts = accounts;
        this.changes = changes;
    }

    /** Sixteen random symbols in groups of four, such as {@code k3mf-9xqa-7hte-w2pd}. */
    String oneTime() {
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            if (i > 0 && i % 4 == 0) {
                password.append('-');
            }
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    String hash(String password) {
        return encoder.encode(password);
    }

    /** The policy for a password a staff member chooses (field {@code field}); reuse is checked by {@link #checkNotReused}. */
    static void checkPolicy(FieldErrors errors, String field, String username, String password, String confirmation) {
        PasswordPolicy.check(errors, field, password, confirmation, PasswordPolicy.STAFF_MIN_LENGTH,
                username == null ? List.of() : List.of(username));
    }

    /** Neither the current password nor one of the last chosen. One hash comparison each: about 0.3 s in all. */
    void checkNotReused(FieldErrors errors, String field, StaffAccountRepository.Account account, String password) {
        List<String> hashes = new ArrayList<>();
        hashes.add(account.passwordHash());
        hashes.addAll(accounts.passwordHistory(account.staff().id()));
        if (hashes.stream().anyMatch(hash -> encoder.matches(password, hash))) {
            errors.add(field, "PASSWORD_REUSED", "Choose a password you have not used for this account before (the last "
                    + HISTORY + " are remembered)");
        }
    }

    /**
     * A staff member changes their own password: the current one, then the new one twice. A wrong
     * current password does not count towards the lockout: only a signed-in session reaches here.
     * Ends every other session and token of the account; returns the account's new security version.
     */
    @Transactional
    long changeOwn(Staff staff, String current, String password, String confirmation) {
        StaffAccountRepository.Account account = accounts.lock(staff.id())
                .orElseThrow(() -> ApiProblem.notFound("STAFF_NOT_FOUND", "No such staff account"));
        FieldErrors errors = new FieldErrors();
        if (current == null || current.isEmpty() || current.length() > PasswordPolicy.MAX_LENGTH
                || !encoder.matches(current, account.passwordHash())) {
            errors.add("currentPassword", "WRONG_PASSWORD", "This is not your current password");
        }
        checkPolicy(errors, "newPassword", account.staff().username(), password, confirmation == null ? "" : confirmation);
        if (errors.isEmpty()) {
            checkNotReused(errors, "newPassword", account, password);
        }
        errors.throwIfAny();
        long version = accounts.setPassword(staff.id(), hash(password), false, HISTORY);
        changes.record(staff, staff.id(), staff.username(), StaffChanges.Type.PASSWORD_CHANGED, "Cán bộ tự đổi mật khẩu",
                null, null);
        return version;
    }
}
