package vn.dancu.procedures;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
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
        englishNames = catalog.all().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(
                ProcedureCatalog.Procedure::appendixNo, ProcedureCatalog.Procedure::nameEn));
    }

    /** Appendix I's English names, for views that carry only the Vietnamese one; Appendix I is data that does not change. */
    private static volatile Map<Integer, String> englishNames = Map.of();

    /** A procedure's name in the page's language, from the Vietnamese name a view carries and its number. */
    public static String procedureName(int appendixNo, String nameVi, boolean en) {
        return en ? englishNames.getOrDefault(appendixNo, nameVi) : nameVi;
    }

    @GetMapping("/eid/procedures")
    String index(Model model) {
        String citizen = citizen();
        List<Notifications.Notification> inbox = notifications.inbox(citizen, INBOX_SIZE);
        model.addAttribute("procedures", catalog.all().stream().filter(p -> applications.enabled(p.appendixNo())).toList());
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
        boolean en = english(locale);
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
            String label = messages.getMessage(f.labelKey(), null, f.name(), locale);
            String id = "f-" + f.name().replace('.', '-');
            List<Option> options = f.options().stream().map(o -> new Option(o, optionLabel(f, o, locale))).toList();
            String error = errors.get(f.name());
            if (filled.containsKey(f.name()) || f.source() == Forms.Source.REGISTRY) {
                String value = filled.get(f.name());
                registry.add(new FieldView(f.name(), id, label, f.type().name(), f.required(), true, value != null,
                        value == null ? null : display(f, value, locale), value, options, null, error));
            } else {
                inputs.add(new FieldView(f.name(), id, label, f.type().name(), f.required(), false, false, null,
                        typed.getOrDefault(f.name(), ""), options, hint(f, deathForm(n) ? null : residenceUnit, en), error));
            }
        }
        List<AttachmentView> attachments = form.attachments().stream().map(a -> new AttachmentView(a.kind(),
                "a-" + a.kind(), messages.getMessage(a.labelKey(), null, a.kind(), locale), a.required(), errors.get("attachments." + a.kind()),
                kept.containsKey(a.kind()) ? kept.get(a.kind()).filename() + " (" + size(kept.get(a.kind()).content().length) + ")" : null))
                .toList();
        String confirm = problem != null && Applications.SAME_NAME_SIBLING.equals(problem.code()) ? Applications.SAME_NAME_SIBLING : null;
        Map<String, List<CommuneOption>> communeChoices = new LinkedHashMap<>();
        for (FieldView f : inputs) {
            if (f.type().equals("COMMUNE")) {
                communeChoices.put(f.name(), communeChoices(f.value(), residenceUnit));
            }
        }
        return new FormView(n, en ? procedure.nameEn() : procedure.nameVi(), action, back, applicant, registry, inputs, attachments,
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

    private String hint(Forms.Field f, String residenceUnit, boolean en) {
        return switch (f.type()) {
            case COMMUNE -> {
                String unit = residenceUnit == null ? null : communeName(residenceUnit, units);
                String base = en ? "Search by the commune's name or 5-digit code, then choose it." : "Tìm theo tên hoặc mã 5 chữ số của xã, phường, rồi chọn.";
                if (unit != null) {
                    base += en ? " The applicant lives in " + unit + "." : " Nơi cư trú của người nộp: " + unit + ".";
                }
                if (!f.required()) {
                    base += en ? " Or choose the default." : " Hoặc chọn giá trị mặc định.";
                }
                yield base;
            }
            case PERSONAL_ID -> en ? "12 digits." : "Gồm 12 chữ số.";
            default -> null;
        };
    }

    /** The lodged form's values with their labels, in the declared order. */
    List<FormValue> formValues(ApplicationViews.View view, Locale locale) {
        boolean en = english(locale);
        Forms.Form form = applications.lodgedForm(view.appendixNo());
        List<FormValue> values = new ArrayList<>();
        for (Forms.Field f : form.fields()) {
            String value = view.form().get(f.name());
            if (value != null) {
                values.add(new FormValue(messages.getMessage(f.labelKey(), null, f.name(), locale), display(f, value, locale),
                        view.prefilled().contains(f.name())));
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
    /** A choice's option: {@code form.option.<field>.<VALUE>}, else the shared label of the code, else the value itself. */
    private String optionLabel(Forms.Field f, String value, Locale locale) {
        return messages.getMessage(f.optionKey(value), null, option(value, english(locale)), locale);
    }

    String display(Forms.Field f, String value, Locale locale) {
        boolean en = english(locale);
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
            case CHOICE -> optionLabel(f, value, locale);
            case BOOLEAN -> "true".equals(value) ? (en ? "Yes" : "Có") : (en ? "No" : "Không");
            default -> f.name().endsWith("gender") ? option(value, en) : value;
        };
    }

    static String communeName(String code, Units units) {
        return ApplicationViews.communeName(code, units).orElse(null);
    }

    /** A problem's code in the page's language: our texts, then the message bundle, then the problem's own message. */
    String explain(String code, String message, Locale locale) {
        java.util.regex.Matcher limit = code.equals("TOO_LONG") && message != null ? AT_MOST.matcher(message) : null;
        if (limit != null && limit.find()) {
            // each field has its own limit (a name 150, an address 300): the message of FieldErrors names it
            return english(locale) ? "Too long: at most " + limit.group(1) + " characters." : "Quá dài: tối đa " + limit.group(1) + " ký tự.";
        }
        if (!english(locale)) {
            String vi = PROBLEMS_VI.get(code);
            if (vi != null) {
                return vi;
            }
        }
        return messages.getMessage("problem." + code, null, message, locale);
    }

    private static final java.util.regex.Pattern AT_MOST = java.util.regex.Pattern.compile("at most (\\d+) characters");

    private static final Map<String, String> PROBLEMS_VI = Map.ofEntries(
            Map.entry("REQUIRED", "Mục này bắt buộc."),
            Map.entry("INVALID_DATE", "Ngày không hợp lệ."),
            Map.entry("INVALID_PERSONAL_ID", "Số định danh cá nhân gồm đúng 12 chữ số."),
            Map.entry("UNKNOWN_UNIT", "Không có xã, phường đang có hiệu lực với mã này."),
            Map.entry("NOT_ALLOWED", "Hãy chọn một giá trị trong danh sách."),
            Map.entry("TOO_LONG", "Nội dung quá dài (tối đa 300 ký tự)."),
            Map.entry("INVALID_CHARACTERS", "Nội dung có ký tự không hợp lệ."),
            Map.entry("FROM_REGISTRY", "Thông tin này đã có trong CSDLQGDC, không phải khai lại."),
            Map.entry("UNKNOWN_FIELD", "Tờ khai của thủ tục này không có mục này."),
            Map.entry("MISSING_ATTACHMENT", "Hãy đính kèm giấy tờ này."),
            Map.entry("EMPTY", "Tệp rỗng."),
            Map.entry("TOO_LARGE", "Mỗi tệp đính kèm tối đa 5 MiB."),
            Map.entry("TOO_MANY", "Tối đa 10 tệp đính kèm."),
            Map.entry("UNSUPPORTED_TYPE", "Chỉ nhận tệp PDF, JPEG hoặc PNG."),
            Map.entry("CONTENT_MISMATCH", "Nội dung tệp không đúng định dạng của nó."),
            Map.entry("UNKNOWN_KIND", "Thủ tục này không nhận loại giấy tờ này."),
            Map.entry("IN_FUTURE", "Ngày này ở sau ngày hôm nay."),
            Map.entry("BEFORE_PARENT", "Ngày sinh của trẻ trước ngày sinh của người nộp."),
            Map.entry("NOT_UNDER_SIX", "Thủ tục liên thông này dành cho trẻ dưới 6 tuổi."),
            Map.entry("SAME_PERSON", "Không thể là chính người nộp hồ sơ."),
            Map.entry("PERSON_NOT_FOUND", "Không có công dân với số định danh này."),
            Map.entry("DEATH_ALREADY_REGISTERED", "Người này đã được đăng ký khai tử."),
            Map.entry("GUEST_MISMATCH", "Họ tên không khớp với số định danh của người lưu trú."),
            Map.entry("BEFORE_START", "Ngày kết thúc trước ngày bắt đầu."),
            Map.entry("NO_RESIDENCE", "CSDLQGDC chưa có nơi cư trú của người nộp; hãy đăng ký cư trú trước."),
            Map.entry("NO_PERMANENT_RESIDENCE", "Người nộp chưa có nơi thường trú trong CSDLQGDC."),
            Map.entry("UNIT_NOT_IN_FORCE", "Xã, phường này không còn hiệu lực."),
            Map.entry("APPLICANT_NOT_FOUND", "CSDLQGDC không có công dân với số định danh này."),
            Map.entry("APPLICANT_NOT_ALIVE", "Người nộp hồ sơ không còn ở trạng thái còn sống trong CSDLQGDC."),
            Map.entry("PROCEDURE_NOT_ENABLED", "Thủ tục này chưa được kết nối với cơ quan giải quyết."),
            Map.entry("PROCEDURE_NOT_FOUND", "Phụ lục I không có thủ tục này."),
            Map.entry("NOT_AN_OFFICER", "Chỉ cán bộ của cơ quan giải quyết thủ tục được tiếp nhận hồ sơ tại bộ phận một cửa."),
            Map.entry("NOT_YOUR_LEG", "Bước này thuộc cơ quan hoặc địa bàn khác."),
            Map.entry("LEG_NOT_PENDING", "Bước này không còn chờ xử lý."),
            Map.entry("LEG_NOT_FOUND", "Hồ sơ không có bước này."),
            Map.entry("PERSON_DECEASED", "Công dân này đã được đăng ký khai tử."),
            Map.entry("PERSON_NOT_ALIVE", "Công dân này không còn ở trạng thái còn sống."),
            Map.entry("ALREADY_MARRIED", "Một trong hai người đang có vợ hoặc chồng."),
            Map.entry("CLOSE_RELATIVES", "Hai người có quan hệ huyết thống gần, không được kết hôn."),
            Map.entry("RESIDENCE_OVERLAP", "Thời gian cư trú trùng với một đăng ký khác."),
            Map.entry("STALE_RECORD", "Hồ sơ vừa được thay đổi bởi người khác; hãy tải lại trang."),
            Map.entry("VALIDATION_FAILED", "Hồ sơ chưa hợp lệ."),
            Map.entry("UNKNOWN_ETHNICITY", "Không phải một trong 54 dân tộc Việt Nam."),
            Map.entry("INVALID_FORMAT", "Giá trị không đúng định dạng."),
            Map.entry("SAME_NAME_SIBLING", "Cha hoặc mẹ đã có con cùng họ, chữ đệm, tên và ngày sinh này trong CSDLQGDC."),
            Map.entry("REGISTRY_REFUSED", "CSDLQGDC từ chối dữ liệu của hồ sơ."),
            Map.entry("WRONG_GENDER", "Giới tính của người này không phù hợp (cha là nam, mẹ là nữ)."),
            Map.entry("BORN_AFTER_CHILD", "Cha, mẹ sinh sau ngày sinh của trẻ."),
            Map.entry("DEAD_BEFORE_BIRTH", "Cha, mẹ đã chết trước khi trẻ được thụ thai."),
            Map.entry("TOO_EARLY", "Ngày quá sớm."));

    // ---- labels the templates use -------------------------------------------------------------------------

    public static String time(Instant instant) {
        return vn.dancu.platform.Dates.time(instant);
    }

    public static String day(Instant instant) {
        return vn.dancu.platform.Dates.day(instant);
    }

    public static String option(String code, boolean en) {
        String[] label = OPTIONS.get(code);
        return label == null ? code : en ? label[1] : label[0];
    }

    private static final Map<String, String[]> OPTIONS = Map.ofEntries(
            Map.entry("MALE", new String[] {"Nam", "Male"}),
            Map.entry("FEMALE", new String[] {"Nữ", "Female"}),
            Map.entry("LOST", new String[] {"Bị mất", "Lost"}),
            Map.entry("DAMAGED", new String[] {"Bị hư hỏng", "Damaged"}),
            Map.entry("DETAILS_CHANGED", new String[] {"Thay đổi thông tin", "Details changed"}),
            Map.entry("EXPIRED", new String[] {"Hết hạn", "Expired"}),
            Map.entry("HOST", new String[] {"Chủ hộ, người cho ở nhờ", "Host"}),
            Map.entry("ACCOMMODATION", new String[] {"Cơ sở lưu trú", "Accommodation"}),
            Map.entry("SOCIAL_INSURANCE", new String[] {"Bảo hiểm xã hội", "Social insurance"}),
            Map.entry("LABOUR", new String[] {"Lao động - thương binh và xã hội", "Labour and social affairs"}),
            Map.entry("FIRST", new String[] {"Cấp lần đầu", "First passport"}),
            Map.entry("REISSUE", new String[] {"Cấp lại", "Reissue"}),
            Map.entry("AMEND", new String[] {"Sửa đổi thông tin", "Amend"}),
            Map.entry("INDIVIDUAL", new String[] {"Cá nhân", "Individual"}),
            Map.entry("HOUSEHOLD", new String[] {"Hộ gia đình", "Household"}),
            Map.entry("FORM_1", new String[] {"Phiếu số 1", "Form 1"}),
            Map.entry("FORM_2", new String[] {"Phiếu số 2", "Form 2"}),
            Map.entry("Người nước ngoài", new String[] {"Người nước ngoài", "Foreign national"}));

    /** An agency by its code, in the page's language. */
    public static String agencyName(String agency, boolean en) {
        return java.util.Arrays.stream(Agency.values()).filter(a -> a.name().equals(agency)).findFirst()
                .map(a -> en ? a.nameEn : a.nameVi).orElse(agency);
    }

    /** Whom an application of procedure {@code n} is about, besides the applicant: the word for them. */
    public static String subjectLabel(int n, boolean en) {
        return switch (n) {
            case 9, 15 -> en ? "Child" : "Trẻ được khai sinh";
            case 10, 16 -> en ? "Deceased" : "Người chết";
            case 11 -> en ? "Spouse" : "Người kết hôn";
            case 6 -> en ? "Guest" : "Người lưu trú";
            default -> en ? "About" : "Người được giải quyết";
        };
    }

    public static String applicationStatus(String status, boolean en) {
        return switch (status) {
            case "AWAITING_PAYMENT" -> en ? "Awaiting payment" : "Chờ thanh toán";
            case "IN_PROGRESS" -> en ? "In progress" : "Đang giải quyết";
            case "COMPLETED" -> en ? "Completed" : "Đã có kết quả";
            case "PARTLY_COMPLETED" -> en ? "Partly completed" : "Có kết quả một phần";
            case "REJECTED" -> en ? "Refused" : "Bị từ chối";
            default -> status;
        };
    }

    public static String legStatus(String status, boolean en) {
        return switch (status) {
            case "WAITING" -> en ? "Waiting for the previous step" : "Chờ bước trước";
            case "PENDING" -> en ? "Being handled" : "Đang xử lý";
            case "APPROVED" -> en ? "Approved" : "Đã phê duyệt";
            case "REJECTED" -> en ? "Refused" : "Từ chối";
            case "SKIPPED" -> en ? "Not requested" : "Không yêu cầu";
            case "CANCELLED" -> en ? "Not carried out" : "Không thực hiện";
            default -> status;
        };
    }

    public static String stepAction(String action, boolean en) {
        return switch (action) {
            case "RECEIVED" -> en ? "Received" : "Tiếp nhận";
            case "WARNING" -> en ? "Warning" : "Lưu ý";
            case "LEG_STARTED" -> en ? "Step started" : "Bắt đầu xử lý";
            case "APPROVED" -> en ? "Approved" : "Phê duyệt";
            case "REJECTED" -> en ? "Refused" : "Từ chối";
            case "DEADLINE_WARNING" -> en ? "Due today" : "Sắp đến hạn";
            case "ESCALATED" -> en ? "Escalated" : "Chuyển lãnh đạo đôn đốc";
            case "PAYMENT_REQUESTED" -> en ? "Payment requested" : "Yêu cầu thanh toán";
            case "PAID" -> en ? "Paid" : "Đã thanh toán";
            case "REFUNDED" -> en ? "Refunded" : "Hoàn trả tiền đã nộp";
            default -> applicationStatus(action, en);
        };
    }

    public static String channel(String channel, boolean en) {
        return switch (channel) {
            case "ONLINE" -> en ? "Online" : "Trực tuyến";
            case "COUNTER" -> en ? "At the counter" : "Tại bộ phận một cửa";
            default -> channel;
        };
    }

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
