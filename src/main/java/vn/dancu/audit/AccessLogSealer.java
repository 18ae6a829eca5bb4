package vn.dancu.audit;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Links committed access-log rows into one hash chain, in the order it meets them, one link per
 * round listing the rows it seals, and signs the chain's head at least once a minute. Rows are written by many transactions at once and chained
 * afterwards by this single sealer (one node per round, under an advisory try-lock: the other nodes skip the round), so writing a
 * row never waits for the chain. A row committed late, after higher ids were sealed, is chained
 * in the next round: the chain's order is the sealing order, not the id order.
 *
 * <p>Only rows the platform could have written are chained: a positive id, a MAC, and a time not
 * ahead of the sealer's clock (by more than {@link #CLOCK_SKEW}, for nodes whose clocks differ a
 * little). Anything else stays outside the chain, where the verifier reports it.
 */
@Component
public class AccessLogSealer {

    static final int BATCH = 20_000;
    /** How far below the highest sealed id a late commit is looked for, every {@link #STRAGGLER_ROUNDS} rounds. */
    static final long STRAGGLER_WINDOW = 100_000;
    static final int STRAGGLER_ROUNDS = 40;
    static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(1);
    static final byte[] GENESIS = new byte[32];
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** The advisory lock of the sealer's rounds ({@code hashtext} of it), the same for every node. */
    static final String LOCK = "audit.access_log_seal";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final AuditKeys keys;
    private final Checkpoints checkpoints;
    private final Clock clock = Clock.systemUTC();
    private final java.util.concurrent.atomic.AtomicInteger rounds = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong lastSeen = new java.util.concurrent.atomic.AtomicLong(-1);

    private final vn.dancu.platform.Leadership leadership;

    AccessLogSealer(JdbcClient jdbc, TransactionTemplate transactions, AuditKeys keys, Checkpoints checkpoints,
                    vn.dancu.platform.Leadership leadership) {
        this.leadership = leadership;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.keys = keys;
        this.checkpoints = checkpoints;
    }

    @Scheduled(fixedDelayString = "${dancu.audit.seal-every:250ms}", initialDelayString = "PT5S")
    void scheduled() {
        boolean stragglers = rounds.incrementAndGet() % STRAGGLER_ROUNDS == 0;
        // An idle round costs one index lookup, not a transaction: most rounds on a quiet platform find nothing.
        long newest = jdbc.sql("select coalesce(max(id), 0) from audit.access_log").query(Long.class).single();
        // One node seals per round: the others find the lock taken and skip the round instead of queueing for it.
        if ((stragglers || newest != lastSeen.get())
                && leadership.callAlone(LOCK, () -> sealLocked(stragglers)) != null) {
            lastSeen.set(newest);
        }
    }

    /** Seals everything committed now, late commits included, and signs a checkpoint when one is due. */
    public int sealNow() {
        return seal(true);
    }

    private int seal(boolean withStragglers) {
        Integer sealed = transactions.execute(status -> {
            lock();
            return sealLocked(withStragglers);
        });
        return sealed == null ? 0 : sealed;
    }

    private int sealLocked(boolean withStragglers) {
        // Rows past the head are found through the primary key alone; the anti-join that finds rows
        // committed late (below the head) costs more and runs every few rounds.
        int total = withStragglers ? sealBatch(true) : 0;
        int n;
        do {
            n = sealBatch(false);
            total += n;
        } while (n == BATCH);
        checkpointIfDue();
        return total;
    }

    /**
     * The rows the sealer chains, besides a positive id (the head and the straggler window start at 0):
     * a MAC, a time not ahead of the horizon, an id the sequence handed out (a row forged with a huge id
     * would otherwise lift the head above every row still to come).
     */
    static final String IN_RANGE = "mac is not null and accessed_at <= ? and id <= (select last_value from audit.access_log_id_seq)";

    /**
     * The rows of the window below the head that no link lists yet, in one statement: the ids of the links that reach into
     * the window are unnested once, and PostgreSQL anti-joins the window's rows against them by hash (up to
     * {@link #STRAGGLER_WINDOW} ids each side) instead of the sealer carrying both sets into Java.
     */
    static final String UNSEALED_BELOW_HEAD = """
            select a.id, a.mac from audit.access_log a
            where a.id > ? and a.id <= ? and\s""" + IN_RANGE + """

              and not exists (select from (select unnest(s.log_ids) as id from audit.access_log_seal s where s.last_id > ?) sealed
                              where sealed.id = a.id)
            order by a.id""";

