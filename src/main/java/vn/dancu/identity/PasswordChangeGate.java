package vn.dancu.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.platform.ProblemResponses;

/**
 * A staff login with a one-time password (a new account, a reset) may do one thing: change it.
 * Pages lead to {@code /staff/password}; the API answers 403 {@code PASSWORD_CHANGE_REQUIRED}
 * except for the password change itself. What anyone may open (the home page, styles, the
 * login page) stays open, and logout works (its filter runs before this one).
 *
 * <p>The login carries {@link #AUTHORITY} while the change is due. The second factor is given
 * first ({@link SecondFactorGate} runs before this gate), so its step stays open here.
 */
final class PasswordChangeGate extends OncePerRequestFilter {

    static final String AUTHORITY = "PASSWORD_CHANGE_REQUIRED";
    static final String PAGE = "/staff/password";
    static final String API = "/api/v1/auth/password";
    private static final Set<String> ALLOWED = Set.of(PAGE, API, "/api/v1/auth/session", "/logout");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!mustChange(SecurityContextHolder.getContext().getAuthentication()) || allowed(request)) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, AUTHORITY,
                    "Your password is a one-time password: change it first (POST " + API + ", or the page " + PAGE + ")");
        } else {
            response.sendRedirect(request.getContextPath() + PAGE);
        }
    }

    static boolean mustChange(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof Staff
                && authentication.getAuthorities().stream().anyMatch(a -> AUTHORITY.equals(a.getAuthority()));
    }

    private static boolean allowed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        // the second factor comes first (SecondFactorGate runs before this gate): its step and a first passkey stay open
        return ALLOWED.contains(path) || AuthorizationMatrix.isPublic(request) || path.startsWith(SecondFactorGate.STEP_PAGE)
                || path.startsWith(SecondFactorGate.REGISTRATION);
    }
}
