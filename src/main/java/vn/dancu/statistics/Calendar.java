package vn.dancu.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.registry.Demographics;
import vn.dancu.registry.PopulationProfiles;

/**
 * The nightly step: just after midnight in Vietnam (the platform's {@link Clock}) it advances
 * {@code statistics.state.as_of} one day at a time up to today, so days the platform was stopped
 * are caught up. For each day, in one transaction holding the state row {@code FOR UPDATE}:
 * folds what is pending and keeps the eve's closing figures in {@code statistics.daily}, follows a
 * reform of units that takes effect, then moves between figures the few persons whose figures
 * differ between the eve and the day (a birthday at an age boundary, a card that expired, a
 * residence that starts or ended), from the registry's lists, without a recount.
 */
@Component
class Calendar {

    /** Writers hold it shared while they count on {@code as_of}; the step holds it alone while it moves the day. */
    static final String AS_OF_LOCK = "dancu.statistics.as_of";

    /** The facts whose daily totals per unit are kept for the trends. */
    static final List<String> DAILY_FACTS = List.of("population", "adults", "households", "eid_accounts");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Tally tally;
    private final Journal journal;
    private final PopulationProfiles profiles;
    private final Clock clock;

    Calendar(JdbcClient jdbc, TransactionTemplate transactions, Tally tally, Journal journal, PopulationProfiles profiles, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tally = tally;
        this.journal = journal;
        this.profiles = profiles;
        this.clock = clock;
    }

    /** Checked every minute: most checks find {@code as_of} is today and cost one read. */
    @Scheduled(fixedDelayString = "${dancu.statistics.calendar-every:60s}", initialDelayString = "PT20S")
    void scheduled() {
        catchUp();
    }

    /** Advances {@code as_of} day by day to today; returns the days advanced. */
    int catchUp() {
        // Checked without a lock: locking the row FOR UPDATE would make every write wait, even for nothing.
        LocalDate asOf = jdbc.sql("select as_of from statistics.state where id = 1").query(LocalDate.class).optional().orElse(null);
        if (asOf == null || !asOf.isBefore(LocalDate.now(clock))) {
            return 0;
        }
        int days = 0;
        while (Boolean.TRUE.equals(transactions.execute(status -> advanceOneDay()))) {
            days++;
        }
        return days;
    }

    private boolean advanceOneDay() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))").param(AS_OF_LOCK).query((rs, n) -> 1).list();
        LocalDate eve = jdbc.sql("select as_of from statistics.state where id = 1 for update").query(LocalDate.class).optional()
                .orElse(null);
        LocalDate today = LocalDate.now(clock);
        if (eve == null || !eve.isBefore(today)) {
            return false;
        }
        LocalDate day = eve.plusDays(1);
        tally.foldAll();
        jdbc.sql("""
                        insert into statistics.daily (day, fact, unit_id, value)
                        select ?, fact, unit_id, sum(value) from statistics.figure where fact = any(?) group by fact, unit_id
                        on conflict (fact, unit_id, day) do update set value = excluded.value""")
                .params(eve, DAILY_FACTS.toArray(String[]::new)).update();
        tally.remapUnits();
        List<Journal.Delta> deltas = new ArrayList<>();
        for (Demographics person : profiles.changingOn(day, Census.birthdaysCrossing(day))) {
            Census.person(person, eve, -1, deltas::add);
            Census.person(person, day, +1, deltas::add);
        }
        journal.add(deltas);
        jdbc.sql("update statistics.state set as_of = ?, batch = batch + 1, applied_at = now() where id = 1").param(day).update();
        return true;
    }
}
