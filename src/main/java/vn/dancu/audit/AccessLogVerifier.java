package vn.dancu.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks the whole access log: every row against its MAC (an edited or forged row), the chain
 * position by position (a deleted row, a deleted or altered seal), every checkpoint's signature
 * and the chain at its position (a chain rewritten from some point on), every row outside the chain,
 * copies of a row, and the checkpoints that witnesses hold outside the database (a chain cut back
 * or rewritten and re-signed by someone holding the keys). Reads the log in one pass, in the order
 * of the chain.
 */
@Service
public class AccessLogVerifier {

    /** One thing wrong, and where: the access-log row id and/or the chain position. */
    public record Finding(String kind, Long logId, Long position, String detail) {
    }

    /**
     * {@code sealsChecked}: the links of the chain, each sealing the rows of one round; {@code chainEnd}:
     * the last position; {@code witnessCheckpoints}: the distinct checkpoints held by witnesses.
     */
    public record Report(long rowsChecked, long sealsChecked, long checkpointsChecked, long unsealedRecent, long legacyRows,
                         long chainEnd, long witnessCheckpoints, long archivedMonths, long archivedRows, List<Finding> findings) {
        public boolean intact() {
            return findings.isEmpty();
        }
    }

    static final int MAX_FINDINGS = 1_000;
    /** Rows younger than this may simply not have been sealed yet. */
    static final Duration SEALING_GRACE = Duration.ofMinutes(5);

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;
    private final CheckpointJournal journal;
    private final Checkpoints signed;
    private final AccessLogArchives archives;

    AccessLogVerifier(JdbcTemplate jdbc, AuditKeys keys, CheckpointJournal journal, Checkpoints signed, AccessLogArchives archives) {
        this.archives = archives;
        this.jdbc = jdbc;
        this.keys = keys;
        this.journal = journal;
        this.signed = signed;
    }

    /** Against the database and the platform's own witness journal. */
    @Transactional(readOnly = true)
    public Report verify() {
        return verifyWithJournal(List.of());
    }

    /** Against the database, the platform's own witness journal and the checkpoints another witness holds. */
    @Transactional(readOnly = true)
    public Report verifyWithJournal(List<Checkpoint> otherWitnesses) {
        List<Checkpoint> witnessed = new ArrayList<>(journal.read());
        witnessed.addAll(otherWitnesses);
        return verify(witnessed);
    }

