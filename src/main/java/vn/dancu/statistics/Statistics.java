package vn.dancu.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.dancu.platform.ReadSource;

/**
 * The public API of the statistics module: the figures as they stand, read from the aggregates
 * (docs/statistics.md lists every fact, its keys and its definition). Figures are counts, never
 * persons; callers that publish them outside the platform apply the disclosure rules of
 * {@code docs/api/statistics-v1.md}.
 */
@Service
public class Statistics {

    /** The unit id under which national figures are kept. */
    public static final long NATION = 0;

    public record Figure(long unitId, String k1, String k2, String k3, long value) {
    }

    public record DailyFigure(LocalDate day, long unitId, long value) {
    }

    /** How fresh the figures are: the latest change folded in, and when it was folded in. */
    public record Freshness(long batch, LocalDate asOf, Instant latestChangeAt, Instant appliedAt) {
    }

    /** Figures are counts folded in by batches: a replica a few seconds behind serves them (docs/deployment.md). */
    private final ReadSource reads;

    Statistics(ReadSource reads) {
        this.reads = reads;
    }

    /** Every figure of {@code fact} for one unit in force today ({@link #NATION} for the country). */
    public List<Figure> figures(String fact, long unitId) {
        return reads.read(db -> db.sql(
                        "select unit_id, k1, k2, k3, value from statistics.figure where fact = ? and unit_id = ? order by k1, k2, k3")
                .params(fact, unitId).query(Statistics::figure).list());
    }

    /** Every figure of {@code fact} for several units at once, such as the communes of a province. */
    public List<Figure> figures(String fact, Collection<Long> unitIds) {
        return reads.read(db -> db.sql("select unit_id, k1, k2, k3, value from statistics.figure where fact = ? and unit_id = any(?)"
                        + " order by unit_id, k1, k2, k3")
                .params(fact, unitIds.toArray(Long[]::new)).query(Statistics::figure).list());
    }

    /**
     * The figures of {@code fact} for several units whose first key lies between {@code k1From} and
     * {@code k1To}, both included: a range of months of {@code births} or {@code deaths}, read along
     * the primary key without the rest of the history.
     */
    public List<Figure> figures(String fact, Collection<Long> unitIds, String k1From, String k1To) {
        return reads.read(db -> db.sql("""
                        select unit_id, k1, k2, k3, value from statistics.figure
                        where fact = ? and unit_id = any(?) and k1 between ? and ? order by unit_id, k1, k2, k3""")
                .params(fact, unitIds.toArray(Long[]::new), k1From, k1To).query(Statistics::figure).list());
    }

    /**
     * The figures of {@code fact} for several units whose second key lies between {@code k2From} and
     * {@code k2To}, both included: the months of {@code moves} or of the procedures' facts.
     */
    public List<Figure> figuresBySecondKey(String fact, Collection<Long> unitIds, String k2From, String k2To) {
        return reads.read(db -> db.sql("""
                        select unit_id, k1, k2, k3, value from statistics.figure
                        where fact = ? and unit_id = any(?) and k2 between ? and ? order by unit_id, k1, k2, k3""")
                .params(fact, unitIds.toArray(Long[]::new), k2From, k2To).query(Statistics::figure).list());
    }

    /** The sum of every figure of {@code fact} per unit, such as the population of each commune; units without figures are left out. */
    public java.util.Map<Long, Long> totals(String fact, Collection<Long> unitIds) {
        return reads.read(db -> {
            var totals = new java.util.HashMap<Long, Long>();
            db.sql("select unit_id, sum(value)::bigint from statistics.figure where fact = ? and unit_id = any(?) group by unit_id")
                    .params(fact, unitIds.toArray(Long[]::new)).query(rs -> {
                        totals.put(rs.getLong(1), rs.getLong(2));
                    });
            return totals;
        });
    }

    /** The end-of-day values of {@code fact} for a unit between two days, both included. */
    public List<DailyFigure> daily(String fact, long unitId, LocalDate from, LocalDate to) {
        return reads.read(db -> db.sql(
                        "select day, unit_id, value from statistics.daily where fact = ? and unit_id = ? and day between ? and ? order by day")
                .params(fact, unitId, from, to)
                .query((rs, n) -> new DailyFigure(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3))).list());
    }

    public Optional<Freshness> freshness() {
        return reads.read(db -> db.sql("select batch, as_of, latest_change_at, applied_at from statistics.state where id = 1")
                .query((rs, n) -> new Freshness(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4))))
                .optional());
    }

    private static Figure figure(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Figure(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5));
    }

    private static Instant instant(java.sql.Timestamp at) {
        return at == null ? null : at.toInstant();
    }
}
