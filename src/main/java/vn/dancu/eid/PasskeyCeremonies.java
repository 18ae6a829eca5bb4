package vn.dancu.eid;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.PasskeyCreation;
import vn.dancu.platform.PasskeyRequest;

/**
 * The two WebAuthn ceremonies of citizens' passkeys, as {@code /js/passkeys.js} drives them: the
 * options (with a challenge kept in the HTTP session, used once), then the authenticator's answer.
 * Under {@code /eid/}, since Spring Security's default {@code /webauthn/**} and {@code /login/webauthn}
 * belong to the staff chain. The JSON is Spring Security's WebAuthn JSON (base64url byte strings).
 * Hidden from the API document: these are the pages' own calls, in the authorisation matrix as such.
 */
@RestController
@io.swagger.v3.oas.annotations.Hidden
class PasskeyCeremonies {

    static final String REGISTER_OPTIONS = "/eid/webauthn/register/options";
    static final String REGISTER = "/eid/webauthn/register";
    static final String AUTHENTICATE_OPTIONS = "/eid/webauthn/authenticate/options";
    static final String LOGIN = "/eid/login/webauthn";

    private static final String CREATION = "eid.passkeyCreation";
    private static final String REQUEST = "eid.passkeyRequest";
    private static final int MAX_BODY = 64 * 1024;

    private final Passkeys passkeys;
    private final CitizenLogin login;
    private final LoginCompletion completion;
    private final AddressThrottle throttle;
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    PasskeyCeremonies(Passkeys passkeys, CitizenLogin login, LoginCompletion completion, AddressThrottle throttle) {
        this.passkeys = passkeys;
        this.login = login;
        this.completion = completion;
        this.throttle = throttle;
    }

    @PostMapping(REGISTER_OPTIONS)
    ResponseEntity<String> registrationOptions(HttpServletRequest request) {
        PublicKeyCredentialCreationOptions options = passkeys.creationOptions(citizen());
        request.getSession().setAttribute(CREATION, PasskeyCreation.of(options)); // serializable: the session lives in PostgreSQL
        return ok(HttpStatus.OK, json.writeValueAsString(options));
    }

    /** Body: {@code {"label": "…", "credential": {…}}}, the credential as {@code navigator.credentials.create} gave it. */
    @PostMapping(REGISTER)
    ResponseEntity<String> register(@RequestBody(required = false) String body, HttpServletRequest request) {
        RelyingPartyPublicKey given = read(body, new TypeReference<RelyingPartyPublicKey>() { });
        FieldErrors errors = new FieldErrors();
        String label = Passkeys.label(errors, given.getLabel());
        if (given.getCredential() == null || given.getCredential().getResponse() == null || given.getCredential().getRawId() == null) {
            errors.add("credential", "REQUIRED", "The credential the authenticator made is missing");
        }
        errors.throwIfAny();
        PublicKeyCredentialCreationOptions options = ((PasskeyCreation) take(request, CREATION)).options();
        long id = passkeys.register(citizen(), options, new RelyingPartyPublicKey(given.getCredential(), label));
        return ok(HttpStatus.CREATED, json.writeValueAsString(Map.of("id", id, "label", label)));
    }

    @PostMapping(AUTHENTICATE_OPTIONS)
    ResponseEntity<String> authenticationOptions(HttpServletRequest request) {
        notThrottled(request);
        PublicKeyCredentialRequestOptions options = passkeys.requestOptions();
        request.getSession().setAttribute(REQUEST, PasskeyRequest.of(options)); // see PasskeyRequest
        return ok(HttpStatus.OK, json.writeValueAsString(options));
    }

    /**
     * Body: the credential as {@code navigator.credentials.get} gave it. A login of its own, level 2
     * for a level-2 account; it resumes the relying party's pending authorization request as the
     * password login does ({@link LoginCompletion}). Answers {@code {"redirectUrl": …}}.
     */
    @PostMapping(LOGIN)
    ResponseEntity<String> login(@RequestBody(required = false) String body, HttpServletRequest request,
                                 HttpServletResponse response) {
        notThrottled(request);
        PublicKeyCredential<AuthenticatorAssertionResponse> assertion = read(body,
                new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() { });
        if (assertion.getRawId() == null || assertion.getResponse() == null) {
            throw ApiProblem.invalidField("credential", "REQUIRED", "The assertion the authenticator made is missing");
        }
        PublicKeyCredentialRequestOptions options = ((PasskeyRequest) take(request, REQUEST)).options();
        PasskeyStore.Owner owner;
        try {
            owner = passkeys.authenticate(options, assertion);
        } catch (ApiProblem refused) {
            // Counted like wrong passwords: assertions are not a free oracle either.
            throttle.failed(request.getRemoteAddr());
            throw refused;
        }
        Authentication auth = login.completeWithPasskey(owner.accountId(), owner.synced());
        String next = completion.complete(auth, owner.accountId(), null, request, response);
        return ok(HttpStatus.OK, json.writeValueAsString(Map.of("redirectUrl", next)));
    }

    private <T> T read(String body, TypeReference<T> type) {
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw ApiProblem.badRequest("MALFORMED_REQUEST", "The body must be the JSON of a WebAuthn credential (at most 64 KB)");
        }
        try {
            T value = json.readValue(body, type);
            if (value == null) {
                throw ApiProblem.badRequest("MALFORMED_REQUEST", "The body must be the JSON of a WebAuthn credential");
            }
            return value;
        } catch (JacksonException | IllegalArgumentException e) {
            throw ApiProblem.badRequest("MALFORMED_REQUEST",
                    "The body is not the JSON of a WebAuthn credential (byte strings in base64url)");
        }
    }

    /** The options this session was given, once: a second answer to one challenge is refused. */
    private static Object take(HttpServletRequest request, String attribute) {
        HttpSession session = request.getSession(false);
        Object options = session == null ? null : session.getAttribute(attribute);
        if (options == null) {
            throw ApiProblem.conflict("PASSKEY_OPTIONS_EXPIRED", "Ask for new options first: each challenge is used once");
        }
        session.removeAttribute(attribute);
        return options;
    }

    private void notThrottled(HttpServletRequest request) {
        if (throttle.blocked(request.getRemoteAddr())) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_ATTEMPTS",
                    "Too many failed logins from your network; try again in a few minutes");
        }
    }

    private static Authentication citizen() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (CitizenPrincipal.accountId(auth).isEmpty()) {
            throw new org.springframework.security.access.AccessDeniedException("Citizens only");
        }
        return auth;
    }

    private static ResponseEntity<String> ok(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