    /** Against the database, and the given witnesses' checkpoints (none: the database alone). */
    @Transactional(readOnly = true)
    public Report verify(List<Checkpoint> witnessed) {
        jdbc.execute("set transaction isolation level repeatable read");
        List<Finding> findings = new ArrayList<>();
        Map<Long, Checkpoint> witnesses = distinct(witnessed, findings);
        Set<Long> signedPositions = new HashSet<>(jdbc.queryForList("select position from audit.checkpoint", Long.class));
        // Archived months first, oldest first, then the live partitions: one chain across the boundary.
        ArchivedLog archived = new ArchivedLog(jdbc, archives.directory(), keys, f -> add(findings, f));
        archived.checkpoints().forEach(c -> signedPositions.add(c.position()));
        Walk walk = new Walk(signedPositions, witnesses.keySet());
        archived.walkSeals(new ArchivedLog.SealWalker() {
            @Override
            public byte[] hash() {
                return walk.hash;
            }

            @Override
            public void seal(ArchivedLog.Seal seal) {
                for (int i = 0; i < seal.logIds().size(); i++) {
                    long id = seal.logIds().get(i);
                    ArchivedRow row = archived.take(id);
                    walk.row(seal.position(), seal.chainHash(), id, row != null ? row : live(id), i == seal.logIds().size() - 1, findings);
                }
            }
        });
        jdbc.query("""
                        select s.position, s.chain_hash, u.id, a.id, a.nonce, a.accessed_at, a.actor_type, a.actor,
                               a.subject_personal_id, a.fields, a.purpose, a.channel, a.case_ref, a.purpose_code, a.hidden_until, a.mac,
                               u.ord = cardinality(s.log_ids)
                        from audit.access_log_seal s
                        cross join lateral unnest(s.log_ids) with ordinality as u(id, ord)
                        left join audit.access_log a on a.id = u.id
                        order by s.position, u.ord""", (RowCallbackHandler) rs -> walk.row(rs.getLong(1), rs.getBytes(2), rs.getLong(3),
                rs.getObject(4) == null ? archived.take(rs.getLong(3)) : ArchivedRow.of(rs, 4), rs.getBoolean(17), findings));
        for (ArchivedRow row : archived.unlisted()) {
            add(findings, new Finding("NOT_SEALED", row.id(), null, "the archived row " + row.id() + " is listed by no chain link"));
        }
        for (Checkpoint c : archived.checkpoints()) {
            if (!Arrays.equals(c.hashBytes(), walk.chainAt.get(c.position()))) {
                add(findings, new Finding("ARCHIVE_CHECKPOINT_MISMATCH", null, c.position(), "the chain at position " + c.position()
                        + " is not the one the archive's manifest says was signed at " + c.signedAt()));
            }
        }
        long checkpoints = checkCheckpoints(walk.chainAt, findings);
        checkWitnesses(witnesses, walk, findings);
        long unsealedRecent = checkRowsOutsideChain(walk, findings);
        // The partitioned tables' keys include the month: a position or id used twice is looked for here.
        jdbc.query("select position from audit.access_log_seal group by position having count(*) > 1",
                (RowCallbackHandler) rs -> add(findings, new Finding("SEALS_DUPLICATED", null, rs.getLong(1),
                        "chain position " + rs.getLong(1) + " is held by more than one link")));
        jdbc.query("select nonce, array_agg(id order by id) from audit.access_log where nonce is not null group by nonce having count(*) > 1",
                (RowCallbackHandler) rs -> add(findings, new Finding("DUPLICATED", null, null,
                        "rows " + Arrays.toString((Object[]) rs.getArray(2).getArray()) + " are copies of one another")));
        return new Report(walk.rows, walk.links, checkpoints, unsealedRecent, walk.legacy, walk.position, witnesses.size(),
                archived.months(), archived.rowsRead(), List.copyOf(findings));
    }

    /** Where the walk along the chain is, what it has seen, and the chain's hash at the positions someone signed or witnessed. */
    private final class Walk {
        final Set<Long> signed;
        final Set<Long> witnessed;
        final Map<Long, byte[]> chainAt = new HashMap<>();
        /** Chained ids 1 to Integer.MAX_VALUE as bits; any other id (only a forger makes one) in a set. */
        final BitSet sealedIds = new BitSet();
        final Set<Long> otherSealedIds = new HashSet<>();
        long position;
        long expected = 1;
        long rows;
        long links;
        long legacy;
        boolean macSeen;
        byte[] hash = AccessLogSealer.GENESIS;

        Walk(Set<Long> signed, Set<Long> witnessed) {
            this.signed = signed;
            this.witnessed = witnessed;
        }

        void row(long at, byte[] sealHash, long logId, ArchivedRow row, boolean last, List<Finding> findings) {
            if (at != position) {
                startLink(at, findings);
            }
            if (!markSealed(logId)) {
                add(findings, new Finding("SEALED_TWICE", logId, at, "row " + logId + " is listed by more than one chain link"));
            }
            if (logId <= 0) {
                add(findings, new Finding("OUTSIDE_RANGE", logId, at, "row " + logId + " has an id the platform never gives"));
            }
            byte[] mac = row == null ? null : row.mac();
            if (row == null) {
                add(findings, new Finding("ROW_DELETED", logId, at, "the sealed row " + logId + " no longer exists"));
            } else if (mac == null && !macSeen) {
                legacy++; // written before the log was chained: the chain keeps its id, nothing vouches for its content
            } else {
                rows++;
                macSeen = true;
                checkRow(row, logId, at, findings);
            }
            hash = AccessLogSealer.link(hash, logId, mac);
            if (last) {
                endLink(at, sealHash, findings);
            }
        }

