package vn.dancu.statistics;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;
import vn.dancu.platform.ProblemResponses;
import vn.dancu.statistics.web.ReportRows.Choice;
import vn.dancu.statistics.web.ReportRows.ReportView;

/** The page of the monthly reports: those the reader's jurisdiction covers, with their files, and a form to make one now. */
@Controller
@Page
class ReportPages {

    private final Reports reports;

    ReportPages(Reports reports) {
        this.reports = reports;
    }

    @GetMapping("/ioc/reports")
    String list(@RequestParam(required = false) String made, Model model) {
        return render(model, made != null, null);
    }

    @PostMapping("/ioc/reports")
    String make(@RequestParam(required = false) String month, @RequestParam(required = false) String unit, Model model,
                HttpServletResponse response) {
        try {
            reports.makeOnDemand(month, unit, CurrentStaff.require());
            return "redirect:/ioc/reports?made";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, false, problem);
        }
    }

    /** A file, or problem+json (as the API answers: a download is not a page). */
    @GetMapping("/ioc/reports/{id}/{format}")
    ResponseEntity<?> download(@PathVariable String id, @PathVariable String format, HttpServletRequest request) {
        Reports.Download file;
        try {
            file = reports.download(id, format, CurrentStaff.require());
        } catch (ApiProblem problem) {
            return ProblemResponses.entity(problem.status(), problem.code(), problem.getMessage(), problem.errors(),
                    request.getRequestURI());
        }
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.filename(), StandardCharsets.UTF_8)
                        .build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .contentType(MediaType.parseMediaType(file.contentType()))
                .body(file.content());
    }

    private String render(Model model, boolean made, ApiProblem problem) {
        Staff staff = CurrentStaff.require();
        model.addAttribute("reports", reports.visibleTo(staff, 200).stream().map(r -> new ReportView(r.id(), monthLabel(r.month()),
                r.unitId() == Statistics.NATION ? null : r.unitName(), r.generatedAt(), r.trigger(), r.requestedBy(),
                r.requestedBy().equals("system"), kib(r.pdfBytes()), kib(r.csvBytes()))).toList());
        List<Choice> months = new ArrayList<>();
        YearMonth current = reports.currentMonth();
        for (YearMonth m = current.minusMonths(1); months.size() < 24 && !m.isBefore(Reports.FIRST_MONTH); m = m.minusMonths(1)) {
            months.add(new Choice(m.toString(), monthLabel(m.toString()), null));
        }
        months.add(new Choice(current.toString(), monthLabel(current.toString()), "reports.toDate"));
        List<Choice> units = new ArrayList<>();
        units.add(new Choice("0", null, "reports.nation"));
        reports.requestable(staff).forEach(p -> units.add(new Choice(String.valueOf(p.id()), p.name(), null)));
        model.addAttribute("months", months);
        model.addAttribute("units", units);
        model.addAttribute("made", made);
        model.addAttribute("problem", problem);
        return "statistics/reports";
    }

    /** 2026-11 as 11/2026, the way Vietnamese and English pages both write a month here. */
    private static String monthLabel(String month) {
        return month.substring(5) + "/" + month.substring(0, 4);
    }

    private static long kib(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }
}
