package vn.dancu.cards;

import com.nimbusds.jose.JOSEObjectType;
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

    private final SealedSigningKey key;

    ChipReceipts(JdbcClient jdbc, SecretBox box, TransactionTemplate transactions) {
        this.key = SealedSigningKey.newestOrCreate(jdbc, box, transactions, "cards.receipt_key", "chip-receipt-");
    }

    String keyId() {
        return key.keyId();
    }

    String sign(String json) {
        return key.sign(json, TYPE);
    }

    Map<String, Object> publicKeys() {
        return key.publicKeys();
    }
}
