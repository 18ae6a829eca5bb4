package vn.dancu.exchange;

import com.nimbusds.jose.JOSEObjectType;
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

    private final SealedSigningKey key;

    WebhookSigner(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions) {
        this.key = SealedSigningKey.newestOrCreate(jdbc, box, transactions, "exchange.signing_key", "exchange-");
    }

    String sign(String json) {
        return key.sign(json, TYPE);
    }

    Map<String, Object> publicKeys() {
        return key.publicKeys();
    }
}
