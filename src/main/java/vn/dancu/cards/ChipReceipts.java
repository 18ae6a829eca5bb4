package vn.dancu.cards;

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
        this.key = transactions.execute(status -> {
            jdbc.sql("select pg_advisory_xact_lock(hashtext('cards.receipt_key'))").query(Object.class).list();
            return jdbc.sql("select private_key from cards.receipt_key order by created_at desc limit 1").query(byte[].class)
                    .optional().map(sealed -> parse(new String(box.open(sealed), StandardCharsets.UTF_8)))
                    .orElseGet(() -> create(jdbc, box));
        });
    }

    private static ECKey create(JdbcClient jdbc, SecretBox box) {
        try {
            ECKey generated = new ECKeyGenerator(Curve.P_256).keyID("chip-receipt-" + UUID.randomUUID()).generate();
            jdbc.sql("insert into cards.receipt_key (kid, public_jwk, private_key) values (?, ?, ?)")
                    .params(generated.getKeyID(), generated.toPublicJWK().toJSONString(),
                            box.seal(generated.toJSONString().getBytes(StandardCharsets.UTF_8)))
                    .update();
            return generated;
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot make the receipt signing key", e);
        }
    }

    private static ECKey parse(String json) {
        try {
            return ECKey.parse(json);
        } catch (ParseException e) {
            throw new IllegalStateException("The stored receipt signing key is unreadable", e);
        }
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
