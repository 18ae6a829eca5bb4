package vn.dancu.statistics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.platform.Copy;

/**
 * {@code ./dancu statistics rebuild}: every figure of every {@link Recount} family computed again
 * from the source tables and put in place of the kept ones, in one REPEATABLE READ transaction.
 * Its snapshot decides what is in the figures: a journal row the snapshot sees was written by a
 * change the snapshot sees, so the recount holds it and the row is dropped; a row committed later is
 * left for the {@link Tally} to add on top. The state row is locked {@code FOR NO KEY UPDATE}: the
 * Tally and the nightly step wait (or skip), writers do not; had either changed figures after the
 * snapshot began, the lock fails with a serialization error and the rebuild starts again.
 * Built once at startup when {@code statistics.state} has no row (a first start, an existing
 * database), in the background.
 */
@Service
public class Rebuild {

    public record Result(LocalDate asOf, List<String> facts, long figures, Duration took) {
    }

    private static final Logger log = LoggerFactory.getLogger(Rebuild.class);
    private static final int ATTEMPTS = 5;
    /** The advisory lock a rebuild holds exclusively and each fold shares (hashed to a key by PostgreSQL). */
    static final String LOCK = "dancu.statistics.rebuild";
    /** Distinct keys held before they are handed to PostgreSQL: memory stays bounded at any population. */
    private static final int FLUSH_KEYS = 100_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final TransactionTemplate repeatableRead;
    private final List<Recount> families;
    private final UnitMap unitMap;
    private final Clock clock;
    private final boolean onStart;

    Rebuild(JdbcClient jdbc, DataSource dataSource, PlatformTransactionManager transactions, List<Recount> families, UnitMap unitMap,
            Clock clock, @Value("${dancu.statistics.rebuild-on-start:true}") boolean onStart) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.families = families;
        this.unitMap = unitMap;
        this.clock = clock;
        this.onStart = onStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildOnFirstStart() {
        if (!onStart || jdbc.sql("select exists (select 1 from statistics.state)").query(Boolean.class).single()) {
            return;
        }
        Thread.ofVirtual().name("statistics-rebuild").start(() -> {
            try {
                Result result = run();
                log.info("Statistics built: {} figures as of {} in {} ms", result.figures(), result.asOf(), result.took().toMillis());
            } catch (RuntimeException e) {
                log.error("Statistics could not be built at startup ({}); run ./dancu statistics rebuild", e.getClass().getSimpleName());
            }
        });
    }

    /**
     * Recomputes and replaces every figure of every family. A session lock held on its own
     * connection keeps folds out from before the snapshot is taken until the rebuild commits: a
     * fold under way is waited for, later ones skip their rounds. Only the nightly step can still
     * get in between (it waits on the state row, not on this lock), and then the rebuild is retried.
     */
    public Result run() {
        try (Connection session = dataSource.getConnection()) {
            JdbcClient lock = JdbcClient.create(new SingleConnectionDataSource(session, true));
            lock.sql("select pg_advisory_lock(hashtext(?))").param(LOCK).query((rs, n) -> 1).list();
            try {
                return attempts();
            } finally {
                lock.sql("select pg_advisory_unlock(hashtext(?))").param(LOCK).query((rs, n) -> 1).list();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no connection for the rebuild's lock", e);
        }
    }

    private Result attempts() {
        for (int attempt = 1; ; attempt++) {
            try {
                long started = System.nanoTime();
                Result result = repeatableRead.execute(status -> rebuild());
                return new Result(result.asOf(), result.facts(), result.figures(), Duration.ofNanos(System.nanoTime() - started));
            } catch (TransientDataAccessException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private Result rebuild() {
        jdbc.sql("insert into statistics.state (id, as_of) values (1, ?) on conflict (id) do nothing").param(LocalDate.now(clock)).update();
        LocalDate asOf = jdbc.sql("select as_of from statistics.state where id = 1 for no key update").query(LocalDate.class).single();
        jdbc.sql("create temporary table recount (fact text, unit_id bigint, k1 text, k2 text, k3 text, amount bigint) on commit drop")
                .update();
        Set<String> facts = new TreeSet<>();
        Map<Journal.Delta, Long> held = new HashMap<>();
        for (Recount family : families) {
            facts.addAll(family.facts());
            family.recount(asOf, delta -> {
                held.merge(delta.withAmount(0), delta.amount(), Long::sum);
                if (held.size() >= FLUSH_KEYS) {
                    flush(held);
                }
            });
        }
        flush(held);
        Set<Long> units = new HashSet<>(jdbc.sql("select distinct unit_id from recount").query(Long.class).list());
        units.addAll(jdbc.sql("select distinct k1::bigint from recount where fact = 'moves'").query(Long.class).list());
        unitMap.ensure(units);
        String[] factArray = facts.toArray(String[]::new);
        jdbc.sql("delete from statistics.figure where fact = any(?)").param(factArray).update();
        jdbc.sql(Tally.FOLD.formatted("recount")).query((rs, n) -> 1).list();
        jdbc.sql("delete from statistics.journal where fact = any(?)").param(factArray).update();
        jdbc.sql("update statistics.state set batch = batch + 1, applied_at = now(), latest_change_at = coalesce(latest_change_at, now()) "
                + "where id = 1").update();
        long figures = jdbc.sql("select count(*) from statistics.figure where fact = any(?)").param(factArray).query(Long.class).single();
        return new Result(asOf, List.copyOf(facts), figures, Duration.ZERO);
    }

    private void flush(Map<Journal.Delta, Long> held) {
        StringBuilder rows = new StringBuilder();
        held.forEach((d, amount) -> {
            if (amount != 0) {
                Copy.line(rows, d.fact(), d.unitId(), d.k1(), d.k2(), d.k3(), amount);
            }
        });
        held.clear();
        Copy.in(dataSource, "copy recount (fact, unit_id, k1, k2, k3, amount) from stdin (format csv)", rows);
    }
}
