package vn.dancu.statistics;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.units.UnitsChanged;

/**
 * Folds {@code statistics.journal} into {@code statistics.figure}, a batch per transaction: each
 * recorded unit counts for its commune and province of today ({@link UnitMap}) and for the nation.
 * One instance folds at a time: the batch starts by locking the state row {@code FOR NO KEY UPDATE
 * SKIP LOCKED}, so other platform instances skip the round; writers never touch the row's lock and
 * never wait for it.
 */
@Component
class Tally {

    static final int BATCH = 10_000;

    /**
     * The fold of a source of deltas (columns fact, unit_id, k1, k2, k3, amount) into the figures.
     * A {@code moves} row names the origin commune in k1: it becomes the origin province, and a
     * move inside one province counts nowhere. Returns the figures it touched with their values.
     */
    static final String FOLD = """
            insert into statistics.figure (fact, unit_id, k1, k2, k3, value)
            select s.fact, l.unit_id, case when s.fact = 'moves' then o.province_id::text else s.k1 end, s.k2, s.k3, sum(s.amount)
            from %s s
            join statistics.unit_map m on m.unit_id = s.unit_id
            left join statistics.unit_map o on o.unit_id = (case when s.fact = 'moves' then s.k1::bigint end)
            cross join lateral (values (case when s.fact <> 'moves' then m.commune_id end), (m.province_id), (0::bigint)) l(unit_id)
            where l.unit_id is not null
              and (s.fact <> 'moves' or (m.province_id is not null and o.province_id is not null and m.province_id <> o.province_id))
            group by 1, 2, 3, 4, 5 having sum(s.amount) <> 0
            on conflict (fact, unit_id, k1, k2, k3) do update set value = statistics.figure.value + excluded.value
            returning fact, unit_id, k1, k2, k3, value""";

    private record Pending(long id, String fact, long unitId, String k1, Instant occurredAt) {
    }

    private record Key(String fact, long unitId, String k1, String k2, String k3) {
    }

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final UnitMap unitMap;

