package vn.dancu.eid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.dancu.platform.Digests;

/**
 * Client secrets are 256 random bits made by the platform, not passwords a person chose, so a
 * SHA-256 digest protects them as well as a slow hash would, and a token request costs no
 * Argon2 run (client_credentials is the hottest path of the provider).
 */
final class ClientSecrets implements PasswordEncoder {

    static final String PREFIX = "sha256:";

    static String generate() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public String encode(CharSequence raw) {
        return PREFIX + Digests.sha256Hex(raw.toString());
    }

    @Override
    public boolean matches(CharSequence raw, String encoded) {
        return raw != null && encoded != null && MessageDigest.isEqual(encode(raw).getBytes(StandardCharsets.US_ASCII),
                encoded.getBytes(StandardCharsets.US_ASCII));
    }
}
