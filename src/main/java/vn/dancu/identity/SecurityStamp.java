package vn.dancu.identity;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The security version of the account that a login was made with, carried among the login's
 * authorities (so that the provider's stored authorizations keep it for the tokens they issue).
 * Every change that must end open sessions raises the account's version; a login whose version
 * differs is over ({@link StaffSessionCheck}, {@link StaffBearerTokens}).
 */
final class SecurityStamp {

    static final String PREFIX = "STAFF_SECURITY_VERSION_";

    private SecurityStamp() {
    }

    static GrantedAuthority of(long version) {
        return new SimpleGrantedAuthority(PREFIX + version);
    }

    /** The version among the authorities; 0 for logins made before versions existed (every account starts at 0). */
    static long in(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().map(GrantedAuthority::getAuthority).filter(a -> a != null && a.startsWith(PREFIX))
                .mapToLong(a -> Long.parseLong(a.substring(PREFIX.length()))).findFirst().orElse(0);
    }

    /** The same authorities with another version and, if {@code keepPasswordChange} is false, without the password-change mark. */
    static List<GrantedAuthority> replace(Collection<? extends GrantedAuthority> authorities, long version, boolean keepPasswordChange) {
        List<GrantedAuthority> result = new java.util.ArrayList<>();
        for (GrantedAuthority a : authorities) {
            String name = a.getAuthority();
            if (name != null && (name.startsWith(PREFIX) || !keepPasswordChange && name.equals(PasswordChangeGate.AUTHORITY))) {
                continue;
            }
            result.add(a);
        }
        result.add(of(version));
        return result;
    }
}
