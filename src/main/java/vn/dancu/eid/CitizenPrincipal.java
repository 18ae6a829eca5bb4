package vn.dancu.eid;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * How a signed-in citizen is represented: a plain token whose name is {@code citizen:<account id>}
 * (never the personal ID number, which would then travel into logs and token tables) and whose
 * authorities carry the assurance level and the factors used, each factor with the time it was
 * presented. Only standard Spring Security types are used, so that Spring Authorization Server can
 * store the authentication with its authorizations.
 */
final class CitizenPrincipal {

    static final String NAME_PREFIX = "citizen:";
    static final String ROLE = "ROLE_CITIZEN";
    static final String LOA_PREFIX = "LOA_";
    static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;
    static final String TOTP = "FACTOR_TOTP";
    static final String SMS = "FACTOR_SMS";
    /** A passkey with the device's user verification: possession and the device's check of the person, level 2 alone. */
    static final String PASSKEY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
    /** Beside {@link #PASSKEY}: the key is synced between devices (a software-held key, amr swk, not hwk). */
    static final String SYNCED_KEY = "PASSKEY_SYNCED";
    /** The factors that make a level-2 account's login level 2. */
    static final List<String> LEVEL_2_FACTORS = List.of(TOTP, SMS, PASSKEY);
    static final String LOA_1 = "urn:dancu:loa:1";
    static final String LOA_2 = "urn:dancu:loa:2";

    private CitizenPrincipal() {
    }

    static Authentication of(CitizenAccount account, List<String> factors, Instant at) {
        return of(account, factors, false, at);
    }

    /**
     * Level 2 only for an account that is level 2 now: a passkey of an account since brought back
     * to level 1 logs in at level 1.
     */
    static Authentication of(CitizenAccount account, List<String> factors, boolean syncedKey, Instant at) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority(ROLE));
        boolean level2Factor = factors.stream().anyMatch(LEVEL_2_FACTORS::contains);
        int loa = account.level() == 2 && level2Factor ? 2 : 1;
        authorities.add(new SimpleGrantedAuthority(LOA_PREFIX + loa));
        factors.forEach(f -> authorities.add(FactorGrantedAuthority.withAuthority(f).issuedAt(at).build()));
        if (syncedKey && factors.contains(PASSKEY)) {
            authorities.add(new SimpleGrantedAuthority(SYNCED_KEY));
        }
        return UsernamePasswordAuthenticationToken.authenticated(account.principalName(), null, authorities);
    }

    static boolean isCitizen(Authentication auth) {
        return auth != null && auth.isAuthenticated() && auth.getName() != null && auth.getName().startsWith(NAME_PREFIX)
                && has(auth.getAuthorities(), ROLE);
    }

    static Optional<Long> accountId(Authentication auth) {
        if (!isCitizen(auth)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(auth.getName().substring(NAME_PREFIX.length())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static int loa(Collection<? extends GrantedAuthority> authorities) {
        return has(authorities, LOA_PREFIX + 2) ? 2 : 1;
    }

    static String acr(int loa) {
        return loa == 2 ? LOA_2 : LOA_1;
    }

    /** Required level of an {@code acr} value; 0 for a value this provider does not know. */
    static int loaOf(String acr) {
        return switch (acr) {
            case LOA_1 -> 1;
            case LOA_2 -> 2;
            default -> 0;
        };
    }

    /**
     * Authentication method references (RFC 8176). A passkey is {@code hwk} (a key bound to its
     * device) or {@code swk} (a synced key), with {@code user} for the device's user verification
     * (RFC 8176 has no value for "verified by the device, by PIN or biometrics"), and so {@code mfa}.
     */
    static List<String> amr(Collection<? extends GrantedAuthority> authorities) {
        List<String> amr = new ArrayList<>();
        if (has(authorities, PASSWORD)) {
            amr.add("pwd");
        }
        if (has(authorities, PASSKEY)) {
            amr.add(has(authorities, SYNCED_KEY) ? "swk" : "hwk");
            amr.add("user");
        }
        if (has(authorities, TOTP)) {
            amr.add("otp");
        }
        if (has(authorities, SMS)) {
            amr.add("sms");
        }
        if (amr.size() > 1) {
            amr.add("mfa");
        }
        return amr;
    }

    static boolean has(Collection<? extends GrantedAuthority> authorities, String name) {
        return authorities.stream().anyMatch(a -> name.equals(a.getAuthority()));
    }
}
