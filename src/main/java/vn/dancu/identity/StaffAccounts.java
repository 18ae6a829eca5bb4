package vn.dancu.identity;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Creating staff accounts outside the administrators' pages: the first administrator from the
 * command line, the demo staff in demo mode. Administrators create the others
 * ({@link StaffAdministration}); the same rules ({@link StaffRules}) and the same record of changes apply.
 */
@Service
public class StaffAccounts implements SmartInitializingSingleton {

    /** Staff passwords: long enough to resist guessing; lockout handles the rest. */
    static final int MIN_PASSWORD_LENGTH = vn.dancu.platform.PasswordPolicy.STAFF_MIN_LENGTH;

    private final StaffAccountRepository repository;
    private final PasswordEncoder passwords;
    private final StaffRules rules;
    private final StaffChanges changes;

    StaffAccounts(StaffAccountRepository repository, PasswordEncoder passwords, StaffRules rules, StaffChanges changes) {
        this.repository = repository;
        this.passwords = passwords;
        this.rules = rules;
        this.changes = changes;
    }

    public record NewAccount(String username, String password, String displayName, StaffRole role,
                             String jurisdictionUnitCode) {
    }

    /** Accounts made before the administrators' search existed get their search keys. */
    @Override
    public void afterSingletonsInstantiated() {
        repository.fillSearchKeys();
    }

    /** A staff member with a password of their own choosing (the staff password rules), e.g. the first administrator. */
    @Transactional
    public Staff create(NewAccount account) {
        FieldErrors errors = new FieldErrors();
        StaffPasswords.checkPolicy(errors, "password", account.username(), account.password(), null);
        errors.throwIfAny();
        return insert(account, "Tạo bằng dòng lệnh (create-admin)");
    }

    /** Demo staff share the published demo password, which is shorter than the policy allows. */
    @Transactional
    public Staff createDemoAccount(NewAccount account) {
        return repository.exists(account.username()) ? null : insert(account, "Dữ liệu trình diễn");
    }

    public boolean anyAdmin() {
        return repository.anyAdmin();
    }

    private Staff insert(NewAccount account, String reason) {
        FieldErrors errors = new FieldErrors();
        String username = StaffRules.username(errors, "username", account.username());
        String displayName = StaffRules.displayName(errors, "displayName", account.displayName());
        if (account.role() == null) {
            errors.add("role", "REQUIRED", "role is required");
        }
        Long jurisdiction = rules.jurisdiction(errors, "jurisdiction", account.role(), account.jurisdictionUnitCode(), null);
        errors.throwIfAny();
        if (repository.exists(username)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "USERNAME_TAKEN", "The username " + username + " is taken");
        }
        long id = repository.insert(username, passwords.encode(account.password()), displayName, account.role(), jurisdiction, false);
        var fields = new java.util.LinkedHashMap<String, Object>();
        fields.put("displayName", displayName);
        fields.put("role", account.role().name());
        fields.put("jurisdiction", account.jurisdictionUnitCode());
        fields.put("enabled", true);
        changes.record(null, id, username, StaffChanges.Type.CREATED, reason, null, fields);
        return new Staff(id, username, displayName, account.role(), jurisdiction);
    }
}
