package vn.dancu.procedures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.NewLeg;
import vn.dancu.procedures.ApplicationRepository.Upload;
import vn.dancu.registry.Registry;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * Lodging an application: the form is filled from the registry, checked, routed to the agencies
 * that act (one leg each) with deadlines in working days, and the applicant is told. A citizen
 * lodges online after logging in with their e-ID; an officer lodges at the counter for a citizen
 * who is present.
 */
@Service
public class Applications {

    static final int MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;
    static final int MAX_ATTACHMENTS = 10;
    static final Set<String> ATTACHMENT_TYPES = Set.of("application/pdf", "image/jpeg", "image/png");
    static final int LATE_DEATH_DAYS = 15;

    /** Who lodges: the citizen online, or an officer at the counter (the applicant is then named). */
    public sealed interface Lodger permits Citizen, Counter {
    }

    public record Citizen(String personalId) implements Lodger {
    }

    /** {@code channel}: API or WEB, for the access log of the reads the lodging makes. */
    public record Counter(Staff officer, String applicantPersonalId, AccessLog.Channel channel) implements Lodger {
    }

    /** An attachment as the API receives it: the content in base64. */
    public record AttachmentUpload(String kind, String filename, String contentType, String content) {
    }

    /**
     * {@code confirmed}: the warnings the applicant has read and confirms past, e.g.
     * {@value #SAME_NAME_SIBLING} (a twin given the same name as the sibling born the same day).
     */
    public record Submission(Integer appendixNo, String applicantPersonalId, Map<String, String> form,
                             List<AttachmentUpload> attachments, List<String> confirmed) {
    }

    /** The child has the name and date of birth of a child the parent already has in the registry. */
    public static final String SAME_NAME_SIBLING = "SAME_NAME_SIBLING";

    private final ProcedureCatalog catalog;
    private final ApplicationRepository repository;
    private final Prefill prefill;
    private final Units units;
    private final WorkingCalendar calendar;
    private final LinkedProcesses processes;
    private final Notifications notifications;
    private final ApplicationViews views;
    private final Registry registry;
    private final Set<Integer> enabled;

    Applications(ProcedureCatalog catalog, ApplicationRepository repository, Prefill prefill, Units units,
                 WorkingCalendar calendar, LinkedProcesses processes, Notifications notifications, ApplicationViews views,
                 Registry registry, @Value("${dancu.procedures.enabled:1,3,4,5,6,9,10,11,15,16}") Set<Integer> enabled) {
        this.catalog = catalog;
        this.repository = repository;
        this.prefill = prefill;
        this.units = units;
        this.calendar = calendar;
        this.processes = processes;
        this.notifications = notifications;
        this.views = views;
        this.registry = registry;
        this.enabled = Set.copyOf(enabled);
        for (int n : enabled) {
            if (!Handling.WORKING.contains(n)) {
                ProcedureCatalog.Procedure p = catalog.byAppendixNo(n)
                        .orElseThrow(() -> new IllegalStateException("dancu.procedures.enabled names " + n + ", not in Appendix I"));
                Agency.leading(p.leadAgencyEn()).orElseThrow(() -> new IllegalStateException("Procedure " + n + " is handled by "
                        + p.leadAgencyEn() + ", which has no officers here; connect that agency before enabling it"));
            }
        }
    }

    public boolean enabled(int appendixNo) {
        return enabled.contains(appendixNo);
    }

    /** The form of a procedure as its applicant sees it: the registry's values filled in. */
    @Transactional
    public Prefill.Result prefill(int appendixNo, Lodger lodger) {
        requireEnabled(appendixNo);
        return prefill.applicant(applicantOf(lodger), Forms.of(appendixNo), reader(lodger));
    }

    @Transactional
    public ApplicationViews.View submit(Submission submission, Lodger lodger) {
        List<Upload> uploads = decode(submission.attachments());
        return submit(submission.appendixNo(), submission.form(), uploads,
                submission.confirmed() == null ? Set.of() : Set.copyOf(submission.confirmed()), lodger);
    }

