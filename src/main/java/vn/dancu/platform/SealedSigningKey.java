package vn.dancu.platform;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An ES256 key pair that a module signs compact JWS with, kept in a table of its own ({@code kid,
 * public_jwk, private_key, created_at}) with the private part sealed by {@link SecretBox}: the newest
 * row, or a new one made on first start. Nodes starting together make one key, not several: the
 * advisory lock on the table's name serialises them.
 */
public final class SealedSigningKey {

    private static final Pattern TABLE = Pattern.compile("[a-z_]+\\.[a-z_]+");

    private final ECKey key;

    private SealedSigningKey(ECKey key) {
        this.key = key;
    }

    public String keyId() {
        return key.getKeyID();
    }

    /** {@code json} signed as a compact JWS of the given {@code typ}, with this key's {@code kid}. */
    public String sign(String json, JOSEObjectType type) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(type).build(),
                    new Payload(json));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign with " + key.getKeyID(), e);
        }
    }

    /** The public key as a JWK set, for those who check the signatures. */
    public Map<String, Object> publicKeys() {
        return new JWKSet(List.of(key.toPublicJWK())).toJSONObject();
    }

    /**
     * @param table the schema-qualified table, a constant of the calling module
     * @param kidPrefix the start of a new key's {@code kid}, which tells receivers whose key it is
     */
    public static SealedSigningKey newestOrCreate(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions, String table,
                                                  String kidPrefix) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("Not a table name: " + table);
        }
        return new SealedSigningKey(transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(table).query(Object.class).list();
            return jdbc.sql("select private_key from " + table + " order by created_at desc limit 1").query(byte[].class)
                    .optional().map(sealed -> parse(new String(box.open(sealed), StandardCharsets.UTF_8), table))
                    .orElseGet(() -> create(jdbc, box, table, kidPrefix));
        }));
    }

    private static ECKey create(JdbcClient jdbc, SecretBox box, String table, String kidPrefix) {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyID(kidPrefix + UUID.randomUUID()).generate();
            jdbc.sql("insert into " + table + " (kid, public_jwk, private_key) values (?, ?, ?)")
                    .params(generated.getKeyID(), generated.toPublicJWK().toJSONString(),
                            box.seal(generated.toJSONString().getBytes(StandardCharsets.UTF_8)))
                    .update();
            return generated;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make a signing key for " + table, e);
        }
    }

    private static ECKey parse(String json, String table) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key stored in " + table + " is unreadable", e);
        }
    }
}
