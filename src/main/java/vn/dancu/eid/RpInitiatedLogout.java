package vn.dancu.eid;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.oidc.authentication.OidcLogoutAuthenticationValidator;

/**
 * RP-initiated logout ({@code /connect/logout}), in place of Spring Authorization Server's own
 * check. That one looks the {@code id_token_hint} up among the stored authorizations, which keep
 * only the newest ID token (a hint from before a refresh was refused), and compares its
 * {@code sid} with the principal's most recent HTTP session (with the citizen on two devices, the
 * older device was refused: spring-authorization-server#1547). Here the hint is checked as the
 * token it is: signed by this provider with a published key, issued by this issuer, an ID token
 * (not an access token), for a client that is registered now; expired hints count, as OpenID
 * Connect RP-Initiated Logout 1.0 says. When the browser asking is signed in, the hint must be
 * about that person ({@code sub}) and, when it names a sign-in ({@code sid}), about this sign-in:
 * a hint from another device is refused rather than ending the session of this one.
 */
final class RpInitiatedLogout implements AuthenticationProvider {

    private static final String SPEC = "https://openid.net/specs/openid-connect-rpinitiated-1_0.html#ValidationAndErrorHandling";

    private final RelyingParties relyingParties;
    private final CitizenClaims claims;
    private final NimbusJwtDecoder hints;
    private final OidcLogoutAuthenticationValidator redirects = new OidcLogoutAuthenticationValidator();

    RpInitiatedLogout(SigningKeys keys, Issuer issuer, RelyingParties relyingParties, CitizenClaims claims) {
        this.relyingParties = relyingParties;
        this.claims = claims;
        this.hints = NimbusJwtDecoder.withJwkSource(keys).build();
        // No time checks: an ID token that has expired is still a good hint of who is logging out.
        this.hints.setJwtValidator(jwt -> {
            boolean accessToken = "at+jwt".equalsIgnoreCase(String.valueOf(jwt.getHeaders().get("typ")));
            String iss = jwt.getClaimAsString("iss");
            return !accessToken && issuer.value().equals(iss) && jwt.getAudience() != null && jwt.getAudience().size() == 1
                    ? OAuth2TokenValidatorResult.success()
                    : OAuth2TokenValidatorResult.failure(error(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint"));
        });
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        OidcLogoutAuthenticationToken request = (OidcLogoutAuthenticationToken) authentication;
        Jwt hint;
        try {
            hint = hints.decode(request.getIdTokenHint());
        } catch (JwtException e) {
            throw new OAuth2AuthenticationException(error(OAuth2ErrorCodes.INVALID_TOKEN, "id_token_hint"));
        }
        String clientId = hint.getAudience().getFirst();
        Optional<RelyingParty> rp = relyingParties.byClientId(clientId).filter(RelyingParty::active);
        if (rp.isEmpty()) {
            throw new OAuth2AuthenticationException(error(OAuth2ErrorCodes.INVALID_TOKEN, "aud"));
        }
        RegisteredClient client = RelyingParties.toRegisteredClient(rp.get());
        if (request.getClientId() != null && !request.getClientId().isEmpty() && !request.getClientId().equals(clientId)) {
            throw new OAuth2AuthenticationException(error(OAuth2ErrorCodes.INVALID_REQUEST, "client_id"));
        }
        redirects.accept(OidcLogoutAuthenticationContext.with(request).registeredClient(client).build());
        if (request.isPrincipalAuthenticated()) {
            Authentication current = (Authentication) request.getPrincipal();
            if (!subjectOf(current, rp.get()).equals(hint.getSubject())) {
                throw new OAuth2AuthenticationException(error(OAuth2ErrorCodes.INVALID_TOKEN, "sub"));
            }
            String sid = hint.getClaimAsString("sid");
            if (sid != null && !SignIns.of(current).map(SignIns::sid).map(sid::equals).orElse(false)) {
                throw new OAuth2AuthenticationException(error(OAuth2ErrorCodes.INVALID_TOKEN, "sid"));
            }
        }
        OidcIdToken idToken = new OidcIdToken(hint.getTokenValue(), hint.getIssuedAt(), hint.getExpiresAt(), hint.getClaims());
        return new OidcLogoutAuthenticationToken(idToken, (Authentication) request.getPrincipal(), request.getSessionId(),
                request.getClientId(), request.getPostLogoutRedirectUri(), request.getState());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return OidcLogoutAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** The {@code sub} this provider gives the person signed in here at this client: pairwise for citizens. */
    private String subjectOf(Authentication current, RelyingParty rp) {
        return CitizenPrincipal.accountId(current).map(account -> claims.subject(account, rp)).orElse(current.getName());
    }

    private static OAuth2Error error(String code, String parameter) {
        return new OAuth2Error(code, "OpenID Connect 1.0 Logout Request Parameter: " + parameter, SPEC);
    }
}
