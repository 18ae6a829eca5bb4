package vn.dancu.exchange;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which persons have an open reconciliation difference: a member whose latest record of them
 * disagreed with the registry ({@code DIFFERENT}) until a later record of the same member matches
 * ({@code MATCHED}). Kept per member and person in {@code exchange.open_difference}; a person counts
 * once whatever the number of members, so a change is published only when the first member opens
 * one or the last one closes it.
 */
@Component
class OpenDifferences {

    /** The first key of the advisory locks taken per person here. */
    private static final int LOCK_SPACE = 20;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    OpenDifferences(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    /** {@code outcomes}: the latest outcome of each person in one chunk of the member's reconciliation. */
    @Transactional(propagation = Propagation.MANDATORY)
    void track(long memberId, Map<String, String> outcomes) {
        String[] opening = of(outcomes, "DIFFERENT");
        String[] closing = of(outcomes, "MATCHED");
        if (opening.length + closing.length == 0) {
            return;
        }
        String[] persons = outcomes.keySet().toArray(String[]::new);
        // Chunks of several jobs run at once: whether a person had any open difference is decided one transaction at a time.
        jdbc.sql("select count(pg_advisory_xact_lock(?, hashtext(p))) from (select distinct unnest(?::text[]) p order by 1) x")
                .params(LOCK_SPACE, persons).query(Long.class).single();
        Set<String> before = withOpen(persons);
        jdbc.sql("""
                        insert into exchange.open_difference (member_id, personal_id) select ?, unnest(?::text[])
                        on conflict do nothing""").params(memberId, opening).update();
        jdbc.sql("delete from exchange.open_difference where member_id = ? and personal_id = any(?)").params(memberId, closing).update();
        Set<String> after = withOpen(persons);
        List<String> opened = after.stream().filter(p -> !before.contains(p)).sorted().toList();
        List<String> closed = before.stream().filter(p -> !after.contains(p)).sorted().toList();
        if (!opened.isEmpty() || !closed.isEmpty()) {
            events.publishEvent(new DifferencesChanged(opened, closed));
        }
    }

    /** Every person with an open difference, each once, streamed. */
    void each(Consumer<String> into) {
        try (var rows = jdbc.sql("select distinct personal_id from exchange.open_difference").query(String.class).stream()) {
            rows.forEach(into);
        }
    }

    private Set<String> withOpen(String[] persons) {
        return new HashSet<>(jdbc.sql("select distinct personal_id from exchange.open_difference where personal_id = any(?)")
                .param(persons).query(String.class).list());
    }

    private static String[] of(Map<String, String> outcomes, String outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getValue().equals(outcome)).map(Map.Entry::getKey).toArray(String[]::new);
    }
}
