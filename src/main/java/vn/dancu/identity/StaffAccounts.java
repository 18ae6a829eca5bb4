package vn.dancu.identity;

import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** Creating staff accounts: the first administrator from the command line, the demo staff in demo mode. */
@Service
public class StaffAccounts {

    /** Staff passwords: long enough to resist guessing; lockout handles the rest. */
    static final int MIN_PASSWORD_LENGTH = 12;

    private final StaffAccountRepository repository;
    private final PasswordEncoder passwords;
    private final Units units;

    StaffAccounts(StaffAccountRepository repository, PasswordEncoder passwords, Units units) {
        this.repository = repository;
        this.passwords = passwords;
        this.units = units;
    }

    public record NewAccount(String username, String password, String displayName, StaffRole role,
                             String jurisdictionUnitCode) {
    }

    @Transactional
    public Staff create(NewAccount account) {
        if (account.password() == null || account.password().length() < MIN_PASSWORD_LENGTH) {
            throw ApiProblem.invalidField("password", "TOO_SHORT",
                    "A staff password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return insert(account);
    }

    /** Demo staff share the published demo password, which is shorter than the policy allows. */
    @Transactional
    public Staff createDemoAccount(NewAccount account) {
        return repository.exists(account.username()) ? null : insert(account);
    }

    public boolean anyAdmin() {
        return repository.anyAdmin();
    }

    private Staff insert(NewAccount account) {
        FieldErrors errors = new FieldErrors();
        String username = errors.text("username", account.username(), 64);
        if (username != null && !username.toLowerCase(Locale.ROOT).matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            errors.add("username", "INVALID_FORMAT", "3 to 64 of a-z, 0-9, '.', '_', '-'");
        }
        String displayName = errors.text("displayName", account.displayName(), 200);
        if (account.role() == null) {
            errors.add("role", "REQUIRED", "role is required");
        }
        Long jurisdiction = null;
        if (account.jurisdictionUnitCode() != null && !account.jurisdictionUnitCode().isBlank()) {
            String code = account.jurisdictionUnitCode().strip();
            String level = code.length() <= 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE;
            jurisdiction = units.find(level, code, units.today()).map(AdministrativeUnit::id).orElse(null);
            if (jurisdiction == null) {
                errors.add("jurisdiction", "UNKNOWN_UNIT", "No unit in force has code " + code);
            }
        } else if (account.role() != null && account.role().needsJurisdiction()) {
            errors.add("jurisdiction", "REQUIRED", "An officer of a commune or a province needs a jurisdiction");
        }
        errors.throwIfAny();
        String normalized = username.toLowerCase(Locale.ROOT);
        if (repository.exists(normalized)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "USERNAME_TAKEN", "The username " + normalized + " is taken");
        }
        long id = repository.insert(normalized, passwords.encode(account.password()), displayName, account.role(), jurisdiction);
        return new Staff(id, normalized, displayName, account.role(), jurisdiction);
    }
}
