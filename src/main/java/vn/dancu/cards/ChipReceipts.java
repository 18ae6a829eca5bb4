package vn.dancu.cards;

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
 * Signs chip-check receipts (compact JWS, ES256, {@code typ: dancu-chip-receipt+jws}) with a key of
 * their own, kept sealed under the master key in {@code cards.receipt_key} and made on first start,
 * as the exchange's webhook signer keeps its key: a receipt is evidence a member files for years,
 * so its key is not the one that signs passing event deliveries. Anyone verifies a receipt with the
 * public key set at {@code GET /api/v1/cards/receipt-keys} (docs/chip.md).
 */
@Component
class ChipReceipts {

    static final JOSEObjectType TYPE = new JOSEObjectType("dancu-chip-receipt+jws");

    private final ECKey key;

    ChipReceipts(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions) {
        this.key = SealedSigningKey.newestOrCreate(jdbc, box, transactions, "cards.receipt_key", "chip-receipt-");
    }

    String keyId() {
        return key.getKeyID();
    }

    String sign(String json) {
        try {
            JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.getKeyID()).type(TYPE).build(),
                    new Payload(json));
            jws.sign(new ECDSASigner(key));
            return jws.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a receipt", e);
        }
    }

    Map<String, Object> publicKeys() {
        return new JWKSet(List.of(key.toPublicJWK())).toJSONObject();
    }
}
