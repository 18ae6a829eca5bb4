package vn.dancu.exchange;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * {@code outcomes}: the latest outcome of each person in one chunk of the member's reconciliation. The member's
     * rows change first; only the persons whose row was actually inserted or deleted (a handful per chunk once a
     * member's differences are known) are then locked, in one order, and counted. Chunks of several jobs run at
     * once: two transactions changing one person take turns on its lock after their own change, and the second
     * counts (a new snapshot per statement) after the first has committed, so exactly one of them sees the person's
     * first opening or last closing.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    void track(long memberId, Map<String, String> outcomes) {
        String[] opening = of(outcomes, "DIFFERENT");
        String[] closing = of(outcomes, "MATCHED");
        if (opening.length + closing.length == 0) {
            return;
        }
        List<String> inserted = opening.length == 0 ? List.of() : jdbc.sql("""
                        insert into exchange.open_difference (member_id, personal_id) select ?, unnest(?::text[])
                        on conflict do nothing returning personal_id""").params(memberId, opening).query(String.class).list();
        List<String> deleted = closing.length == 0 ? List.of() : jdbc.sql("""
                        delete from exchange.open_difference where member_id = ? and personal_id = any(?) returning personal_id""")
                .params(memberId, closing).query(String.class).list();
        if (inserted.isEmpty() && deleted.isEmpty()) {
            return;
        }
        String[] changed = java.util.stream.Stream.concat(inserted.stream(), deleted.stream()).toArray(String[]::new);
        jdbc.sql("select count(pg_advisory_xact_lock(?, hashtext(p))) from (select distinct unnest(?::text[]) p order by 1) x")
                .params(LOCK_SPACE, changed).query(Long.class).single();
        Map<String, Long> open = openRows(changed);
        // opened: this member's row is the person's only one; closed: the person has none left
        List<String> opened = inserted.stream().filter(p -> open.getOrDefault(p, 0L) == 1).sorted().toList();
        List<String> closed = deleted.stream().filter(p -> !open.containsKey(p)).sorted().toList();
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

    /** How many members have an open difference with each of these persons (absent: none). */
    private Map<String, Long> openRows(String[] persons) {
        Map<String, Long> rows = new HashMap<>();
        jdbc.sql("select personal_id, count(*) from exchange.open_difference where personal_id = any(?) group by personal_id")
                .param(persons).query((rs, n) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        return rows;
    }

    private static String[] of(Map<String, String> outcomes, String outcome) {
        return outcomes.entrySet().stream().filter(e -> e.getValue().equals(outcome)).map(Map.Entry::getKey).toArray(String[]::new);
    }
}
