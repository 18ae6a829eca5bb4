package vn.dancu.procedures;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.identity.Staff;
import vn.dancu.units.Units;

/**
 * An officer's worklist: the pending legs of their agency in their jurisdiction (a commune, or a
 * province and its communes), the escalated ones first, then by deadline.
 */
@Component
class Worklists {

    static final int LIMIT = 200;

    private final JdbcClient jdbc;
    private final ProcedureCatalog catalog;
    private final Units units;
    private final WorkingCalendar calendar;
    private final Procedures procedures;
    /** The subject's name as the application holds it, under whichever field its procedure keeps it. */
    private final String subjectName;

    Worklists(JdbcClient jdbc, ProcedureCatalog catalog, Units units, WorkingCalendar calendar, Procedures procedures) {
        this.procedures = procedures;
        List<String> fields = procedures.subjectNameFields();
        this.subjectName = fields.isEmpty() ? "cast(null as text)" : "coalesce(" + String.join(", ", fields.stream()
                .map(f -> "a.form ->> '" + f.replace("'", "''") + "'").toList()) + ", null)";
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.units = units;
        this.calendar = calendar;
    }

    /** Whether a leg that has started (or run) is the officer's: they may read its application. */
    static boolean reads(Staff staff, ApplicationRepository.Leg leg) {
        return leg.startedAt() != null && covers(staff, leg);
    }

    /** Whether a leg is the officer's to act on. */
    static boolean covers(Staff staff, ApplicationRepository.Leg leg) {
        return Agency.forRole(staff.role()).filter(a -> a == leg.agency()).isPresent()
                && (staff.role().nationwide() || (staff.jurisdictionUnitId() != null
                && (staff.jurisdictionUnitId() == leg.unitId() || staff.jurisdictionUnitId() == leg.provinceId())));
    }

    List<Decisions.WorkItem> of(Staff staff) {
        Agency agency = Agency.forRole(staff.role()).orElse(null);
        if (agency == null) {
            return List.of();
        }
        Long scope = staff.role().nationwide() ? null : staff.jurisdictionUnitId();
        Instant now = calendar.now();
        return jdbc.sql(("""
                        select a.code, a.appendix_no, l.leg_no, l.kind, l.unit_id, l.started_at, l.due_at, l.escalated_at,
                            a.applicant_personal_id, a.form ->> 'applicant.fullName', a.subject_personal_id,
                            %s
                        from procedures.leg l join procedures.application a on a.id = l.application_id
                        where l.status = 'PENDING' and l.agency = ? and (cast(? as bigint) is null or l.unit_id = ? or l.province_id = ?)
                        order by l.escalated_at is null, l.due_at limit ?""").formatted(subjectName))
                .params(agency.name(), scope, scope, scope, LIMIT)
                .query((rs, n) -> {
                    String kind = rs.getString(4);
                    Instant due = rs.getTimestamp(7).toInstant();
                    boolean overdue = due.isBefore(now);
                    return new Decisions.WorkItem(rs.getString(1), rs.getInt(2),
                            catalog.byAppendixNo(rs.getInt(2)).orElseThrow().nameVi(), rs.getInt(3), kind, procedures.resultTitleVi(kind),
                            units.byId(rs.getLong(5)).map(u -> u.name()).orElse(""), rs.getTimestamp(6).toInstant(), due, overdue,
                            !overdue && !WorkingCalendar.dayOf(due).isAfter(WorkingCalendar.dayOf(now)), rs.getTimestamp(8) != null,
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12));
                })
                .list();
    }
}
