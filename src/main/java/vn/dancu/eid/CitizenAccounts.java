package vn.dancu.eid;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.PasswordPolicy;
import vn.dancu.platform.SecretBox;
import vn.dancu.platform.Text;
import vn.dancu.platform.Totp;
import vn.dancu.registry.Card;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.PersonalIdNumber;
import vn.dancu.registry.RegistryEvent;

/**
 * The life of a citizen's e-ID account: self-registration at level 1 against the registry,
 * phone confirmation, activation at level 2 by an officer at the counter, suspension, recovery
 * through the confirmed phone, and revocation, which the person's death triggers in the same
 * transaction that records it.
 */
@Service
public class CitizenAccounts {

    static final String REGISTRATION_PURPOSE = "Đối chiếu thông tin đăng ký tài khoản định danh điện tử";
    private static final List<String> REGISTRATION_FIELDS = List.of("personalId", "fullName", "dateOfBirth", "status", "cards", "phone");

    /** What a citizen types to register; every field is checked against the registry. */
    public record Registration(String personalId, String fullName, String dateOfBirth, String cardNumber,
                               String cardIssueDate, String phone, String password, String passwordConfirmation) {
    }

    /** An account as the citizen and the counter officer see it. */
    public record AccountView(String personalId, int level, String state, String maskedPhone, boolean totpEnabled,
                              Instant createdAt, Instant level2At, Instant lastLoginAt, String stateReason) {
    }

    private final CitizenAccountRepository accounts;
    private final OneTimeCodes codes;
    private final CitizenSessions sessions;
    private final PersonFinder finder;
    private final PasswordEncoder passwords;
    private final SecretBox secrets;
    private final Clock clock;
    private final Passkeys passkeys;
    private final ApplicationEventPublisher events;

    CitizenAccounts(CitizenAccountRepository accounts, OneTimeCodes codes, CitizenSessions sessions, PersonFinder finder,
                    PasswordEncoder passwords, SecretBox secrets, Clock clock, Passkeys passkeys, ApplicationEventPublisher events) {
        this.events = events;
        this.passkeys = passkeys;
        this.accounts = accounts;
        this.codes = codes;
        this.sessions = sessions;
        this.finder = finder;
        this.passwords = passwords;
        this.secrets = secrets;
        this.clock = clock;
    }

    // --- level 1: self-registration

