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
 * API sessions, opened on request: a client signs in once with HTTP Basic and then authenticates
 * with the {@code JSESSIONID} cookie, which spares a password hash per call.
 */
@RestController
@RequestMapping("/api/v1/auth/session")
@Tag(name = "Staff sessions", description = "Open an API session with HTTP Basic; then send the JSESSIONID cookie")
class SessionController {

    private final HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    /** {@code csrfToken}: sent as {@code X-CSRF-TOKEN} with the cookie on every change (a cookie alone could be forged by another site). */
    record Opened(String username, StaffRole role, int expiresInSeconds, String csrfToken) {
    }

    @PostMapping
    @Operation(summary = "Open a session for the caller authenticated with HTTP Basic")
    ResponseEntity<Opened> open(HttpServletRequest request, HttpServletResponse response) {
        Staff staff = CurrentStaff.require();
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
