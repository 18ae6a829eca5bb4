package vn.dancu.statistics;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.ProcedureCatalog;
import vn.dancu.statistics.MonthlyReport.Bar;
import vn.dancu.statistics.MonthlyReport.Chart;
import vn.dancu.statistics.MonthlyReport.Indicator;
import vn.dancu.statistics.MonthlyReport.ProvinceRow;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * Puts a monthly report together from the figures as they stand ({@link Statistics}): counts of a
 * month from the facts keyed by month, stocks (population, accounts) as of the making. Never a person.
 */
@Component
class ReportFigures {

    private final Statistics statistics;
    private final Units units;
    private final Clock clock;
    private final ProcedureCatalog catalog;

    ReportFigures(Statistics statistics, Units units, Clock clock, ProcedureCatalog catalog) {
        this.catalog = catalog;
        this.statistics = statistics;
        this.units = units;
        this.clock = clock;
    }

    /** The provinces in force today, by code. */
    List<AdministrativeUnit> provinces() {
        return units.list(AdministrativeUnit.PROVINCE, null, units.today()).stream()
                .sorted(Comparator.comparing(AdministrativeUnit::code)).toList();
    }

    MonthlyReport report(YearMonth month, long unitId) {
        var freshness = statistics.freshness();
        var latest = freshness.map(Statistics.Freshness::latestChangeAt).orElse(null);
        if (unitId == Statistics.NATION) {
            List<ProvinceRow> rows = new ArrayList<>();
            for (AdministrativeUnit province : provinces()) {
                rows.add(new ProvinceRow(province.id(), province.code(), province.name(), values(month, province.id())));
            }
            List<Bar> bars = rows.stream()
                    .map(r -> new Bar(r.name(), List.of(orZero(r.values().get(Indicator.EID_SHARE_OF_ADULTS)))))
                    .sorted(Comparator.comparingDouble(Bar::total).reversed()).toList();
            Chart chart = new Chart("Tài khoản định danh điện tử trên 100 người từ đủ 18 tuổi, theo tỉnh",
                    "e-ID accounts per 100 adults, by province", List.of("Tài khoản"), List.of("Accounts"), bars, true);
            return new MonthlyReport(month, unitId, "", "Toàn quốc", clock.instant(), latest, values(month, unitId), rows, chart);
        }
        AdministrativeUnit province = units.byId(unitId).orElseThrow();
        return new MonthlyReport(month, unitId, province.code(), province.name(), clock.instant(), latest, values(month, unitId),
                List.of(), proceduresChart(month, unitId));
    }

    /** The nation's indicators alone, without the provinces' rows: for the live feed. */
    MonthlyReport nation(YearMonth month) {
        var latest = statistics.freshness().map(Statistics.Freshness::latestChangeAt).orElse(null);
        return new MonthlyReport(month, Statistics.NATION, "", "Toàn quốc", clock.instant(), latest, values(month, Statistics.NATION),
                List.of(), null);
    }

