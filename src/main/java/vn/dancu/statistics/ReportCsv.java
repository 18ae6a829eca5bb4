package vn.dancu.statistics;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import vn.dancu.statistics.MonthlyReport.Indicator;

/**
 * The monthly report as CSV (RFC 4180, UTF-8 with a byte order mark so that spreadsheet programs
 * read the Vietnamese letters): one row per unit and indicator, the nation's report followed by
 * its provinces. Counts as integers, shares in percent with one decimal and a point; an empty
 * value is a share with nothing to divide by.
 */
final class ReportCsv {

    static final List<String> COLUMNS = List.of("month", "unit_code", "unit_name", "section", "indicator", "label_vi", "label_en",
            "value");

    private ReportCsv() {
    }

    static byte[] render(MonthlyReport report) {
        StringBuilder out = new StringBuilder("\uFEFF").append(String.join(",", COLUMNS)).append("\r\n");
        rows(out, report, report.unitCode(), report.unitName(), report.values());
        report.provinces().forEach(p -> rows(out, report, p.code(), p.name(), p.values()));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void rows(StringBuilder out, MonthlyReport report, String code, String name, Map<Indicator, Double> values) {
        for (Indicator indicator : Indicator.values()) {
            if (!values.containsKey(indicator)) {
                continue;
            }
            Double value = values.get(indicator);
            out.append(report.month()).append(',').append(quoted(code)).append(',').append(quoted(name)).append(',')
                    .append(indicator.section.name()).append(',').append(indicator.key).append(',').append(quoted(indicator.vi))
                    .append(',').append(quoted(indicator.en)).append(',')
                    .append(value == null ? "" : indicator.share ? String.valueOf(value) : String.valueOf(value.longValue()))
                    .append("\r\n");
        }
    }

    /** Quoted; a text a spreadsheet would run as a formula (a unit name imported as "=…") starts with an apostrophe. */
    static String quoted(String text) {
        String safe = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
        return "\"" + safe.replace("\"", "\"\"") + "\"";
    }
}
