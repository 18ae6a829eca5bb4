package vn.dancu.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.registry.PopulationChange;

/**
 * Journals what a registry write changes in the population figures, in the write's transaction:
 * the keys of the profiles after, minus those before, counted on {@code statistics.state.as_of}.
 * The date is read under a shared advisory lock that the nightly step takes exclusively: the step,
 * which moves everyone counted on the eve to the new day, waits until this write commits, and a
 * write that starts meanwhile waits for the step, so no change is counted at the wrong age. An
 * advisory lock rather than a row lock: a row locked by many writers at once costs PostgreSQL a
 * MultiXact and a write of the row for each of them. Tally and rebuild never make a write wait.
 */
@Component
@ConditionalOnProperty(name = "dancu.statistics.enabled", havingValue = "true", matchIfMissing = true)
class PopulationJournal {

    private final JdbcClient jdbc;
    private final Journal journal;
    private final Clock clock;

    PopulationJournal(JdbcClient jdbc, Journal journal, Clock clock) {
        this.jdbc = jdbc;
        this.journal = journal;
        this.clock = clock;
    }

    @EventListener
    void on(PopulationChange change) {
        LocalDate asOf = asOf();
        List<Journal.Delta> deltas = new ArrayList<>();
        change.before().forEach(p -> Census.person(p, asOf, -1, deltas::add));
        change.after().forEach(p -> Census.person(p, asOf, +1, deltas::add));
        change.householdsBefore().forEach(h -> Census.household(h, -1, deltas::add));
        change.householdsAfter().forEach(h -> Census.household(h, +1, deltas::add));
        journal.add(deltas);
    }

    /**
     * The day figures are counted on. Before the first rebuild there is no state yet: the rebuild
     * drops every journal row its snapshot sees, so the day chosen then does not matter.
     */
    private LocalDate asOf() {
        jdbc.sql("select pg_advisory_xact_lock_shared(hashtext(?))").param(Calendar.AS_OF_LOCK).query((rs, n) -> 1).list();
        return jdbc.sql("select as_of from statistics.state where id = 1").query(LocalDate.class).optional()
                .orElseGet(() -> LocalDate.now(clock));
    }
}
