package vn.dancu.identity;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.FactorGrantedAuthority;

/**
 * What a staff login proved, read from its authorities: the factors (Spring Security's
 * {@link FactorGrantedAuthority}, each with its time) and whether the second step is done. A staff
 * login is complete with an authenticator-app code after the password, with a passkey (which checks
 * possession and, through the device's PIN or biometrics, the person: both factors), or with the
 * password alone where no second factor is required (demo mode, for staff who enrolled none). The
 * OpenID provider reads this before issuing a token to a staff application and for its {@code amr}.
 */
public final class StaffLoginFactors {

    public static final String PASSWORD = FactorGrantedAuthority.PASSWORD_AUTHORITY;
    public static final String TOTP = "FACTOR_TOTP";
    public static final String PASSKEY = FactorGrantedAuthority.WEBAUTHN_AUTHORITY;
    /** Granted with the password where no second factor is required: demo mode, nothing enrolled. */
    static final String WAIVED = "SECOND_FACTOR_WAIVED";

    private StaffLoginFactors() {
    }

    /** Whether a staff login may act: false while it waits for its second step. */
    public static boolean complete(Authentication auth) {
        return auth != null && complete(auth.getAuthorities());
    }

    static boolean complete(Collection<? extends GrantedAuthority> authorities) {
        return has(authorities, TOTP) || has(authorities, PASSKEY) || has(authorities, WAIVED);
    }

    /**
     * Authentication method references (RFC 8176): {@code pwd}, {@code otp} for the app's code,
     * {@code hwk} for a passkey (a key held by the device) with {@code user} for its user
     * verification; {@code mfa} when two factors were checked.
     */
    public static List<String> amr(Collection<? extends GrantedAuthority> authorities) {
        // a mutable list: the authorization server stores claims as JSON whose allowlist refuses immutable collections
        List<String> amr = new ArrayList<>();
        if (has(authorities, PASSWORD)) {
            amr.add("pwd");
        }
        if (has(authorities, TOTP)) {
            amr.add("otp");
        }
        if (has(authorities, PASSKEY)) {
            amr.add("hwk");
            amr.add("user");
        }
        if (has(authorities, PASSKEY) || has(authorities, PASSWORD) && has(authorities, TOTP)) {
            amr.add("mfa");
        }
        return amr;
    }

    /** The factors an access token's {@code amr} says its login used (the inverse of {@link #amr}). */
    static List<String> factorsOf(List<String> amr) {
        List<String> factors = new ArrayList<>();
        if (amr == null) {
            return factors;
        }
        if (amr.contains("pwd")) {
            factors.add(PASSWORD);
        }
        if (amr.contains("otp")) {
            factors.add(TOTP);
        }
        if (amr.contains("hwk")) {
            factors.add(PASSKEY);
        }
        return factors;
    }

    static boolean has(Collection<? extends GrantedAuthority> authorities, String name) {
        return authorities.stream().anyMatch(a -> name.equals(a.getAuthority()));
    }
}
