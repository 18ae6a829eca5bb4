package vn.dancu.platform;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.AuthenticatorAttachment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInput;
import org.springframework.security.web.webauthn.api.ImmutableAuthenticationExtensionsClientInputs;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.registration.PublicKeyCredentialCreationOptionsRepository;

/**
 * The options of a passkey registration as an HTTP session keeps them. Sessions live in PostgreSQL
 * (shared by every node), so what they hold must be serializable, and Spring Security's
 * {@link PublicKeyCredentialCreationOptions} is not: this record keeps its parts in serializable
 * form and builds the same options again, with Spring Security's own constants: its checks compare
 * them by identity ({@code ==}), which a deserialized copy would fail. Of the extensions only
 * {@code credProps} is kept, the only one the platform asks for.
 */
public record PasskeyCreation(String rpId, String rpName, PublicKeyCredentialUserEntity user, Bytes challenge,
                              List<Long> algorithms, Duration timeout, List<PublicKeyCredentialDescriptor> exclude,
                              String attachment, String residentKey, String userVerification,
                              String attestation, boolean credProps) implements Serializable {

    public static PasskeyCreation of(PublicKeyCredentialCreationOptions options) {
        AuthenticatorSelectionCriteria selection = options.getAuthenticatorSelection();
        boolean credProps = options.getExtensions() != null && options.getExtensions().getInputs().stream()
                .map(AuthenticationExtensionsClientInput::getExtensionId).anyMatch("credProps"::equals);
        return new PasskeyCreation(options.getRp().getId(), options.getRp().getName(), options.getUser(), options.getChallenge(),
                options.getPubKeyCredParams().stream().map(p -> p.getAlg().getValue()).toList(), options.getTimeout(),
                options.getExcludeCredentials() == null ? List.of() : List.copyOf(options.getExcludeCredentials()),
                selection == null || selection.getAuthenticatorAttachment() == null ? null : selection.getAuthenticatorAttachment().getValue(),
                selection == null || selection.getResidentKey() == null ? null : selection.getResidentKey().getValue(),
                selection == null || selection.getUserVerification() == null ? null : selection.getUserVerification().getValue(),
                options.getAttestation() == null ? null : options.getAttestation().getValue(), credProps);
    }

    public PublicKeyCredentialCreationOptions options() {
        PublicKeyCredentialCreationOptions.PublicKeyCredentialCreationOptionsBuilder builder = PublicKeyCredentialCreationOptions.builder()
                .rp(PublicKeyCredentialRpEntity.builder().id(rpId).name(rpName).build())
                .user(user)
                .challenge(challenge)
                .pubKeyCredParams(algorithms.stream().map(PasskeyCreation::parameters).toList())
                .timeout(timeout)
                .excludeCredentials(exclude)
                .authenticatorSelection(AuthenticatorSelectionCriteria.builder()
                        .authenticatorAttachment(attachment == null ? null : AuthenticatorAttachment.valueOf(attachment))
                        .residentKey(residentKey == null ? null : ResidentKeyRequirement.valueOf(residentKey))
                        .userVerification(PasskeyRequest.verification(userVerification)).build());
        if (attestation != null) {
            builder.attestation(AttestationConveyancePreference.valueOf(attestation));
        }
        if (credProps) {
            builder.extensions(new ImmutableAuthenticationExtensionsClientInputs(ImmutableAuthenticationExtensionsClientInput.credProps));
        }
        return builder.build();
    }

    private static PublicKeyCredentialParameters parameters(long algorithm) {
        return Arrays.stream(new PublicKeyCredentialParameters[] {PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
                        PublicKeyCredentialParameters.ES384, PublicKeyCredentialParameters.ES512, PublicKeyCredentialParameters.RS256,
                        PublicKeyCredentialParameters.RS384, PublicKeyCredentialParameters.RS512, PublicKeyCredentialParameters.RS1})
                .filter(p -> p.getAlg().getValue() == algorithm).findFirst()
                .orElseThrow(() -> new IllegalStateException("No COSE algorithm " + algorithm));
    }

    /** For Spring Security's registration filters: the session keeps a {@link PasskeyCreation}. */
    public static final class SessionRepository implements PublicKeyCredentialCreationOptionsRepository {

        private static final SessionSlot<PasskeyCreation> SLOT = new SessionSlot<>(PasskeyCreation.class);

        @Override
        public void save(HttpServletRequest request, HttpServletResponse response, PublicKeyCredentialCreationOptions options) {
            SLOT.save(request, options == null ? null : of(options));
        }

        @Override
        public PublicKeyCredentialCreationOptions load(HttpServletRequest request) {
            PasskeyCreation kept = SLOT.load(request);
            return kept == null ? null : kept.options();
        }
    }
}
