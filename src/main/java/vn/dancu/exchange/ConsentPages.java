package vn.dancu.exchange;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.ApiProblem;

/**
 * The citizen's consents to data sharing, on their account pages: which business may read what,
 * why and until when; give one by ticking each group of information, withdraw one at any time.
 */
@Controller
@vn.dancu.platform.Page
class ConsentPages {

    private final DataConsents consents;
    private final CitizenAccounts accounts;

    ConsentPages(DataConsents consents, CitizenAccounts accounts) {
        this.consents = consents;
        this.accounts = accounts;
    }

    @GetMapping("/eid/account/sharing")
    String page(Model model) {
        return render(model, null, null);
    }

    @PostMapping("/eid/account/sharing")
    String grant(@RequestParam(defaultValue = "") String member, @RequestParam(required = false) List<String> products,
                 @RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "0") int days, Model model,
                 HttpServletResponse response) {
        try {
            DataConsents.ConsentView granted = consents.grant(citizen(), member, products, purpose, days, "WEB");
            return render(model, granted, null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, null, problem);
        }
    }

    @PostMapping("/eid/account/sharing/{id}/revoke")
    String revoke(@PathVariable long id, Model model, HttpServletResponse response) {
        try {
            consents.revoke(citizen(), id);
            return "redirect:/eid/account/sharing";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, null, problem);
        }
    }

    /** The same list for an app acting for the citizen (session or token of the citizen). */
    @GetMapping("/api/v1/me/consents")
    @ResponseBody
    List<DataConsents.ConsentView> list() {
        return consents.of(citizen());
    }

    private String render(Model model, DataConsents.ConsentView granted, ApiProblem problem) {
        model.addAttribute("consents", consents.of(citizen()));
        model.addAttribute("grantees", consents.grantees());
        model.addAttribute("granted", granted);
        model.addAttribute("problem", problem);
        model.addAttribute("now", java.time.Instant.now());
        return "exchange/sharing";
    }

    private String citizen() {
        return accounts.currentPersonalId().orElseThrow(() -> new AccessDeniedException("Citizens only"));
    }
}
