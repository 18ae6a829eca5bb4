package vn.dancu.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The signed checkpoints, as the database holds them and as they are published: to the local
 * witness journal as soon as each is committed, and to anyone over the API (they hold no personal
 * data) so that members, citizens and operators can keep copies that no insider reaches.
 */
@Service
public class Checkpoints {

    private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);
    /** How stale the position in the response header may be: other nodes sign too. */
    static final Duration LATEST_REFRESH = Duration.ofSeconds(5);
    public static final int MAX_PAGE = 1_000;

    private record Cached(Optional<Checkpoint> checkpoint, Instant readAt) {
    }

    private final JdbcClient jdbc;
    private final CheckpointJournal journal;
    private final AuditKeys keys;
    private final AtomicReference<Cached> latest = new AtomicReference<>(new Cached(Optional.empty(), Instant.EPOCH));

    Checkpoints(JdbcClient jdbc, CheckpointJournal journal, AuditKeys keys) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.keys = keys;
    }

    /** The newest checkpoint; at most {@link #LATEST_REFRESH} old when another node signed it. */
    public Optional<Checkpoint> latest() {
        Cached cached = latest.get();
        if (cached.readAt().plus(LATEST_REFRESH).isAfter(Instant.now())) {
            return cached.checkpoint();
        }
        Optional<Checkpoint> newest = jdbc.sql("select position, chain_hash, signed_at, signature from audit.checkpoint"
                        + " order by position desc limit 1").query(Checkpoints::row).optional();
        latest.set(new Cached(newest, Instant.now()));
        return newest;
    }

    /** Checkpoints past {@code position}, oldest first, {@code limit} at most. */
    public List<Checkpoint> after(long position, int limit) {
        return jdbc.sql("select position, chain_hash, signed_at, signature from audit.checkpoint"
                        + " where position > ? order by position limit ?")
                .params(position, limit).query(Checkpoints::row).list();
    }

    /** The key that verifies every checkpoint's signature, X.509 SubjectPublicKeyInfo, base64. */
    public String publicKey() {
        return keys.publicKeyBase64();
    }

    /** Called once the checkpoint is committed. */
    void published(Checkpoint checkpoint) {
        journal.append(checkpoint);
        latest.set(new Cached(Optional.of(checkpoint), Instant.now()));
    }

    /**
     * At start: writes to the journal the checkpoints committed after its last line (a crash between
     * commit and append), and says so loudly when the database holds fewer checkpoints than the
     * journal: the chain was cut back. Only checkpoints the platform's key signed are copied.
     */
    @EventListener(ApplicationStartedEvent.class)
    void catchUp() {
        long journaled = journal.lastPosition();
        long newest = jdbc.sql("select coalesce(max(position), 0) from audit.checkpoint").query(Long.class).single();
        if (newest < journaled) {
            log.error("The access log's checkpoints end at position {} but the witness journal {} holds position {}: "
                    + "the chain was cut back in the database. Run ./dancu audit verify.", newest, journal.file(), journaled);
            return;
        }
        for (Checkpoint missing : after(journaled, Integer.MAX_VALUE)) {
            if (keys.verify(missing.signedBytes(), missing.signatureBytes())) {
                journal.append(missing);
            } else {
                log.error("Checkpoint {} in the database does not carry the platform's signature: not copied to the journal",
                        missing.position());
            }
        }
    }

    private static Checkpoint row(ResultSet rs, int n) throws SQLException {
        return Checkpoint.of(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4));
    }
}
