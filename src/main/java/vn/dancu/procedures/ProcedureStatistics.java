package vn.dancu.procedures;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;

/**
 * The programme's indicators for the procedures, counted from the KPI events: applications
 * received and completed, on time or late, online or at the counter, and the fields the registry
 * filled. Counts only: nothing here names a person.
 */
@Service
public class ProcedureStatistics {

    public record Row(int appendixNo, long received, long receivedOnline, long completed, long rejected, long onTime, long late,
                      long prefilledFields) {
    }

    /** The KPI events of one kind, procedure, receiving unit, month, channel and timeliness, summed. */
    public record KpiTotal(String kind, String procedure, long unitId, String month, String channel, Boolean onTime,
                           long applications, long prefilledFields, long typedFields) {
    }

    private final JdbcClient jdbc;

    ProcedureStatistics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Per procedure, for the days from {@code from} to {@code to} inclusive (Vietnam time). */
    @Transactional(readOnly = true)
    public List<Row> between(LocalDate from, LocalDate to) {
        if (from == null || to == null || to.isBefore(from) || to.isAfter(from.plusYears(5))) {
            throw ApiProblem.badRequest("INVALID_PERIOD", "from and to are dates, to not before from, at most five years apart");
        }
        return jdbc.sql("""
                        select appendix_no,
                               count(*) filter (where kind = 'RECEIVED'),
                               count(*) filter (where kind = 'RECEIVED' and channel = 'ONLINE'),
                               count(*) filter (where kind = 'COMPLETED'),
                               count(*) filter (where kind = 'REJECTED'),
                               count(*) filter (where kind <> 'RECEIVED' and on_time),
                               count(*) filter (where kind <> 'RECEIVED' and not on_time),
                               coalesce(sum(prefilled_fields) filter (where kind = 'RECEIVED'), 0)
                        from procedures.kpi_event where at >= ? and at < ?
                        group by appendix_no order by appendix_no""")
                .params(Timestamp.from(from.atStartOfDay(WorkingCalendar.VIETNAM).toInstant()),
                        Timestamp.from(to.plusDays(1).atStartOfDay(WorkingCalendar.VIETNAM).toInstant()))
                .query((rs, n) -> new Row(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8)))
                .list();
    }

    /**
     * Every KPI event since the first, summed as {@link ApplicationCounted} reports them one by one,
     * streamed: for the statistics module's recount.
     */
    @Transactional(readOnly = true)
    public void kpiTotals(Consumer<KpiTotal> into) {
        try (var rows = jdbc.sql("""
                        select e.kind, p.code, a.unit_id, to_char(e.at at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM'), e.channel, e.on_time,
                               count(*), sum(e.prefilled_fields),
                               sum((select count(*) from jsonb_object_keys(a.form)) - e.prefilled_fields)
                        from procedures.kpi_event e
                        join procedures.application a on a.id = e.application_id
                        join procedures.procedure p on p.appendix_no = e.appendix_no
                        group by 1, 2, 3, 4, 5, 6""")
                .query((rs, n) -> new KpiTotal(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        (Boolean) rs.getObject(6), rs.getLong(7), rs.getLong(8), rs.getLong(9)))
                .stream()) {
            rows.forEach(into);
        }
    }
}
