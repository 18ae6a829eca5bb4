package vn.dancu.procedures;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.MessageSource;
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
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;

/**
 * The officers' pages: the worklist of their agency in their jurisdiction, an application with
 * the decision on each leg that is theirs, its attachments, and the counter where they lodge for
 * a citizen who is present (the same form as the citizen's, filled from the registry).
 */
@Controller
@vn.dancu.platform.Page
class OfficerPages {

    private final ApplicationPayments payments;
    private final Decisions decisions;
    private final Applications applications;
    private final ProcedureCatalog catalog;
    private final ApplicationRepository repository;
    private final ProcedurePages forms;
    private final MessageSource messages;

    OfficerPages(Decisions decisions, Applications applications, ProcedureCatalog catalog, ApplicationRepository repository,
                 ProcedurePages forms, MessageSource messages, ApplicationPayments payments) {
        this.payments = payments;
        this.decisions = decisions;
        this.applications = applications;
        this.catalog = catalog;
        this.repository = repository;
        this.forms = forms;
        this.messages = messages;
    }

    @GetMapping("/staff/worklist")
    String worklist(Model model) {
        Staff staff = CurrentStaff.require();
        model.addAttribute("items", decisions.worklist(AccessLog.Channel.WEB));
        model.addAttribute("catalog", catalog);
        model.addAttribute("actsOnApplications", Agency.forRole(staff.role()).isPresent());
        return "procedures/worklist";
    }

    @GetMapping("/staff/applications/{code}")
    String application(@PathVariable String code, Model model, HttpServletRequest request) {
        return render(code, null, model, request);
    }

    @PostMapping("/staff/applications/{code}/legs/{legNo}")
    String decide(@PathVariable String code, @PathVariable int legNo, @RequestParam(required = false) String approve,
                  @RequestParam(required = false) String note, Model model, HttpServletRequest request,
                  HttpServletResponse response, RedirectAttributes redirect) {
        Boolean decision = "true".equals(approve) ? Boolean.TRUE : "false".equals(approve) ? Boolean.FALSE : null;
        try {
            decisions.decide(code, legNo, new Decisions.Decision(decision, note), AccessLog.Channel.WEB);
            redirect.addFlashAttribute("decided", decision ? "APPROVED" : "REJECTED");
            return "redirect:/staff/applications/" + code;
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(code, problem, model, request);
        }
    }

    @GetMapping("/staff/applications/{code}/attachments/{id}")
    ResponseEntity<byte[]> attachment(@PathVariable String code, @PathVariable long id) {
        Decisions.Attachment file = decisions.attachment(code, id, AccessLog.Channel.WEB);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(file.contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(file.filename(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .body(file.content());
    }

    @GetMapping("/staff/counter")
    String counter(@RequestParam(required = false) String procedure, @RequestParam(required = false) String applicant,
                   Model model) {
        String id = applicant == null ? "" : applicant.strip();
        if (procedure != null && !procedure.isBlank() && id.matches("[0-9]{12}")) {
            return "redirect:/staff/counter/" + forms.enabled(procedure) + "?applicant=" + id;
        }
        boolean asked = procedure != null || applicant != null;
        model.addAttribute("procedures", catalog.all().stream().filter(p -> applications.enabled(p.appendixNo())).toList());
        model.addAttribute("applicant", id);
        model.addAttribute("selected", procedure == null ? "" : procedure);
        model.addAttribute("invalidApplicant", asked && !id.matches("[0-9]{12}"));
        model.addAttribute("actsOnApplications", Agency.forRole(CurrentStaff.require().role()).isPresent());
        return "procedures/counter";
    }

    @GetMapping("/staff/counter/{appendixNo}")
    String counterForm(@PathVariable String appendixNo, @RequestParam(defaultValue = "") String applicant, Model model,
                       HttpServletRequest request, HttpServletResponse response) {
        int n = forms.enabled(appendixNo);
        String id = applicant.strip();
        return forms.renderForm(model, request, response, n, new Applications.Counter(CurrentStaff.require(), id, AccessLog.Channel.WEB), java.util.Map.of(),
                null, "/staff/counter/" + n, "/staff/counter", id);
    }

    @PostMapping("/staff/counter/{appendixNo}")
    String lodge(@PathVariable String appendixNo, HttpServletRequest request, HttpServletResponse response, Model model,
                 RedirectAttributes redirect) {
        int n = forms.enabled(appendixNo);
        String applicant = request.getParameter("applicant") == null ? "" : request.getParameter("applicant").strip();
        return forms.lodge(n, new Applications.Counter(CurrentStaff.require(), applicant, AccessLog.Channel.WEB), request, response, model, redirect,
                "/staff/counter/" + n, "/staff/counter", applicant, "/staff/applications/");
    }

    private String render(String code, ApiProblem problem, Model model, HttpServletRequest request) {
        ApplicationViews.View view = officerView(code);
        Locale locale = RequestContextUtils.getLocale(request);
        Staff staff = CurrentStaff.require();
        long applicationId = repository.byCode(code).orElseThrow(ProcedurePages::notFound).id();
        payments.ofApplication(code).ifPresent(p -> model.addAttribute("payment", p));
        Set<Integer> actionable = repository.legs(applicationId).stream()
                .filter(l -> l.pending() && Worklists.covers(staff, l)).map(ApplicationRepository.Leg::legNo)
                .collect(Collectors.toUnmodifiableSet());
        Forms.Form form = applications.lodgedForm(view.appendixNo());
        List<ProcedurePages.AttachmentRow> attachments = view.attachments().stream()
                .map(a -> new ProcedurePages.AttachmentRow(a.id(), a.kind(), form.attachments().stream()
                        .filter(d -> d.kind().equals(a.kind())).findFirst().map(d -> forms.label(d, locale)).orElse(a.kind()),
                        a.filename(), a.contentType(), a.size(), a.sha256()))
                .toList();
        List<String> problems = new java.util.ArrayList<>();
        if (problem != null && problem.code().equals("REGISTRY_REFUSED")) {
            problems.add(messages.getMessage("procedures.officer.registryRefused", null, locale));
        } else if (problem != null && problem.errors().isEmpty()) {
            problems.add(forms.explain(problem.code(), problem.getMessage(), locale));
        }
        if (problem != null) {
            // each problem names its field: the decision's note, or the application's field the registry refused
            problem.errors().forEach(e -> problems.add(fieldLabel(form, e.field(), locale) + ": " + forms.explain(e.code(), e.message(), locale)));
        }
        model.addAttribute("warnings", decisions.warnings(view, AccessLog.Channel.WEB).stream()
                .map(w -> ProcedurePages.english(locale) ? w.en() : w.vi()).toList());
        model.addAttribute("view", view);
        model.addAttribute("values", forms.formValues(view, locale));
        model.addAttribute("attachments", attachments);
        model.addAttribute("actionable", actionable);
        model.addAttribute("problems", problems);
        return "procedures/officer-application";
    }

    private String fieldLabel(Forms.Form form, String field, Locale locale) {
        if (field.equals("note")) {
            return messages.getMessage("procedures.officer.note", null, locale);
        }
        return form.field(field).map(f -> forms.label(f, locale))
                .orElseGet(() -> messages.getMessage("form.field." + field, null, field, locale));
    }

    /** The application when it is the officer's to see (a leg of their agency in their area, or lodged by them); else 404. */
    private ApplicationViews.View officerView(String code) {
        try {
            return decisions.forOfficer(code, AccessLog.Channel.WEB);
        } catch (ApiProblem problem) {
            throw ProcedurePages.notFound();
        }
    }
}
