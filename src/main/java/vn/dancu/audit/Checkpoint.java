package vn.dancu.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;

/**
 * A signed head of the access log's chain: the chain's hash at {@code position}, signed at
 * {@code signedAt} with the platform's Ed25519 checkpoint key. It holds no personal data, so it is
 * published and copied freely: every copy kept outside the database is a witness that the chain
 * once reached this position with this hash.
 *
 * @param chainHash hex SHA-256, as in {@code audit.access_log_seal.chain_hash}
 * @param signature base64 Ed25519 signature over {@link #signedText()}
 */
public record Checkpoint(long position, String chainHash, Instant signedAt, String signature) {

    public Checkpoint {
        signedAt = signedAt.truncatedTo(ChronoUnit.MICROS);
    }

    static Checkpoint of(long position, byte[] chainHash, Instant signedAt, byte[] signature) {
        return new Checkpoint(position, HexFormat.of().formatHex(chainHash), signedAt, Base64.getEncoder().encodeToString(signature));
    }

    /** What the signature covers: {@code position|hex(chain_hash)|signedAt} (ISO-8601 UTC, microseconds at most). */
    public String signedText() {
        return position + "|" + chainHash + "|" + signedAt;
    }

    byte[] signedBytes() {
        return signedText().getBytes(StandardCharsets.UTF_8);
    }

    byte[] hashBytes() {
        return HexFormat.of().parseHex(chainHash);
    }

    byte[] signatureBytes() {
        return Base64.getDecoder().decode(signature);
    }

    /** Whether the signature is the one {@code key} (Ed25519, X.509 SubjectPublicKeyInfo, base64) made over {@link #signedText()}. */
    public boolean signedBy(String key) {
        try {
            java.security.PublicKey publicKey = java.security.KeyFactory.getInstance("Ed25519")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(Base64.getDecoder().decode(key)));
            java.security.Signature ed = java.security.Signature.getInstance("Ed25519");
            ed.initVerify(publicKey);
            ed.update(signedBytes());
            return ed.verify(signatureBytes());
        } catch (java.security.GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /** One checkpoint as the journal and the API write it; throws IllegalArgumentException for anything else. */
    static Checkpoint fromJson(JsonNode node) {
        try {
            long position = node.path("position").asLong(-1);
            String hash = node.path("chainHash").asString("");
            String signature = node.path("signature").asString("");
            if (position < 1 || !hash.matches("[0-9a-f]{64}") || signature.isEmpty()) {
                throw new IllegalArgumentException("not a checkpoint: " + abbreviate(node.toString()));
            }
            Base64.getDecoder().decode(signature);
            return new Checkpoint(position, hash, Instant.parse(node.path("signedAt").asString("")), signature);
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("not a checkpoint (signedAt): " + abbreviate(node.toString()), e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
