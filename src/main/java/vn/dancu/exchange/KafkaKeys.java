package vn.dancu.exchange;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.SecretBox;

/**
 * The keys of Kafka records. A record's key decides its partition, so all changes of one person keep their order;
 * but whoever runs the cluster can read keys, and a personal ID must not appear there. The key is an HMAC of the
 * personal ID under a secret kept (sealed) in the database: stable, and not reversible by trying the 10^12
 * possible IDs, as a plain hash would be. Each member's topic has its own keys, so a mapping learned from one
 * member's records (which carry the ID) says nothing about the registry topics or another member's.
 */
@Component
class KafkaKeys {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private volatile SecretKeySpec secret;

    KafkaKeys(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    /** The person's key on the registry topics. */
    String person(String personalId) {
        return key("registry|" + personalId);
    }

    /** The person's key on one member's topic. */
    String person(String memberCode, String personalId) {
        return key("member|" + memberCode + "|" + personalId);
    }

    private String key(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret());
            byte[] digest = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Made on first use, by whichever node comes first; the others read the same one. */
    private SecretKeySpec secret() {
        if (secret == null) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            jdbc.sql("update exchange.kafka_relay set key_secret = ? where id = 1 and key_secret is null").param(secrets.seal(fresh)).update();
            byte[] sealed = jdbc.sql("select key_secret from exchange.kafka_relay where id = 1").query(byte[].class).single();
            secret = new SecretKeySpec(secrets.open(sealed), "HmacSHA256");
        }
        return secret;
    }
}
