package vn.dancu.statistics.web;

import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;
import vn.dancu.statistics.Statistics;

/**
 * The IOC's pages (docs/ioc.md): the nation with its map of provinces, a province with its
 * communes, a commune. The key figures and the list of communes are drawn here and refreshed by
 * htmx when the figures move; the charts are drawn by {@code /js/ioc.js} from {@link IocApi}.
 */
@Controller
@Page
class IocPages {

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    /** The texts /js/ioc.js writes into charts, in the page's language. */
    private static final List<String> SCRIPT_TEXTS = List.of("ioc.male", "ioc.female", "ioc.births", "ioc.deaths", "ioc.population",
            "ioc.noData", "ioc.outside", "ioc.noChange", "ioc.indicator.population", "ioc.indicator.births",
            "ioc.indicator.deaths", "ioc.indicator.eid_share", "ioc.indicator.residence_share", "ioc.indicator.card_share");

    private final Reach reach;
    private final Dashboard dashboard;
    private final Boundaries boundaries;
    private final Statistics statistics;
    private final MessageSource messages;

    IocPages(Reach reach, Dashboard dashboard, Boundaries boundaries, Statistics statistics, MessageSource messages) {
        this.reach = reach;
        this.dashboard = dashboard;
        this.boundaries = boundaries;
        this.statistics = statistics;
        this.messages = messages;
    }

    @GetMapping("/ioc")
    String nation(Model model, HttpServletResponse response) {
        return answer(() -> page(Area.NATION_CODE, model), model, response);
    }

    @GetMapping("/ioc/units/{unit}")
    String unit(@PathVariable String unit, Model model, HttpServletResponse response) {
        return answer(() -> page(unit, model), model, response);
    }

    private String page(String code, Model model) {
        Staff reader = CurrentStaff.require();
        Area area = reach.open(reader, code);
        Locale locale = LocaleContextHolder.getLocale();
        model.addAttribute("area", area);
        model.addAttribute("name", area.isNation() ? messages.getMessage("ioc.nation", null, locale) : area.name());
        model.addAttribute("crumbs", crumbs(area, locale));
        model.addAttribute("home", reach.home(reader));
        model.addAttribute("boundaries", area.isProvince() && boundaries.exists(area.unitId()));
        LiveFigures.Change change = LiveFigures.change(statistics.freshness().orElse(null));
        model.addAttribute("batch", change.batch());
        model.addAttribute("latestChange", change.latestChange());
        model.addAttribute("kpis", View.kpis(dashboard.kpis(area), locale));
        model.addAttribute("communes", area.isProvince() ? View.communes(dashboard.communes(reader, area), locale) : null);
        model.addAttribute("texts", texts(locale));
        return "statistics/ioc";
    }

    /** The key figures alone, for htmx to swap in when the figures move. */
    @GetMapping("/ioc/units/{unit}/kpis")
    String kpis(@PathVariable String unit, Model model, HttpServletResponse response) {
        return answer(() -> {
            Area area = reach.open(CurrentStaff.require(), unit);
            model.addAttribute("area", area);
            model.addAttribute("kpis", View.kpis(dashboard.kpis(area), LocaleContextHolder.getLocale()));
            return "statistics/ioc-kpis";
        }, model, response);
    }

    /** A province's communes alone, for htmx likewise. */
    @GetMapping("/ioc/units/{unit}/communes")
    String communes(@PathVariable String unit, Model model, HttpServletResponse response) {
        return answer(() -> {
            Staff reader = CurrentStaff.require();
            Area area = reach.open(reader, unit);
            model.addAttribute("area", area);
            model.addAttribute("communes", View.communes(dashboard.communes(reader, area), LocaleContextHolder.getLocale()));
            return "statistics/ioc-communes";
        }, model, response);
    }

    /**
     * A refusal (an area outside the jurisdiction, an unknown code) is a page with its status, not a
     * failure. Caught here rather than by an exception handler, which would not have the page's context.
     */
    private static String answer(java.util.function.Supplier<String> view, Model model, HttpServletResponse response) {
        try {
            return view.get();
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            return "statistics/ioc-refused";
        }
    }

    private List<View.Crumb> crumbs(Area area, Locale locale) {
        List<View.Crumb> crumbs = new ArrayList<>();
        crumbs.add(new View.Crumb(Area.NATION_CODE, messages.getMessage("ioc.nation", null, locale)));
        if (area.isCommune()) {
            crumbs.add(new View.Crumb(area.province().code(), area.province().name()));
        }
        if (!area.isNation()) {
            crumbs.add(new View.Crumb(area.code(), area.name()));
        }
        return crumbs;
    }

    private String texts(Locale locale) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("locale", "en".equals(locale.getLanguage()) ? "en-GB" : "vi-VN");
        SCRIPT_TEXTS.forEach(key -> texts.put(key.substring(4), messages.getMessage(key, null, key, locale)));
        // inside a script element: no "<" may close it
        return JSON.writeValueAsString(texts).replace("<", "\\u003c");
    }
}
