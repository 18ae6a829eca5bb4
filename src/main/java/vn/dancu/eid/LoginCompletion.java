package vn.dancu.eid;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;

/**
 * The end of every citizen login (password and code on the pages, or a passkey): a new HTTP
 * session id, the sign-in's row in {@link CitizenSessions}, the login in the session, and the way
 * on: the relying party's pending authorization request when there is one, exactly as it was
 * asked, else the page the login was started for, else the account page.
 */
@Component
class LoginCompletion {

    /** A page of the citizen's own to come back to after a re-authentication (not an authorization request). */
    static final String RETURN_TO = "eid.returnTo";

    private final CitizenSessions sessions;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    LoginCompletion(CitizenSessions sessions) {
        this.sessions = sessions;
    }

    /** Where to go next. {@code replacesSession}: the sign-in row a step-up replaces (its {@code sid} continues). */
    String complete(Authentication auth, long accountId, String replacesSession, HttpServletRequest request,
                    HttpServletResponse response) {
        // A step-up continues the device's sign-in: relying parties keep seeing the same sid (see SignIns).
        String signIn = replacesSession == null ? null
                : SignIns.of(SecurityContextHolder.getContext().getAuthentication()).orElse(null);
        if (replacesSession != null) {
            sessions.end(replacesSession, accountId, "STEP_UP");
        }
        request.getSession();
        request.changeSessionId();
        String sessionId = sessions.open(accountId, CitizenPrincipal.acr(CitizenPrincipal.loa(auth.getAuthorities())),
                request.getHeader("User-Agent"), request.getRemoteAddr());
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SignIns.mark(auth, signIn == null ? sessionId : signIn));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(CitizenSessions.ATTRIBUTE, sessionId);
        SavedRequest saved = requests.getRequest(request, response);
        if (saved != null && saved.getRedirectUrl().contains("/oauth2/authorize")) {
            requests.removeRequest(request, response);
            request.getSession().removeAttribute(RETURN_TO);
            return saved.getRedirectUrl();
        }
        Object returnTo = request.getSession().getAttribute(RETURN_TO);
        request.getSession().removeAttribute(RETURN_TO);
        return returnTo instanceof String path && path.startsWith("/eid/account") ? path : "/eid/account";
    }
}
