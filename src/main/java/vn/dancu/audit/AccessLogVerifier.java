package vn.dancu.audit;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the whole access log: every row against its MAC (an edited or forged row), the chain
 * position by position (a deleted row, a deleted or altered seal), every checkpoint's signature
 * and the chain at its position (a chain rewritten from some point on), rows that were never
 * sealed, and copies of a row. Reads the log in one pass, in the order of the chain.
 */
@Service
public class AccessLogVerifier {

    /** One thing wrong, and where: the access-log row id and/or the chain position. */
    public record Finding(String kind, Long logId, Long position, String detail) {
    }

    /** {@code sealsChecked}: the links of the chain, each sealing the rows of one round. */
    public record Report(long rowsChecked, long sealsChecked, long checkpointsChecked, long unsealedRecent, long legacyRows,
                         List<Finding> findings) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    static final int MAX_FINDINGS = 1_000;
    /** Rows younger than this may simply not have been sealed yet. */
    static final java.time.Duration SEALING_GRACE = java.time.Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;

    AccessLogVerifier(JdbcTemplate jdbc, AuditKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    @Transactional(readOnly = true)
    public Report verify() {
        jdbc.execute("set transaction isolation level repeatable read");
        List<Finding> findings = new ArrayList<>();
        long[] counts = new long[2];
        // Sealed ids as bits, counted from the smallest id: the log's ids grow past the range of an int.
        long firstId = jdbc.queryForObject("select coalesce(min(id), 0) from audit.access_log", Long.class);
        java.util.BitSet sealedIds = new java.util.BitSet();
        java.util.Map<Long, byte[]> chainAt = new java.util.HashMap<>();
        java.util.Set<Long> signedPositions = new java.util.HashSet<>(jdbc.queryForList("select position from audit.checkpoint", Long.class));
        Walk walk = new Walk();

        jdbc.query("""
                        select s.position, s.chain_hash, u.id, a.id, a.nonce, a.accessed_at, a.actor_type, a.actor,
                               a.subject_personal_id, a.fields, a.purpose, a.channel, a.case_ref, a.purpose_code, a.hidden_until, a.mac,
                               u.ord = cardinality(s.log_ids)
                        from audit.access_log_seal s
                        cross join lateral unnest(s.log_ids) with ordinality as u(id, ord)
                        left join audit.access_log a on a.id = u.id
                        order by s.position, u.ord""", (RowCallbackHandler) rs -> {
            long position = rs.getLong(1);
            long logId = rs.getLong(3);
            if (position != walk.position) {
                walk.startLink(position, findings);
                counts[1]++;
            }
            if (logId >= firstId) {
                sealedIds.set(Math.toIntExact(logId - firstId));
            }
            byte[] mac = rs.getBytes(16);
            if (rs.getObject(4) == null) {
                add(findings, new Finding("ROW_DELETED", logId, position, "the sealed row " + logId + " no longer exists"));
            } else {
                counts[0]++;
                checkRow(rs, logId, position, mac, findings);
            }
            walk.hash = AccessLogSealer.link(walk.hash, logId, mac);
            if (rs.getBoolean(17)) {
                byte[] sealHash = rs.getBytes(2);
                if (!Arrays.equals(walk.hash, sealHash)) {
                    add(findings, new Finding("CHAIN_BROKEN", null, position,
                            "the chain does not continue at position " + position + " (a link or a row's MAC was changed)"));
                }
                walk.hash = sealHash;
                if (signedPositions.contains(position)) {
                    chainAt.put(position, sealHash);
                }
            }
        });

        long checkpoints = checkCheckpoints(chainAt, findings);
        Instant graceStart = Instant.now().minus(SEALING_GRACE);
        long[] unsealedRecent = {0};
        jdbc.query("select id, accessed_at from audit.access_log where mac is not null order by id", (RowCallbackHandler) rs -> {
            long id = rs.getLong(1);
            if (!sealedIds.get(Math.toIntExact(id - firstId))) {
                if (rs.getTimestamp(2).toInstant().isBefore(graceStart)) {
                    add(findings, new Finding("NOT_SEALED", id, null,
                            "row " + id + " was never chained: written outside the platform, or the sealer is stopped"));
                } else {
                    unsealedRecent[0]++;
                }
            }
        });
        jdbc.query("select nonce, array_agg(id order by id) from audit.access_log where nonce is not null group by nonce having count(*) > 1",
                (RowCallbackHandler) rs -> add(findings, new Finding("DUPLICATED", null, null,
                        "rows " + Arrays.toString((Object[]) rs.getArray(2).getArray()) + " are copies of one another")));
        long legacy = jdbc.queryForObject("select count(*) from audit.access_log where mac is null", Long.class);
        return new Report(counts[0], counts[1], checkpoints, unsealedRecent[0], legacy, List.copyOf(findings));
    }

    /** Where the walk along the chain is: the link being read and the hash so far. */
    private static final class Walk {
        long position;
        long expected = 1;
        byte[] hash = AccessLogSealer.GENESIS;

        void startLink(long next, List<Finding> findings) {
            if (next != expected) {
                add(findings, new Finding("SEALS_MISSING", null, expected,
                        "chain links " + expected + " to " + (next - 1) + " are gone"));
            }
            position = next;
            expected = next + 1;
        }
    }

    private void checkRow(ResultSet rs, long logId, long position, byte[] mac, List<Finding> findings) throws SQLException {
        if (mac == null) {
            add(findings, new Finding("ROW_WITHOUT_MAC", logId, position, "row " + logId + " has no MAC"));
            return;
        }
        Array fieldsArray = rs.getArray(10);
        List<String> fields = fieldsArray == null ? List.of() : Arrays.asList((String[]) fieldsArray.getArray());
        java.sql.Date hidden = rs.getDate(15);
        byte[] expected = keys.mac(AccessLog.content(rs.getLong(5), rs.getTimestamp(6).toInstant(), rs.getString(7),
                rs.getString(8), rs.getString(9), fields, rs.getString(11), rs.getString(12), rs.getString(13),
                rs.getString(14), hidden == null ? null : LocalDate.parse(hidden.toString())));
        if (!java.security.MessageDigest.isEqual(expected, mac)) {
            add(findings, new Finding("ROW_ALTERED", logId, position, "row " + logId + " differs from what the platform wrote"));
        }
    }

    private long checkCheckpoints(java.util.Map<Long, byte[]> chainAt, List<Finding> findings) {
        List<Object[]> checkpoints = jdbc.query("select position, chain_hash, signed_at, signature from audit.checkpoint order by position",
                (rs, i) -> new Object[] {rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4)});
        for (Object[] c : checkpoints) {
            long position = (long) c[0];
            byte[] hash = (byte[]) c[1];
            if (!keys.verify(AccessLogSealer.signed(position, hash, (Instant) c[2]), (byte[]) c[3])) {
                add(findings, new Finding("CHECKPOINT_FORGED", null, position, "the checkpoint at position " + position
                        + " does not carry the platform's signature"));
            } else if (!Arrays.equals(hash, chainAt.get(position))) {
                add(findings, new Finding("CHAIN_REWRITTEN", null, position, "the chain at position " + position
                        + " is not the one signed at " + c[2]));
            }
        }
        return checkpoints.size();
    }

    private static void add(List<Finding> findings, Finding finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }
}
