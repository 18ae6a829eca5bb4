package vn.dancu.statistics;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The tables of the open statistics: a unit's parts (the provinces of the nation, or the communes of
 * a province) by one dimension, with row and column totals, read from the figures and protected by
 * the disclosure rules ({@link Disclosure}), exact or with noise.
 */
@Service
class OpenTables {

    static final String OFFICIAL = "OFFICIAL";
    static final String RESEARCH = "RESEARCH";
    static final String PUBLIC = "PUBLIC";

    record UnitRef(String code, String name, String level) {

        static UnitRef of(AdministrativeUnit u) {
            return u == null ? new UnitRef("VN", "Việt Nam", "NATION") : new UnitRef(u.code(), u.name(), u.level());
        }
    }

    /** A row of the table: a part of the unit, or the unit's totals; null cells are withheld. */
    record Row(String code, String name, List<Long> cells, Long total) {
    }

    /** How the table was protected. */
    record Protection(int k, int withheld, String noise, BigDecimal epsilon, Integer sensitivity) {
    }

    record Table(String dimension, String release, UnitRef unit, UnitRef requestedUnit, String fromMonth, String toMonth,
                 Instant asOf, List<String> columns, List<Row> rows, Row totals, Protection disclosure) {

        /** The numbers published, totals included: what a member's answer is charged for. */
        int published() {
            return (int) Stream.concat(rows.stream(), Stream.of(totals))
                    .mapToLong(r -> r.cells().stream().filter(java.util.Objects::nonNull).count() + (r.total() == null ? 0 : 1)).sum();
        }
    }

    /** A validated question: a dimension, the unit in force today (null: the nation), the months of a monthly table. */
    record Query(Dimension dimension, AdministrativeUnit unit, AdministrativeUnit requested, List<YearMonth> months) {

        long unitId() {
            return unit == null ? Statistics.NATION : unit.id();
        }

        /** The months asked for, as kept with a stored release. */
        String monthsKey() {
            return months.isEmpty() ? "" : months.getFirst() + ".." + months.getLast();
        }
    }

    private final Statistics statistics;
    private final Units units;
    private final int k;

    OpenTables(Statistics statistics, Units units, @Value("${dancu.statistics.open.k:10}") int k) {
        this.statistics = statistics;
        this.units = units;
        this.k = k;
    }

    int k() {
        return k;
    }

    /**
     * Reads and checks the question; every problem is collected in {@code errors}. A unit is a
     * province code (two digits) or none for the nation; a code that named a province before a
     * reform (such as the merger of 1 July 2025) is answered with the province in force today.
     */
    Query query(String dimensionName, String unitCode, String from, String to, FieldErrors errors) {
        Dimension dimension = Dimension.named(dimensionName == null ? "" : dimensionName.strip()).orElse(null);
        if (dimension == null) {
            errors.add("dimension", "UNKNOWN_TABLE", "The table is one of " + Dimension.names());
        }
        AdministrativeUnit requested = null;
        AdministrativeUnit unit = null;
        String code = unitCode == null ? "" : unitCode.strip();
        if (!code.isEmpty() && !code.equalsIgnoreCase("VN")) {
            if (code.matches("\\d{5}")) {
                String province = units.versions(AdministrativeUnit.COMMUNE, code).stream().findFirst()
                        .flatMap(c -> units.provinceToday(c.id())).map(AdministrativeUnit::code).orElse(null);
                errors.add("unit", province == null ? "UNKNOWN_UNIT" : "COMMUNE_NOT_A_TABLE", province == null
                        ? "No commune has the code " + code
                        : "A commune is a row of its province's table: ask for unit=" + province);
            } else if (!code.matches("\\d{2}")) {
                errors.add("unit", "INVALID_FORMAT", "The code of a province (two digits), or VN for the nation");
            } else {
                unit = units.find(AdministrativeUnit.PROVINCE, code, units.today()).orElse(null);
                if (unit == null) {
                    List<AdministrativeUnit> versions = units.versions(AdministrativeUnit.PROVINCE, code);
                    List<AdministrativeUnit> today = versions.isEmpty() ? List.of()
                            : units.today(versions.getFirst()).stream().map(units::province).distinct().toList();
                    if (today.size() == 1) {
                        requested = versions.getFirst();
                        unit = today.getFirst();
                    } else {
                        errors.add("unit", versions.isEmpty() ? "UNKNOWN_UNIT" : "UNIT_SPLIT", versions.isEmpty()
                                ? "No province has the code " + code
                                : "The province " + code + " is now part of several provinces: ask for each of them");
                    }
                }
            }
        }
        List<YearMonth> months = dimension != null && dimension.byMonth ? months(from, to, errors) : List.of();
        if (dimension == Dimension.MOVES && unit != null) {
            errors.add("unit", "NATION_ONLY", "Moves between provinces form one table of the nation: leave out unit");
        }
        return new Query(dimension, unit, requested, months);
    }

