package vn.dancu.eid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.SecretBox;
import vn.dancu.platform.Totp;
import vn.dancu.registry.PersonalIdNumber;

/**
 * A citizen's login in two steps: the password, then (for level 2, or when the citizen has set
 * up an authenticator app) a second factor: a TOTP code or a code sent by SMS to the confirmed
 * phone. Wrong passwords lock the account with a lock that doubles each time; failures from one
 * address are throttled across accounts.
 */
@Service
class CitizenLogin {

    static final String FAILED = "LOGIN_FAILED";

    private final CitizenAccountRepository accounts;
    private final OneTimeCodes codes;
    private final PasswordEncoder passwords;
    private final SecretBox secrets;
    private final AddressThrottle throttle;
    private final Clock clock;
    private final int maxFailures;
    private final Duration lockout;
    private final String dummyHash;

    CitizenLogin(CitizenAccountRepository accounts, OneTimeCodes codes, PasswordEncoder passwords, SecretBox secrets,
                 AddressThrottle throttle, Clock clock, @Value("${dancu.security.max-failed-logins}") int maxFailures,
                 @Value("${dancu.security.lockout}") Duration lockout) {
        this.accounts = accounts;
        this.codes = codes;
        this.passwords = passwords;
        this.secrets = secrets;
        this.throttle = throttle;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.lockout = lockout;
        this.dummyHash = passwords.encode("not-the-password-of-anyone");
    }

    /**
     * The account whose password this is. A wrong password, an unknown number and a locked account
     * get the same answer and cost the same hash; the state of the account is told only to whoever
     * knows its password.
     */
    @Transactional(noRollbackFor = ApiProblem.class)
    CitizenAccount checkPassword(String personalId, String password, String address) {
        if (throttle.blocked(address)) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
                    "Too many failed logins from your network; try again in a few minutes");
        }
        String number = personalId == null ? "" : personalId.strip();
        Optional<CitizenAccount> found = PersonalIdNumber.isWellFormed(number) ? accounts.findByPersonalId(number) : Optional.empty();
        String given = password == null ? "" : password;
        if (found.isEmpty() || found.get().passwordHash() == null) {
            passwords.matches(given, dummyHash);
            throw failed(address);
        }
        CitizenAccount account = found.get();
        Instant now = clock.instant();
        boolean matches = passwords.matches(given, account.passwordHash());
        if (account.lockedAt(now)) {
            throw failed(address);
        }
        if (!matches) {
            // Counted in every state: a pending or suspended account is not a free target for guessing.
            accounts.recordFailure(account.id(), maxFailures, lockout, now);
            throw failed(address);
        }
        switch (account.state()) {
            case PENDING -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_PENDING",
                    "Confirm your phone number first (the code sent at registration), or activate the account through account recovery");
            case SUSPENDED -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED",
                    "This account is suspended; contact the commune police");
            case REVOKED -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_REVOKED", "This account has been revoked");
            default -> {
                return account;
            }
        }
    }

    /** The method offered for the second step: the app when set up, SMS otherwise. */
    static String secondFactorMethod(CitizenAccount account) {
        return account.totpEnabled() ? "totp" : "sms";
    }

    @Transactional
    void sendSmsCode(long accountId) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        codes.send(accountId, OneTimeCodes.Purpose.LOGIN, account.phone());
    }

    /** The factor the code proves (TOTP or SMS), or a problem; a TOTP code counts once. */
    @Transactional(noRollbackFor = ApiProblem.class)
    String checkSecondFactor(long accountId, String method, String code) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        if ("totp".equals(method) && account.totpEnabled()) {
            var step = Totp.verify(secrets.open(account.sealedTotpSecret()), code == null ? "" : code.strip(), clock.instant());
            if (step.isPresent() && (account.totpLastStep() == null || step.getAsLong() > account.totpLastStep())) {
                accounts.update(accountId, "totp_last_step = ?", step.getAsLong());
                return CitizenPrincipal.TOTP;
            }
        } else if ("sms".equals(method) && codes.verify(accountId, OneTimeCodes.Purpose.LOGIN, account.phone(), code)) {
            return CitizenPrincipal.SMS;
        }
        accounts.recordFailure(accountId, maxFailures, lockout, clock.instant());
        throw ApiProblem.invalidField("code", "WRONG_CODE", "The code is wrong or has expired");
    }

    /** The login is complete: failures are forgotten and the authentication is built. */
    @Transactional
    Authentication complete(long accountId, List<String> factors) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        Instant now = clock.instant();
        if (!account.usableAt(now)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_NOT_ACTIVE", "This account cannot log in now");
        }
        accounts.recordSuccess(accountId, now);
        return CitizenPrincipal.of(account, new ArrayList<>(factors), now);
    }

    /**
     * A passkey proved the account (the device verified its user): the account's state decides as
     * after a password, and its level now decides the login's level. Its holder is told why a
     * login is refused: the passkey has shown who they are.
     */
    @Transactional(noRollbackFor = ApiProblem.class)
    Authentication completeWithPasskey(long accountId, boolean syncedKey) {
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        Instant now = clock.instant();
        switch (account.state()) {
            case PENDING -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_PENDING",
                    "Activate the account through account recovery first");
            case SUSPENDED -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_SUSPENDED",
                    "This account is suspended; contact the commune police");
            case REVOKED -> throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_REVOKED", "This account has been revoked");
            default -> {
                if (account.lockedAt(now)) {
                    throw new ApiProblem(HttpStatus.FORBIDDEN, "ACCOUNT_LOCKED",
                            "The account is locked for a while after wrong passwords; try later, or recover it through your phone");
                }
            }
        }
        accounts.recordSuccess(accountId, now);
        return CitizenPrincipal.of(account, new ArrayList<>(List.of(CitizenPrincipal.PASSKEY)), syncedKey, now);
    }

    CitizenAccount account(long accountId) {
        return accounts.find(accountId).orElseThrow();
    }

    private ApiProblem failed(String address) {
        throttle.failed(address);
        return new ApiProblem(HttpStatus.UNAUTHORIZED, FAILED,
                "Wrong personal ID number or password. After " + maxFailures + " wrong tries the account is locked for a while; "
                        + "you can recover it through your phone.");
    }
}