        private boolean markSealed(long logId) {
            if (logId >= 1 && logId <= Integer.MAX_VALUE) {
                boolean fresh = !sealedIds.get((int) logId);
                sealedIds.set((int) logId);
                return fresh;
            }
            return otherSealedIds.add(logId);
        }

        boolean sealed(long logId) {
            return logId >= 1 && logId <= Integer.MAX_VALUE ? sealedIds.get((int) logId) : otherSealedIds.contains(logId);
        }

        private void startLink(long next, List<Finding> findings) {
            if (next != expected) {
                add(findings, new Finding("SEALS_MISSING", null, expected, "chain links " + expected + " to " + (next - 1) + " are gone"));
            }
            position = next;
            expected = next + 1;
            links++;
        }

        private void endLink(long at, byte[] sealHash, List<Finding> findings) {
            if (!Arrays.equals(hash, sealHash)) {
                add(findings, new Finding("CHAIN_BROKEN", null, at,
                        "the chain does not continue at position " + at + " (a link or a row's MAC was changed)"));
            }
            hash = sealHash;
            if (signed.contains(at) || witnessed.contains(at)) {
                chainAt.put(at, sealHash);
            }
        }
    }

    /** A row an archived link lists that is not archived: normally in the next live month (sealed just after midnight). */
    private ArchivedRow live(long id) {
        return jdbc.query("""
                        select id, nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref,
                               purpose_code, hidden_until, mac from audit.access_log where id = ? limit 1""",
                (rs, n) -> ArchivedRow.of(rs, 1), id).stream().findFirst().orElse(null);
    }

    private void checkRow(ArchivedRow row, long logId, long position, List<Finding> findings) {
        byte[] mac = row.mac();
        if (mac == null) {
            add(findings, new Finding("ROW_WITHOUT_MAC", logId, position, "row " + logId + " has no MAC"));
            return;
        }
        if (!java.security.MessageDigest.isEqual(row.expectedMac(keys), mac)) {
            add(findings, new Finding("ROW_ALTERED", logId, position, "row " + logId + " differs from what the platform wrote"));
        }
    }

    private long checkCheckpoints(Map<Long, byte[]> chainAt, List<Finding> findings) {
        List<Checkpoint> checkpoints = signed.after(0, Integer.MAX_VALUE);
        for (Checkpoint c : checkpoints) {
            if (!keys.verify(c.signedBytes(), c.signatureBytes())) {
                add(findings, new Finding("CHECKPOINT_FORGED", null, c.position(), "the checkpoint at position " + c.position()
                        + " does not carry the platform's signature"));
            } else if (!Arrays.equals(c.hashBytes(), chainAt.get(c.position()))) {
                add(findings, new Finding("CHAIN_REWRITTEN", null, c.position(), "the chain at position " + c.position()
                        + " is not the one signed at " + c.signedAt()));
            }
        }
        return checkpoints.size();
    }

    /** One checkpoint per position; two witnesses that disagree about a position are a finding of their own. */
    private Map<Long, Checkpoint> distinct(List<Checkpoint> witnessed, List<Finding> findings) {
        Map<Long, Checkpoint> byPosition = new LinkedHashMap<>();
        Map<Long, List<Checkpoint>> conflicting = new LinkedHashMap<>();
        for (Checkpoint c : witnessed) {
            Checkpoint earlier = byPosition.putIfAbsent(c.position(), c);
            if (earlier != null && !earlier.chainHash().equals(c.chainHash())) {
                conflicting.computeIfAbsent(c.position(), p -> new ArrayList<>(List.of(earlier))).add(c);
            }
        }
        conflicting.forEach((position, versions) -> add(findings, new Finding("REWRITTEN", null, position,
                "witnesses hold " + versions.size() + " different signed chains at position " + position
                        + ": the chain was rewritten and re-signed after " + versions.getFirst().signedAt())));
        return byPosition;
    }