    /**
     * Lodges, or refuses with every field error at once: the form's own rules, the attachments, and
     * the registry's rules for what an approval will write (a birth), so that an officer's approval
     * does not meet a refusal the applicant could have corrected.
     */
    @Transactional
    public ApplicationViews.View submit(Integer appendixNo, Map<String, String> input, List<Upload> uploads, Set<String> confirmed,
                                        Lodger lodger) {
        return submit(appendixNo, input, uploads, confirmed, lodger, new FieldErrors());
    }

    /** {@code errors}: what the caller found already (a posted file too large to read), answered with the rest. */
    @Transactional
    public ApplicationViews.View submit(Integer appendixNo, Map<String, String> input, List<Upload> uploads, Set<String> confirmed,
                                        Lodger lodger, FieldErrors errors) {
        if (appendixNo == null) {
            throw ApiProblem.invalidField("appendixNo", "REQUIRED", "appendixNo names the procedure (Appendix I, 1-25)");
        }
        requireEnabled(appendixNo);
        Forms.Form form = Forms.of(appendixNo);
        Prefill.Reader reader = reader(lodger);
        Prefill.Result filled = prefill.applicant(applicantOf(lodger), form, reader);
        Map<String, String> values = new LinkedHashMap<>(filled.values());
        List<String> prefilled = new ArrayList<>(filled.values().keySet());
        accept(form, input == null ? Map.of() : input, values, errors);
        checkAttachments(form, uploads, errors);
        Handling handling = new Handling(units, prefill, reader, registry);
        handling.check(appendixNo, values, filled.applicant(), units.today(), errors);
        errors.throwIfAny();
        Instant now = calendar.now();
        Agency lead = Agency.leading(catalog.byAppendixNo(appendixNo).orElseThrow().leadAgencyEn()).orElse(null);
        Handling.Plan plan = handling.plan(appendixNo, values, filled.applicant(), units.today(), lead, confirmed);
        return lodge(appendixNo, values, prefilled, uploads, lodger, plan, now);
    }

    private ApplicationViews.View lodge(int appendixNo, Map<String, String> values, List<String> prefilled, List<Upload> uploads,
                                       Lodger lodger, Handling.Plan plan, Instant now) {
        String applicant = values.get("applicant.personalId");
        String code = repository.nextCode(units.today().getYear());
        int days = plan.legs().stream().filter(l -> !l.status().equals("SKIPPED")).mapToInt(l -> l.kind().workingDays).sum();
        Instant due = calendar.due(now, days);
        String channel = lodger instanceof Citizen ? "ONLINE" : "COUNTER";
        String by = lodger instanceof Counter c ? c.officer().username() : "citizen";
        long id = repository.insert(code, appendixNo, applicant, plan.subject(), channel, by, values, prefilled,
                plan.legs().getFirst().unitId(), now, due);
        for (NewLeg leg : plan.legs()) {
            repository.insertLeg(id, leg, leg.kind().workingDays);
        }
        uploads.forEach(u -> repository.insertAttachment(id, u));
        repository.step(id, null, now, by, "RECEIVED", channel.equals("ONLINE") ? "Nộp trực tuyến" : "Tiếp nhận tại bộ phận một cửa");
        plan.warnings().forEach(w -> repository.step(id, null, now, "system", "WARNING", w));
        Application app = repository.byId(id).orElseThrow();
        repository.kpi(app, now, "RECEIVED", null);
        start(app, plan, now);
        String name = catalog.byAppendixNo(appendixNo).orElseThrow().nameVi();
        notifications.send(applicant, id, "Đã tiếp nhận hồ sơ " + code, "Application " + code + " received",
                name + ". Hạn trả kết quả: " + ApplicationViews.formatDue(due) + ".",
                "Procedure " + appendixNo + ". Due by " + ApplicationViews.formatDue(due) + ".");
        return views.view(app);
    }

