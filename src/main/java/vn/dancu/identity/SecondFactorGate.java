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
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dancu.platform.ProblemResponses;

/**
 * Holds a staff login at its second step: until it has given its second factor, a login that
 * needs one (see {@link SecondFactors#required}) reaches only the steps themselves, the public
 * pages and logout. Pages are sent to the step (and come back to where they were going); API
 * calls are refused with {@code 401 SECOND_FACTOR_REQUIRED}. A login still to enrol its first
 * factor may also register a passkey; one that has factors may not add any before using one.
 */
final class SecondFactorGate extends OncePerRequestFilter {

    static final String STEP_PAGE = "/login/second-factor";
    /** Where passkeys are added (Spring's creation options and registration, at the staff chain's own paths). */
    static final String REGISTRATION = "/staff/account/passkeys";

    private static final Set<String> ALWAYS = Set.of("/logout", "/login", StaffWebAuthn.LOGIN, StaffWebAuthn.LOGIN_OPTIONS);

    private final SecondFactors factors;
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    SecondFactorGate(SecondFactors factors) {
        this.factors = factors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !(auth.getPrincipal() instanceof Staff staff) || StaffLoginFactors.complete(auth) || allowed(request, staff)) {
            chain.doFilter(request, response);
            return;
        }
        if (ProblemResponses.isApi(request)) {
            ProblemResponses.write(request, response, HttpStatus.UNAUTHORIZED, "SECOND_FACTOR_REQUIRED",
                    "This login needs its second factor: open an API session with a one-time code (POST /api/v1/auth/session), "
                            + "or use a token of the platform's OpenID provider");
            return;
        }
        if ("GET".equals(request.getMethod())) {
            requests.saveRequest(request, response);
        }
        response.sendRedirect(request.getContextPath() + STEP_PAGE);
    }

    private boolean allowed(HttpServletRequest request, Staff staff) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (ALWAYS.contains(path) || path.equals(STEP_PAGE) || path.startsWith(STEP_PAGE + "/")) {
            return true;
        }
        if (path.equals(REGISTRATION) || path.equals(REGISTRATION + "/options")) {
            return !factors.enrolled(staff.id());
        }
        // public pages and files, and the API session's own door (it asks for the code itself)
        return AuthorizationMatrix.isPublic(request);
    }
}
