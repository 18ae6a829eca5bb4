package vn.dancu.audit;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;

/** The inspector's page: search the access log, and the anomalies of the last week. */
@Controller
@Page
@PreAuthorize("hasRole('AUDITOR')")
class InspectionPages {

    private final Inspection inspection;

    InspectionPages(Inspection inspection) {
        this.inspection = inspection;
    }

    @GetMapping("/staff/audit")
    String page(@RequestParam(required = false) String actor, @RequestParam(required = false) String subject,
                @RequestParam(required = false) String purpose, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, @RequestParam(required = false) String inspectionPurpose,
                @RequestParam(defaultValue = "0") int page, Model model, HttpServletResponse response) {
        Inspection.Criteria criteria = new Inspection.Criteria(actor, subject, purpose, null, from, to, page, 50);
        model.addAttribute("criteria", criteria);
        model.addAttribute("inspectionPurpose", inspectionPurpose == null ? "" : inspectionPurpose);
        model.addAttribute("result", null);
        model.addAttribute("problem", null);
        boolean searched = actor != null || subject != null || purpose != null || from != null;
        try {
            if (searched) {
                model.addAttribute("result", inspection.search(criteria, inspectionPurpose));
            }
            model.addAttribute("anomalies", inspection.anomalies(null, null));
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("problem", problem);
            model.addAttribute("anomalies", inspection.anomalies(null, null));
        }
        return "audit/inspection";
    }
}