    /** The first leg starts now; a linked procedure's engine decides it (and the ones after). */
    private void start(Application app, Handling.Plan plan, Instant now) {
        if (catalog.byAppendixNo(app.appendixNo()).orElseThrow().linked()) {
            boolean include2 = !plan.legs().get(1).status().equals("SKIPPED");
            boolean include3 = !plan.legs().get(2).status().equals("SKIPPED");
            LinkedProcesses.Started process = processes.start(app.appendixNo(), app.code(), include2, include3);
            repository.setProcess(app.id(), process.processInstanceId());
            NewLeg first = plan.legs().get(process.firstLeg().legNo() - 1);
            startLeg(app.id(), first.legNo(), first.kind(), first.agency(), process.firstLeg().taskId(), now);
        } else {
            startLeg(app.id(), 1, plan.legs().getFirst().kind(), plan.legs().getFirst().agency(), null, now);
        }
    }

    /** A leg starts: its deadline counts from now, in the working days of its kind (as stored with it). */
    void startLeg(long applicationId, int legNo, LegKind kind, Agency agency, String taskId, Instant now) {
        repository.startLeg(applicationId, legNo, now, calendar.due(now, kind.workingDays), taskId);
        repository.step(applicationId, legNo, now, "system", "LEG_STARTED", agency.nameVi + ": " + kind.resultVi);
    }

    /** Takes the applicant's values: each field typed by them, never one the registry filled. */
    private void accept(Forms.Form form, Map<String, String> input, Map<String, String> values, FieldErrors errors) {
        for (Map.Entry<String, String> e : input.entrySet()) {
            var field = form.field(e.getKey());
            if (field.isEmpty()) {
                errors.add(e.getKey(), "UNKNOWN_FIELD", "The form of this procedure has no field " + e.getKey());
            } else if (field.get().source() == Forms.Source.REGISTRY
                    || (values.containsKey(e.getKey()) && e.getValue() != null && !e.getValue().isBlank())) {
                errors.add(e.getKey(), "FROM_REGISTRY", "The registry holds this value: it is filled in and not typed again");
            }
        }
        for (Forms.Field field : form.fields()) {
            if (field.source() == Forms.Source.REGISTRY || values.containsKey(field.name())) {
                continue;
            }
            String raw = input.get(field.name());
            String value = raw == null || raw.isBlank() ? null : raw.strip();
            if (value == null) {
                if (field.required()) {
                    errors.add(field.name(), "REQUIRED", field.labelEn() + " is required");
                }
                continue;
            }
            String checked = check(field, value, errors);
            if (checked != null) {
                values.put(field.name(), checked);
            }
        }
    }

