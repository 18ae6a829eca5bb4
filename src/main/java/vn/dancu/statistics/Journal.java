package vn.dancu.statistics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Writes changes to figures into {@code statistics.journal}, inside the caller's transaction, so a
 * figure moves if and only if the change that moves it commits. The worker folds the journal into
 * the figures in batches.
 */
@Component
class Journal {

    /** One change to one figure; {@code unitId} as the source recorded it, of any era and level. */
    record Delta(String fact, long unitId, String k1, String k2, String k3, long amount) {

        Delta {
            k1 = k1 == null ? "" : k1;
            k2 = k2 == null ? "" : k2;
            k3 = k3 == null ? "" : k3;
        }

        Delta withAmount(long newAmount) {
            return new Delta(fact, unitId, k1, k2, k3, newAmount);
        }
    }

    private final JdbcClient jdbc;

    Journal(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Writes the deltas in one statement; deltas that cancel out are left out before. */
    void add(List<Delta> deltas) {
        var net = deltas.stream()
                .collect(Collectors.groupingBy(d -> d.withAmount(0), LinkedHashMap::new, Collectors.summingLong(Delta::amount)))
                .entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey().withAmount(e.getValue())).toList();
        if (net.isEmpty()) {
            return;
        }
        jdbc.sql("""
                insert into statistics.journal (fact, unit_id, k1, k2, k3, amount)
                select * from unnest(?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[])""")
                .params(net.stream().map(Delta::fact).toArray(String[]::new),
                        net.stream().map(Delta::unitId).toArray(Long[]::new),
                        net.stream().map(Delta::k1).toArray(String[]::new),
                        net.stream().map(Delta::k2).toArray(String[]::new),
                        net.stream().map(Delta::k3).toArray(String[]::new),
                        net.stream().map(Delta::amount).toArray(Long[]::new))
                .update();
    }
}
