package vn.dancu.eid;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dancu.platform.SecretBox;

/**
 * The provider's signing keys, kept in the database with their private parts sealed by the master
 * key, so that every node signs with the same key and a restart changes nothing. A rotation adds a
 * new key, which is published at once but signs only after {@code dancu.oidc.key-activation-delay}
 * (other nodes and relying parties refresh their copy of the JWKS meanwhile); the old key keeps
 * signing until then and stays in the JWKS until every token it signed has expired, so that
 * nobody meets a token they cannot verify.
 */
@Component
class SigningKeys implements JWKSource<SecurityContext> {

    record KeyInfo(String kid, String algorithm, Instant createdAt, Instant retiredAt, Instant expiresAt) {
    }

    private record Loaded(JWKSet set, String signingKid, Instant loadedAt) {
    }

    private static final Duration RELOAD = Duration.ofSeconds(30);

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final Clock clock;
    private final Duration publishAfterRetirement;
    private final Duration maxAge;
    private final Duration activationDelay;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private volatile Loaded loaded;

    SigningKeys(JdbcClient jdbc, SecretBox secrets, Clock clock, org.springframework.transaction.PlatformTransactionManager tm,
                @Value("${dancu.oidc.key-max-age:90d}") Duration maxAge,
                @Value("${dancu.oidc.key-activation-delay:5m}") Duration activationDelay) {
        this.activationDelay = activationDelay;
        this.jdbc = jdbc;
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(tm);
        this.secrets = secrets;
        this.clock = clock;
        this.maxAge = maxAge;
        // ID and access tokens live at most an hour; a retired key stays published a day after it stops signing.
        this.publishAfterRetirement = Duration.ofDays(1);
    }

    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        return selector.select(current().set());
    }

    /** The key id that signs new tokens. */
    String signingKid() {
        return current().signingKid();
    }

    /** Public keys only, for the resource server inside the platform. */
    JWKSet publicKeys() {
        return current().set().toPublicJWKSet();
    }

    String rotate() {
        Instant now = clock.instant();
        String kid = transactions.execute(status -> {
            jdbc.sql("update eid.signing_key set retired_at = ?, expires_at = ? where retired_at is null")
                    .params(Timestamp.from(now), Timestamp.from(now.plus(activationDelay).plus(publishAfterRetirement))).update();
            return insertNewKey(now);
        });
        loaded = null;
        return kid;
    }

    List<KeyInfo> keys() {
        return jdbc.sql("select kid, algorithm, created_at, retired_at, expires_at from eid.signing_key order by created_at desc")
                .query((rs, n) -> new KeyInfo(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant())).list();
    }

    /** Rotates on schedule once the signing key is older than {@code dancu.oidc.key-max-age}. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1M")
    void rotateWhenDue() {
        Instant newest = jdbc.sql("select max(created_at) from eid.signing_key where retired_at is null")
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
        if (newest != null && newest.plus(maxAge).isBefore(clock.instant())) {
            rotate();
        }
    }

    private Loaded current() {
        Loaded snapshot = loaded;
        Instant now = clock.instant();
        if (snapshot == null || snapshot.loadedAt().plus(RELOAD).isBefore(now)) {
            snapshot = load(now);
            loaded = snapshot;
        }
        return snapshot;
    }

    private synchronized Loaded load(Instant now) {
        transactions.executeWithoutResult(status -> ensureSigningKey(now));
        record Row(String kid, String publicJwk, byte[] sealed, Instant createdAt) {
        }
        List<Row> rows = jdbc.sql("""
                        select kid, public_jwk, private_key, created_at from eid.signing_key
                        where expires_at is null or expires_at > ? order by created_at desc""")
                .param(Timestamp.from(now))
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getTimestamp(4).toInstant())).list();
        List<JWK> keys = rows.stream().map(r -> withPrivate(r.publicJwk(), r.sealed())).toList();
        // The newest key published long enough; when none is that old yet, the one published first.
        String signing = rows.stream().filter(r -> !r.createdAt().plus(activationDelay).isAfter(now)).map(Row::kid)
                .findFirst().orElse(rows.getLast().kid());
        return new Loaded(new JWKSet(keys), signing, now);
    }

    private void ensureSigningKey(Instant now) {
        // Two nodes starting together: the advisory lock lets one of them create the first key.
        jdbc.sql("select pg_advisory_xact_lock(hashtext('eid.signing_key'))").query(Object.class).optional();
        boolean any = jdbc.sql("select exists (select 1 from eid.signing_key where retired_at is null)").query(Boolean.class).single();
        if (!any) {
            insertNewKey(now);
        }
    }

    private String insertNewKey(Instant now) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            String kid = now.toString().substring(0, 10) + "-" + UUID.randomUUID().toString().substring(0, 8);
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
            jdbc.sql("insert into eid.signing_key (kid, algorithm, public_jwk, private_key, created_at) values (?, 'RS256', ?, ?, ?)")
                    .params(kid, key.toPublicJWK().toJSONString(),
                            secrets.seal(key.toJSONString().getBytes(StandardCharsets.UTF_8)), Timestamp.from(now))
                    .update();
            return kid;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JWK withPrivate(String publicJwk, byte[] sealed) {
        try {
            JWK full = JWK.parse(new String(secrets.open(sealed), StandardCharsets.UTF_8));
            if (!full.toPublicJWK().toJSONString().equals(JWK.parse(publicJwk).toJSONString())) {
                throw new IllegalStateException("A signing key's private part does not belong to its public part");
            }
            return full;
        } catch (ParseException e) {
            throw new IllegalStateException("A stored signing key does not parse", e);
        }
    }
}
