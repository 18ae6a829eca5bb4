package vn.dancu.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Seals secrets kept in the database (private signing keys, TOTP seeds) with AES-256-GCM under
 * the master key, so that a copy of the database alone does not give them away. The master key
 * comes from {@code DANCU_MASTER_KEY} (32 bytes, base64). Without it, a key file is created in the
 * data directory: good for a developer machine, not for production, where the key belongs in the
 * operator's secret store and never next to the data.
 */
@Component
public class SecretBox {

    private static final Logger log = LoggerFactory.getLogger(SecretBox.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    SecretBox(@Value("${dancu.security.master-key:}") String masterKey, @Value("${dancu.data-dir}") String dataDir) {
        this.key = new SecretKeySpec(masterKey.isBlank() ? keyFile(Path.of(dataDir)) : decode(masterKey), "AES");
    }

    public byte[] seal(byte[] plain) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot seal a secret", e);
        }
    }

    /** Fails when the data was sealed under another master key or altered. */
    public byte[] open(byte[] sealed) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A sealed secret does not open with this master key (DANCU_MASTER_KEY changed?)", e);
        }
    }

    private static byte[] decode(String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("DANCU_MASTER_KEY is not base64", e);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("DANCU_MASTER_KEY must be 32 bytes (openssl rand -base64 32)");
        }
        return bytes;
    }

    private static byte[] keyFile(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve("master.key");
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file));
            }
            Files.createDirectories(dataDir);
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            // Readable by the owner only from its first byte, where the file system has POSIX permissions.
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
            log.warn("No DANCU_MASTER_KEY: created {}; set DANCU_MASTER_KEY in production", file);
            return fresh;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the master key file " + file, e);
        }
    }
}
