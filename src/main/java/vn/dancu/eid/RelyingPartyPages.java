package vn.dancu.eid;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;

/** ADMIN's pages for the register of relying parties and API clients: the list, and a form to register one. */
@Controller
@Page
class RelyingPartyPages {

    private final RelyingParties relyingParties;

    RelyingPartyPages(RelyingParties relyingParties) {
        this.relyingParties = relyingParties;
    }

    @GetMapping("/staff/admin/relying-parties")
    String list(Model model) {
        model.addAttribute("clients", relyingParties.list());
        model.addAttribute("created", null);
        model.addAttribute("problem", null);
        return "eid/relying-parties";
    }

    @PostMapping("/staff/admin/relying-parties")
    String register(@RequestParam(defaultValue = "") String clientId, @RequestParam(defaultValue = "") String name,
                    @RequestParam(defaultValue = "RELYING_PARTY") String kind, @RequestParam(defaultValue = "true") boolean confidential,
                    @RequestParam(defaultValue = "") String authMethods, @RequestParam(defaultValue = "") String jwksUri,
                    @RequestParam(defaultValue = "") String redirectUris, @RequestParam(defaultValue = "") String scopes,
                    @RequestParam(defaultValue = "") String claims, @RequestParam(defaultValue = "") String acrValues,
                    @RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "") String sector,
                    Model model, HttpServletResponse response) {
        RelyingParties.Registration form = new RelyingParties.Registration(clientId, name, kind, confidential,
                words(authMethods), jwksUri, words(redirectUris), List.of(), words(scopes), words(claims), words(acrValues),
                purpose, sector, "ACTIVE");
        try {
            model.addAttribute("created", relyingParties.register(form));
            model.addAttribute("problem", null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("created", null);
            model.addAttribute("problem", problem);
        }
        model.addAttribute("clients", relyingParties.list());
        return "eid/relying-parties";
    }

    /** Lists typed in a text box: separated by spaces, commas or new lines. */
    private static List<String> words(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(w -> !w.isBlank()).toList();
    }
}
