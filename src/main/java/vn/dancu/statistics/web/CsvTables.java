package vn.dancu.statistics.web;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Each chart of the IOC as a table, downloaded as CSV: UTF-8 with a byte order mark (Excel then
 * reads Vietnamese names right), headings in the reader's language, RFC 4180 quoting, and text
 * cells that a spreadsheet would run as a formula written as text.
 */
@Component
class CsvTables {

    record Table(List<String> columns, List<List<Object>> rows) {
    }

    private final MessageSource messages;

    CsvTables(MessageSource messages) {
        this.messages = messages;
    }

    Table map(Dashboard.MapView map, Locale locale) {
        List<String> columns = List.of(t("ioc.csv.code", locale), t("ioc.csv.unit", locale),
                t("ioc.indicator." + map.indicator(), locale), t("ioc.csv.numerator", locale), t("ioc.csv.denominator", locale));
        List<List<Object>> rows = map.areas().stream().<List<Object>>map(a -> cells(a.code(), a.name(), a.value(), a.numerator(),
                a.denominator())).toList();
        return new Table(columns, rows);
    }

    Table kpis(Dashboard.Kpis kpis, Locale locale) {
        List<String> columns = List.of(t("ioc.csv.indicator", locale), t("ioc.csv.value", locale), t("ioc.csv.denominator", locale),
                t("ioc.csv.share", locale));
        return new Table(columns, kpis.cards().stream().<List<Object>>map(k -> cells(t("ioc.kpi." + k.key(), locale), k.value(), k.of(),
                k.share())).toList());
    }

    Table pyramid(Dashboard.Pyramid pyramid, Locale locale) {
        List<String> columns = List.of(t("ioc.csv.ageGroup", locale), t("ioc.male", locale), t("ioc.female", locale));
        return new Table(columns, IntStream.range(0, pyramid.groups().size()).<List<Object>>mapToObj(i -> cells(pyramid.groups().get(i),
                pyramid.male().get(i), pyramid.female().get(i))).toList());
    }

    Table trends(Dashboard.Trends trends, Locale locale) {
        List<String> columns = List.of(t("ioc.csv.period", locale), t("ioc.births", locale), t("ioc.deaths", locale),
                t("ioc.population", locale));
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < trends.months().size(); i++) {
            rows.add(cells(trends.months().get(i), trends.births().get(i), trends.deaths().get(i), null));
        }
        for (int i = 0; i < trends.days().size(); i++) {
            rows.add(cells(trends.days().get(i), null, null, trends.population().get(i)));
        }
        return new Table(columns, rows);
    }

    Table moves(Dashboard.Moves moves, Locale locale) {
        List<String> columns = List.of(t("ioc.csv.originCode", locale), t("ioc.csv.origin", locale), t("ioc.csv.destinationCode", locale),
                t("ioc.csv.destination", locale), t("ioc.csv.moves", locale));
        return new Table(columns, moves.flows().stream().<List<Object>>map(f -> cells(f.originCode(), f.originName(), f.destinationCode(),
                f.destinationName(), f.moves())).toList());
    }

    Table communes(Dashboard.Communes communes, Locale locale) {
        List<String> columns = new ArrayList<>(List.of(t("ioc.csv.code", locale), t("ioc.csv.unit", locale), t("ioc.population", locale)));
        communes.months().forEach(m -> columns.add(t("ioc.births", locale) + " " + m));
        List<List<Object>> rows = communes.communes().stream().<List<Object>>map(c -> {
            List<Object> row = cells(c.code(), c.name(), c.population());
            row.addAll(c.births());
            return row;
        }).toList();
        return new Table(columns, rows);
    }

    static byte[] csv(Table table) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, new ArrayList<>(table.columns()));
        table.rows().forEach(row -> line(out, row));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder out, List<?> cells) {
        for (int i = 0; i < cells.size(); i++) {
            out.append(i == 0 ? "" : ",").append(cell(cells.get(i)));
        }
        out.append("\r\n");
    }

    static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Number) {
            return value.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        boolean quoted = text.chars().anyMatch(c -> c == '"' || c == ',' || c == '\n' || c == '\r');
        return quoted ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static List<Object> cells(Object... values) {
        List<Object> row = new ArrayList<>();
        java.util.Collections.addAll(row, values);
        return row;
    }

    private String t(String key, Locale locale) {
        return messages.getMessage(key, null, key, locale);
    }
}