    /**
     * Checks the details against the registry and sends a code to the phone. Any mismatch gets
     * one answer, so that the form cannot be used to learn a stranger's details field by field.
     * Returns the pending account's id.
     */
    @Transactional(noRollbackFor = ApiProblem.class)
    public long register(Registration form) {
        FieldErrors errors = new FieldErrors();
        String personalId = form.personalId() == null ? "" : form.personalId().strip();
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            errors.add("personalId", "INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED);
        }
        String fullName = errors.text("fullName", form.fullName(), 100);
        LocalDate dob = errors.date("dateOfBirth", form.dateOfBirth());
        String cardNumber = errors.text("cardNumber", form.cardNumber(), 12);
        LocalDate cardIssued = errors.date("cardIssueDate", form.cardIssueDate());
        String phone = Phones.normalize(errors, "phone", form.phone());
        PasswordPolicy.check(errors, "password", form.password(), form.passwordConfirmation(), personalId, dob);
        errors.throwIfAny();

        PersonFinder.PersonView person = finder.readFor(personalId, new PersonFinder.Requester(AccessLog.ActorType.SYSTEM,
                        "eid-registration", REGISTRATION_PURPOSE, AccessLog.Channel.WEB), REGISTRATION_FIELDS)
                .filter(p -> matches(p, fullName, dob, cardNumber, cardIssued))
                .orElseThrow(() -> new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "DETAILS_DO_NOT_MATCH",
                        "These details do not match the National Population Database; check them against your ID card"));
        if (!PersonStatus.ALIVE.name().equals(person.status())) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "DETAILS_DO_NOT_MATCH",
                    "These details do not match the National Population Database; check them against your ID card");
        }
        if (!Eligibility.maySelfRegister(person.dateOfBirth(), LocalDate.now(clock))) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "NOT_ELIGIBLE_ONLINE",
                    "Online registration is open from the age of " + Eligibility.SELF_REGISTRATION_AGE
                            + "; a younger child's account is made at the counter or through a parent");
        }
        if (person.phone() != null && !person.phone().equals(phone)) {
            throw ApiProblem.invalidField("phone", "PHONE_NOT_REGISTERED",
                    "Use the phone number recorded for you in the National Population Database, or have it updated at the commune police");
        }
        String hash = passwords.encode(form.password());
        Optional<CitizenAccount> existing = accounts.lockByPersonalId(personalId);
        long id;
        if (existing.isPresent()) {
            CitizenAccount account = existing.get();
            if (account.state() != CitizenAccount.State.PENDING || account.level() != 1) {
                throw ApiProblem.conflict("ACCOUNT_EXISTS", account.state() == CitizenAccount.State.REVOKED
                        ? "The e-ID account of this person has been revoked; contact the commune police"
                        : "An e-ID account already exists for this number; log in, or recover it through your phone");
            }
            codes.requireMaySend(account.id(), OneTimeCodes.Purpose.CONFIRM_PHONE);
            id = account.id();
            accounts.update(id, "password_hash = ?, phone = ?", hash, phone);
        } else {
            id = accounts.insert(personalId, 1, CitizenAccount.State.PENDING, hash, phone);
        }
        accounts.event(id, "REGISTERED", "self", "level 1, phone " + maskPhone(phone));
        codes.send(id, OneTimeCodes.Purpose.CONFIRM_PHONE, phone);
        return id;
    }

    @Transactional(noRollbackFor = ApiProblem.class)
    public void confirmPhone(long accountId, String code) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        if (account.state() != CitizenAccount.State.PENDING) {
            throw ApiProblem.conflict("NOT_PENDING", "This account is no longer waiting for its phone to be confirmed");
        }
        if (!codes.verify(accountId, OneTimeCodes.Purpose.CONFIRM_PHONE, account.phone(), code)) {
            throw ApiProblem.invalidField("code", "WRONG_CODE", "The code is wrong or has expired; ask for a new one");
        }
        accounts.update(accountId, "state = 'ACTIVE', phone_confirmed_at = now()");
        accounts.event(accountId, "PHONE_CONFIRMED", "self", null);
        counted(account, accountId);
    }

    @Transactional
    public void resendConfirmation(long accountId) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        if (account.state() == CitizenAccount.State.PENDING && account.phone() != null) {
            codes.send(accountId, OneTimeCodes.Purpose.CONFIRM_PHONE, account.phone());
        }
    }

    // --- recovery (and first activation of a level-2 account created at the counter)

    /**
     * Sends a recovery code to the account's phone when there is an account that can be
     * recovered; the answer is the same otherwise, so it does not tell who has an account.
     */
    @Transactional
    public Optional<Long> startRecovery(String personalId) {
        if (personalId == null || !PersonalIdNumber.isWellFormed(personalId.strip())) {
            throw ApiProblem.invalidField("personalId", "INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED);
        }
        Optional<CitizenAccount> account = accounts.findByPersonalId(personalId.strip())
                .filter(a -> a.phone() != null && a.state() != CitizenAccount.State.REVOKED
                        && a.state() != CitizenAccount.State.SUSPENDED);
        account.ifPresent(a -> {
            try {
                codes.send(a.id(), OneTimeCodes.Purpose.RECOVERY, a.phone());
            } catch (ApiProblem tooSoon) {
                // A code was sent moments ago and still works; saying so would tell that the account exists.
            }
        });
        return account.map(CitizenAccount::id);
    }

    /** A new password after the phone code: the lock is lifted and every other sign-in ends. */
    @Transactional(noRollbackFor = ApiProblem.class)
    public void finishRecovery(long accountId, String code, String password, String confirmation) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        PersonFinder.PersonView person = self(account, List.of("personalId", "dateOfBirth"), AccessLog.Channel.WEB);
        FieldErrors errors = new FieldErrors();
        PasswordPolicy.check(errors, "password", password, confirmation, account.personalId(), person.dateOfBirth());
        errors.throwIfAny();
        if (!codes.verify(accountId, OneTimeCodes.Purpose.RECOVERY, account.phone(), code)) {
            throw ApiProblem.invalidField("code", "WRONG_CODE", "The code is wrong or has expired; ask for a new one");
        }
        accounts.update(accountId, """
                        password_hash = ?, failed_logins = 0, locked_until = null,
                        state = case when state in ('PENDING', 'LOCKED') then 'ACTIVE' else state end,
                        phone_confirmed_at = coalesce(phone_confirmed_at, now())""", passwords.encode(password));
        accounts.event(accountId, "RECOVERED", "self", "new password set through the phone");
        sessions.endAll(accountId, "RECOVERY");
        passkeys.recovered(accountId, account.phone());
        counted(account, accountId);
    }

    // --- level 2 at the counter

    /**
     * Records the identity check an officer of the person's jurisdiction has done in person.
     * A level-1 account is upgraded; otherwise a level-2 account is created, which the citizen
     * activates by setting a password through the code sent to the phone given here.
     */
    @Transactional
    public AccountView activateLevel2(String personalId, String evidenceRef, String phoneNumber) {
        Staff staff = CurrentStaff.require();
        FieldErrors errors = new FieldErrors();
        String evidence = errors.text("evidenceRef", evidenceRef, 200);
        String phone = phoneNumber == null || phoneNumber.isBlank() ? null : Phones.normalize(errors, "phone", phoneNumber);
        errors.throwIfAny();
        PersonFinder.PersonView person = finder.get(personalId, "Kích hoạt tài khoản định danh điện tử mức 2 (" + evidence + ")",
                AccessLog.Channel.API);
        if (!PersonStatus.ALIVE.name().equals(person.status())) {
            throw ApiProblem.conflict("PERSON_NOT_ALIVE", "An account is issued only to a living person");
        }
        if (!Eligibility.mayHoldLevel2(person.dateOfBirth(), LocalDate.now(clock))) {
            throw ApiProblem.conflict("NOT_ELIGIBLE_FOR_LEVEL_2", "A child under " + Eligibility.LEVEL_2_ON_REQUEST_AGE
                    + " holds a level-1 account only, through a parent");
        }
        Optional<CitizenAccount> existing = accounts.lockByPersonalId(personalId);
        long id;
        if (existing.isPresent()) {
            CitizenAccount account = existing.get();
            if (account.state() == CitizenAccount.State.REVOKED) {
                throw ApiProblem.conflict("ACCOUNT_REVOKED", "This account has been revoked");
            }
            id = account.id();
            String newPhone = phone != null ? phone : account.phone();
            if (newPhone == null) {
                throw ApiProblem.invalidField("phone", "PHONE_REQUIRED", "Record the citizen's phone number");
            }
            accounts.update(id, "level = 2, level2_at = now(), level2_by = ?, level2_evidence = ?",
                    staff.username(), evidence);
            accounts.event(id, "LEVEL_2_ACTIVATED", staff.username(), evidence);
            if (!newPhone.equals(account.phone())) {
                // The phone of the level-1 account was never checked in person: whoever registered it
                // (perhaps with a copy of the card) loses the account, which the verified phone activates anew.
                accounts.update(id, """
                                phone = ?, phone_confirmed_at = now(), password_hash = null, totp_enabled = false,
                                totp_secret = null, totp_pending = null, state = 'PENDING'""", newPhone);
                accounts.event(id, "CREDENTIALS_RESET", staff.username(), "phone changed at level-2 activation");
                passkeys.removeAll(id, staff.username(), "phone changed at level-2 activation");
                sessions.endAll(id, "LEVEL_2_NEW_PHONE");
            }
        } else {
            String newPhone = phone != null ? phone : person.phone();
            if (newPhone == null) {
                throw ApiProblem.invalidField("phone", "PHONE_REQUIRED", "Record the citizen's phone number");
            }
            id = accounts.insert(personalId, 2, CitizenAccount.State.PENDING, null, newPhone);
            accounts.update(id, "level2_at = now(), level2_by = ?, level2_evidence = ?, phone_confirmed_at = now()",
                    staff.username(), evidence);
            accounts.event(id, "LEVEL_2_CREATED", staff.username(), evidence);
        }
        counted(existing.orElse(null), id);
        return view(accounts.find(id).orElseThrow());
    }

    @Transactional
    public AccountView status(String personalId) {
        finder.get(personalId, "Tra cứu trạng thái tài khoản định danh điện tử", AccessLog.Channel.API);
        return accounts.findByPersonalId(personalId).map(CitizenAccounts::view)
                .orElseThrow(() -> ApiProblem.notFound("ACCOUNT_NOT_FOUND", "This person has no e-ID account"));
    }

    /** Suspension (misuse suspected, phone lost) ends every sign-in; reinstatement lets the citizen log in again. */
    @Transactional
    public AccountView changeState(String personalId, String target, String reason) {
        Staff staff = CurrentStaff.require();
        FieldErrors errors = new FieldErrors();
        String state = errors.oneOf("state", target, java.util.Set.of("SUSPENDED", "ACTIVE", "REVOKED"));
        String why = errors.text("reason", reason, 300);
        errors.throwIfAny();
        finder.get(personalId, "Thay đổi trạng thái tài khoản định danh điện tử: " + why, AccessLog.Channel.API);
        CitizenAccount account = accounts.lockByPersonalId(personalId)
                .orElseThrow(() -> ApiProblem.notFound("ACCOUNT_NOT_FOUND", "This person has no e-ID account"));
        if (account.state() == CitizenAccount.State.REVOKED) {
            throw ApiProblem.conflict("ACCOUNT_REVOKED", "A revoked account stays revoked");
        }
        if ("ACTIVE".equals(state) && account.state() != CitizenAccount.State.SUSPENDED) {
            throw ApiProblem.conflict("NOT_SUSPENDED", "Only a suspended account is reinstated");
        }
        accounts.update(account.id(), "state = ?, state_reason = ?", state, why);
        accounts.event(account.id(), "STATE_" + state, staff.username(), why);
        if (!"ACTIVE".equals(state)) {
            sessions.endAll(account.id(), state);
        }
        counted(account, account.id());
        return view(accounts.find(account.id()).orElseThrow());
    }

    /** Runs inside the transaction that records the death: the account and its sessions end with it. */
    @EventListener
    void onDeath(RegistryEvent.Died death) {
        accounts.lockByPersonalId(death.personalId())
                .filter(a -> a.state() != CitizenAccount.State.REVOKED)
                .ifPresent(a -> {
                    accounts.update(a.id(), "state = 'REVOKED', state_reason = ?", "Death recorded (" + death.dateOfDeath() + ")");
                    accounts.event(a.id(), "REVOKED", "registry", "death recorded");
                    sessions.endAll(a.id(), "DEATH");
                    counted(a, a.id());
                });
    }

    // --- second factor: authenticator app

    /**
     * The secret being set up: a new one the first time, the same one until it is confirmed, so
     * that the app already scanned keeps matching. The secret in force (if any) stays in force.
     */
    @Transactional
    public String startTotp(long accountId) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        byte[] secret;
        if (account.sealedPendingTotp() != null) {
            secret = secrets.open(account.sealedPendingTotp());
        } else {
            secret = Totp.newSecret();
            accounts.update(accountId, "totp_pending = ?", secrets.seal(secret));
        }
        return Totp.uri(secret, account.maskedPhone().isEmpty() ? "citizen" : "citizen " + account.maskedPhone());
    }

    @Transactional(noRollbackFor = ApiProblem.class)
    public void confirmTotp(long accountId, String code) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        if (account.sealedPendingTotp() == null) {
            throw ApiProblem.conflict("TOTP_NOT_STARTED", "Start the set-up of an authenticator app first");
        }
        var step = Totp.verify(secrets.open(account.sealedPendingTotp()), code, clock.instant());
        if (step.isEmpty()) {
            throw ApiProblem.invalidField("code", "WRONG_CODE", "The code does not match; check the time on your phone");
        }
        accounts.update(accountId, "totp_secret = totp_pending, totp_pending = null, totp_enabled = true, totp_last_step = ?",
                step.getAsLong());
        accounts.event(accountId, "TOTP_ENABLED", "self", null);
    }

    @Transactional
    public void disableTotp(long accountId) {
        accounts.update(accountId, "totp_enabled = false, totp_secret = null, totp_pending = null, totp_last_step = null");
        accounts.event(accountId, "TOTP_DISABLED", "self", null);
    }

    // --- demo mode

    /**
     * A demo account, active at once, with the published demo password; with a TOTP secret
     * (base32) when given, so that the README can tell how to get its codes. Does nothing when
     * the person already has an account.
     */
    @Transactional
    public void createDemoAccount(String personalId, int level, String phone, String password, String totpBase32) {
        if (accounts.findByPersonalId(personalId).isPresent()) {
            return;
        }
        long id = accounts.insert(personalId, level, CitizenAccount.State.ACTIVE, passwords.encode(password), phone);
        accounts.update(id, "phone_confirmed_at = now(), level2_at = case when level = 2 then now() end, "
                + "level2_by = case when level = 2 then 'system.demo' end, level2_evidence = case when level = 2 then 'demo' end");
        if (totpBase32 != null) {
            accounts.update(id, "totp_secret = ?, totp_enabled = true", secrets.seal(Totp.fromBase32(totpBase32)));
        }
        accounts.event(id, "DEMO_CREATED", "system.demo", "level " + level);
        counted(null, id);
    }

    // --- the programme's indicators

    /** The level at which the indicators count an account: its level while in use (active, or locked for a while), else 0. */
    static int countedLevel(CitizenAccount account) {
        return account != null && (account.state() == CitizenAccount.State.ACTIVE || account.state() == CitizenAccount.State.LOCKED)
                ? account.level() : 0;
    }

    /** Tells the statistics, in this transaction, when a change took the account in or out of use or to another level. */
    private void counted(CitizenAccount before, long accountId) {
        CitizenAccount after = accounts.find(accountId).orElseThrow();
        if (countedLevel(before) != countedLevel(after)) {
            events.publishEvent(new EidAccountChanged(after.personalId(), countedLevel(before), countedLevel(after)));
        }
    }

    // --- for the citizen's own pages

    /**
     * The personal ID number of the citizen this request acts for (logged in on the citizen
     * pages, or a token the citizen gave), if the account can still be used.
     */
    public Optional<String> currentPersonalId() {
        return CitizenPrincipal.accountId(org.springframework.security.core.context.SecurityContextHolder.getContext()
                        .getAuthentication())
                .flatMap(accounts::find).filter(a -> a.usableAt(java.time.Instant.now())).map(CitizenAccount::personalId);
    }

    /**
     * The assurance level of the current citizen login: 2 for a level-2 account that gave its second
     * factor, 1 otherwise, 0 without a usable citizen login. Pages that show what only level 2 shows
     * (the wallet) ask this, not the account's level: a password alone proves level 1.
     */
    public int currentLevel() {
        org.springframework.security.core.Authentication auth =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return currentPersonalId().isPresent() ? CitizenPrincipal.loa(auth.getAuthorities()) : 0;
    }

    @Transactional(readOnly = true)
    public AccountView view(long accountId) {
        return view(accounts.find(accountId).orElseThrow());
    }

    /** The citizen's own registry record; the read is in the access log with the channel SELF. */
    @Transactional
    public PersonFinder.PersonView myRegistryData(long accountId) {
        return self(accounts.find(accountId).orElseThrow(), PersonFinder.personFields(), AccessLog.Channel.SELF);
    }

    List<EidViews.EventView> events(long accountId) {
        return accounts.events(accountId, 20);
    }

    private PersonFinder.PersonView self(CitizenAccount account, List<String> fields, AccessLog.Channel channel) {
        return finder.readFor(account.personalId(), new PersonFinder.Requester(AccessLog.ActorType.SELF,
                        account.principalName(), "Công dân xem thông tin của mình", channel), fields)
                .orElseThrow(() -> new IllegalStateException("An account's person is missing from the registry"));
    }

    static AccountView view(CitizenAccount a) {
        return new AccountView(a.personalId(), a.level(), a.state().name(), a.maskedPhone(), a.totpEnabled(), a.createdAt(),
                a.level2At(), a.lastLoginAt(), a.stateReason());
    }

    private static boolean matches(PersonFinder.PersonView person, String fullName, LocalDate dob, String cardNumber,
                                   LocalDate cardIssued) {
        boolean name = Text.canonical(person.fullName()).toLowerCase(Locale.ROOT)
                .equals(Text.canonical(fullName).toLowerCase(Locale.ROOT));
        boolean card = person.cards().stream().anyMatch((Card c) -> c.cardNumber().equals(cardNumber.strip())
                && c.issueDate().equals(cardIssued));
        return name && person.dateOfBirth().equals(dob) && card;
    }

    private static String maskPhone(String phone) {
        return "•••••" + phone.substring(phone.length() - 3);
    }
}
