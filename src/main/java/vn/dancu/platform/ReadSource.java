package vn.dancu.platform;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Where reads that tolerate a few seconds of staleness go: the read replica ({@code DANCU_REPLICA_URL}) while it is
 * up and close enough behind the primary, else the primary. Searches, statistics, report downloads and the
 * inspection of the access log read through it; writes, and reads that must see what was just written, use the
 * primary's {@link JdbcClient} directly (docs/deployment.md lists which reads go where, and why).
 *
 * <p>Before each read the replica's lag is measured on the connection the read uses: the age, on the replica's
 * clock, of the heartbeat the leader writes on the primary every second ({@link ReplicaHeartbeat}). Older than
 * {@code dancu.replica.max-lag}, the read goes to the primary. A replica that cannot be reached (connections time
 * out after a second) is not tried again for {@code dancu.replica.retry-after}: meanwhile every read goes to the
 * primary, so the platform keeps answering with the replica down, only without the relief.
 *
 * <p>The query a caller passes runs either on a replica connection of its own, outside the caller's transaction, or
 * on the primary inside it. It must therefore only read; a caller that logs a read of a person's data does so on the
 * primary in its own transaction, which commits before anything is shown (see {@code registry.PersonFinder#search}).
 */
public final class ReadSource implements AutoCloseable {

    /** Where the last read went, as the health endpoint and the metrics report it. */
    public enum State { NONE, REPLICA, STALE, DOWN }

    private static final Logger log = LoggerFactory.getLogger(ReadSource.class);

    private final JdbcClient primary;
    private final HikariDataSource replica;
    private final Duration maxLag;
    private final Duration retryAfter;
    private volatile boolean down;
    private volatile long retryAt;
    private volatile State state;
    private volatile double lagSeconds = Double.NaN;
    private final Counter replicaReads;
    private final Counter primaryReads;

    /** {@code replica} null: no replica is configured, and every read goes to the primary. */
    ReadSource(JdbcClient primary, HikariDataSource replica, Duration maxLag, Duration retryAfter, MeterRegistry meters) {
        this.primary = primary;
        this.replica = replica;
        this.maxLag = maxLag;
        this.retryAfter = retryAfter;
        this.state = replica == null ? State.NONE : State.REPLICA;
        this.replicaReads = Counter.builder("dancu.replica.reads").tag("source", "replica")
                .description("Reads that tolerate staleness, by where they were served").register(meters);
        this.primaryReads = Counter.builder("dancu.replica.reads").tag("source", "primary")
                .description("Reads that tolerate staleness, by where they were served").register(meters);
        Gauge.builder("dancu.replica.lag", this, r -> r.lagSeconds).baseUnit("seconds")
                .description("Age of the primary's heartbeat on the replica at the last read; NaN when unknown").register(meters);
    }

    /** Runs {@code query} on the replica when it is up and fresh, else on the primary (in the caller's transaction, if any). */
    public <T> T read(Function<JdbcClient, T> query) {
        if (replica != null && !(down && System.nanoTime() - retryAt < 0)) {
            try (Connection connection = replica.getConnection()) {
                down = false;
                if (fresh(connection)) {
                    try {
                        T result = query.apply(JdbcClient.create(new SingleConnectionDataSource(connection, true)));
                        replicaReads.increment();
                        return result;
                    } catch (DataAccessException conflict) {
                        // A standby cancels a query whose rows replay must remove ("conflict with recovery"): the primary answers.
                        log.info("A read on the replica failed ({}); the primary answers it", conflict.getMostSpecificCause().getMessage());
                    }
                }
            } catch (SQLException unreachable) {
                if (!down) {
                    log.warn("The read replica cannot be used ({}); reads go to the primary, the replica is tried again in {} s",
                            unreachable.getMessage(), retryAfter.toSeconds());
                }
                state = State.DOWN;
                lagSeconds = Double.NaN;
                retryAt = System.nanoTime() + retryAfter.toNanos();
                down = true;
            }
        }
        primaryReads.increment();
        return query.apply(primary);
    }

    private boolean fresh(Connection connection) throws SQLException {
        double lag = lag(connection);
        lagSeconds = lag;
        state = lag <= maxLag.toMillis() / 1000.0 ? State.REPLICA : State.STALE;
        return state == State.REPLICA;
    }

    /** Where reads went last, and the replica's lag then (NaN when unknown). */
    public State state() {
        return state;
    }

    public double lagSeconds() {
        return lagSeconds;
    }

    public Duration maxLag() {
        return maxLag;
    }

    /** The heartbeat's age on the replica's clock; the primary's and replica's clocks are kept by NTP. */
    private static double lag(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("select extract(epoch from clock_timestamp() - beat)::float8 from platform.heartbeat")) {
            if (!rs.next()) {
                throw new SQLException("The replica has no heartbeat row");
            }
            return rs.getDouble(1);
        }
    }

    @Override
    public void close() {
        if (replica != null) {
            replica.close();
        }
    }
}
