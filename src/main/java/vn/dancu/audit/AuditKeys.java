package vn.dancu.audit;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.SecretBox;

/**
 * The access log's own keys, made on first start and kept sealed under the master key: the MAC key
 * that every row is signed with when written, and the Ed25519 key that signs the chain's
 * checkpoints. Someone who can write to the database but does not hold the master key can change
 * rows, but cannot make their MACs or signatures match again.
 */
@Component
class AuditKeys {

    private final SecretKeySpec macKey;
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;

    AuditKeys(JdbcClient jdbc, SecretBox secrets) throws GeneralSecurityException {
        // Made once, on the first start; "on conflict" settles two nodes starting together.
        if (!exists(jdbc, "row-mac")) {
            byte[] mac = new byte[32];
            new SecureRandom().nextBytes(mac);
            jdbc.sql("insert into audit.key (name, sealed) values ('row-mac', ?) on conflict (name) do nothing")
                    .param(secrets.seal(mac)).update();
        }
        if (!exists(jdbc, "checkpoint")) {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            jdbc.sql("insert into audit.key (name, public, sealed) values ('checkpoint', ?, ?) on conflict (name) do nothing")
                    .params(pair.getPublic().getEncoded(), secrets.seal(pair.getPrivate().getEncoded())).update();
        }
        this.macKey = new SecretKeySpec(secrets.open(sealed(jdbc, "row-mac")), "HmacSHA256");
        KeyFactory ed = KeyFactory.getInstance("Ed25519");
        this.signingKey = ed.generatePrivate(new PKCS8EncodedKeySpec(secrets.open(sealed(jdbc, "checkpoint"))));
        // A public key replaced in its column no longer matches the sealed private key: the probe stops the start.
        this.verifyingKey = ed.generatePublic(new X509EncodedKeySpec(jdbc.sql("select public from audit.key where name = 'checkpoint'")
                .query(byte[].class).single()));
        if (!verify("probe".getBytes(), sign("probe".getBytes()))) {
            throw new IllegalStateException("audit.key: the checkpoint key's public part does not match its sealed private part");
        }
    }

    /** Every read writes rows, so each thread keeps its initialised Mac rather than looking one up per row. */
    byte[] mac(byte[] content) {
        return macs.get().doFinal(content);
    }

    byte[] sign(byte[] content) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(signingKey);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean verify(byte[] content, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initVerify(verifyingKey);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    String publicKeyBase64() {
        return java.util.Base64.getEncoder().encodeToString(verifyingKey.getEncoded());
    }

    private Mac newMac() {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(macKey);
            return hmac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean exists(JdbcClient jdbc, String name) {
        return jdbc.sql("select exists (select 1 from audit.key where name = ?)").param(name).query(Boolean.class).single();
    }

    private static byte[] sealed(JdbcClient jdbc, String name) {
        return jdbc.sql("select sealed from audit.key where name = ?").param(name).query(byte[].class).single();
    }
}
