package vn.dancu.exchange;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.SealedSigningKey;
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
        this.key = SealedSigningKey.newestOrCreate(jdbc, box, transactions, "exchange.signing_key", "exchange-");
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