    /** Every indicator of one unit for the month. */
    Map<Indicator, Double> values(YearMonth month, long unitId) {
        String m = month.toString();
        Map<Indicator, Double> v = new EnumMap<>(Indicator.class);
        double adults = sum("adults", unitId, f -> true);
        v.put(Indicator.POPULATION, sum("population", unitId, f -> true));
        v.put(Indicator.ADULTS, adults);
        v.put(Indicator.BIRTHS, sum("births", unitId, f -> f.k1().equals(m)));
        v.put(Indicator.DEATHS, sum("deaths", unitId, f -> f.k1().equals(m)));
        double level1 = sum("eid_accounts", unitId, f -> f.k1().equals("1"));
        double level2 = sum("eid_accounts", unitId, f -> f.k1().equals("2"));
        v.put(Indicator.EID_LEVEL_1, level1);
        v.put(Indicator.EID_LEVEL_2, level2);
        v.put(Indicator.EID_SHARE_OF_ADULTS, share(level1 + level2, adults));
        List<Statistics.Figure> received = statistics.figures(Kpis.PROCEDURES_RECEIVED, unitId).stream().filter(f -> f.k2().equals(m)).toList();
        double all = received.stream().mapToLong(Statistics.Figure::value).sum();
        double online = received.stream().filter(f -> f.k3().equals("ONLINE")).mapToLong(Statistics.Figure::value).sum();
        v.put(Indicator.RECEIVED, all);
        v.put(Indicator.RECEIVED_ONLINE, online);
        v.put(Indicator.ONLINE_SHARE, share(online, all));
        double onTime = sum(Kpis.PROCEDURES_COMPLETED, unitId, f -> f.k2().equals(m) && f.k3().equals("ON_TIME"));
        double late = sum(Kpis.PROCEDURES_COMPLETED, unitId, f -> f.k2().equals(m) && f.k3().equals("LATE"));
        v.put(Indicator.DECIDED, onTime + late);
        v.put(Indicator.DECIDED_ON_TIME, onTime);
        v.put(Indicator.DECIDED_LATE, late);
        v.put(Indicator.ON_TIME_SHARE, share(onTime, onTime + late));
        double prefilled = sum(Kpis.FORM_FIELDS, unitId, f -> f.k2().equals(m) && f.k3().equals("PREFILLED"));
        double typed = sum(Kpis.FORM_FIELDS, unitId, f -> f.k2().equals(m) && f.k3().equals("TYPED"));
        v.put(Indicator.PREFILLED_SHARE, share(prefilled, prefilled + typed));
        Map<String, Double> quality = new LinkedHashMap<>();
        statistics.figures("quality", unitId).forEach(f -> quality.merge(f.k1(), (double) f.value(), Double::sum));
        v.put(Indicator.WITH_RESIDENCE_SHARE, share(quality.getOrDefault("with_residence", 0d), quality.getOrDefault("living", 0d)));
        v.put(Indicator.VALID_CARD_SHARE, share(quality.getOrDefault("with_valid_card", 0d), quality.getOrDefault("card_due", 0d)));
        v.put(Indicator.OPEN_DIFFERENCE, quality.getOrDefault(Kpis.OPEN_DIFFERENCE, 0d));
        if (unitId == Statistics.NATION) {
            v.put(Indicator.LOGINS_LEVEL_1, sum(Kpis.LOGINS, unitId, f -> f.k1().startsWith(m) && f.k3().equals("1")));
            v.put(Indicator.LOGINS_LEVEL_2, sum(Kpis.LOGINS, unitId, f -> f.k1().startsWith(m) && f.k3().equals("2")));
            v.put(Indicator.EXCHANGE_CALLS, sum(Kpis.EXCHANGE_CALLS, unitId, f -> true));
            v.put(Indicator.EXCHANGE_FEES, sum(Kpis.EXCHANGE_FEES, unitId, f -> true));
        }
        return v;
    }

    /** A province's chart: the applications received in the month per procedure, online and at the counter. */
    private Chart proceduresChart(YearMonth month, long unitId) {
        Map<String, double[]> byProcedure = new LinkedHashMap<>();
        statistics.figures(Kpis.PROCEDURES_RECEIVED, unitId).stream().filter(f -> f.k2().equals(month.toString()))
                .forEach(f -> byProcedure.computeIfAbsent(f.k1(), k -> new double[2])[f.k3().equals("ONLINE") ? 0 : 1] += f.value());
        List<Bar> bars = byProcedure.entrySet().stream().map(e -> new Bar(procedureName(e.getKey()), List.of(e.getValue()[0], e.getValue()[1])))
                .sorted(Comparator.comparingDouble(Bar::total).reversed()).toList();
        return new Chart("Hồ sơ tiếp nhận trong tháng, theo thủ tục", "Applications received in the month, by procedure",
                List.of("Trực tuyến", "Tại bộ phận một cửa"), List.of("Online", "At the counter"), bars, false);
    }

    private String procedureName(String code) {
        return catalog.all().stream().filter(p -> p.code().equals(code)).map(ProcedureCatalog.Procedure::nameVi).findFirst().orElse(code);
    }

    private double sum(String fact, long unitId, Predicate<Statistics.Figure> which) {
        return statistics.figures(fact, unitId).stream().filter(which).mapToLong(Statistics.Figure::value).sum();
    }

    /** A percentage with one decimal; null when there is nothing to divide by. */
    static Double share(double part, double whole) {
        return whole == 0 ? null : Math.round(part * 1000 / whole) / 10.0;
    }

    private static double orZero(Double value) {
        return value == null ? 0 : value;
    }
}