    /**
     * Every witnessed checkpoint must still be in the chain with the same hash. Cut back below it:
     * {@code TRUNCATED}; a different hash there (a rewritten prefix, even re-signed): {@code REWRITTEN}.
     */
    private void checkWitnesses(Map<Long, Checkpoint> witnesses, Walk walk, List<Finding> findings) {
        List<Checkpoint> beyond = new ArrayList<>();
        List<Checkpoint> differ = new ArrayList<>();
        for (Checkpoint w : witnesses.values()) {
            if (!keys.verify(w.signedBytes(), w.signatureBytes())) {
                add(findings, new Finding("WITNESS_UNVERIFIED", null, w.position(), "the witnessed checkpoint at position "
                        + w.position() + " does not verify with the platform's current key (key replaced, or the copy is damaged)"));
            }
            if (w.position() > walk.position) {
                beyond.add(w);
            } else if (!Arrays.equals(w.hashBytes(), walk.chainAt.get(w.position()))) {
                differ.add(w);
            }
        }
        if (!beyond.isEmpty()) {
            Checkpoint last = beyond.stream().max(java.util.Comparator.comparingLong(Checkpoint::position)).orElseThrow();
            add(findings, new Finding("TRUNCATED", null, walk.position, "the chain ends at position " + walk.position
                    + " but witnesses hold " + beyond.size() + " checkpoint(s) beyond it, up to position " + last.position()
                    + " signed at " + last.signedAt()));
        }
        if (!differ.isEmpty()) {
            Checkpoint first = differ.stream().min(java.util.Comparator.comparingLong(Checkpoint::position)).orElseThrow();
            add(findings, new Finding("REWRITTEN", null, first.position(), "the chain at position " + first.position()
                    + " is not the one witnessed at " + first.signedAt() + (differ.size() > 1
                    ? " (and " + (differ.size() - 1) + " later witnessed position(s) differ too)" : "")));
        }
    }

    /**
     * Rows no link lists. Young rows in the sealer's range are waiting for the next round; anything
     * else was written outside the platform: an id ≤ 0 or past the sequence, no MAC, a time ahead of now.
     */
    private long checkRowsOutsideChain(Walk walk, List<Finding> findings) {
        long sequence = jdbc.queryForObject("select last_value from audit.access_log_id_seq", Long.class);
        Instant now = Instant.now();
        Instant graceStart = now.minus(SEALING_GRACE);
        Instant horizon = now.plus(AccessLogSealer.CLOCK_SKEW);
        long[] recent = {0};
        jdbc.query("select id, accessed_at, mac is null from audit.access_log order by id", (RowCallbackHandler) rs -> {
            long id = rs.getLong(1);
            if (walk.sealed(id)) {
                return;
            }
            Instant at = rs.getTimestamp(2).toInstant();
            String outside = id <= 0 ? "has an id the platform never gives (" + id + ")"
                    : id > sequence ? "has an id the sequence never handed out"
                    : rs.getBoolean(3) ? "has no MAC although the log was already chained"
                    : at.isAfter(horizon) ? "is dated in the future (" + at + ")" : null;
            if (outside != null) {
                add(findings, new Finding("OUTSIDE_CHAIN", id, null, "row " + id + " " + outside + ": not written by the platform"));
            } else if (at.isBefore(graceStart)) {
                add(findings, new Finding("NOT_SEALED", id, null,
                        "row " + id + " was never chained: written outside the platform, or the sealer is stopped"));
            } else {
                recent[0]++;
            }
        });
        return recent[0];
    }

    private static void add(List<Finding> findings, Finding finding) {
        if (findings.size() < MAX_FINDINGS) {
            findings.add(finding);
        }
    }
}
