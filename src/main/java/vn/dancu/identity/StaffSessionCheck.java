package vn.dancu.identity;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request of a staff login compares the login with its account, one primary-key read: an
 * account disabled, or changed in a way that ends sessions (role, jurisdiction, password: its
 * security version rose), is signed out at once. The session ends and the request goes on as
 * anonymous, so that pages answer with the login page and the API with 401, as for anyone not
 * signed in. Bearer tokens are checked the same way when they are read ({@link StaffBearerTokens}).
 */
final class StaffSessionCheck extends OncePerRequestFilter {

    private final StaffAccountRepository accounts;

    StaffSessionCheck(StaffAccountRepository accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof Staff staff && !current(staff, authentication)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            SecurityContextHolder.clearContext();
        }
        chain.doFilter(request, response);
    }

    private boolean current(Staff staff, Authentication authentication) {
        return accounts.stamp(staff.id())
                .map(stamp -> stamp.enabled() && stamp.securityVersion() == SecurityStamp.in(authentication.getAuthorities()))
                .orElse(false);
    }
}
