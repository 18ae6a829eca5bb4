package vn.dancu.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.QrCodes;
import vn.dancu.platform.SecretBox;
import vn.dancu.platform.Totp;

/**
 * Staff second factors: an authenticator app (TOTP) and passkeys. Outside demo mode every staff
 * account needs one (all roles read or change personal data, or, as administrators, the accounts
 * that do); in demo mode only the staff who enrolled one. Wrong codes count toward the same lockout
 * as wrong passwords. Every enrolment and removal, and every reset by an administrator with its
 * reason, is kept in the append-only {@code identity.staff_factor_event}.
 */
@Service
public class SecondFactors {

    /** What happened to a staff member's factors; pages name it by {@code staff.factorEvent.<EVENT>}. */
    public enum Event { TOTP_ENROLLED, TOTP_REPLACED, TOTP_REMOVED, PASSKEY_ADDED, PASSKEY_REMOVED, RESET }

    /** One change, with the username of who made it (the staff member, or an administrator for RESET). */
    public record FactorEvent(Event event, String actor, Instant at, String reason, String detail) {
    }

    /** A staff member's factors as the security page and the administrators see them. */
    public record State(boolean totp, Instant totpSince, List<Passkey> passkeys, boolean required) {
        public boolean any() {
            return totp || !passkeys.isEmpty();
        }
    }

    public record Passkey(String id, String label, Instant createdAt, Instant lastUsedAt) {
    }

    /** A new authenticator-app secret to show: as a QR code and as text. */
    public record Enrolment(String secret, String qrDataUri) {
    }

    /** The outcome of a code. */
    public enum Check { ACCEPTED, WRONG, LOCKED }

    private final SecondFactorRepository repository;
    private final StaffAccountRepository accounts;
    private final SecretBox secrets;
    private final StaffChanges changes;
    private final Clock clock;
    private final boolean demo;
    private final int maxFailures;
    private final Duration lockout;

    SecondFactors(SecondFactorRepository repository, StaffAccountRepository accounts, SecretBox secrets, StaffChanges changes, Clock clock,
                  @Value("${dancu.demo:false}") boolean demo,
                  @Value("${dancu.security.max-failed-logins}") int maxFailures,
                  @Value("${dancu.security.lockout}") Duration lockout) {
        this.repository = repository;
        this.accounts = accounts;
        this.secrets = secrets;
        this.changes = changes;
        this.clock = clock;
        this.demo = demo;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
    }

    /** Whether a login of this staff member needs a second factor: always outside demo mode, in demo mode once enrolled. */
    public boolean required(long staffId) {
        return !demo || repository.enrolled(staffId);
    }

    public boolean enrolled(long staffId) {
        return repository.enrolled(staffId);
    }

    public State state(long staffId) {
        var totp = repository.totp(staffId).filter(t -> t.secret() != null);
        List<Passkey> passkeys = repository.passkeys(staffId).stream()
                .map(p -> new Passkey(p.credentialId(), p.label(), p.createdAt(), p.lastUsedAt())).toList();
        return new State(totp.isPresent(), totp.map(SecondFactorRepository.TotpRow::confirmedAt).orElse(null), passkeys,
                !demo || totp.isPresent() || !passkeys.isEmpty());
    }

    // --- authenticator app

    /** A secret to enrol (or to replace the one in use); the same one until it is confirmed, so a reload shows the same code. */
    @Transactional
    public Enrolment startTotp(Staff staff) {
        var row = repository.totp(staff.id());
        byte[] secret;
        if (row.isPresent() && row.get().pending() != null) {
            secret = secrets.open(row.get().pending());
        } else {
            secret = Totp.newSecret();
            repository.savePending(staff.id(), secrets.seal(secret));
        }
        return new Enrolment(Totp.base32(secret), QrCodes.svgDataUri(Totp.uri(secret, staff.username())));
    }

    /**
     * Confirms the pending secret with a code from the app. {@code firstFactor}: the login's second
     * step, allowed only while the account has no factor (else a password alone could add one).
     */
    @Transactional
    public Check confirmTotp(Staff staff, String code, boolean firstFactor) {
        if (firstFactor && repository.enrolled(staff.id())) {
            throw ApiProblem.conflict("SECOND_FACTOR_ENROLLED", "A second factor is enrolled already: use it to sign in");
        }
        if (locked(staff.id())) {
            return Check.LOCKED;
        }
        var row = repository.totp(staff.id()).filter(r -> r.pending() != null)
                .orElseThrow(() -> ApiProblem.conflict("NO_PENDING_SECRET", "Start the enrolment first"));
        OptionalLong step = Totp.verify(secrets.open(row.pending()), normalize(code), clock.instant());
        if (step.isEmpty()) {
            return failure(staff.id());
        }
        boolean replacing = row.secret() != null;
        if (!repository.confirmPending(staff.id(), row.pending(), step.getAsLong())) {
            return failure(staff.id());
        }
        repository.record(staff.id(), replacing ? Event.TOTP_REPLACED : Event.TOTP_ENROLLED, staff.id(), null, null);
        return accounts.recordSuccess(staff.id()) ? Check.ACCEPTED : Check.LOCKED;
    }

