package vn.dancu.identity;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * ADMIN's pages for staff accounts: the list with its search and the form to create one, an
 * account's page (change, disable or enable, reset the password, its record of changes), the
 * import of a province's officers. The record of every change is a page for auditors too.
 * One-time passwords are shown on the answer to the change that made them, never again.
 */
@Controller
@vn.dancu.platform.Page
public class StaffAdminPages {

    static final String BASE = "/staff/admin/staff";

    private final StaffAdministration administration;
    private final StaffImport imports;
    private final SecondFactors factors;
    private final Units units;

    StaffAdminPages(StaffAdministration administration, StaffImport imports, SecondFactors factors, Units units) {
        this.administration = administration;
        this.factors = factors;
        this.imports = imports;
        this.units = units;
    }

    /** What the create form held, to show again with its errors. */
    public record Form(String username, String displayName, String role, String jurisdiction, String reason) {
        static final Form EMPTY = new Form("", "", "", "", "");
    }

    /** The search as typed. */
    public record Query(String q, String role, String unit, String enabled) {
    }

    @GetMapping(BASE)
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "") String role,
                @RequestParam(defaultValue = "") String unit, @RequestParam(defaultValue = "") String enabled,
                @RequestParam(defaultValue = "0") String page, Model model, HttpServletResponse response) {
        return list(model, response, q, role, unit, enabled, page, Form.EMPTY, null);
    }

    @PostMapping(BASE)
    String create(@RequestParam(defaultValue = "") String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String jurisdiction,
                  @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        try {
            StaffAdministration.Created created = administration.create(CurrentStaff.require(),
                    new StaffAdministration.NewStaff(username, displayName, role, jurisdiction, reason));
            return account(model, created.account(), "created", created.oneTimePassword(), null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return list(model, response, "", "", "", "", "0", new Form(username, displayName, role, jurisdiction, reason), problem);
        }
    }

    @GetMapping(BASE + "/{username}")
    String account(@PathVariable String username, Model model) {
        return account(model, administration.get(username), null, null, null);
    }

    @PostMapping(BASE + "/{username}")
    String change(@PathVariable String username, @RequestParam(defaultValue = "") String displayName,
                  @RequestParam(defaultValue = "") String role, @RequestParam(defaultValue = "") String jurisdiction,
                  @RequestParam(defaultValue = "") String reason, Model model, HttpServletResponse response) {
        return attempt(username, model, response, "changed", () -> {
            administration.change(CurrentStaff.require(), username,
                    new StaffAdministration.Changes(displayName, role, jurisdiction, reason));
            return null;
        });
    }

    @PostMapping(BASE + "/{username}/disable")
    String disable(@PathVariable String username, @RequestParam(defaultValue = "") String reason, Model model,
                   HttpServletResponse response) {
        return attempt(username, model, response, "disabled", () -> {
            administration.disable(CurrentStaff.require(), username, new StaffAdministration.Reason(reason));
            return null;
        });
    }

    @PostMapping(BASE + "/{username}/enable")
    String enable(@PathVariable String username, @RequestParam(defaultValue = "") String reason, Model model,
                  HttpServletResponse response) {
        return attempt(username, model, response, "enabled", () -> {
            administration.enable(CurrentStaff.require(), username, new StaffAdministration.Reason(reason));
            return null;
        });
    }

    @PostMapping(BASE + "/{username}/password-reset")
    String resetPassword(@PathVariable String username, @RequestParam(defaultValue = "") String reason, Model model,
                         HttpServletResponse response) {
        return attempt(username, model, response, "passwordReset", () -> administration.resetPassword(CurrentStaff.require(), username,
                new StaffAdministration.Reason(reason)).oneTimePassword());
    }

    /** A lost phone or key: every second factor goes, the next login enrols a new one ({@link SecondFactors#reset}). */
    @PostMapping(BASE + "/{username}/second-factors-reset")
    String resetSecondFactors(@PathVariable String username, @RequestParam(defaultValue = "") String reason, Model model,
                              HttpServletResponse response) {
        return attempt(username, model, response, "factorsReset", () -> {
            factors.reset(username, reason);
            return null;
        });
    }

    @GetMapping("/staff/admin/staff-import")
    String importForm(Model model) {
        return importPage(model, "", "", null, null);
    }

    @PostMapping("/staff/admin/staff-import")
    String importCsv(@RequestParam(defaultValue = "") String province, @RequestParam(defaultValue = "") String reason,
                     @RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response) throws IOException {
        try {
            String csv = file == null || file.isEmpty() ? "" : StaffAdminController.utf8(file.getInputStream());
            return importPage(model, province, reason, imports.importCsv(CurrentStaff.require(), province, reason, csv), null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return importPage(model, province, reason, null, problem);
        }
    }

    @GetMapping("/staff/admin/staff-changes")
    String changes(@RequestParam(defaultValue = "0") String page, Model model, HttpServletResponse response) {
        try {
            model.addAttribute("changes", administration.changes(null, pageNumber(page), 100));
            model.addAttribute("problem", null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            model.addAttribute("changes", administration.changes(null, 0, 100));
            model.addAttribute("problem", problem);
        }
        return "identity/staff-changes";
    }

    private String list(Model model, HttpServletResponse response, String q, String role, String unit, String enabled, String page,
                        Form form, ApiProblem problem) {
        StaffAdministration.Page<StaffAdministration.StaffView> found;
        ApiProblem searchProblem = null;
        try {
            found = administration.search(q, role, unit, enabled, pageNumber(page), 50);
        } catch (ApiProblem refused) {
            response.setStatus(refused.status().value());
            searchProblem = refused;
            found = administration.search(null, null, null, null, 0, 50);
        }
        model.addAttribute("found", found);
        model.addAttribute("query", new Query(q, role, unit, enabled));
        model.addAttribute("searchProblem", searchProblem);
        model.addAttribute("form", form);
        model.addAttribute("problem", problem);
        model.addAttribute("roles", List.of(StaffRole.values()));
        model.addAttribute("provinces", unitChoices(""));
        return "identity/staff-list";
    }

    /** The account's page after a change: the change done (a key of the page's texts) or the problem. */
    private String attempt(String username, Model model, HttpServletResponse response, String done, Supplier<String> change) {
        try {
            String oneTime = change.get();
            return account(model, administration.get(username), done, oneTime, null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            if (problem.code().equals("STAFF_NOT_FOUND")) {
                throw problem;
            }
            return account(model, administration.get(username), null, null, problem);
        }
    }

    private String account(Model model, StaffAdministration.StaffView account, String done, String oneTimePassword, ApiProblem problem) {
        model.addAttribute("account", account);
        model.addAttribute("changes", administration.changes(account.username(), 0, 50));
        model.addAttribute("factors", factors.state(account.username()));
        model.addAttribute("done", done);
        model.addAttribute("oneTimePassword", oneTimePassword);
        model.addAttribute("problem", problem);
        model.addAttribute("roles", List.of(StaffRole.values()));
        model.addAttribute("provinces", unitChoices(""));
        model.addAttribute("self", CurrentStaff.get().map(s -> s.id() == account.id()).orElse(false));
        return "identity/staff-account";
    }

    private String importPage(Model model, String province, String reason, StaffImport.Imported imported, ApiProblem problem) {
        model.addAttribute("province", province);
        model.addAttribute("reason", reason);
        model.addAttribute("imported", imported);
        model.addAttribute("problem", problem);
        model.addAttribute("provinces", provinces());
        return "identity/staff-import";
    }

    private List<AdministrativeUnit> provinces() {
        return units.list(AdministrativeUnit.PROVINCE, null, units.today());
    }

    /** A unit offered in a jurisdiction field: its code is the value, its name (and province) the label. */
    public record UnitChoice(String code, String label) {
    }

    private static final int UNIT_CHOICES = 20;

    /**
     * The suggestions of the jurisdiction fields as the administrator types a name or a code: units
     * in force today, provinces first, names matched without case or diacritics. Without a search
     * (two characters at least) the provinces. htmx swaps the answer in as the field's datalist.
     */
    @GetMapping("/staff/admin/units")
    String unitChoices(@RequestParam java.util.Map<String, String> params, Model model) {
        String typed = params.getOrDefault("jurisdiction", params.getOrDefault("unit", params.getOrDefault("q", "")));
        model.addAttribute("units", typed.length() > 100 ? List.of() : unitChoices(typed));
        return "identity/staff-units";
    }

    List<UnitChoice> unitChoices(String typed) {
        var today = units.today();
        if (vn.dancu.platform.Text.searchKey(typed).length() < 2) {
            return provinces().stream().map(p -> new UnitChoice(p.code(), p.name())).toList();
        }
        var found = new java.util.ArrayList<UnitChoice>();
        units.search(AdministrativeUnit.PROVINCE, typed, today, UNIT_CHOICES).forEach(p -> found.add(new UnitChoice(p.code(), p.name())));
        units.search(AdministrativeUnit.COMMUNE, typed, today, UNIT_CHOICES - found.size())
                .forEach(c -> found.add(new UnitChoice(c.code(), c.name() + ", " + units.province(c).name())));
        return found;
    }

    /** A page number typed into the address bar: anything else than a small number is page 0. */
    private static int pageNumber(String page) {
        return page.matches("[0-9]{1,5}") ? Integer.parseInt(page) : 0;
    }
}
