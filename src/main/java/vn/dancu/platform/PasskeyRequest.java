package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.authentication.PublicKeyCredentialRequestOptionsRepository;

/**
 * The options of a passkey login as an HTTP session keeps them (sessions live in PostgreSQL, so
 * they are serialized). Spring Security's {@link PublicKeyCredentialRequestOptions} is serializable,
 * but its checks compare {@link UserVerificationRequirement} by identity, and a deserialized copy is
 * another object: a login that requires user verification would no longer require it. This record
 * keeps the requirement by name and builds the options again with Spring Security's constants.
 */
public record PasskeyRequest(Bytes challenge, Duration timeout, String rpId, List<PublicKeyCredentialDescriptor> allowCredentials,
                             String userVerification) implements Serializable {

    public static PasskeyRequest of(PublicKeyCredentialRequestOptions options) {
        return new PasskeyRequest(options.getChallenge(), options.getTimeout(), options.getRpId(),
                options.getAllowCredentials() == null ? List.of() : List.copyOf(options.getAllowCredentials()),
                options.getUserVerification() == null ? null : options.getUserVerification().getValue());
    }

    public PublicKeyCredentialRequestOptions options() {
        return PublicKeyCredentialRequestOptions.builder().challenge(challenge).timeout(timeout).rpId(rpId)
                .allowCredentials(allowCredentials).userVerification(verification(userVerification)).build();
    }

    /** Spring Security's constant for a requirement's name (null for null). */
    static UserVerificationRequirement verification(String name) {
        if (name == null) {
            return null;
        }
        return Stream.of(UserVerificationRequirement.REQUIRED, UserVerificationRequirement.PREFERRED, UserVerificationRequirement.DISCOURAGED)
                .filter(r -> r.getValue().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("No user verification requirement " + name));
    }

    /** For Spring Security's login filters: the session keeps a {@link PasskeyRequest}. */
    public static final class SessionRepository implements PublicKeyCredentialRequestOptionsRepository {

        private static final SessionSlot<PasskeyRequest> SLOT = new SessionSlot<>(PasskeyRequest.class);

        @Override
        public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialRequestOptions options) {
            SLOT.save(request, options == null ? null : of(options));
        }

        @Override
        public PublicKeyCredentialRequestOptions load(HttpServletRequest request) {
            PasskeyRequest kept = SLOT.load(request);
            return kept == null ? null : kept.options();
        }
    }
}
