package vn.dancu.statistics;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The monthly reports of Project 06 (docs/reports.md): made for the nation and every province
 * after each month ends, in time for the reports the decision asks for by the 22nd, and on demand;
 * kept as generated (PDF and CSV), listed and downloaded within the reader's jurisdiction.
 */
@Service
class Reports {

    private static final Logger log = LoggerFactory.getLogger(Reports.class);
    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** The first month the decision's programme reports on. */
    static final YearMonth FIRST_MONTH = YearMonth.of(2022, 1);
    /** The first key of the advisory lock that lets one node at a time make the month's reports. */
    private static final int LOCK_SPACE = 21;

    /** A kept report, without its files. */
    record Listed(long id, String month, long unitId, String unitName, String trigger, String requestedBy, Instant generatedAt,
                  long pdfBytes, long csvBytes) {
    }

    record Download(String filename, String contentType, byte[] content) {
    }

    private final ReportFigures figures;
    private final JdbcClient jdbc;
    private final Units units;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final vn.dancu.platform.ReadSource reads;

    Reports(ReportFigures figures, JdbcClient jdbc, Units units, TransactionTemplate transactions, Clock clock,
            vn.dancu.platform.ReadSource reads) {
        this.figures = figures;
        this.jdbc = jdbc;
        this.units = units;
        this.transactions = transactions;
        this.clock = clock;
        this.reads = reads;
    }

    YearMonth currentMonth() {
        return YearMonth.now(clock.withZone(VIETNAM));
    }

    /**
     * Each night, the reports of the month just ended that are not made yet: on the 1st normally,
     * on a later night if the platform was down. One node makes them; the others find them made.
     */
    @Scheduled(cron = "${dancu.statistics.reports-cron:0 30 2 * * *}", zone = "Asia/Ho_Chi_Minh")
    void monthly() {
        int made = makeMissing(currentMonth().minusMonths(1));
        if (made > 0) {
            log.info("Made {} monthly reports for {}", made, currentMonth().minusMonths(1));
        }
    }