    private record Head(long position, byte[] hash, long maxLogId) {
    }

    private record Row(long id, byte[] mac) {
    }

    /**
     * One link: the rows past the head, found through the primary key; or, for late commits, the
     * rows of the window below the head that no link lists yet.
     */
    private int sealBatch(boolean stragglers) {
        Head head = head();
        java.sql.Timestamp horizon = Timestamp.from(clock.instant().plus(CLOCK_SKEW));
        List<Row> rows;
        if (stragglers) {
            long low = Math.max(0, head.maxLogId() - STRAGGLER_WINDOW);
            rows = jdbc.sql(UNSEALED_BELOW_HEAD).params(low, head.maxLogId(), horizon, low)
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getBytes(2))).list();
        } else {
            rows = jdbc.sql("select id, mac from audit.access_log where id > ? and " + IN_RANGE + " order by id limit ?")
                    .params(head.maxLogId(), horizon, BATCH)
                    .query((rs, i) -> new Row(rs.getLong(1), rs.getBytes(2))).list();
        }
        if (rows.isEmpty()) {
            return 0;
        }
        byte[] hash = head.hash();
        for (Row row : rows) {
            hash = link(hash, row.id(), row.mac());
        }
        jdbc.sql("""
                        insert into audit.access_log_seal (position, first_id, last_id, log_ids, chain_hash)
                        values (?, ?, ?, ?, ?)""")
                .params(head.position() + 1, rows.getFirst().id(), rows.getLast().id(),
                        rows.stream().map(Row::id).toArray(Long[]::new), hash)
                .update();
        return rows.size();
    }

    private Head head() {
        return jdbc.sql("""
                        select s.position, s.chain_hash, (select max(last_id) from audit.access_log_seal)
                        from audit.access_log_seal s order by s.position desc limit 1""")
                .query((rs, i) -> new Head(rs.getLong(1), rs.getBytes(2), rs.getLong(3))).optional()
                .orElse(new Head(0, GENESIS, 0));
    }

    private void checkpointIfDue() {
        Head head = head();
        if (head.position() == 0) {
            return;
        }
        var last = jdbc.sql("select position, signed_at from audit.checkpoint order by position desc limit 1")
                .query((rs, i) -> new Object[] {rs.getLong(1), rs.getTimestamp(2).toInstant()}).optional();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        boolean due = last.isEmpty() || (long) last.get()[0] < head.position()
                && ((Instant) last.get()[1]).plus(CHECKPOINT_EVERY).isBefore(now);
        if (due) {
            sign(head, now);
        }
    }

    /** Signs the head; once the transaction commits, the checkpoint goes to the witness journal. */
    private void sign(Head head, Instant now) {
        Checkpoint unsigned = Checkpoint.of(head.position(), head.hash(), now, new byte[0]);
        byte[] signature = keys.sign(unsigned.signedBytes());
        jdbc.sql("insert into audit.checkpoint (position, chain_hash, signed_at, signature) values (?, ?, ?, ?)")
                .params(head.position(), head.hash(), Timestamp.from(now), signature).update();
        Checkpoint checkpoint = Checkpoint.of(head.position(), head.hash(), now, signature);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                checkpoints.published(checkpoint);
            }
        });
    }

    private void lock() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(LOCK).query(Object.class).optional();
    }

    /** Signs the chain's head now, whatever the time since the last checkpoint (tests, and an operator before a backup). */
    public void checkpointNow() {
        transactions.executeWithoutResult(status -> {
            lock();
            Head head = head();
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            boolean exists = jdbc.sql("select exists (select 1 from audit.checkpoint where position = ?)").param(head.position())
                    .query(Boolean.class).single();
            if (head.position() > 0 && !exists) {
                sign(head, now);
            }
        });
    }

    /** One digest per thread: a seal or a verification links every row, and a lookup per row is measurable. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    static byte[] link(byte[] previous, long logId, byte[] mac) {
        MessageDigest sha = SHA256.get();
        sha.update(previous);
        sha.update(ByteBuffer.allocate(8).putLong(logId).array());
        if (mac != null) {
            sha.update(mac);
        }
        return sha.digest();
    }
}
