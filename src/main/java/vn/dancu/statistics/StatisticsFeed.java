package vn.dancu.statistics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.statistics.MonthlyReport.Indicator;

/**
 * The national indicators of Project 06 as JSON for the Government's direction system
 * (docs/reports.md#feed): the figures of the monthly report for the whole country, live. National
 * totals only, so it is open: nothing in it is about fewer persons than a province's worth.
 */
@RestController
class StatisticsFeed {

    record Feed(String source, String unit, String month, boolean monthComplete, Instant generatedAt, Instant latestChangeAt,
                List<Value> indicators) {
    }

    /** {@code kind}: COUNT (persons, applications, calls, đồng) or PERCENT; {@code value} null where a share has no denominator. */
    record Value(String key, String section, String labelVi, String labelEn, String kind, Number value) {
    }

    private final Reports reports;
    private final ReportFigures figures;

    StatisticsFeed(Reports reports, ReportFigures figures) {
        this.reports = reports;
        this.figures = figures;
    }

    @GetMapping("/api/v1/statistics/feed")
    Feed feed(@RequestParam(required = false) String month) {
        YearMonth m = month == null ? reports.currentMonth() : reports.month(month);
        MonthlyReport report = figures.nation(m);
        List<Value> values = Arrays.stream(Indicator.values()).filter(report.values()::containsKey)
                .map(i -> new Value(i.key, i.section.name(), i.vi, i.en, i.share ? "PERCENT" : "COUNT", number(report.values().get(i), i.share)))
                .toList();
        return new Feed("dancu", "VN", m.toString(), m.isBefore(reports.currentMonth()), report.generatedAt(), report.latestChangeAt(),
                values);
    }

    private static Number number(Double value, boolean share) {
        return value == null ? null : share ? value : (Number) value.longValue();
    }
}
