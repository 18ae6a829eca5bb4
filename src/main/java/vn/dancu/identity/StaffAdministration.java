package vn.dancu.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * ADMIN's work on staff accounts: find, create, change role, jurisdiction and name, disable and
 * enable, reset a password. Every change states a reason and is recorded ({@link StaffChanges}).
 * Changes of accounts run one at a time ({@link StaffAccountRepository#lockAdministration}), so
 * the two rules that guard the platform's administration hold under races too: an administrator
 * does not change their own rights or state, and no change leaves the platform without an enabled
 * administrator. A change of role, jurisdiction, state or password ends the account's open
 * sessions and tokens at their next request ({@code security_version}, {@link StaffSessionCheck}).
 */
@Service
public class StaffAdministration {

    static final int MAX_PAGE_SIZE = 200;

    /** An account as administrators see it. */
    public record StaffView(long id, String username, String displayName, StaffRole role, StaffRules.Unit jurisdiction, boolean enabled,
                     boolean mustChangePassword, Instant lockedUntil, Instant lastLoginAt, Instant createdAt,
                     Instant passwordChangedAt) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** {@code jurisdiction}: a unit code (2 digits a province, 5 a commune), none for nationwide roles. */
    public record NewStaff(String username, String displayName, String role, String jurisdiction, String reason) {
    }

    /** The editable fields, all given: what they hold afterwards. */
    public record Changes(String displayName, String role, String jurisdiction, String reason) {
    }

    public record Reason(String reason) {
    }

    /** The one-time password is shown once: the account holder must change it at the first login. */
    public record Created(StaffView account, String oneTimePassword) {
    }

    public record PasswordReset(String username, String oneTimePassword) {
    }

    private final StaffAccountRepository accounts;
    private final StaffChanges changes;
    private final StaffPasswords passwords;
    private final StaffRules rules;

    StaffAdministration(StaffAccountRepository accounts, StaffChanges changes, StaffPasswords passwords, StaffRules rules) {
        this.accounts = accounts;
        this.changes = changes;
        this.passwords = passwords;
        this.rules = rules;
    }

    /** Accounts matching every criterion given: {@code q} in username or name (without diacritics), role, unit (and inside it), state. */
    Page<StaffView> search(String q, String role, String unit, String enabled, Integer page, Integer size) {
        FieldErrors errors = new FieldErrors();
        String key = errors.optionalText("q", q, 100);
        StaffRole wanted = role == null || role.isBlank() ? null : StaffRules.role(errors, "role", role);
        long[] units = unit == null || unit.isBlank() ? null : rules.within(errors, "unit", unit);
        Boolean state = null;
        if (enabled != null && !enabled.isBlank()) {
            String value = errors.oneOf("enabled", enabled, java.util.Set.of("TRUE", "FALSE"));
            state = value == null ? null : Boolean.valueOf(value);
        }
        int number = page == null ? 0 : page;
        int length = size == null ? 50 : size;
        if (number < 0 || number > 100_000) {
            errors.add("page", "OUT_OF_RANGE", "page counts from 0");
        }
        if (length < 1 || length > MAX_PAGE_SIZE) {
            errors.add("size", "OUT_OF_RANGE", "size is 1 to " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
        String searchKey = key == null ? null : vn.dancu.platform.Text.searchKey(key);
        List<StaffView> items = accounts.search(searchKey, wanted, units, state, number * length, length).stream().map(this::view).toList();
        return new Page<>(items, number, length, accounts.count(searchKey, wanted, units, state));
    }

    StaffView get(String username) {
        return accounts.row(normalized(username)).map(this::view).orElseThrow(StaffAdministration::notFound);
    }

    Page<StaffChanges.Change> changes(String username, Integer page, Integer size) {
        String name = username == null ? null : get(username).username();
        int number = page == null ? 0 : page;
        int length = size == null ? 50 : size;
        FieldErrors errors = new FieldErrors();
        if (number < 0 || number > 100_000) {
            errors.add("page", "OUT_OF_RANGE", "page counts from 0");
        }
        if (length < 1 || length > MAX_PAGE_SIZE) {
            errors.add("size", "OUT_OF_RANGE", "size is 1 to " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
        return new Page<>(changes.list(name, number * length, length), number, length, changes.count(name));
    }

    @Transactional
    Created create(Staff actor, NewStaff body) {
        FieldErrors errors = new FieldErrors();
        String username = StaffRules.username(errors, "username", body.username());
        String displayName = StaffRules.displayName(errors, "displayName", body.displayName());
        StaffRole role = StaffRules.role(errors, "role", body.role());
        Long unit = rules.jurisdiction(errors, "jurisdiction", role, body.jurisdiction(), null);
        String reason = StaffRules.reason(errors, body.reason());
        errors.throwIfAny();
        accounts.lockAdministration();
        if (accounts.exists(username)) {
            throw ApiProblem.conflict("USERNAME_TAKEN", "The username " + username + " is taken");
        }
        String oneTime = passwords.oneTime();
        long id = accounts.insert(username, passwords.hash(oneTime), displayName, role, unit, true);
        changes.record(actor, id, username, StaffChanges.Type.CREATED, reason, null, fields(displayName, role, unit, true));
        return new Created(get(username), oneTime);
    }

    @Transactional
    StaffView change(Staff actor, String username, Changes body) {
        FieldErrors errors = new FieldErrors();
        String displayName = StaffRules.displayName(errors, "displayName", body.displayName());
        StaffRole role = StaffRules.role(errors, "role", body.role());
        Long unit = rules.jurisdiction(errors, "jurisdiction", role, body.jurisdiction(), null);
        String reason = StaffRules.reason(errors, body.reason());
        errors.throwIfAny();
        accounts.lockAdministration();
        StaffAccountRepository.Account account = accounts.lock(normalized(username)).orElseThrow(StaffAdministration::notFound);
        Staff before = account.staff();
        boolean rights = before.role() != role || !Objects.equals(before.jurisdictionUnitId(), unit);
        if (rights) {
            refuseOwn(actor, before, "change your own role or jurisdiction");
            if (before.role() == StaffRole.ADMIN && role != StaffRole.ADMIN && account.enabled()) {
                refuseLastAdmin(before, "take the administrator role from");
            }
        }
        Map<String, Object> was = new LinkedHashMap<>();
        Map<String, Object> now = new LinkedHashMap<>();
        diff(was, now, "displayName", before.displayName(), displayName);
        diff(was, now, "role", before.role().name(), role.name());
        diff(was, now, "jurisdiction", code(before.jurisdictionUnitId()), code(unit));
        if (!now.isEmpty()) {
            accounts.update(before.id(), displayName, role, unit, rights);
            changes.record(actor, before.id(), before.username(), StaffChanges.Type.UPDATED, reason, was, now);
        }
        return get(before.username());
    }

    @Transactional
    StaffView disable(Staff actor, String username, Reason body) {
        return setEnabled(actor, username, body, false);
    }

    @Transactional
    StaffView enable(Staff actor, String username, Reason body) {
        return setEnabled(actor, username, body, true);
    }

    /** Either way the account's sessions and tokens end (its security version rises). */
    private StaffView setEnabled(Staff actor, String username, Reason body, boolean enabled) {
        String reason = reason(body);
        accounts.lockAdministration();
        StaffAccountRepository.Account account = accounts.lock(normalized(username)).orElseThrow(StaffAdministration::notFound);
        String state = enabled ? "enabled" : "disabled";
        refuseOwn(actor, account.staff(), (enabled ? "enable" : "disable") + " your own account");
        if (account.enabled() == enabled) {
            throw ApiProblem.conflict("ALREADY_" + state.toUpperCase(java.util.Locale.ROOT),
                    "The account " + account.staff().username() + " is " + state + " already");
        }
        if (!enabled && account.staff().role() == StaffRole.ADMIN) {
            refuseLastAdmin(account.staff(), "disable");
        }
        accounts.setEnabled(account.staff().id(), enabled);
        changes.record(actor, account.staff().id(), account.staff().username(), enabled ? StaffChanges.Type.ENABLED
                : StaffChanges.Type.DISABLED, reason, Map.of("enabled", !enabled), Map.of("enabled", enabled));
        return get(account.staff().username());
    }

    /** A new one-time password; the account's sessions and tokens end, and a lockout is lifted. */
    @Transactional
    PasswordReset resetPassword(Staff actor, String username, Reason body) {
        String reason = reason(body);
        accounts.lockAdministration();
        StaffAccountRepository.Account account = accounts.lock(normalized(username)).orElseThrow(StaffAdministration::notFound);
        refuseOwn(actor, account.staff(), "reset your own password (change it on the password page)");
        String oneTime = passwords.oneTime();
        accounts.setPassword(account.staff().id(), passwords.hash(oneTime), true, StaffPasswords.HISTORY);
        changes.record(actor, account.staff().id(), account.staff().username(), StaffChanges.Type.PASSWORD_RESET, reason,
                null, Map.of("mustChangePassword", true));
        return new PasswordReset(account.staff().username(), oneTime);
    }

    /** The fields of a new account, for the record of changes. */
    Map<String, Object> fields(String displayName, StaffRole role, Long unit, boolean enabled) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("displayName", displayName);
        fields.put("role", role.name());
        fields.put("jurisdiction", code(unit));
        fields.put("enabled", enabled);
        return fields;
    }

    private static void refuseOwn(Staff actor, Staff target, String what) {
        if (actor != null && actor.id() == target.id()) {
            throw ApiProblem.forbidden("OWN_ACCOUNT", "An administrator cannot " + what + "; another administrator can");
        }
    }

    /** Counted after the administration lock: two administrators disabling each other cannot both succeed. */
    private void refuseLastAdmin(Staff target, String what) {
        if (accounts.otherEnabledAdmins(target.id()) == 0) {
            throw new ApiProblem(HttpStatus.CONFLICT, "LAST_ADMIN", "Cannot " + what + " the last enabled administrator "
                    + target.username() + ": enable or create another administrator first");
        }
    }

    private static String reason(Reason body) {
        FieldErrors errors = new FieldErrors();
        String reason = StaffRules.reason(errors, body == null ? null : body.reason());
        errors.throwIfAny();
        return reason;
    }

    private static void diff(Map<String, Object> was, Map<String, Object> now, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            was.put(field, before);
            now.put(field, after);
        }
    }

    /** A unit as the record of changes keeps it: its code and name, which outlive a later reorganisation. */
    private String code(Long unitId) {
        StaffRules.Unit unit = rules.unit(unitId);
        return unitId == null ? null : unit == null ? String.valueOf(unitId) : unit.code() + " " + unit.name();
    }

    StaffView view(StaffAccountRepository.Row row) {
        Staff staff = row.staff();
        return new StaffView(staff.id(), staff.username(), staff.displayName(), staff.role(), rules.unit(staff.jurisdictionUnitId()),
                row.enabled(), row.mustChangePassword(), row.lockedUntil(), row.lastLoginAt(), row.createdAt(), row.passwordChangedAt());
    }

    private static String normalized(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    static ApiProblem notFound() {
        return ApiProblem.notFound("STAFF_NOT_FOUND", "No staff account has this username");
    }
}
