package vn.dancu.exchange;

import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import vn.dancu.eid.RelyingParties;
import vn.dancu.platform.ApiProblem;

/** ADMIN's page of data-exchange members: register one, give it a policy and an API client. */
@Controller
@vn.dancu.platform.Page
class MemberPages {

    private final Members members;
    private final Products products;
    private final Metering metering;
    private final Policies policies;
    private final MessageSource messages;

    MemberPages(Members members, Products products, Metering metering, Policies policies, MessageSource messages) {
        this.members = members;
        this.products = products;
        this.metering = metering;
        this.policies = policies;
        this.messages = messages;
    }

    @GetMapping("/staff/admin/members")
    String list(Model model) {
        return render(model, null, null, null);
    }

    @PostMapping("/staff/admin/members")
    String create(@RequestParam(defaultValue = "") String code, @RequestParam(defaultValue = "") String name,
                  @RequestParam(defaultValue = "") String kind, @RequestParam(defaultValue = "") String sector,
                  @RequestParam(required = false) List<String> documentKinds, Model model, HttpServletResponse response, Locale locale) {
        return attempt(model, response, () -> {
            members.create(new Members.MemberForm(code, name, kind, sector, "ACTIVE", documentKinds));
            return messages.getMessage("exchange.members.done.registered", new Object[] {code.strip()}, locale);
        });
    }

    @PostMapping("/staff/admin/members/{code}/policies")
    String policy(@PathVariable String code, @RequestParam(required = false) List<String> products,
                  @RequestParam(required = false) List<String> purposes, @RequestParam(defaultValue = "") String legalBasis,
                  @RequestParam(defaultValue = "false") boolean consentRequired, @RequestParam(defaultValue = "0") int dailyQuota,
                  @RequestParam(defaultValue = "CASE_AND_SPACING") String nameMatching, Model model, HttpServletResponse response,
                  Locale locale) {
        return attempt(model, response, () -> {
            Members.Policy p = members.newPolicy(code, new Members.PolicyForm(products, purposes, legalBasis, consentRequired,
                    dailyQuota, nameMatching));
            return messages.getMessage("exchange.members.done.policy", new Object[] {String.valueOf(p.version()), code}, locale);
        });
    }

    @PostMapping("/staff/admin/members/{code}/clients")
    String client(@PathVariable String code, Model model, HttpServletResponse response, Locale locale) {
        try {
            RelyingParties.ClientView client = members.addClient(code, new Members.ClientForm(null, null, null));
            return render(model, messages.getMessage("exchange.members.done.client", new Object[] {client.clientId()}, locale), client, null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, null, null, problem);
        }
    }

    private String attempt(Model model, HttpServletResponse response, java.util.function.Supplier<String> change) {
        try {
            return render(model, change.get(), null, null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, null, null, problem);
        }
    }

    private String render(Model model, String done, RelyingParties.ClientView client, ApiProblem problem) {
        model.addAttribute("members", members.list());
        model.addAttribute("products", products.all(metering.today()).stream().map(Products.Version::code).toList());
        model.addAttribute("purposes", policies.memberPurposes());
        model.addAttribute("documentKinds", vn.dancu.registry.DocumentKind.NAMES.stream().sorted().toList());
        model.addAttribute("done", done);
        model.addAttribute("client", client);
        model.addAttribute("problem", problem);
        return "exchange/members";
    }
}
