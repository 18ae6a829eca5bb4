package vn.dancu.eid;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import com.webauthn4j.converter.AttestationObjectConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;

/**
 * A passkey held in the test's memory, answering the platform's WebAuthn options as a platform
 * authenticator with user verification would (attestation "none", ES256), so that the ceremonies
 * can be tested over HTTP without a browser. The browser test uses Chromium's own virtual
 * authenticator instead.
 */
final class SoftwareAuthenticator {

    static final byte UP = 0x01;
    static final byte UV = 0x04;
    static final byte AT = 0x40;

    private final String origin;
    private final KeyPair keys;
    private final byte[] credentialId = new byte[32];
    private byte[] userHandle;
    private long counter;
    /** Flags of the next answer: tests take user verification away. */
    byte flags = UP | UV;

    SoftwareAuthenticator(String origin) {
        this.origin = origin;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            keys = generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        new SecureRandom().nextBytes(credentialId);
    }

    byte[] userHandle() {
        return userHandle;
    }

    String credentialId() {
        return b64(credentialId);
    }

    /** The body of POST /eid/webauthn/register for these creation options. */
    Map<String, Object> create(JsonNode options, String label) {
        userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
        String rpId = options.path("rp").path("id").asString();
        byte[] clientData = clientData("webauthn.create", options.path("challenge").asString());
        var authData = new AuthenticatorData<com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput>(
                sha256(rpId.getBytes(StandardCharsets.UTF_8)), (byte) (flags | AT), counter,
                new AttestedCredentialData(AAGUID.ZERO, credentialId, EC2COSEKey.create((ECPublicKey) keys.getPublic(),
                        COSEAlgorithmIdentifier.ES256)));
        byte[] attestation = new AttestationObjectConverter(new ObjectConverter())
                .convertToBytes(new AttestationObject(authData, new NoneAttestationStatement()));
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("attestationObject", b64(attestation));
        response.put("clientDataJSON", b64(clientData));
        response.put("transports", java.util.List.of("internal"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("label", label);
        body.put("credential", credential(response));
        return body;
    }

    /** The body of POST /eid/login/webauthn for these request options. */
    Map<String, Object> get(JsonNode options) {
        String rpId = options.path("rpId").asString();
        byte[] clientData = clientData("webauthn.get", options.path("challenge").asString());
        counter++;
        byte[] authData = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put(flags)
                .putInt((int) counter).array();
        byte[] signature;
        try {
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(authData);
            signer.update(sha256(clientData));
            signature = signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("authenticatorData", b64(authData));
        response.put("clientDataJSON", b64(clientData));
        response.put("signature", b64(signature));
        response.put("userHandle", userHandle == null ? null : b64(userHandle));
        return credential(response);
    }

    private Map<String, Object> credential(Map<String, Object> response) {
        Map<String, Object> credential = new LinkedHashMap<>();
        credential.put("id", b64(credentialId));
        credential.put("rawId", b64(credentialId));
        credential.put("type", "public-key");
        credential.put("response", response);
        credential.put("clientExtensionResults", Map.of());
        credential.put("authenticatorAttachment", "platform");
        return credential;
    }

    private byte[] clientData(String type, String challenge) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("type", type);
        data.put("challenge", challenge);
        data.put("origin", origin);
        data.put("crossOrigin", false);
        return Api.JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
