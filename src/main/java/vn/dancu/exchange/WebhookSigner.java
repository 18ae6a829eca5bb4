package vn.dancu.exchange;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.SecretBox;

/**
 * Signs webhook deliveries (JWS, ES256) with the exchange's own key, kept sealed under the master
 * key in {@code exchange.signing_key} and made on first start. Receivers check signatures with
 * the public key set at {@code GET /api/v1/exchange/jwks}.
 */
@Component
class WebhookSigner {

    static final JOSEObjectType TYPE = new JOSEObjectType("dancu-event+jws");

    private final ECKey key;

    WebhookSigner(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions) {
        this.key = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(?)").param(0x64616e6375_03L).query(Object.class).list();
            return jdbc.sql("select private_key from exchange.signing_key order by created_at desc limit 1").query(byte[].class)
                    .optional().map(sealed -> parse(new String(box.open(sealed), StandardCharsets.UTF_8)))
                    .orElseGet(() -> create(jdbc, box));
        });
    }

    private static ECKey create(JdbcClient jdbc, SecretBox box) {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyID("exchange-" + UUID.randomUUID()).generate();
            jdbc.sql("insert into exchange.signing_key (kid, public_jwk, private_key) values (?, ?, ?)")
                    .params(generated.getKeyID(), generated.toPublicJWK().toJSONString(),
                            box.seal(generated.toJSONString().getBytes(StandardCharsets.UTF_8)))
                    .update();
            return generated;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make the webhook signing key", e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored webhook signing key is unreadable", e);
        }
    }

    String sign(String json) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(TYPE).build(),
                    new Payload(json));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a delivery", e);
        }
    }

    Map<String, Object> publicKeys() {
        return new JWKSet(List.of(key.toPublicJWK())).toJSONObject();
    }
}
