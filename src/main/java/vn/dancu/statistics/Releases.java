package vn.dancu.statistics;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Noisy tables as released: each table (audience, dimension, unit, months) is drawn once a month and
 * then served as stored, so asking again returns the same noise instead of a fresh draw whose
 * average would converge on the exact count.
 */
@Component
class Releases {

    /** The public's audience id; members are their exchange member ids. */
    static final long PUBLIC = 0;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    Releases(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The stored release, or the one {@code draw} makes, stored; {@code draw} runs at most once per
     * key and month, even when the same table is asked for at the same moment (a lock on the key).
     * {@code released} says whether this call made it.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Served serve(long audience, OpenTables.Query q, String period, BigDecimal epsilon, Supplier<OpenTables.Table> draw) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(?, 0))")
                .param("statistics.release:" + audience + ":" + q.dimension().name + ":" + q.unitId() + ":" + period + ":" + q.monthsKey())
                .query((rs, n) -> 1).single();
        Optional<OpenTables.Table> stored = jdbc.sql("""
                        select body from statistics.release where member_id = ? and dimension = ? and unit_id = ? and period = ? and months = ?""")
                .params(audience, q.dimension().name, q.unitId(), period, q.monthsKey())
                .query((rs, n) -> JSON.readValue(rs.getString(1), OpenTables.Table.class)).optional();
        if (stored.isPresent()) {
            return new Served(stored.get(), false);
        }
        OpenTables.Table table = draw.get();
        jdbc.sql("""
                        insert into statistics.release (member_id, dimension, unit_id, period, months, epsilon, body)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb)""")
                .params(audience, q.dimension().name, q.unitId(), period, q.monthsKey(), epsilon, JSON.writeValueAsString(table)).update();
        return new Served(table, true);
    }

    record Served(OpenTables.Table table, boolean released) {
    }
}
