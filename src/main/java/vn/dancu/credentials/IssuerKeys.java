package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.SecretBox;

/**
 * The credential issuer's ES256 keys, kept as the OpenID provider keeps its own (eid.SigningKeys):
 * in the database with the private part sealed by the master key, so every node signs with the same
 * key. ES256 rather than the provider's RS256 because a credential travels in a QR code: its
 * signature is 64 bytes, not 256. The newest key signs; every key stays published, since a verifier
 * must check a credential for as long as it lives (at most {@link CredentialIssuance#MAX_VALIDITY}).
 * A rotation is a new row (docs/credentials.md#keys): its {@code kid}, a date and a random part, tells
 * verifiers which key to use.
 */
@Component
class IssuerKeys {

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private volatile List<ECKey> keys;

    IssuerKeys(JdbcClient jdbc, SecretBox secrets, Clock clock, PlatformTransactionManager tm) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.clock = clock;
        this.transactions = new TransactionTemplate(tm);
    }

    /** The key that signs new credentials and status lists. */
    ECKey signingKey() {
        return loaded().getFirst();
    }

    /** What verifiers fetch: every key's public part. */
    JWKSet publicKeys() {
        return new JWKSet(loaded().stream().map(k -> (com.nimbusds.jose.jwk.JWK) k.toPublicJWK()).toList());
    }

    private List<ECKey> loaded() {
        List<ECKey> snapshot = keys;
        if (snapshot == null) {
            snapshot = load();
            keys = snapshot;
        }
        return snapshot;
    }

    private synchronized List<ECKey> load() {
        return transactions.execute(status -> {
            // two nodes starting together: one creates the first key
            jdbc.sql("select pg_advisory_xact_lock(hashtext('credentials.issuer_key'))").query(Object.class).optional();
            if (jdbc.sql("select count(*) from credentials.issuer_key").query(Long.class).single() == 0) {
                insertKey(clock.instant());
            }
            return jdbc.sql("select private_key from credentials.issuer_key order by created_at desc, kid desc")
                    .query((rs, n) -> open(rs.getBytes(1))).list();
        });
    }

    private String insertKey(Instant now) {
        try {
            String kid = now.toString().substring(0, 10) + "-" + UUID.randomUUID().toString().substring(0, 8);
            ECKey key = new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256)
                    .generate();
            jdbc.sql("insert into credentials.issuer_key (kid, public_jwk, private_key, created_at) values (?, ?, ?, ?)")
                    .params(kid, key.toPublicJWK().toJSONString(), secrets.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8)),
                            Timestamp.from(now))
                    .update();
            return kid;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private ECKey open(byte[] sealed) {
        try {
            return ECKey.parse(new String(secrets.open(sealed), StandardCharsets.UTF_8));
        } catch (ParseException e) {
            throw new IllegalStateException("A stored issuer key does not parse", e);
        }
    }
}
