package vn.dancu.statistics.web;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.springframework.stereotype.Service;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.statistics.Statistics;
import vn.dancu.statistics.Statistics.Figure;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The figures the IOC shows, each view from a handful of reads of {@code statistics.figure}
 * through {@link Statistics} (at most one read over all the units of a map or a list), never from
 * the population. The figures are exact: the IOC is for staff; the open API suppresses small cells.
 */
@Service
class Dashboard {

    /** The indicators a map can be coloured by; the shares are percentages of a denominator. */
    enum Indicator {
        POPULATION(false), BIRTHS(false), DEATHS(false), EID_SHARE(true), RESIDENCE_SHARE(true), CARD_SHARE(true);

        final boolean share;

        Indicator(boolean share) {
            this.share = share;
        }

        static Indicator of(String value) {
            for (Indicator indicator : values()) {
                if (indicator.name().equalsIgnoreCase(value)) {
                    return indicator;
                }
            }
            throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                    List.of(new ApiProblem.FieldProblem("indicator", "INVALID_VALUE", "indicator must be one of "
                            + java.util.Arrays.stream(values()).map(i -> i.name().toLowerCase(java.util.Locale.ROOT)).toList())));
        }
    }

    record MapArea(String code, String name, long numerator, Long denominator, Double value, boolean open) {
    }

    record MapView(String unit, String indicator, boolean share, String month, List<MapArea> areas) {
    }

    record Kpi(String key, long value, Long of, Double share) {
    }

    record Kpis(String unit, String month, List<Kpi> cards) {
    }

    record Pyramid(String unit, List<String> groups, List<Long> male, List<Long> female) {
    }

    record Trends(String unit, List<String> months, List<Long> births, List<Long> deaths, List<String> days, List<Long> population) {
    }

    record Flow(String originCode, String originName, String destinationCode, String destinationName, long moves) {
    }

    record Moves(String unit, String fromMonth, String toMonth, List<Flow> flows) {
    }

    record CommuneRow(String code, String name, long population, long birthsThisMonth, List<Long> births, boolean open) {
    }

    record Communes(String unit, List<String> months, List<CommuneRow> communes) {
    }

    /** The age groups of {@code population}, youngest first (docs/statistics.md). */
    static final List<String> AGE_GROUPS = IntStream.rangeClosed(0, 20)
            .mapToObj(i -> i == 20 ? "100+" : String.format("%02d-%02d", i * 5, i * 5 + 4)).toList();

    private final Statistics statistics;
    private final Units units;
    private final Reach reach;

    Dashboard(Statistics statistics, Units units, Reach reach) {
        this.statistics = statistics;
        this.units = units;
        this.reach = reach;
    }

    YearMonth month() {
        return YearMonth.from(units.today());
    }

    /** The provinces in force today, or a province's communes: the areas of a map. */
    List<AdministrativeUnit> parts(Area area) {
        if (area.isNation()) {
            return units.list(AdministrativeUnit.PROVINCE, null, units.today());
        }
        if (area.isProvince()) {
            return units.list(AdministrativeUnit.COMMUNE, area.unitId(), units.today());
        }
        throw ApiProblem.notFound("NO_MAP", "A commune's figures have no map of parts");
    }

    MapView map(Staff reader, Area area, Indicator indicator) {
        List<AdministrativeUnit> parts = parts(area);
        List<Long> ids = parts.stream().map(AdministrativeUnit::id).toList();
        String month = month().toString();
        Map<Long, Long> numerators;
        Map<Long, Long> denominators = Map.of();
        switch (indicator) {
            case POPULATION -> numerators = statistics.totals("population", ids);
            case BIRTHS -> numerators = sums(statistics.figures("births", ids, month, month));
            case DEATHS -> numerators = sums(statistics.figures("deaths", ids, month, month));
            case EID_SHARE -> {
                numerators = statistics.totals("eid_accounts", ids);
                denominators = statistics.totals("adults", ids);
            }
            case RESIDENCE_SHARE, CARD_SHARE -> {
                List<Figure> quality = statistics.figures("quality", ids);
                boolean residence = indicator == Indicator.RESIDENCE_SHARE;
                numerators = sums(quality, f -> f.k1().equals(residence ? "with_residence" : "with_valid_card"));
                denominators = sums(quality, f -> f.k1().equals(residence ? "living" : "card_due"));
            }
            default -> throw new IllegalStateException(indicator.name());
        }
        List<MapArea> areas = new ArrayList<>();
        for (AdministrativeUnit part : parts) {
            long numerator = numerators.getOrDefault(part.id(), 0L);
            Long denominator = indicator.share ? denominators.getOrDefault(part.id(), 0L) : null;
            Double value = indicator.share ? share(numerator, denominator) : Double.valueOf(numerator);
            areas.add(new MapArea(part.code(), part.name(), numerator, denominator, value,
                    reach.opens(reader, Area.of(part, area.isNation() ? part : area.province()))));
        }
        return new MapView(area.code(), indicator.name().toLowerCase(java.util.Locale.ROOT), indicator.share, month, areas);
    }

    Kpis kpis(Area area) {
        List<Long> unit = List.of(area.unitId());
        String month = month().toString();
        long population = statistics.totals("population", unit).getOrDefault(area.unitId(), 0L);
        long adults = statistics.totals("adults", unit).getOrDefault(area.unitId(), 0L);
        List<Figure> eid = statistics.figures("eid_accounts", area.unitId());
        List<Figure> quality = statistics.figures("quality", area.unitId());
        List<Figure> received = statistics.figuresBySecondKey("procedures_received", unit, month, month);
        List<Figure> completed = statistics.figuresBySecondKey("procedures_completed", unit, month, month);
        List<Kpi> cards = new ArrayList<>();
        cards.add(new Kpi("population", population, null, null));
        cards.add(new Kpi("adults", adults, population, share(adults, population)));
        cards.add(new Kpi("households", statistics.totals("households", unit).getOrDefault(area.unitId(), 0L), null, null));
        cards.add(new Kpi("births", sum(statistics.figures("births", unit, month, month), f -> true), null, null));
        cards.add(new Kpi("deaths", sum(statistics.figures("deaths", unit, month, month), f -> true), null, null));
        if (!area.isCommune()) {
            cards.add(new Kpi("movesIn", sum(statistics.figuresBySecondKey("moves", unit, month, month), f -> true), null, null));
        }
        long accounts = sum(eid, f -> true);
        cards.add(new Kpi("eidAccounts", accounts, adults, share(accounts, adults)));
        long level2 = sum(eid, f -> f.k1().equals("2"));
        cards.add(new Kpi("eidLevel2", level2, adults, share(level2, adults)));
        cards.add(ratio("residence", quality, "with_residence", "living"));
        cards.add(ratio("validCard", quality, "with_valid_card", "card_due"));
        cards.add(ratio("deathDocumented", quality, "deceased_documented", "deceased"));
        long applications = sum(received, f -> true);
        long online = sum(received, f -> f.k3().equals("ONLINE"));
        cards.add(new Kpi("applications", applications, null, null));
        cards.add(new Kpi("online", online, applications, share(online, applications)));
        long decided = sum(completed, f -> true);
        long onTime = sum(completed, f -> f.k3().equals("ON_TIME"));
        cards.add(new Kpi("onTime", onTime, decided, share(onTime, decided)));
        return new Kpis(area.code(), month, cards);
    }

    private static Kpi ratio(String key, List<Figure> quality, String numerator, String denominator) {
        long part = sum(quality, f -> f.k1().equals(numerator));
        long whole = sum(quality, f -> f.k1().equals(denominator));
        return new Kpi(key, part, whole, share(part, whole));
    }

    Pyramid pyramid(Area area) {
        Map<String, Long> male = new HashMap<>();
        Map<String, Long> female = new HashMap<>();
        for (Figure f : statistics.figures("population", area.unitId())) {
            (f.k1().equals("MALE") ? male : female).merge(f.k2(), f.value(), Long::sum);
        }
        return new Pyramid(area.code(), AGE_GROUPS, AGE_GROUPS.stream().map(g -> male.getOrDefault(g, 0L)).toList(),
                AGE_GROUPS.stream().map(g -> female.getOrDefault(g, 0L)).toList());
    }

    /** Births and deaths of the last 24 months, the population at the end of each of the last 365 days and today. */
    Trends trends(Area area) {
        YearMonth last = month();
        List<String> months = IntStream.rangeClosed(0, 23).mapToObj(i -> last.minusMonths(23 - i).toString()).toList();
        List<Long> unit = List.of(area.unitId());
        Map<String, Long> births = byK1(statistics.figures("births", unit, months.getFirst(), months.getLast()));
        Map<String, Long> deaths = byK1(statistics.figures("deaths", unit, months.getFirst(), months.getLast()));
        LocalDate today = units.today();
        List<String> days = new ArrayList<>();
        List<Long> population = new ArrayList<>();
        for (Statistics.DailyFigure day : statistics.daily("population", area.unitId(), today.minusDays(365), today.minusDays(1))) {
            days.add(day.day().toString());
            population.add(day.value());
        }
        days.add(today.toString());
        population.add(statistics.totals("population", unit).getOrDefault(area.unitId(), 0L));
        return new Trends(area.code(), months, months.stream().map(m -> births.getOrDefault(m, 0L)).toList(),
                months.stream().map(m -> deaths.getOrDefault(m, 0L)).toList(), days, population);
    }

    /**
     * Moves between provinces in the last 12 months, origin × destination: all of them for the
     * nation, those into and out of a province for a province. Kept by destination province.
     */
    Moves moves(Area area) {
        if (area.isCommune()) {
            throw ApiProblem.notFound("NO_MOVES", "Moves between provinces are kept by province");
        }
        YearMonth last = month();
        String from = last.minusMonths(11).toString();
        String to = last.toString();
        List<AdministrativeUnit> provinces = units.list(AdministrativeUnit.PROVINCE, null, units.today());
        Map<Long, AdministrativeUnit> byId = new HashMap<>();
        provinces.forEach(p -> byId.put(p.id(), p));
        Map<List<Long>, Long> flows = new LinkedHashMap<>();
        List<Long> destinations = area.isNation() ? provinces.stream().map(AdministrativeUnit::id).toList() : List.of(area.unitId());
        List<Figure> moves = new ArrayList<>(statistics.figuresBySecondKey("moves", destinations, from, to));
        if (area.isProvince()) { // and out of it: kept by the provinces they went to
            moves.addAll(statistics.figuresBySecondKey("moves", provinces.stream().map(AdministrativeUnit::id)
                    .filter(id -> id != area.unitId()).toList(), from, to).stream().filter(f -> f.k1().equals(String.valueOf(area.unitId()))).toList());
        }
        for (Figure f : moves) {
            AdministrativeUnit origin = origin(f.k1(), byId);
            if (origin == null || !(area.isNation() || f.unitId() == area.unitId() || origin.id() == area.unitId())) {
                continue;
            }
            flows.merge(List.of(origin.id(), f.unitId()), f.value(), Long::sum);
        }
        List<Flow> list = flows.entrySet().stream().filter(e -> e.getValue() != 0)
                .map(e -> {
                    AdministrativeUnit origin = byId.get(e.getKey().get(0));
                    AdministrativeUnit destination = byId.get(e.getKey().get(1));
                    return new Flow(origin.code(), origin.name(), destination.code(), destination.name(), e.getValue());
                })
                .sorted(Comparator.comparingLong(Flow::moves).reversed().thenComparing(Flow::originCode).thenComparing(Flow::destinationCode))
                .toList();
        return new Moves(area.code(), from, to, list);
    }

    /** The origin as recorded (a province id), as the province in force today. */
    private AdministrativeUnit origin(String k1, Map<Long, AdministrativeUnit> today) {
        try {
            long id = Long.parseLong(k1);
            AdministrativeUnit province = today.get(id);
            return province != null ? province : units.provinceToday(id).filter(p -> today.containsKey(p.id())).orElse(null);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A province's communes with their population, births this month and births of the last 12 months. */
    Communes communes(Staff reader, Area area) {
        if (!area.isProvince()) {
            throw ApiProblem.notFound("NO_COMMUNES", "Only a province has a list of communes");
        }
        List<AdministrativeUnit> communes = parts(area);
        List<Long> ids = communes.stream().map(AdministrativeUnit::id).toList();
        YearMonth last = month();
        List<String> months = IntStream.rangeClosed(0, 11).mapToObj(i -> last.minusMonths(11 - i).toString()).toList();
        Map<Long, Long> population = statistics.totals("population", ids);
        Map<Long, Map<String, Long>> births = new HashMap<>();
        for (Figure f : statistics.figures("births", ids, months.getFirst(), months.getLast())) {
            births.computeIfAbsent(f.unitId(), id -> new HashMap<>()).merge(f.k1(), f.value(), Long::sum);
        }
        List<CommuneRow> rows = communes.stream().map(c -> {
            Map<String, Long> own = births.getOrDefault(c.id(), Map.of());
            List<Long> series = months.stream().map(m -> own.getOrDefault(m, 0L)).toList();
            return new CommuneRow(c.code(), c.name(), population.getOrDefault(c.id(), 0L), series.getLast(), series,
                    reach.opens(reader, Area.of(c, area.province())));
        }).toList();
        return new Communes(area.code(), months, rows);
    }

    /** The shapes of a map: the province tiles, or a province's communes as loaded boundaries or else squares. */
    Map<String, Object> tiles(Area area, TileGrid grid) {
        List<AdministrativeUnit> parts = parts(area);
        Map<String, String> names = new LinkedHashMap<>();
        parts.forEach(p -> names.put(p.code(), p.name()));
        List<String> codes = List.copyOf(names.keySet());
        return TileGrid.geoJson(area.isNation() ? grid.place(codes) : TileGrid.square(codes), names);
    }

    private static Map<Long, Long> sums(Collection<Figure> figures) {
        return sums(figures, f -> true);
    }

    private static Map<Long, Long> sums(Collection<Figure> figures, Predicate<Figure> which) {
        Map<Long, Long> sums = new HashMap<>();
        figures.stream().filter(which).forEach(f -> sums.merge(f.unitId(), f.value(), Long::sum));
        return sums;
    }

    private static long sum(Collection<Figure> figures, Predicate<Figure> which) {
        return figures.stream().filter(which).mapToLong(Figure::value).sum();
    }

    private static Map<String, Long> byK1(Collection<Figure> figures) {
        Map<String, Long> sums = new HashMap<>();
        figures.forEach(f -> sums.merge(f.k1(), f.value(), Long::sum));
        return sums;
    }

    /** A percentage with one decimal; none of nothing. */
    static Double share(long part, Long whole) {
        return whole == null || whole == 0 ? null : Math.round(part * 1000.0 / whole) / 10.0;
    }

    static final Set<String> CHARTS = Set.of("map", "kpis", "pyramid", "trends", "moves", "communes");
}
