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
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Bearer tokens on the staff APIs. A token that the platform's provider issued to a staff
 * member (through a staff application) acts as that staff member, provided the account is
 * still enabled and not locked and the provider still holds the token (not revoked, not logged
 * out): a disabled account's or a revoked token stops at once, not when it expires.
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
        if ("staff".equals(jwt.getClaimAsString(PRINCIPAL_TYPE)) && username != null
                && authorizations.findByToken(jwt.getTokenValue(), OAuth2TokenType.ACCESS_TOKEN) != null) {
            var account = accounts.find(username);
            Instant now = Instant.now();
            if (account.isPresent() && account.get().enabled()
                    && (account.get().lockedUntil() == null || account.get().lockedUntil().isBefore(now))) {
                Staff staff = account.get().staff();
                Instant issued = jwt.getIssuedAt() == null ? now : jwt.getIssuedAt();
                return UsernamePasswordAuthenticationToken.authenticated(staff, jwt, authorities(staff, jwt, issued));
            }
        }
        return new JwtAuthenticationToken(jwt, List.of());
    }

    /**
     * The role and the factors the login used, as the token's {@code amr} says (the provider issues
     * a staff token only after a complete login; a password-only one only where no second factor is
     * required, which is checked again now, as for a password).
     */
    private List<GrantedAuthority> authorities(Staff staff, Jwt jwt, Instant issued) {
        List<GrantedAuthority> authorities = new ArrayList<>(List.of(new SimpleGrantedAuthority("ROLE_" + staff.role().name()),
                new SimpleGrantedAuthority(Staff.AUTHORITY)));
        StaffLoginFactors.factorsOf(jwt.getClaimAsStringList("amr"))
                .forEach(f -> authorities.add(FactorGrantedAuthority.withAuthority(f).issuedAt(issued).build()));
        if (!StaffLoginFactors.complete(authorities) && !secondFactors.required(staff.id())) {
            authorities.add(new SimpleGrantedAuthority(StaffLoginFactors.WAIVED));
        }
        return authorities;
    }
}
