package vn.dancu.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;

/** One access-log row as an archive file holds it and as the verifier checks it, live or archived. */
record ArchivedRow(long id, Long nonce, Instant accessedAt, String actorType, String actor, String subject, List<String> fields,
                   String purpose, String channel, String caseRef, String purposeCode, LocalDate hiddenUntil, byte[] mac) {

    /** Columns from {@code from} on: id, nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref, purpose_code, hidden_until, mac. */
    static ArchivedRow of(ResultSet rs, int from) throws SQLException {
        Array fields = rs.getArray(from + 6);
        java.sql.Date hidden = rs.getDate(from + 11);
        long nonce = rs.getLong(from + 1);
        return new ArchivedRow(rs.getLong(from), rs.wasNull() ? null : nonce, rs.getTimestamp(from + 2).toInstant(), rs.getString(from + 3),
                rs.getString(from + 4), rs.getString(from + 5), fields == null ? List.of() : Arrays.asList((String[]) fields.getArray()),
                rs.getString(from + 7), rs.getString(from + 8), rs.getString(from + 9), rs.getString(from + 10),
                hidden == null ? null : LocalDate.parse(hidden.toString()), rs.getBytes(from + 12));
    }

    /** The MAC the platform would have written for this row. */
    byte[] expectedMac(AuditKeys keys) {
        return keys.mac(AccessLog.content(nonce == null ? 0 : nonce, accessedAt, actorType, actor, subject, fields, purpose, channel,
                caseRef, purposeCode, hiddenUntil));
    }

    ObjectNode toJson(JsonMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("id", id).put("nonce", nonce).put("accessedAt", accessedAt.toString()).put("actorType", actorType).put("actor", actor)
                .put("subject", subject).put("purpose", purpose).put("channel", channel).put("caseRef", caseRef)
                .put("purposeCode", purposeCode).put("hiddenUntil", hiddenUntil == null ? null : hiddenUntil.toString())
                .put("mac", mac == null ? null : Base64.getEncoder().encodeToString(mac));
        fields.forEach(node.putArray("fields")::add);
        return node;
    }

    static ArchivedRow fromJson(JsonNode node) {
        List<String> fields = node.path("fields").valueStream().map(JsonNode::asString).toList();
        return new ArchivedRow(node.path("id").asLong(), node.path("nonce").isNull() ? null : node.path("nonce").asLong(),
                Instant.parse(node.path("accessedAt").asString()), text(node, "actorType"), text(node, "actor"), text(node, "subject"),
                fields, text(node, "purpose"), text(node, "channel"), text(node, "caseRef"), text(node, "purposeCode"),
                node.path("hiddenUntil").isNull() ? null : LocalDate.parse(node.path("hiddenUntil").asString()),
                node.path("mac").isNull() ? null : Base64.getDecoder().decode(node.path("mac").asString()));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() ? null : value.asString();
    }
}
