package vn.dancu.procedures;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The citizen's pages of the procedures, under {@code /eid/}: what they can apply for, their
 * applications and inbox, the form (the registry's values shown as verified, never typed again),
 * one application with its legs and results, and the PDF of a result.
 *
 * <p>Public because the precompiled templates live in their own package: the nested records and
 * the static label methods are what they read. {@link OfficerPages} renders the same form for an
 * officer at the counter.
 */
@Controller
@vn.dancu.platform.Page
public class ProcedurePages {

    static final String FORM_TEMPLATE = "procedures/form";
    private static final int INBOX_SIZE = 50;

    /** A value of a choice, with its label in the page's language. */
    public record Option(String code, String label) {
    }

    /**
     * One field of the form. {@code verified}: the registry filled it (shown, not typed);
     * {@code fromRegistry}: the registry fills this field, whether or not it holds a value.
     */
    public record FieldView(String name, String id, String label, String type, boolean required, boolean fromRegistry,
                            boolean verified, String display, String value, List<Option> options, String hint, String error) {
    }

    /** {@code attached}: the file kept from an earlier try of this form (name and size), or null. */
    public record AttachmentView(String kind, String id, String label, boolean required, String error, String attached) {
    }

    /** A commune in force today, as the search lists it. */
    public record CommuneOption(String code, String name, String province) {
    }

    /**
     * The form page. {@code applicant}: at the counter, the personal ID number of the citizen
     * present; {@code problems}: what is wrong and names no field of the form; {@code ready}:
     * whether the form can be sent (the registry's values could be read).
     */
    public record FormView(int appendixNo, String procedureName, String action, String back, String applicant,
                           List<FieldView> registry, List<FieldView> inputs, List<AttachmentView> attachments,
                           List<String> problems, boolean fieldErrors, boolean ready, String confirm, String communeSearch,
                           Map<String, List<CommuneOption>> communeChoices) {
    }

    /**
     * The files of a form that was refused, kept in the session so that the applicant does not choose
     * them again; {@code form}: the form's address (and at the counter, the applicant). One form at a
     * time: at most the form's attachments (5 MiB each) per session, gone on success or at logout.
     */
    record Draft(String form, Map<String, ApplicationRepository.Upload> files) implements java.io.Serializable {
    }

    static final String DRAFT = "dancu.procedures.draft";
    static final int COMMUNE_RESULTS = 20;

    /** An attachment of an application, as an officer sees it. */
    public record AttachmentRow(long id, String kind, String label, String filename, String contentType, int size, String sha256) {
    }

    /** A value of the lodged form with its label; {@code prefilled}: it came from the registry. */
    public record FormValue(String label, String value, boolean prefilled) {
    }

    private final Applications applications;
    private final ProcedureCatalog catalog;
    private final Decisions decisions;
    private final Notifications notifications;
    private final Results results;
    private final CitizenAccounts accounts;
    private final Units units;
    private final MessageSource messages;
    private final ApplicationPayments payments;

    ProcedurePages(Applications applications, ProcedureCatalog catalog, Decisions decisions, Notifications notifications,
                   Results results, CitizenAccounts accounts, Units units, MessageSource messages, ApplicationPayments payments) {
        this.payments = payments;
        this.applications = applications;
        this.catalog = catalog;
        this.decisions = decisions;
        this.notifications = notifications;
        this.results = results;
        this.accounts = accounts;
        this.units = units;
        this.messages = messages;
    }

    @GetMapping("/eid/procedures")
    String index(Model model) {
        String citizen = citizen();
        List<Notifications.Notification> inbox = notifications.inbox(citizen, INBOX_SIZE);
        model.addAttribute("procedures", catalog.all().stream().filter(p -> applications.enabled(p.appendixNo())).toList());
        model.addAttribute("catalog", catalog);
        model.addAttribute("applications", applications.ofApplicant(citizen));
        model.addAttribute("documents", results.heldBy(citizen));
        model.addAttribute("inbox", inbox);
        // Shown as unread this once; read from now on.
        if (!inbox.isEmpty()) {
            notifications.markRead(citizen, inbox.getFirst().id());
        }
        return "procedures/index";
    }

    @GetMapping("/eid/procedures/{appendixNo}")
    String form(@PathVariable String appendixNo, Model model, HttpServletRequest request, HttpServletResponse response) {
        int n = enabled(appendixNo);
        Applications.Citizen lodger = new Applications.Citizen(citizen());
        return renderForm(model, request, response, n, lodger, Map.of(), null, "/eid/procedures/" + n, "/eid/procedures", null);
    }

    @PostMapping("/eid/procedures/{appendixNo}")
    String submit(@PathVariable String appendixNo, HttpServletRequest request, HttpServletResponse response, Model model,
                  RedirectAttributes redirect) {
        int n = enabled(appendixNo);
        Applications.Citizen lodger = new Applications.Citizen(citizen());
        return lodge(n, lodger, request, response, model, redirect, "/eid/procedures/" + n, "/eid/procedures", null,
                "/eid/applications/");
    }

    @GetMapping("/eid/applications/{code}")
    String application(@PathVariable String code, Model model, HttpServletRequest request) {
        ApplicationViews.View view;
        try {
            view = decisions.forApplicant(code, citizen());
        } catch (ApiProblem problem) {
            throw notFound();
        }
        model.addAttribute("view", view);
        model.addAttribute("values", formValues(view, RequestContextUtils.getLocale(request)));
        payments.ofApplication(code).ifPresent(p -> model.addAttribute("payment", p).addAttribute("payPage", payments.pageOf(p)));
        return "procedures/application";
    }

    @GetMapping("/eid/results/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String id) {
        Results.Result result = ownResult(id);
        byte[] pdf = results.pdf(result.id()).orElseThrow(ProcedurePages::notFound);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename(result.kind().toLowerCase(Locale.ROOT) + "-" + result.id() + ".pdf").build().toString())
                .body(pdf);
    }

    /** The signed JSON record (a JWS), for the citizen to hand to whoever needs it in machine-readable form. */
    @GetMapping("/eid/results/{id}/jws")
    ResponseEntity<String> jws(@PathVariable String id) {
        Results.Result result = ownResult(id);
        String jws = results.jws(result.id()).orElseThrow(ProcedurePages::notFound);
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/jose"))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(result.kind().toLowerCase(Locale.ROOT) + "-" + result.id() + ".jws").build().toString())
                .body(jws);
    }

    /** A result about the citizen, or issued on an application they lodged (a child's birth certificate); else 404. */
    private Results.Result ownResult(String id) {
        String citizen = citizen();
        Results.Result result = parseUuid(id).flatMap(results::find).orElseThrow(ProcedurePages::notFound);
        if (result.personalId().equals(citizen)) {
            results.readBySelf(result);
        } else {
            try {
                decisions.forApplicant(result.applicationCode(), citizen);
            } catch (ApiProblem problem) {
                throw notFound();
            }
        }
        return result;
    }

    // ---- shared with the counter (OfficerPages) ----------------------------------------------------------------

    /** Shows the form of procedure {@code n} for the lodger, with the values typed so far and what was wrong. */
    String renderForm(Model model, HttpServletRequest request, HttpServletResponse response, int n, Applications.Lodger lodger,
                      Map<String, String> typed, ApiProblem problem, String action, String back, String applicant) {
        Locale locale = RequestContextUtils.getLocale(request);
        Map<String, String> prefilled = null;
        ApiProblem shown = problem;
        try {
            prefilled = applications.prefill(n, lodger).values();
        } catch (ApiProblem cannotFill) {
            shown = cannotFill;
        }
        if (shown != null) {
            response.setStatus(shown.status().value());
        }
        Map<String, ApplicationRepository.Upload> kept = draft(request, action, applicant);
        model.addAttribute("form", formView(n, prefilled, typed, shown, locale, action, back, applicant, kept));
        return FORM_TEMPLATE;
    }

    /** The files kept for this form in the session, by kind. */
    private static Map<String, ApplicationRepository.Upload> draft(HttpServletRequest request, String action, String applicant) {
        jakarta.servlet.http.HttpSession session = request.getSession(false);
        if (session != null && session.getAttribute(DRAFT) instanceof Draft d && d.form().equals(draftKey(action, applicant))) {
            return d.files();
        }
        return Map.of();
    }

    private static String draftKey(String action, String applicant) {
        return applicant == null ? action : action + "?applicant=" + applicant;
    }

    /**
     * Takes a posted form: the applicant's fields of the declared form and the attached files,
     * then lodges. On success, redirects to {@code done + code}; on a refusal, shows the form again.
     */
    String lodge(int n, Applications.Lodger lodger, HttpServletRequest request, HttpServletResponse response, Model model,
                 RedirectAttributes redirect, String action, String back, String applicant, String done) {
        Forms.Form form = applications.form(n);
        Map<String, String> typed = new LinkedHashMap<>();
        for (Forms.Field field : form.fields()) {
            if (field.source() == Forms.Source.REGISTRY) {
                continue;
            }
            String raw = request.getParameter(field.name());
            if (field.type() == Forms.Type.BOOLEAN) {
                // A ticked box; an unticked one posts nothing and means "no" (no BOOLEAN field is required).
                if (raw != null && !raw.isBlank() && !raw.equals("false")) {
                    typed.put(field.name(), "true");
                }
            } else if (raw != null && !raw.isBlank()) {
                typed.put(field.name(), raw);
            }
        }
        Set<String> confirmed = request.getParameterValues("confirmed") == null ? Set.of()
                : Set.of(request.getParameterValues("confirmed"));
        // the files kept from the last try, less those the applicant took off, replaced by those chosen now
        Map<String, ApplicationRepository.Upload> files = new LinkedHashMap<>(draft(request, action, applicant));
        String[] discarded = request.getParameterValues("discard");
        if (discarded != null) {
            java.util.Arrays.asList(discarded).forEach(files::remove);
        }
        FieldErrors errors = new FieldErrors();
        uploads(form, request, errors).forEach(u -> files.put(u.kind(), u));
        try {
            // A value the registry holds is not typed again; a field shown read-only posts nothing.
            ApplicationViews.View view = applications.submit(n, typed, List.copyOf(files.values()), confirmed, lodger, errors);
            request.getSession().removeAttribute(DRAFT);
            redirect.addFlashAttribute("lodged", true);
            return "redirect:" + done + view.code();
        } catch (ApiProblem problem) {
            // the files that are not themselves refused wait for the next try
            Map<String, ApplicationRepository.Upload> kept = new LinkedHashMap<>();
            files.forEach((kind, u) -> {
                if (problem.errors().stream().noneMatch(e -> e.field().equals("attachments." + kind))) {
                    kept.put(kind, u);
                }
            });
            request.getSession().setAttribute(DRAFT, new Draft(draftKey(action, applicant), Map.copyOf(kept)));
            return renderForm(model, request, response, n, lodger, typed, problem, action, back, applicant);
        }
    }

    /** The files posted as {@code attachments.KIND}; an empty file input is no attachment. */
    private static List<ApplicationRepository.Upload> uploads(Forms.Form form, HttpServletRequest request, FieldErrors errors) {
        List<ApplicationRepository.Upload> uploads = new ArrayList<>();
        if (!(request instanceof MultipartHttpServletRequest multipart)) {
            return uploads;
        }
        for (Forms.Attachment attachment : form.attachments()) {
            for (MultipartFile file : multipart.getFiles("attachments." + attachment.kind())) {
                if (file.isEmpty()) {
                    continue;
                }
                if (file.getSize() > Applications.MAX_ATTACHMENT_BYTES) {
                    // not read into memory: refused with the form's other errors
                    errors.add("attachments." + attachment.kind(), "TOO_LARGE", "An attachment has at most 5 MiB");
                    continue;
                }
                byte[] content = bytes(file);
                uploads.add(ApplicationRepository.Upload.of(attachment.kind(), file.getOriginalFilename(),
                        contentType(file.getContentType(), content), content));
            }
        }
        return uploads;
    }

    /** The browser's type, or, when it sent none that we take, the type the first bytes show. */
    private static String contentType(String declared, byte[] b) {
        String type = declared == null ? "" : declared.split(";")[0].strip().toLowerCase(Locale.ROOT);
        return Applications.ATTACHMENT_TYPES.contains(type) ? type : Attachments.sniff(b).orElse(type);
    }

    static byte[] bytes(MultipartFile file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The form as the page shows it: registry values read-only, the rest as inputs with their errors. */
    FormView formView(int n, Map<String, String> prefilled, Map<String, String> typed, ApiProblem problem, Locale locale,
                      String action, String back, String applicant, Map<String, ApplicationRepository.Upload> kept) {
        Forms.Form form = applications.form(n);
        ProcedureCatalog.Procedure procedure = catalog.byAppendixNo(n).orElseThrow();
        Map<String, String> errors = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (problem != null) {
            for (ApiProblem.FieldProblem e : problem.errors()) {
                String text = explain(e.code(), e.message(), locale);
                boolean onForm = form.field(e.field()).isPresent() || e.field().startsWith("attachments.")
                        && form.attachments().stream().anyMatch(a -> e.field().equals("attachments." + a.kind()));
                if (onForm) {
                    errors.merge(e.field(), text, (a, b) -> a + " " + b);
                } else {
                    problems.add((e.field().equals("applicantPersonalId") ? ""
                            : messages.getMessage("field." + e.field(), null, e.field(), locale) + ": ") + text);
                }
            }
            if (problem.errors().isEmpty()) {
                problems.add(explain(problem.code(), problem.getMessage(), locale));
            }
        }
        Map<String, String> filled = prefilled == null ? Map.of() : prefilled;
        String residenceUnit = filled.get("applicant.residenceUnit");
        List<FieldView> registry = new ArrayList<>();
        List<FieldView> inputs = new ArrayList<>();
        for (Forms.Field f : form.fields()) {
            String label = label(f, locale);
            String id = "f-" + f.name().replace('.', '-');
            List<Option> options = f.options().stream().map(o -> new Option(o, option(f, o, locale))).toList();
            String error = errors.get(f.name());
            if (filled.containsKey(f.name()) || f.source() == Forms.Source.REGISTRY) {
                String value = filled.get(f.name());
                registry.add(new FieldView(f.name(), id, label, f.type().name(), f.required(), true, value != null,
                        value == null ? null : display(f, value, locale), value, options, null, error));
            } else {
                inputs.add(new FieldView(f.name(), id, label, f.type().name(), f.required(), false, false, null,
                        typed.getOrDefault(f.name(), ""), options, hint(f, deathForm(n) ? null : residenceUnit, locale), error));
            }
        }
        List<AttachmentView> attachments = form.attachments().stream().map(a -> new AttachmentView(a.kind(),
                "a-" + a.kind(), label(a, locale), a.required(), errors.get("attachments." + a.kind()),
                kept.containsKey(a.kind()) ? kept.get(a.kind()).filename() + " (" + size(kept.get(a.kind()).content().length) + ")" : null))
                .toList();
        String confirm = problem != null && Applications.SAME_NAME_SIBLING.equals(problem.code()) ? Applications.SAME_NAME_SIBLING : null;
        Map<String, List<CommuneOption>> communeChoices = new LinkedHashMap<>();
        for (FieldView f : inputs) {
            if (f.type().equals("COMMUNE")) {
                communeChoices.put(f.name(), communeChoices(f.value(), residenceUnit));
            }
        }
        return new FormView(n, english(locale) ? procedure.nameEn() : procedure.nameVi(), action, back, applicant, registry, inputs, attachments,
                problems, !errors.isEmpty(), prefilled != null, confirm, applicant == null ? "/eid/procedures/communes" : "/staff/counter/communes",
                communeChoices);
    }

    /** The communes offered before any search: the one chosen, and the applicant's own. */
    private List<CommuneOption> communeChoices(String chosen, String residenceUnit) {
        List<CommuneOption> options = new ArrayList<>();
        for (String code : new java.util.LinkedHashSet<>(java.util.Arrays.asList(chosen, residenceUnit))) {
            if (code != null && !code.isBlank()) {
                units.find(AdministrativeUnit.COMMUNE, code, units.today()).ifPresent(u -> options.add(commune(u)));
            }
        }
        return options;
    }

    private CommuneOption commune(AdministrativeUnit unit) {
        return new CommuneOption(unit.code(), unit.name(), units.province(unit).name());
    }

    static String size(int bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? bytes / 1024 + " KiB" : "%.1f MiB".formatted(bytes / 1048576.0);
    }

    // ---- the commune search of the forms' COMMUNE fields -------------------------------------------------------

    /**
     * The communes in force today whose name (ignoring case and diacritics) or code matches {@code q},
     * as radio buttons named {@code field}, for htmx to put under the search box. No personal data.
     */
    @GetMapping({"/eid/procedures/communes", "/staff/counter/communes"})
    String communes(@org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String field,
                    @org.springframework.web.bind.annotation.RequestParam(defaultValue = "") String q,
                    HttpServletRequest request, Model model) {
        if (!field.matches("[A-Za-z][A-Za-z.]{0,60}") || q.length() > 100) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST);
        }
        String chosen = request.getParameter(field);
        model.addAttribute("field", field);
        model.addAttribute("chosen", chosen == null ? "" : chosen);
        model.addAttribute("optional", "true".equals(request.getParameter("optional")));
        model.addAttribute("communes", searchCommunes(q, chosen));
        return "procedures/communes";
    }

    List<CommuneOption> searchCommunes(String q, String chosen) {
        List<CommuneOption> found = new ArrayList<>(communeChoices(chosen, null));
        for (AdministrativeUnit u : units.search(AdministrativeUnit.COMMUNE, q, units.today(), COMMUNE_RESULTS)) {
            if (found.size() < COMMUNE_RESULTS && found.stream().noneMatch(c -> c.code().equals(u.code()))) {
                found.add(commune(u));
            }
        }
        return found;
    }

    /** A death is registered by the deceased's commune: the applicant's own commune is no hint there. */
    private static boolean deathForm(int n) {
        return n == 10 || n == 16;
    }

    /** The field's own hint ({@code form.hint.<name>}), else its type's: how to find a commune, how a number is written. */
    private String hint(Forms.Field f, String residenceUnit, Locale locale) {
        String own = messages.getMessage(f.hintKey(), null, null, locale);
        if (own != null) {
            return own;
        }
        return switch (f.type()) {
            case COMMUNE -> {
                String unit = residenceUnit == null ? null : communeName(residenceUnit, units);
                String hint = text("procedures.hint.COMMUNE", locale);
                if (unit != null) {
                    hint += " " + text("procedures.hint.COMMUNE.lives", locale, unit);
                }
                if (!f.required()) {
                    hint += " " + text("procedures.hint.COMMUNE.optional", locale);
                }
                yield hint;
            }
            case PERSONAL_ID -> text("procedures.hint.PERSONAL_ID", locale);
            default -> null;
        };
    }

    /** The lodged form's values with their labels, in the declared order. */
    List<FormValue> formValues(ApplicationViews.View view, Locale locale) {
        Forms.Form form = applications.lodgedForm(view.appendixNo());
        List<FormValue> values = new ArrayList<>();
        for (Forms.Field f : form.fields()) {
            String value = view.form().get(f.name());
            if (value != null) {
                values.add(new FormValue(label(f, locale), display(f, value, locale), view.prefilled().contains(f.name())));
            }
        }
        // values the form does not declare (recorded at lodging, such as a name read from the registry): form.field.<name>
        view.form().forEach((name, value) -> {
            if (form.field(name).isEmpty()) {
                values.add(new FormValue(messages.getMessage("form.field." + name, null, name, locale), value,
                        view.prefilled().contains(name)));
            }
        });
        return values;
    }

    /** A value as people read it: dates day first, codes by their label, communes by name. */
    String display(Forms.Field f, String value, Locale locale) {
        if (value == null) {
            return "";
        }
        return switch (f.type()) {
            case DATE -> {
                try {
                    yield vn.dancu.platform.Dates.day(LocalDate.parse(value));
                } catch (RuntimeException e) {
                    yield value;
                }
            }
            case COMMUNE -> {
                String name = communeName(value, units);
                yield name == null ? value : name;
            }
            case CHOICE -> option(f, value, locale);
            case BOOLEAN -> text("procedures.value." + "true".equals(value), locale);
            default -> f.name().endsWith("gender") ? option(f, value, locale) : value;
        };
    }

    /** A field's label in the page's language ({@code form.field.<name>}, docs/adding-a-procedure.md). */
    String label(Forms.Field f, Locale locale) {
        return messages.getMessage(f.labelKey(), null, f.name(), locale);
    }

    String label(Forms.Attachment a, Locale locale) {
        return messages.getMessage(a.labelKey(), null, a.kind(), locale);
    }

    /**
     * A value of a field with options by its label ({@code form.option.<field>.<VALUE>}), a gender by the
     * registry's ({@code gender.<VALUE>}); a value without one as it is (a recorded text).
     */
    String option(Forms.Field f, String value, Locale locale) {
        String label = messages.getMessage(f.optionKey(value), null, null, locale);
        if (label == null && f.name().endsWith("gender")) {
            label = messages.getMessage("gender." + value, null, null, locale);
        }
        return label == null ? value : label;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    static String communeName(String code, Units units) {
        return ApplicationViews.communeName(code, units).orElse(null);
    }

    /**
     * A problem's code in the page's language: the procedures' own text ({@code procedures.problem.CODE}),
     * then the platform's ({@code problem.CODE}), then the problem's own message, which PageLanguageTest finds.
     */
    String explain(String code, String message, Locale locale) {
        java.util.regex.Matcher limit = code.equals("TOO_LONG") && message != null ? AT_MOST.matcher(message) : null;
        if (limit != null && limit.find()) {
            // each field has its own limit (a name 150, an address 300): the message of FieldErrors names it
            return text("procedures.problem.TOO_LONG.atMost", locale, limit.group(1));
        }
        String own = messages.getMessage("procedures.problem." + code, null, null, locale);
        return own != null ? own : messages.getMessage("problem." + code, null, message, locale);
    }

    private static final java.util.regex.Pattern AT_MOST = java.util.regex.Pattern.compile("at most (\\d+) characters");

    // ---- what the templates use besides their texts --------------------------------------------------------

    /** A badge's CSS class for a status. */
    public static String tone(String status) {
        return switch (status) {
            case "APPROVED", "COMPLETED" -> "ok";
            case "REJECTED" -> "bad";
            case "PARTLY_COMPLETED", "PENDING", "IN_PROGRESS", "AWAITING_PAYMENT" -> "busy";
            default -> "muted";
        };
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** The procedure number of a path, when Appendix I has it and it is enabled; else 404. */
    int enabled(String appendixNo) {
        int n;
        try {
            n = Integer.parseInt(appendixNo);
        } catch (NumberFormatException e) {
            throw notFound();
        }
        if (catalog.byAppendixNo(n).isEmpty() || !applications.enabled(n)) {
            throw notFound();
        }
        return n;
    }

    static java.util.Optional<UUID> parseUuid(String id) {
        try {
            return java.util.Optional.of(UUID.fromString(id));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }

    static boolean english(Locale locale) {
        return "en".equals(locale.getLanguage());
    }

    private String citizen() {
        return accounts.currentPersonalId().orElseThrow(() -> new AccessDeniedException("Citizens only"));
    }
}