    /** A code at login (pages or an API session); each code works once, wrong ones count toward the lockout. */
    @Transactional
    public Check verifyTotp(long staffId, String code) {
        if (locked(staffId)) {
            return Check.LOCKED;
        }
        var row = repository.totp(staffId).filter(r -> r.secret() != null);
        if (row.isEmpty()) {
            return failure(staffId);
        }
        OptionalLong step = Totp.verify(secrets.open(row.get().secret()), normalize(code), clock.instant());
        if (step.isEmpty() || !repository.useStep(staffId, step.getAsLong())) {
            return failure(staffId);
        }
        // the login is whole: its failures, of passwords and codes, start again from zero
        return accounts.recordSuccess(staffId) ? Check.ACCEPTED : Check.LOCKED;
    }

    /** A disabled account counts as locked: no code opens it. */
    private boolean locked(long staffId) {
        var account = accounts.findById(staffId);
        return account.isEmpty() || !account.get().enabled()
                || account.get().lockedUntil() != null && account.get().lockedUntil().isAfter(clock.instant());
    }

    /** A wrong code, counted like a wrong password. */
    Check failure(long staffId) {
        int failures = accounts.recordFailure(staffId, maxFailures, clock.instant().plus(lockout));
        return failures >= maxFailures ? Check.LOCKED : Check.WRONG;
    }

    @Transactional
    public void removeTotp(Staff staff) {
        keepOneOutsideDemo(staff.id(), 1);
        if (repository.deleteTotp(staff.id())) {
            repository.record(staff.id(), Event.TOTP_REMOVED, staff.id(), null, null);
        }
    }

    // --- passkeys

    @Transactional
    public void removePasskey(Staff staff, String credentialId) {
        byte[] id;
        try {
            id = Base64.getUrlDecoder().decode(credentialId);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.notFound("PASSKEY_NOT_FOUND", "No such passkey");
        }
        keepOneOutsideDemo(staff.id(), 1);
        String label = repository.deletePasskey(staff.id(), id)
                .orElseThrow(() -> ApiProblem.notFound("PASSKEY_NOT_FOUND", "No such passkey"));
        repository.record(staff.id(), Event.PASSKEY_REMOVED, staff.id(), null, label);
    }

    /**
     * Before a passkey is saved: a login still waiting for its second step may add one only as the
     * account's first factor (enrolment); else a password alone would be enough to add a factor.
     */
    void checkCanAddPasskey(long staffId) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (!(auth != null && auth.getPrincipal() instanceof Staff staff && staff.id() == staffId)) {
            throw new IllegalStateException("A passkey is added by its own staff member only");
        }
        if (!StaffLoginFactors.complete(auth) && repository.enrolled(staffId)) {
            throw new IllegalStateException("Sign in with the second factor before adding another");
        }
    }

    void passkeyAdded(long staffId, String label) {
        repository.record(staffId, Event.PASSKEY_ADDED, staffId, null, label);
    }

    private void keepOneOutsideDemo(long staffId, int removing) {
        State state = state(staffId);
        int count = (state.totp() ? 1 : 0) + state.passkeys().size();
        if (!demo && count - removing < 1) {
            throw ApiProblem.conflict("LAST_SECOND_FACTOR", "Keep at least one second factor: add another before removing this one");
        }
    }

    // --- administrators

    /**
     * Takes every second factor of a staff member away (a lost phone or key), so that the next login
     * enrols a new one, and ends the account's sessions and tokens. Only another administrator may
     * do it, with a reason; it is recorded in the factors' history and in the staff change log.
     */
    @Transactional
    public int reset(String username, String reason) {
        Staff admin = CurrentStaff.require();
        if (admin.role() != StaffRole.ADMIN) {
            throw ApiProblem.forbidden("FORBIDDEN", "Only an administrator resets second factors");
        }
        FieldErrors errors = new FieldErrors();
        String why = errors.text("reason", reason, 500);
        errors.throwIfAny();
        var account = accounts.find(normalizeUsername(username))
                .orElseThrow(() -> ApiProblem.notFound("STAFF_NOT_FOUND", "No staff account " + username));
        if (account.staff().id() == admin.id()) {
            throw ApiProblem.forbidden("OWN_SECOND_FACTORS", "Administrators change their own factors on their security page; "
                    + "another administrator resets them");
        }
        int removed = repository.deleteAll(account.staff().id());
        repository.record(account.staff().id(), Event.RESET, admin.id(), why, null);
        // whoever holds the lost phone or key may be signed in with it: every session and token of the account ends
        accounts.endSessions(account.staff().id());
        changes.record(admin, account.staff().id(), account.staff().username(), StaffChanges.Type.SECOND_FACTORS_RESET, why,
                java.util.Map.of("secondFactors", removed), java.util.Map.of("secondFactors", 0));
        return removed;
    }

    /** The changes to a staff member's factors, oldest first: for the administrators' pages and the staff change log. */
    public List<FactorEvent> history(String username) {
        return accounts.find(normalizeUsername(username)).map(a -> repository.events(a.staff().id()))
                .orElseThrow(() -> ApiProblem.notFound("STAFF_NOT_FOUND", "No staff account " + username));
    }

    public State state(String username) {
        return accounts.find(normalizeUsername(username)).map(a -> state(a.staff().id()))
                .orElseThrow(() -> ApiProblem.notFound("STAFF_NOT_FOUND", "No staff account " + username));
    }

    private static String normalizeUsername(String username) {
        return username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
    }

    private static String normalize(String code) {
        return code == null ? "" : code.replace(" ", "").strip();
    }

    boolean demo() {
        return demo;
    }
}
