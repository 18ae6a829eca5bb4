package vn.dancu.statistics.web;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.statistics.Statistics;

/**
 * The JSON the IOC's pages draw, and each chart as CSV (docs/ioc.md). {@code unit} is {@code VN},
 * a province or a commune code; an area outside the reader's jurisdiction is 403
 * {@code OUTSIDE_JURISDICTION}. Each answer reads a few rows of figures, at most one read over all
 * the units of a map or a list.
 */
@RestController
class IocApi {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private final Dashboard dashboard;
    private final Reach reach;
    private final TileGrid grid;
    private final Boundaries boundaries;
    private final CsvTables tables;
    private final Statistics statistics;
    private final LiveFigures live;

    IocApi(Dashboard dashboard, Reach reach, TileGrid grid, Boundaries boundaries, CsvTables tables, Statistics statistics,
           LiveFigures live) {
        this.live = live;
        this.dashboard = dashboard;
        this.reach = reach;
        this.grid = grid;
        this.boundaries = boundaries;
        this.tables = tables;
        this.statistics = statistics;
    }

    private Area area(String unit) {
        return reach.open(CurrentStaff.require(), unit);
    }

    @GetMapping("/ioc/api/units/{unit}/map")
    Dashboard.MapView map(@PathVariable String unit, @RequestParam(defaultValue = "population") String indicator) {
        Dashboard.Indicator chosen = Dashboard.Indicator.of(indicator);
        return dashboard.map(CurrentStaff.require(), area(unit), chosen);
    }

    @GetMapping("/ioc/api/units/{unit}/kpis")
    Dashboard.Kpis kpis(@PathVariable String unit) {
        return dashboard.kpis(area(unit));
    }

    @GetMapping("/ioc/api/units/{unit}/pyramid")
    Dashboard.Pyramid pyramid(@PathVariable String unit) {
        return dashboard.pyramid(area(unit));
    }

    @GetMapping("/ioc/api/units/{unit}/trends")
    Dashboard.Trends trends(@PathVariable String unit) {
        return dashboard.trends(area(unit));
    }

    @GetMapping("/ioc/api/units/{unit}/moves")
    Dashboard.Moves moves(@PathVariable String unit) {
        return dashboard.moves(area(unit));
    }

    @GetMapping("/ioc/api/units/{unit}/communes")
    Dashboard.Communes communes(@PathVariable String unit) {
        return dashboard.communes(CurrentStaff.require(), area(unit));
    }

    /** The shapes of the map: the province tiles, a province's loaded boundaries, or its communes as squares. */
    @GetMapping(value = "/ioc/api/units/{unit}/shapes", produces = "application/geo+json")
    ResponseEntity<String> shapes(@PathVariable String unit) {
        Area area = area(unit);
        String json = area.isProvince() ? boundaries.geoJson(area.unitId()).orElse(null) : null;
        if (json == null) {
            json = JSON.writeValueAsString(dashboard.tiles(area, grid));
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json"))
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=60").body(json);
    }

    /** The latest change folded into the figures; the pages also hear of it through /ioc/events. */
    @GetMapping("/ioc/api/freshness")
    LiveFigures.Change freshness() {
        return LiveFigures.change(statistics.freshness().orElse(null));
    }

    /** Server-sent events: {@code figures} whenever the figures move (within about a second of the change being folded in). */
    @GetMapping(value = "/ioc/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    org.springframework.web.servlet.mvc.method.annotation.SseEmitter events() {
        CurrentStaff.require();
        return live.subscribe();
    }

    /** A page that closed its event stream: nothing to answer, and no incident to log. */
    @org.springframework.web.bind.annotation.ExceptionHandler(org.springframework.web.context.request.async.AsyncRequestNotUsableException.class)
    void gone() {
        // the client went away; its subscription is dropped by LiveFigures on the same error
    }

    @GetMapping("/ioc/api/units/{unit}/{chart}/csv")
    ResponseEntity<byte[]> csv(@PathVariable String unit, @PathVariable String chart,
                               @RequestParam(defaultValue = "population") String indicator) {
        if (!Dashboard.CHARTS.contains(chart)) {
            throw ApiProblem.notFound("UNKNOWN_CHART", "No chart " + chart + "; the charts are " + Dashboard.CHARTS);
        }
        Area area = area(unit);
        Locale locale = LocaleContextHolder.getLocale();
        var staff = CurrentStaff.require();
        CsvTables.Table table = switch (chart) {
            case "map" -> tables.map(dashboard.map(staff, area, Dashboard.Indicator.of(indicator)), locale);
            case "kpis" -> tables.kpis(dashboard.kpis(area), locale);
            case "pyramid" -> tables.pyramid(dashboard.pyramid(area), locale);
            case "trends" -> tables.trends(dashboard.trends(area), locale);
            case "moves" -> tables.moves(dashboard.moves(area), locale);
            default -> tables.communes(dashboard.communes(staff, area), locale);
        };
        String name = "dancu-ioc-" + chart + ("map".equals(chart) ? "-" + indicator.toLowerCase(Locale.ROOT) : "") + "-" + area.code()
                + "-" + dashboard.month() + ".csv";
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(name, StandardCharsets.UTF_8).build().toString())
                .body(CsvTables.csv(table));
    }
}
