package vn.dancu.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * API sessions, opened on request: a client signs in once, with its username, password and a code
 * of its authenticator app (in demo mode also with HTTP Basic, and without a code where the account
 * has no second factor), and then authenticates with the {@code JSESSIONID} cookie, which spares a
 * password hash per call. Wrong passwords and wrong codes count toward the same lockout, and the
 * answer does not say which of the two was wrong.
 */
@RestController
@RequestMapping("/api/v1/auth/session")
@Tag(name = "Staff sessions", description = "Open an API session with username, password and one-time code; then send the JSESSIONID cookie")
class SessionController {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
    private final org.springframework.security.authentication.AuthenticationManager authenticationManager;
    private final SecondFactors factors;
    private final java.time.Clock clock;
    private final boolean demo;

    SessionController(org.springframework.security.authentication.AuthenticationManager authenticationManager, SecondFactors factors,
                      java.time.Clock clock, @org.springframework.beans.factory.annotation.Value("${dancu.demo:false}") boolean demo) {
        this.authenticationManager = authenticationManager;
        this.factors = factors;
        this.clock = clock;
        this.demo = demo;
    }

    /** {@code code}: the 6 digits of the authenticator app; required outside demo mode. */
    record Credentials(String username, String password, String code) {
    }

    /** {@code csrfToken}: sent as {@code X-CSRF-TOKEN} with the cookie on every change (a cookie alone could be forged by another site). */
    record Opened(String username, StaffRole role, int expiresInSeconds, String csrfToken) {
    }

    @PostMapping
    @Operation(summary = "Open a session with username, password and the one-time code of the authenticator app (JSON); "
            + "in demo mode also with HTTP Basic and no body")
    ResponseEntity<Opened> open(@org.springframework.web.bind.annotation.RequestBody(required = false) Credentials credentials,
                                HttpServletRequest request, HttpServletResponse response) {
        if (credentials == null) {
            return openWithBasic(request, response);
        }
        vn.dancu.platform.FieldErrors errors = new vn.dancu.platform.FieldErrors();
        String username = errors.text("username", credentials == null ? null : credentials.username(), 64);
        String password = errors.text("password", credentials == null ? null : credentials.password(), 1024);
        String code = credentials == null || credentials.code() == null ? "" : credentials.code().strip();
        if (code.isEmpty() && !demo) {
            errors.add("code", "REQUIRED", "The 6-digit code of the authenticator app is required");
        } else if (!code.isEmpty() && !code.matches("[0-9]{6}")) {
            errors.add("code", "INVALID_FORMAT", "6 digits");
        }
        errors.throwIfAny();
        org.springframework.security.core.Authentication auth;
        try {
            auth = authenticationManager.authenticate(
                    org.springframework.security.authentication.UsernamePasswordAuthenticationToken.unauthenticated(username, password));
        } catch (org.springframework.security.core.AuthenticationException e) {
            throw wrong();
        }
        Staff staff = (Staff) auth.getPrincipal();
        if (!StaffLoginFactors.complete(auth)) {
            if (!factors.state(staff.id()).totp()) {
                throw vn.dancu.platform.ApiProblem.forbidden("TOTP_NOT_ENROLLED", "An API session takes a code of an authenticator app: "
                        + "enrol one at the staff login (/login) or on /staff/account/security, or use a bearer token");
            }
            if (code.isEmpty()) {
                throw new vn.dancu.platform.ApiProblem(HttpStatus.UNAUTHORIZED, "SECOND_FACTOR_REQUIRED",
                        "This account has a second factor: send the code of its authenticator app");
            }
            if (factors.verifyTotp(staff.id(), code) != SecondFactors.Check.ACCEPTED) {
                throw wrong();
            }
            var authorities = new java.util.ArrayList<org.springframework.security.core.GrantedAuthority>(auth.getAuthorities());
            authorities.add(org.springframework.security.core.authority.FactorGrantedAuthority.withAuthority(StaffLoginFactors.TOTP)
                    .issuedAt(clock.instant()).build());
            auth = org.springframework.security.authentication.UsernamePasswordAuthenticationToken.authenticated(staff, null, authorities);
        }
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(auth);
        SecurityContextHolder.setContext(context);
        return opened(staff, request, response);
    }

    /**
     * The login with a JSON body: exempt from the CSRF token, as another site's page cannot send
     * {@code application/json} here without a CORS preflight, which this platform never answers.
     */
    static boolean isLogin(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !"POST".equals(request.getMethod())
                || !request.getRequestURI().equals(request.getContextPath() + "/api/v1/auth/session")) {
            return false;
        }
        try {
            return org.springframework.http.MediaType.APPLICATION_JSON.isCompatibleWith(org.springframework.http.MediaType.parseMediaType(type));
        } catch (org.springframework.http.InvalidMediaTypeException e) {
            return false;
        }
    }

    private static vn.dancu.platform.ApiProblem wrong() {
        return new vn.dancu.platform.ApiProblem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                "Wrong username, password or code; after repeated failures the account is locked for a while");
    }

    /** Demo mode: the caller authenticated with HTTP Basic (outside demo mode nobody is: Basic is not read). */
    private ResponseEntity<Opened> openWithBasic(HttpServletRequest request, HttpServletResponse response) {
        Staff staff = CurrentStaff.get().orElseThrow(() -> vn.dancu.platform.ApiProblem.badRequest("CREDENTIALS_REQUIRED",
                "Send username, password and the code of the authenticator app as JSON (Content-Type: application/json)"));
        if (!StaffLoginFactors.complete(SecurityContextHolder.getContext().getAuthentication())) {
            throw new vn.dancu.platform.ApiProblem(HttpStatus.UNAUTHORIZED, "SECOND_FACTOR_REQUIRED",
                    "This account has a second factor: send username, password and code as JSON");
        }
        return opened(staff, request, response);
    }

    private ResponseEntity<Opened> opened(Staff staff, HttpServletRequest request, HttpServletResponse response) {
        HttpSession existing = request.getSession(false);
        if (existing != null) {
            existing.invalidate(); // a fresh session id: no fixation of an id chosen elsewhere
        }
        sessions.saveContext(SecurityContextHolder.getContext(), request, response);
        HttpSession session = request.getSession();
        org.springframework.security.web.csrf.CsrfToken csrf =
                (org.springframework.security.web.csrf.CsrfToken) request.getAttribute(org.springframework.security.web.csrf.CsrfToken.class.getName());
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new Opened(staff.username(), staff.role(), session.getMaxInactiveInterval(), csrf == null ? null : csrf.getToken()));
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the caller's session")
    void close(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
    }
}