    Tally(JdbcClient jdbc, TransactionTemplate transactions, UnitMap unitMap) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.unitMap = unitMap;
    }

    @Scheduled(fixedDelayString = "${dancu.statistics.tally-every:250ms}", initialDelayString = "PT2S")
    void scheduled() {
        // An idle round is one index probe, not a transaction.
        if (jdbc.sql("select exists (select 1 from statistics.journal)").query(Boolean.class).single()) {
            foldPending();
        }
    }

    /** Folds batches until the journal is empty, or another instance is folding; returns the rows folded. */
    int foldPending() {
        int total = 0;
        while (true) {
            Integer folded = transactions.execute(status -> lockSkipping() ? foldBatch() : -1);
            if (folded == null || folded < 0) {
                return total;
            }
            total += folded;
            if (folded < BATCH) {
                return total;
            }
        }
    }

    /**
     * Folds everything journalled so far, waiting for a fold or a rebuild under way to finish first;
     * for the tests and the benchmark, which need the figures in at once.
     */
    void foldNow() {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(?))").param(Rebuild.LOCK).query((rs, n) -> 1).list();
            jdbc.sql("select 1 from statistics.state where id = 1 for no key update").query(Integer.class).optional();
            foldAll();
        });
    }

    /** The state row, unless another instance is folding; never while a rebuild runs (see {@link Rebuild#run}). */
    private boolean lockSkipping() {
        return jdbc.sql("select pg_try_advisory_xact_lock_shared(hashtext(?))").param(Rebuild.LOCK).query(Boolean.class).single()
                && jdbc.sql("select 1 from statistics.state where id = 1 for no key update skip locked").query(Integer.class).optional()
                .isPresent();
    }

    /** Folds everything in the journal, inside the caller's transaction, which holds the state row. */
    void foldAll() {
        while (foldBatch() == BATCH) {
            // next batch
        }
    }

    /** One batch, oldest first; the caller holds the state row. */
    private int foldBatch() {
        List<Pending> batch = jdbc.sql("select id, fact, unit_id, k1, occurred_at from statistics.journal order by id limit ?")
                .param(BATCH)
                .query((rs, n) -> new Pending(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant())).list();
        if (batch.isEmpty()) {
            return 0;
        }
        Set<Long> units = new HashSet<>();
        for (Pending p : batch) {
            units.add(p.unitId());
            if (p.fact().equals("moves")) {
                units.add(Long.parseLong(p.k1()));
            }
        }
        unitMap.ensure(units);
        List<Key> zero = new ArrayList<>();
        jdbc.sql("with src as (delete from statistics.journal where id = any(?) returning fact, unit_id, k1, k2, k3, amount) "
                        + FOLD.formatted("src"))
                .param(batch.stream().map(Pending::id).toArray(Long[]::new))
                .query((rs, n) -> rs.getLong(6) == 0 ? zero.add(new Key(rs.getString(1), rs.getLong(2), rs.getString(3),
                        rs.getString(4), rs.getString(5))) : false).list();
        deleteZeros(zero);
        Instant latest = batch.stream().map(Pending::occurredAt).max(Instant::compareTo).orElseThrow();
        jdbc.sql("update statistics.state set batch = batch + 1, latest_change_at = greatest(latest_change_at, ?), applied_at = now() "
                + "where id = 1").param(Timestamp.from(latest)).update();
        return batch.size();
    }

    /** A figure that fell to zero is removed, as a rebuild would never write it. */
    private void deleteZeros(List<Key> zero) {
        if (zero.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        delete from statistics.figure f using unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[]) z(fact, unit_id, k1, k2, k3)
                        where f.fact = z.fact and f.unit_id = z.unit_id and f.k1 = z.k1 and f.k2 = z.k2 and f.k3 = z.k3 and f.value = 0""")
                .params(zero.stream().map(Key::fact).toArray(String[]::new), zero.stream().map(Key::unitId).toArray(Long[]::new),
                        zero.stream().map(Key::k1).toArray(String[]::new), zero.stream().map(Key::k2).toArray(String[]::new),
                        zero.stream().map(Key::k3).toArray(String[]::new))
                .update();
    }

    /** After an import of units: their figures follow the units of today. */
    @EventListener
    void on(UnitsChanged change) {
        transactions.executeWithoutResult(status -> {
            if (jdbc.sql("select 1 from statistics.state where id = 1 for no key update").query(Integer.class).optional().isPresent()) {
                remapUnits();
            }
        });
    }

    /**
     * Refreshes {@code unit_map} and moves the figures of units no longer in force onto the units
     * that cover them today (the lowest id after a split): commune and province rows alike; the
     * moves between provinces again by today's provinces, dropping those now inside one province,
     * and their national rows summed again. The caller holds the state row. Returns whether anything changed.
     */
    boolean remapUnits() {
        if (unitMap.refresh() == 0) {
            return false;
        }
        jdbc.sql("""
                with moved as (
                    delete from statistics.figure f using statistics.unit_map m
                    where f.fact <> 'moves' and f.unit_id <> 0 and m.unit_id = f.unit_id
                      and coalesce(m.commune_id, m.province_id) is distinct from f.unit_id
                    returning f.fact, coalesce(m.commune_id, m.province_id) target, f.k1, f.k2, f.k3, f.value)
                insert into statistics.figure (fact, unit_id, k1, k2, k3, value)
                select fact, target, k1, k2, k3, sum(value) from moved where target is not null group by 1, 2, 3, 4, 5
                on conflict (fact, unit_id, k1, k2, k3) do update set value = statistics.figure.value + excluded.value""").update();
        jdbc.sql("""
                with old as (delete from statistics.figure where fact = 'moves' returning unit_id, k1, k2, k3, value),
                provinces as (
                    select m.province_id unit_id, o.province_id::text k1, old.k2, old.k3, sum(old.value) value from old
                    join statistics.unit_map m on m.unit_id = old.unit_id
                    join statistics.unit_map o on o.unit_id = old.k1::bigint
                    where old.unit_id <> 0 and m.province_id is not null and o.province_id is not null and m.province_id <> o.province_id
                    group by 1, 2, 3, 4)
                insert into statistics.figure (fact, unit_id, k1, k2, k3, value)
                select 'moves', unit_id, k1, k2, k3, value from provinces
                union all select 'moves', 0, k1, k2, k3, sum(value) from provinces group by k1, k2, k3""").update();
        jdbc.sql("update statistics.state set batch = batch + 1, applied_at = now() where id = 1").update();
        return true;
    }
}
