package vn.dancu.eid;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The end of every citizen login (password and code on the pages, or a passkey): a new HTTP
 * session id, the sign-in's row in {@link CitizenSessions}, the login in the session, and the way
 * on: the relying party's pending authorization request when there is one, exactly as it was
 * asked, else the page the login was started for, else the account page.
 */
@Component
class LoginCompletion {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** A page of the citizen's own to come back to after a re-authentication (not an authorization request). */
    static final String RETURN_TO = "eid.returnTo";

    private final CitizenSessions sessions;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
    private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

    LoginCompletion(CitizenSessions sessions, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock) {
        this.sessions = sessions;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
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
        SavedRequest saved = requests.getRequest(request, response);
        String relyingParty = saved == null ? "" : relyingParty(saved.getRedirectUrl());
        int level = CitizenPrincipal.loa(auth.getAuthorities());
        Instant at = clock.instant();
        // The sign-in and its count in the statistics commit together.
        String sessionId = transactions.execute(tx -> {
            String id = sessions.open(accountId, CitizenPrincipal.acr(level), relyingParty, at, request.getHeader("User-Agent"),
                    request.getRemoteAddr());
            events.publishEvent(new CitizenSignedIn(LocalDate.ofInstant(at, VIETNAM), relyingParty, level));
            return id;
        });
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(SignIns.mark(auth, signIn == null ? sessionId : signIn));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        request.getSession().setAttribute(CitizenSessions.ATTRIBUTE, sessionId);
        if (saved != null && saved.getRedirectUrl().contains("/oauth2/authorize")) {
            requests.removeRequest(request, response);
            request.getSession().removeAttribute(RETURN_TO);
            return saved.getRedirectUrl();
        }
        Object returnTo = request.getSession().getAttribute(RETURN_TO);
        request.getSession().removeAttribute(RETURN_TO);
        return returnTo instanceof String path && path.startsWith("/eid/account") ? path : "/eid/account";
    }

    /**
     * The client id of the authorization request the login answers; empty for another page. The
     * provider checked the client before it saved the request, so the id names a registered client.
     */
    static String relyingParty(String savedUrl) {
        if (savedUrl == null || !savedUrl.contains("/oauth2/authorize")) {
            return "";
        }
        String clientId = UriComponentsBuilder.fromUriString(savedUrl).build().getQueryParams().getFirst("client_id");
        clientId = clientId == null ? "" : URLDecoder.decode(clientId, StandardCharsets.UTF_8);
        return clientId.length() > 100 ? clientId.substring(0, 100) : clientId;
    }
}
