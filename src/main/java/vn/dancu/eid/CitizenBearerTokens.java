package vn.dancu.eid;

import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A citizen's access token on the citizen's own APIs ({@code /api/v1/me/**}): it acts as the
 * citizen when it carries the {@code access_log} scope the citizen consented to, the provider still
 * holds it, it was not revoked (401 when it was), and the account can still log in. The subject in the token is pairwise, so the
 * citizen is found through the provider's stored authorization.
 */
@Component
class CitizenBearerTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String SCOPE = "access_log";

    private final OAuth2AuthorizationService authorizations;
    private final CitizenAccountRepository accounts;
    private final Clock clock;

    CitizenBearerTokens(OAuth2AuthorizationService authorizations, CitizenAccountRepository accounts, Clock clock) {
        this.authorizations = authorizations;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<String> scopes = jwt.getClaimAsStringList("scope");
        if ("citizen".equals(jwt.getClaimAsString(AuthorizationServerConfiguration.ClaimNames.PRINCIPAL_TYPE))
                && scopes != null && scopes.contains(SCOPE)) {
            OAuth2Authorization authorization = authorizations.findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN);
            if (authorization != null && revoked(authorization)) {
                throw new InvalidBearerTokenException("The access token was revoked");
            }
            Authentication citizen = authorization == null ? null : authorization.getAttribute(Principal.class.getName());
            boolean usable = CitizenPrincipal.accountId(citizen).flatMap(accounts::find)
                    .map(a -> a.usableAt(clock.instant())).orElse(false);
            if (usable && citizen instanceof AbstractAuthenticationToken token) {
                return token;
            }
        }
        return new JwtAuthenticationToken(jwt, List.of());
    }

    /**
     * Revocation keeps the authorization and marks its access token invalidated (revoking the refresh token
     * marks both), so finding the authorization is not enough.
     */
    private static boolean revoked(OAuth2Authorization authorization) {
        return authorization.getAccessToken() == null || authorization.getAccessToken().isInvalidated();
    }
}