    /** The reports of {@code month} for the nation and each province that have none yet; returns how many were made. */
    int makeMissing(YearMonth month) {
        List<Long> unitIds = new ArrayList<>();
        unitIds.add(Statistics.NATION);
        figures.provinces().forEach(p -> unitIds.add(p.id()));
        int made = 0;
        for (long unitId : unitIds) {
            Boolean done = transactions.execute(tx -> {
                if (!jdbc.sql("select pg_try_advisory_xact_lock(?, ?)").params(LOCK_SPACE, (int) unitId).query(Boolean.class).single()
                        || jdbc.sql("select exists (select from statistics.report where month = ? and unit_id = ?)")
                        .params(month.toString(), unitId).query(Boolean.class).single()) {
                    return false;
                }
                store(figures.report(month, unitId), "SCHEDULED", "system");
                return true;
            });
            made += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return made;
    }

    /** A report made now at a staff member's request, for a unit they read; returns its id. */
    long makeOnDemand(String month, String unit, Staff staff) {
        YearMonth m = month(month);
        long unitId = unit(unit, staff);
        return transactions.execute(tx -> store(figures.report(m, unitId), "ON_DEMAND", staff.username()));
    }

    /** The reports the staff member reads, newest month first, at most {@code limit}. */
    List<Listed> visibleTo(Staff staff, int limit) {
        Set<Long> readable = readable(staff);
        return jdbc.sql("""
                        select id, month, unit_id, unit_name, trigger, requested_by, generated_at, octet_length(pdf), octet_length(csv)
                        from statistics.report where ? or unit_id = any(?)
                        order by month desc, unit_id, generated_at desc limit ?""")
                .params(readable == null, readable == null ? new Long[0] : readable.toArray(Long[]::new), limit)
                .query((rs, n) -> new Listed(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getTimestamp(7).toInstant(), rs.getLong(8), rs.getLong(9)))
                .list();
    }

    /** A kept report's file; a report outside the reader's jurisdiction is as unknown as one that does not exist. */
    Download download(String id, String format, Staff staff) {
        long reportId;
        try {
            reportId = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("REPORT_NOT_FOUND", "No such report");
        }
        if (!format.equals("pdf") && !format.equals("csv")) {
            throw ApiProblem.notFound("REPORT_NOT_FOUND", "A report is downloaded as pdf or csv");
        }
        record Row(String month, long unitId, byte[] content) {
        }
        Set<Long> readable = readable(staff);
        // Files of up to a few MB, read many times: from the replica, or the primary while the replica has not got a
        // report just requested (the list, read on the primary, already shows it).
        java.util.function.Function<JdbcClient, java.util.Optional<Row>> find = db -> db.sql(
                        "select month, unit_id, " + format + " from statistics.report where id = ?").param(reportId)
                .query((rs, n) -> new Row(rs.getString(1), rs.getLong(2), rs.getBytes(3))).optional();
        Row row = reads.read(find).or(() -> find.apply(jdbc))
                .filter(r -> readable == null || readable.contains(r.unitId()))
                .orElseThrow(() -> ApiProblem.notFound("REPORT_NOT_FOUND", "No such report"));
        return new Download(filename(row.month(), row.unitId(), format),
                format.equals("pdf") ? "application/pdf" : "text/csv; charset=utf-8", row.content());
    }

    /** The units whose reports a staff member reads and requests: null for all, else the nation and their province. */
    Set<Long> readable(Staff staff) {
        if (staff.jurisdictionUnitId() == null) {
            return null;
        }
        return units.provinceToday(staff.jurisdictionUnitId()).map(p -> Set.of(Statistics.NATION, p.id()))
                .orElse(Set.of(Statistics.NATION));
    }

    /** The units a staff member may request a report for, the nation first. */
    List<AdministrativeUnit> requestable(Staff staff) {
        Set<Long> readable = readable(staff);
        return figures.provinces().stream().filter(p -> readable == null || readable.contains(p.id())).toList();
    }

    private long store(MonthlyReport report, String trigger, String by) {
        return jdbc.sql("""
                        insert into statistics.report (month, unit_id, unit_name, trigger, requested_by, generated_at, pdf, csv)
                        values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(report.month().toString(), report.unitId(), report.unitName(), trigger, by,
                        java.sql.Timestamp.from(report.generatedAt()), ReportPdf.render(report), ReportCsv.render(report))
                .query(Long.class).single();
    }

    YearMonth month(String month) {
        FieldErrors errors = new FieldErrors();
        YearMonth m = errors.month("month", month);
        errors.throwIfAny();
        if (m.isBefore(FIRST_MONTH) || m.isAfter(currentMonth())) {
            throw ApiProblem.invalidField("month", "OUT_OF_RANGE", "A month from " + FIRST_MONTH + " to this month");
        }
        return m;
    }

    private long unit(String unit, Staff staff) {
        long unitId;
        try {
            unitId = Long.parseLong(unit == null ? "" : unit.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField("unit", "INVALID_UNIT", "The nation (0) or a province in force");
        }
        if (unitId != Statistics.NATION && figures.provinces().stream().noneMatch(p -> p.id() == unitId)) {
            throw ApiProblem.invalidField("unit", "INVALID_UNIT", "The nation (0) or a province in force");
        }
        Set<Long> readable = readable(staff);
        if (readable != null && !readable.contains(unitId)) {
            throw new ApiProblem(HttpStatus.FORBIDDEN, "REPORT_OUTSIDE_JURISDICTION", "This province is outside your jurisdiction");
        }
        return unitId;
    }

    private String filename(String month, long unitId, String format) {
        String unit = unitId == Statistics.NATION ? "toan-quoc"
                : units.byId(unitId).map(AdministrativeUnit::code).map(c -> "tinh-" + c).orElse("don-vi-" + unitId);
        return "bao-cao-de-an-06-" + month + "-" + unit + "." + format;
    }
}
