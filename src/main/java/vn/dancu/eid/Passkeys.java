package vn.dancu.eid;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Citizens' passkeys (WebAuthn, through Spring Security's {@link Webauthn4JRelyingPartyOperations}):
 * a level-2 account adds one right after a level-2 login, and then logs in with it alone at level 2
 * (possession of the key and the device's own user verification, which is required at both
 * ceremonies). Discoverable credentials only: the login needs no personal ID number, so the login
 * page does not tell who has a passkey.
 *
 * <p>The relying party is {@code dancu.eid.passkeys.rp-id} (by default the host of the public URL)
 * and the origins allowed are {@code dancu.eid.passkeys.origins} (by default the public URL's);
 * both are read on first use, as {@link Issuer} is, because a test server names its port only once
 * it listens.
 */
@Service
class Passkeys {

    /** How long after its level-2 factor a login may still add a passkey: a stolen older session cannot. */
    static final Duration FRESH = Duration.ofMinutes(5);
    static final int MAX_PER_ACCOUNT = 10;
    static final int LABEL_MAX = 40;

    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);

    private final PasskeyStore store;
    private final CitizenAccountRepository accounts;
    private final SmsGateway sms;
    private final Environment env;
    private final Clock clock;
    private volatile Webauthn4JRelyingPartyOperations operations;

    Passkeys(PasskeyStore store, CitizenAccountRepository accounts, SmsGateway sms, Environment env, Clock clock) {
        this.store = store;
        this.accounts = accounts;
        this.sms = sms;
        this.env = env;
        this.clock = clock;
    }

    /** Whether this login may add a passkey now: a level-2 account, signed in at level 2 in the last minutes. */
    Optional<ApiProblem> refusalToAdd(Authentication login) {
        long accountId = CitizenPrincipal.accountId(login).orElseThrow();
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        if (account.level() != 2 || !account.usableAt(clock.instant())) {
            return Optional.of(new ApiProblem(HttpStatus.FORBIDDEN, "LEVEL_2_REQUIRED",
                    "Only a level-2 account adds a passkey; level 2 is activated in person at the police"));
        }
        if (CitizenPrincipal.loa(login.getAuthorities()) < 2 || !fresh(login)) {
            return Optional.of(new ApiProblem(HttpStatus.FORBIDDEN, "REAUTHENTICATION_REQUIRED",
                    "Confirm it is you with your second factor, then add the passkey within " + FRESH.toMinutes() + " minutes"));
        }
        if (store.count(accountId) >= MAX_PER_ACCOUNT) {
            return Optional.of(ApiProblem.conflict("TOO_MANY_PASSKEYS",
                    "An account holds at most " + MAX_PER_ACCOUNT + " passkeys; remove one first"));
        }
        return Optional.empty();
    }

    /** The newest level-2 factor (a code, or a passkey) was given less than {@link #FRESH} ago. */
    boolean fresh(Authentication login) {
        Instant now = clock.instant();
        return login.getAuthorities().stream()
                .filter(a -> a instanceof FactorGrantedAuthority f && f.getIssuedAt() != null
                        && CitizenPrincipal.LEVEL_2_FACTORS.contains(a.getAuthority()))
                .map(a -> ((FactorGrantedAuthority) a).getIssuedAt())
                .anyMatch(at -> !at.isAfter(now.plusSeconds(5)) && at.plus(FRESH).isAfter(now));
    }

    @Transactional
    PublicKeyCredentialCreationOptions creationOptions(Authentication login) {
        refusalToAdd(login).ifPresent(p -> {
            throw p;
        });
        store.ensureUserHandle(CitizenPrincipal.accountId(login).orElseThrow());
        return operations().createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(login));
    }

    /**
     * Checks the authenticator's answer against the options this session was given and keeps the
     * credential under the citizen's name for it; the account's history records it, and the phone
     * is told, so that a passkey added by someone else does not go unnoticed.
     */
    @Transactional(noRollbackFor = ApiProblem.class)
    long register(Authentication login, PublicKeyCredentialCreationOptions options, RelyingPartyPublicKey key) {
        long accountId = CitizenPrincipal.accountId(login).orElseThrow();
        refusalToAdd(login).ifPresent(p -> {
            throw p;
        });
        PublicKeyCredentialUserEntity user = store.userEntities().findByUsername(login.getName());
        if (user == null || !user.getId().equals(options.getUser().getId())) {
            throw ApiProblem.conflict("PASSKEY_OPTIONS_EXPIRED", "Start adding the passkey again");
        }
        if (store.labelTaken(accountId, key.getLabel())) {
            throw ApiProblem.invalidField("label", "LABEL_TAKEN", "Another passkey of yours has this name");
        }
        CredentialRecord record;
        try {
            record = operations().registerCredential(new ImmutableRelyingPartyRegistrationRequest(options, key));
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("Passkey registration refused: {}", e.getClass().getName());
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "PASSKEY_NOT_ACCEPTED",
                    "The authenticator's answer does not verify (origin, challenge, user verification or key); try again");
        }
        long id = store.ownerOf(record.getCredentialId()).filter(o -> o.accountId() == accountId).map(PasskeyStore.Owner::id)
                .orElseThrow(() -> new IllegalStateException("The passkey was not stored"));
        accounts.event(accountId, "PASSKEY_ADDED", "self", key.getLabel());
        CitizenAccount account = accounts.find(accountId).orElseThrow();
        sms.send(account.phone(), "dancu: mot khoa truy cap (passkey) vua duoc them vao tai khoan dinh danh cua ban. "
                + "Neu khong phai ban, hay dang nhap va xoa no, roi lien he Cong an cap xa.");
        return id;
    }

    /** The name the citizen gives a passkey: 1 to 40 printable characters, unique among theirs. */
    static String label(FieldErrors errors, String given) {
        String label = given == null ? "" : given.strip().replaceAll("\\s+", " ");
        if (label.isEmpty()) {
            errors.add("label", "LABEL_REQUIRED", "Give the passkey a name, such as the device it is on");
        } else if (label.codePointCount(0, label.length()) > LABEL_MAX) {
            errors.add("label", "LABEL_TOO_LONG", "A passkey's name has at most " + LABEL_MAX + " characters");
        } else if (label.codePoints().anyMatch(c -> Character.isISOControl(c) || c == '<' || c == '>')) {
            errors.add("label", "LABEL_INVALID", "A passkey's name has no control characters and no < or >");
        }
        return label;
    }

    PublicKeyCredentialRequestOptions requestOptions() {
        return operations().createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(null));
    }

    /** Who the assertion proves: the account and whether the key is synced between devices. */
    @Transactional(noRollbackFor = ApiProblem.class)
    PasskeyStore.Owner authenticate(PublicKeyCredentialRequestOptions options, PublicKeyCredential<AuthenticatorAssertionResponse> assertion) {
        Optional<PasskeyStore.Owner> owner = store.ownerOf(assertion.getRawId());
        if (owner.isEmpty()) {
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "PASSKEY_NOT_RECOGNISED",
                    "This passkey is not (or no longer) registered with any account; log in with your password");
        }
        try {
            operations().authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
        } catch (DataAccessException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("Passkey assertion refused: {}", e.getClass().getName());
            throw new ApiProblem(HttpStatus.UNAUTHORIZED, "PASSKEY_NOT_ACCEPTED",
                    "The passkey's answer does not verify (origin, challenge, user verification or signature); try again");
        }
        return owner.get();
    }

    List<EidViews.PasskeyView> of(long accountId) {
        return store.of(accountId);
    }

    Optional<EidViews.PasskeyView> find(long accountId, long id) {
        return store.find(accountId, id);
    }

    @Transactional
    boolean remove(long accountId, long id) {
        Optional<EidViews.PasskeyView> passkey = store.find(accountId, id);
        if (passkey.isEmpty() || !store.remove(accountId, id)) {
            return false;
        }
        accounts.event(accountId, "PASSKEY_REMOVED", "self", passkey.get().label());
        return true;
    }

    /** Every passkey of the account goes (the credentials were reset at the counter); recorded with who did it. */
    void removeAll(long accountId, String actor, String why) {
        int removed = store.removeAll(accountId);
        if (removed > 0) {
            accounts.event(accountId, "PASSKEYS_REMOVED", actor, removed + " passkey(s): " + why);
        }
    }

    boolean toReviewAfterRecovery(long accountId) {
        return store.toReviewAfterRecovery(accountId);
    }

    /** The citizen has looked at their passkeys after a recovery: the account page stops asking. */
    @Transactional
    void reviewed(long accountId) {
        if (store.toReviewAfterRecovery(accountId)) {
            accounts.event(accountId, "PASSKEYS_REVIEWED", "self", null);
        }
    }

    /**
     * After a recovery through the phone the passkeys stay (whoever holds one has passed its
     * device's check; the phone alone is the weaker proof), and the phone is told that they do.
     */
    void recovered(long accountId, String phone) {
        int count = store.count(accountId);
        if (count > 0) {
            sms.send(phone, "dancu: tai khoan dinh danh cua ban vua duoc khoi phuc. " + count + " khoa truy cap (passkey) "
                    + "van dang nhap duoc; neu co khoa khong phai cua ban, hay xoa tai trang Tai khoan cua toi.");
        }
    }

    int count(long accountId) {
        return store.count(accountId);
    }

    private Webauthn4JRelyingPartyOperations operations() {
        Webauthn4JRelyingPartyOperations known = operations;
        if (known == null) {
            known = build();
            operations = known;
        }
        return known;
    }

    private Webauthn4JRelyingPartyOperations build() {
        String publicUrl = env.getProperty("dancu.public-url", "http://localhost:8080");
        String rpId = env.getProperty("dancu.eid.passkeys.rp-id", "");
        if (rpId.isBlank()) {
            rpId = URI.create(publicUrl).getHost();
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : env.getProperty("dancu.eid.passkeys.origins", "").split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.strip().replaceAll("/+$", ""));
            }
        }
        if (origins.isEmpty()) {
            URI uri = URI.create(publicUrl);
            origins.add(uri.getScheme() + "://" + uri.getAuthority());
        }
        var ops = new Webauthn4JRelyingPartyOperations(store.userEntities(), store.credentials(),
                PublicKeyCredentialRpEntity.builder().id(rpId).name("dancu e-ID").build(), origins);
        // Discoverable, so that the login needs no ID number; user verification required at both ceremonies.
        ops.setCustomizeCreationOptions(options -> options.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                .residentKey(ResidentKeyRequirement.REQUIRED).userVerification(UserVerificationRequirement.REQUIRED).build()));
        ops.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return ops;
    }
}