    private String check(Forms.Field field, String value, FieldErrors errors) {
        String name = field.name();
        return switch (field.type()) {
            case TEXT -> errors.text(name, value, 300);
            case DATE -> {
                LocalDate date = errors.date(name, value);
                yield date == null ? null : date.toString();
            }
            case PERSONAL_ID -> {
                if (!value.matches("[0-9]{12}")) {
                    errors.add(name, "INVALID_PERSONAL_ID", "A personal ID number has exactly 12 digits");
                    yield null;
                }
                yield value;
            }
            case COMMUNE -> {
                if (units.find(AdministrativeUnit.COMMUNE, value, units.today()).isEmpty()) {
                    errors.add(name, "UNKNOWN_UNIT", "No commune in force has the code " + value);
                    yield null;
                }
                yield value;
            }
            case CHOICE -> field.options().stream().filter(o -> o.equalsIgnoreCase(value)).findFirst().orElseGet(() -> {
                errors.add(name, "NOT_ALLOWED", name + " must be one of " + field.options());
                return null;
            });
            case BOOLEAN -> {
                if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    errors.add(name, "NOT_ALLOWED", name + " is true or false");
                    yield null;
                }
                yield value.toLowerCase(java.util.Locale.ROOT);
            }
        };
    }

    private static void checkAttachments(Forms.Form form, List<Upload> uploads, FieldErrors errors) {
        Set<String> kinds = new HashSet<>();
        if (uploads.size() > MAX_ATTACHMENTS) {
            errors.add("attachments", "TOO_MANY", "At most " + MAX_ATTACHMENTS + " attachments");
        }
        for (Upload u : uploads) {
            String field = "attachments." + u.kind();
            if (form.attachments().stream().noneMatch(a -> a.kind().equals(u.kind()))) {
                errors.add(field, "UNKNOWN_KIND", "The form of this procedure takes no attachment " + u.kind());
            } else if (u.content().length == 0) {
                errors.add(field, "EMPTY", "The file is empty");
            } else if (u.content().length > MAX_ATTACHMENT_BYTES) {
                errors.add(field, "TOO_LARGE", "An attachment has at most 5 MiB");
            } else if (!ATTACHMENT_TYPES.contains(u.contentType())) {
                errors.add(field, "UNSUPPORTED_TYPE", "PDF, JPEG or PNG only");
            } else if (!Handling.sniff(u.content()).map(u.contentType()::equals).orElse(false)) {
                errors.add(field, "CONTENT_MISMATCH", "The file's content is not a " + u.contentType());
            }
            kinds.add(u.kind());
        }
        form.attachments().stream().filter(a -> a.required() && !kinds.contains(a.kind()) && !errors.has("attachments." + a.kind()))
                .forEach(a -> errors.add("attachments." + a.kind(), "MISSING_ATTACHMENT", a.labelEn() + " must be attached"));
    }

    private static List<Upload> decode(List<AttachmentUpload> attachments) {
        if (attachments == null) {
            return List.of();
        }
        FieldErrors errors = new FieldErrors();
        List<Upload> uploads = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            AttachmentUpload a = attachments.get(i);
            String field = "attachments[" + i + "]";
            if (a == null || a.kind() == null || a.content() == null) {
                errors.add(field, "REQUIRED", "An attachment has a kind and a content in base64");
                continue;
            }
            try {
                byte[] bytes = Base64.getDecoder().decode(a.content());
                uploads.add(Upload.of(a.kind(), a.filename(), a.contentType() == null ? "" : a.contentType(), bytes));
            } catch (IllegalArgumentException e) {
                errors.add(field + ".content", "INVALID_BASE64", "The content is not base64");
            }
        }
        errors.throwIfAny();
        return uploads;
    }

    private void requireEnabled(int appendixNo) {
        if (catalog.byAppendixNo(appendixNo).isEmpty()) {
            throw ApiProblem.invalidField("appendixNo", "PROCEDURE_NOT_FOUND", "Appendix I has no procedure " + appendixNo);
        }
        if (!enabled.contains(appendixNo)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "PROCEDURE_NOT_ENABLED",
                    "Procedure " + appendixNo + " is in the catalog; its handling agency is not connected here yet");
        }
    }

    private static String applicantOf(Lodger lodger) {
        return switch (lodger) {
            case Citizen c -> c.personalId();
            case Counter c -> {
                if (Agency.forRole(c.officer().role()).isEmpty()) {
                    throw ApiProblem.forbidden("NOT_AN_OFFICER", "Applications are lodged at the counter by the agencies' officers");
                }
                if (c.applicantPersonalId() == null || !c.applicantPersonalId().strip().matches("[0-9]{12}")) {
                    throw ApiProblem.invalidField("applicantPersonalId", "INVALID_PERSONAL_ID",
                            "At the counter, name the applicant by their 12-digit personal ID number");
                }
                yield c.applicantPersonalId().strip();
            }
        };
    }

    private static Prefill.Reader reader(Lodger lodger) {
        return switch (lodger) {
            case Citizen c -> new Prefill.Reader(AccessLog.ActorType.SELF, "citizen:" + c.personalId(), AccessLog.Channel.SELF);
            case Counter c -> new Prefill.Reader(AccessLog.ActorType.STAFF, c.officer().username(), c.channel());
        };
    }

    /** What the applicant reads of their applications. */
    @Transactional(readOnly = true)
    public List<ApplicationViews.Summary> ofApplicant(String personalId) {
        return repository.byApplicant(personalId, 100).stream().map(views::summary).toList();
    }
}
