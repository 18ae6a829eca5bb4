package vn.dancu.eid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The sign-in a login belongs to, carried in the login's details so that the provider stores it
 * with every authorization made in it, and the OpenID Connect session id ({@code sid}) derived
 * from it. A citizen's sign-in is the row of {@link CitizenSessions} opened by the login (a step-up
 * to level 2 replaces the row but continues the sign-in); a staff member's is the HTTP session of
 * the staff login. Each device's sign-in has its own {@code sid}, and RP-initiated
 * logout compares the ID token's {@code sid} with the sign-in of the browser asking.
 */
final class SignIns {

    private SignIns() {
    }

    /** The login, marked as made in this sign-in. Only standard types: the provider stores the login as JSON. */
    static Authentication mark(Authentication login, String signInId) {
        if (login instanceof AbstractAuthenticationToken token) {
            token.setDetails(new WebAuthenticationDetails(null, signInId));
        }
        return login;
    }

    static Optional<String> of(Authentication login) {
        return login != null && login.getDetails() instanceof WebAuthenticationDetails details
                ? Optional.ofNullable(details.getSessionId()) : Optional.empty();
    }

    /** What relying parties see: a hash, so that the sign-in's own id (which the account page acts on) stays here. */
    static String sid(String signInId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("sid:" + signInId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
