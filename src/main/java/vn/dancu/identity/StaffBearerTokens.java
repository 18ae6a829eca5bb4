package vn.dancu.identity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens on the staff APIs. A token that the platform's provider issued to a staff
 * member (through a staff application) acts as that staff member, provided the account is
 * still enabled and not locked and the provider still holds the token (not revoked, not logged
 * out) and the account's security version is still the one of the login the token was issued to:
 * a disabled account's, a revoked token, or one issued before a new role or a reset password stops
 * at once, not when it expires.
 * Any other token (a citizen's, an API client's) is authenticated but holds no staff authority.
 */
@Component
class StaffBearerTokens implements Converter<Jwt, AbstractAuthenticationToken> {

    static final String PRINCIPAL_TYPE = "dancu_pt";

    private final StaffAccountRepository accounts;
    private final OAuth2AuthorizationService authorizations;
    private final SecondFactors secondFactors;

    StaffBearerTokens(StaffAccountRepository accounts, OAuth2AuthorizationService authorizations, SecondFactors secondFactors) {
        this.accounts = accounts;
        this.authorizations = authorizations;
        this.secondFactors = secondFactors;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString("preferred_username");
        OAuth2Authorization authorization = "staff".equals(jwt.getClaimAsString(PRINCIPAL_TYPE)) && username != null
                ? authorizations.findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN) : null;
        if (authorization != null) {
            if (authorization.getAccessToken() == null || authorization.getAccessToken().isInvalidated()) {
                // revocation keeps the authorization and marks the token invalidated: finding it is not enough
                throw new InvalidBearerTokenException("The access token was revoked");
            }
            var account = accounts.find(username);
            Instant now = Instant.now();
            if (account.isEmpty() || !account.get().enabled()
                    || account.get().lockedUntil() != null && !account.get().lockedUntil().isBefore(now)
                    || account.get().securityVersion() != loginVersion(authorization)) {
                // answered 401 like an expired token: the staff application signs the officer in again, if they still may
                throw new InvalidBearerTokenException(
                        "The staff account is disabled or locked, or was changed since this token was issued");
            }
            Instant issued = jwt.getIssuedAt() == null ? now : jwt.getIssuedAt();
            return UsernamePasswordAuthenticationToken.authenticated(account.get().staff(), jwt, authorities(account.get(), jwt, issued));
        }
        return new JwtAuthenticationToken(jwt, List.of());
    }

    /**
     * The security version of the login the token was issued to, as the provider stored it: a
     * disable, a reset password or a new role since then ends the token (and its refreshed successors).
     */
    private static long loginVersion(OAuth2Authorization authorization) {
        Object principal = authorization.getAttribute(java.security.Principal.class.getName());
        return principal instanceof org.springframework.security.core.Authentication login
                ? SecurityStamp.in(login.getAuthorities()) : -1;
    }

    /**
     * The account's authorities and the factors the login used, as the token's {@code amr} says (the
     * provider issues a staff token only after a complete login; a password-only one only where no
     * second factor is required, which is checked again now, as for a password).
     */
    private List<GrantedAuthority> authorities(StaffAccountRepository.Account account, Jwt jwt, Instant issued) {
        List<GrantedAuthority> authorities = new ArrayList<>(StaffAuthenticationProvider.of(account));
        StaffLoginFactors.factorsOf(jwt.getClaimAsStringList("amr"))
                .forEach(f -> authorities.add(FactorGrantedAuthority.withAuthority(f).issuedAt(issued).build()));
        if (!StaffLoginFactors.complete(authorities) && !secondFactors.required(account.staff().id())) {
            authorities.add(new SimpleGrantedAuthority(StaffLoginFactors.WAIVED));
        }
        return authorities;
    }
}