    private List<YearMonth> months(String from, String to, FieldErrors errors) {
        YearMonth last = YearMonth.from(units.today());
        YearMonth end = month("to", to, last, errors);
        YearMonth start = month("from", from, end == null ? last.minusMonths(11) : end.minusMonths(11), errors);
        if (start == null || end == null) {
            return List.of();
        }
        if (start.isAfter(end)) {
            errors.add("from", "AFTER_TO", "from must not come after to");
            return List.of();
        }
        if (start.plusMonths(Dimension.MAX_MONTHS - 1).isBefore(end)) {
            errors.add("to", "TOO_MANY_MONTHS", "At most " + Dimension.MAX_MONTHS + " months in one table");
            return List.of();
        }
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = start; !m.isAfter(end); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static YearMonth month(String field, String value, YearMonth otherwise, FieldErrors errors) {
        if (value == null || value.isBlank()) {
            return otherwise;
        }
        YearMonth month = FieldErrors.isoMonth(value).orElse(null);
        if (month == null) {
            errors.add(field, "INVALID_MONTH", field + " is a month written YYYY-MM");
            return null;
        }
        if (month.getYear() < 1900 || month.getYear() > 2199) {
            errors.add(field, "INVALID_MONTH", field + " lies between 1900-01 and 2199-12");
            return null;
        }
        return month;
    }

    // --- the tables

    /** Exact counts with small cells withheld, consistent with the nation's table for a province. */
    Table official(Query q) {
        List<AdministrativeUnit> provinces = provinces();
        List<AdministrativeUnit> communes = q.unit() == null ? List.of() : units.list(AdministrativeUnit.COMMUNE, q.unit().id(), units.today());
        Map<Long, List<Statistics.Figure>> figures = read(q, provinces, communes);
        List<String> columns = columns(q, provinces, figures);
        long[][] nation = Suppression.extend(cells(q, provinces, columns, figures), columns.size());
        boolean[][] nationHidden = Disclosure.nationPattern(nation, k);
        if (q.unit() == null) {
            return table(q, OFFICIAL, provinces, columns, nation, nationHidden, null);
        }
        int at = provinces.indexOf(q.unit());
        long[][] province = Suppression.extend(cells(q, communes, columns, figures), columns.size());
        return table(q, OFFICIAL, communes, columns, province, Disclosure.provincePattern(province, nationHidden[at], k), null);
    }

    /** Counts with discrete Laplace noise, then small cells withheld; the totals are the sums of the noisy cells. */
    Table noisy(Query q, String release, RandomGenerator random, BigDecimal epsilon) {
        requireNoisy(q);
        List<AdministrativeUnit> provinces = provinces();
        List<AdministrativeUnit> parts = q.unit() == null ? provinces : units.list(AdministrativeUnit.COMMUNE, q.unit().id(), units.today());
        Map<Long, List<Statistics.Figure>> figures = read(q, q.unit() == null ? provinces : List.of(), q.unit() == null ? List.of() : parts);
        List<String> columns = columns(q, provinces, figures);
        long[][] cells = cells(q, parts, columns, figures);
        int sensitivity = q.dimension().sensitivity(q.months());
        DiscreteLaplace noise = new DiscreteLaplace(random, epsilon, sensitivity);
        for (long[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                row[c] = Math.max(0, row[c] + noise.sample());
            }
        }
        long[][] table = Suppression.extend(cells, columns.size());
        return table(q, release, parts, columns, table, Disclosure.noisyPattern(table, k),
                new Protection(k, 0, "DISCRETE_LAPLACE", epsilon, sensitivity));
    }

    static void requireNoisy(Query q) {
        if (!q.dimension().noisy()) {
            throw ApiProblem.invalidField("dimension", "NOT_RELEASED_WITH_NOISE", "The table " + q.dimension().name
                    + " lists the values found, so it is released to agencies only, without noise; noisy tables: "
                    + Stream.of(Dimension.values()).filter(Dimension::noisy).map(d -> d.name).toList());
        }
    }

    private List<AdministrativeUnit> provinces() {
        return units.list(AdministrativeUnit.PROVINCE, null, units.today());
    }

    /** The figures of every unit needed, in one statement, so the table is of one moment. */
    private Map<Long, List<Statistics.Figure>> read(Query q, List<AdministrativeUnit> provinces, List<AdministrativeUnit> communes) {
        List<Long> ids = Stream.concat(provinces.stream(), communes.stream()).map(AdministrativeUnit::id).toList();
        Map<Long, List<Statistics.Figure>> byUnit = new HashMap<>();
        statistics.figures(q.dimension().fact, ids).forEach(f -> byUnit.computeIfAbsent(f.unitId(), id -> new ArrayList<>()).add(f));
        return byUnit;
    }

    /** The fixed columns, the destination provinces of moves, or the values found among the provinces. */
    private List<String> columns(Query q, List<AdministrativeUnit> provinces, Map<Long, List<Statistics.Figure>> figures) {
        if (q.dimension() == Dimension.MOVES) {
            return provinces.stream().map(AdministrativeUnit::code).toList();
        }
        List<String> fixed = q.dimension().fixedColumns(q.months());
        if (fixed != null) {
            return fixed;
        }
        TreeSet<String> found = new TreeSet<>();
        provinces.forEach(p -> figures.getOrDefault(p.id(), List.of()).stream().filter(f -> f.value() != 0)
                .map(f -> q.dimension().column(f, q.months())).filter(java.util.Objects::nonNull).forEach(found::add));
        return List.copyOf(found);
    }

    private long[][] cells(Query q, List<AdministrativeUnit> parts, List<String> columns, Map<Long, List<Statistics.Figure>> figures) {
        Map<String, Integer> column = new HashMap<>();
        for (int c = 0; c < columns.size(); c++) {
            column.put(columns.get(c), c);
        }
        long[][] cells = new long[parts.size()][columns.size()];
        if (q.dimension() == Dimension.MOVES) {
            // a figure of moves is kept under its destination with the origin's unit id as k1
            Map<String, Integer> rowOf = new HashMap<>();
            for (int r = 0; r < parts.size(); r++) {
                rowOf.put(Long.toString(parts.get(r).id()), r);
            }
            for (int d = 0; d < parts.size(); d++) {
                for (Statistics.Figure f : figures.getOrDefault(parts.get(d).id(), List.of())) {
                    Integer origin = rowOf.get(q.dimension().column(f, q.months()));
                    if (origin != null) {
                        cells[origin][d] += f.value();
                    }
                }
            }
            return cells;
        }
        for (int r = 0; r < parts.size(); r++) {
            for (Statistics.Figure f : figures.getOrDefault(parts.get(r).id(), List.of())) {
                Integer c = column.get(q.dimension().column(f, q.months()));
                if (c != null) {
                    cells[r][c] += f.value();
                }
            }
        }
        return cells;
    }

    private Table table(Query q, String release, List<AdministrativeUnit> parts, List<String> columns, long[][] extended,
                        boolean[][] hidden, Protection noise) {
        int last = extended.length - 1;
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < parts.size(); r++) {
            rows.add(row(parts.get(r).code(), parts.get(r).name(), extended[r], hidden[r]));
        }
        UnitRef unit = UnitRef.of(q.unit());
        Row totals = row(unit.code(), unit.name(), extended[last], hidden[last]);
        int withheld = new Suppression.Pattern(hidden).hiddenCount();
        Protection protection = noise == null ? new Protection(k, withheld, null, null, null)
                : new Protection(k, withheld, noise.noise(), noise.epsilon(), noise.sensitivity());
        return new Table(q.dimension().name, release, unit, q.requested() == null ? null : UnitRef.of(q.requested()),
                q.months().isEmpty() ? null : q.months().getFirst().toString(), q.months().isEmpty() ? null : q.months().getLast().toString(),
                statistics.freshness().map(Statistics.Freshness::latestChangeAt).orElse(null), columns, rows, totals, protection);
    }

    private static Row row(String code, String name, long[] values, boolean[] hidden) {
        List<Long> cells = new ArrayList<>();
        for (int c = 0; c < values.length - 1; c++) {
            cells.add(hidden[c] ? null : values[c]);
        }
        int total = values.length - 1;
        return new Row(code, name, java.util.Collections.unmodifiableList(cells), hidden[total] ? null : values[total]);
    }
}
