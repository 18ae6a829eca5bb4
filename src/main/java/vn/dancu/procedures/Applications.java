package vn.dancu.procedures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;
import vn.dancu.procedures.ApplicationRepository.NewLeg;
import vn.dancu.procedures.ApplicationRepository.Upload;
import vn.dancu.procedures.payments.PaymentSettled;
import vn.dancu.registry.PersonalIdNumber;
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
    private final Procedures procedures;
    private final ApplicationRepository repository;
    private final Prefill prefill;
    private final Units units;
    private final WorkingCalendar calendar;
    private final LinkedProcesses processes;
    private final Notifications notifications;
    private final ApplicationViews views;
    private final Registry registry;
    private final MessageSource messages;
    private final ApplicationPayments payments;
    private final Set<Integer> enabled;

    /**
     * {@code enabled}: every procedure that has a class ({@link Procedure}), unless the property
     * {@code dancu.procedures.enabled} names fewer; it cannot name one without a class.
     */
    Applications(ProcedureCatalog catalog, Procedures procedures, ApplicationRepository repository, Prefill prefill, Units units,
                 WorkingCalendar calendar, LinkedProcesses processes, Notifications notifications, ApplicationViews views,
                 Registry registry, MessageSource messages, ApplicationPayments payments,
                 @Value("${dancu.procedures.enabled:}") Set<Integer> enabled) {
        this.payments = payments;
        this.catalog = catalog;
        this.procedures = procedures;
        this.repository = repository;
        this.prefill = prefill;
        this.units = units;
        this.calendar = calendar;
        this.processes = processes;
        this.notifications = notifications;
        this.views = views;
        this.registry = registry;
        this.messages = messages;
        for (int n : enabled) {
            if (procedures.of(n).isEmpty()) {
                throw new IllegalStateException("dancu.procedures.enabled names " + n + ", which has no class (a Procedure) here");
            }
        }
        this.enabled = Set.copyOf(enabled.isEmpty() ? procedures.numbers() : enabled);
    }

    public boolean enabled(int appendixNo) {
        return enabled.contains(appendixNo);
    }

    /** The form of an enabled procedure: the applicant's fields, then the procedure's own. */
    public Forms.Form form(int appendixNo) {
        requireEnabled(appendixNo);
        return procedures.form(appendixNo);
    }

    /**
     * The form applications of a procedure are shown with, whether or not it takes new ones: a
     * procedure the property no longer enables keeps its lodged applications readable.
     */
    Forms.Form lodgedForm(int appendixNo) {
        return procedures.of(appendixNo).map(p -> Forms.Form.of(appendixNo, p.form()))
                .orElseGet(() -> Forms.Form.of(appendixNo, Forms.Declaration.of()));
    }

    /** The form of a procedure as its applicant sees it: the registry's values filled in. */
    @Transactional
    public Prefill.Result prefill(int appendixNo, Lodger lodger) {
        requireEnabled(appendixNo);
        return prefill.applicant(applicantOf(lodger), procedures.require(appendixNo), reader(lodger));
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
        return submit(procedures.require(appendixNo), input, uploads, confirmed, lodger, errors);
    }

    /** The form is read into the procedure's record once, here; checked, planned, and lodged. */
    private <F> ApplicationViews.View submit(Procedure<F> procedure, Map<String, String> input, List<Upload> uploads,
                                             Set<String> confirmed, Lodger lodger, FieldErrors errors) {
        Forms.Form form = procedures.form(procedure.appendixNo());
        Prefill.Reader reader = reader(lodger);
        Prefill.Result filled = prefill.applicant(applicantOf(lodger), procedure, reader);
        Map<String, String> values = new LinkedHashMap<>(filled.values());
        List<String> prefilled = new ArrayList<>(filled.values().keySet());
        accept(form, input == null ? Map.of() : input, values, errors);
        checkAttachments(form, uploads, errors);
        Lodging lodging = new Lodging(procedure.appendixNo(), filled.applicant(), units.today(), errors, confirmed, prefill, reader,
                registry, uploads.stream().map(Upload::kind).collect(java.util.stream.Collectors.toSet()));
        F record = procedure.read(new FormValues(values));
        procedure.check(record, lodging);
        errors.throwIfAny();
        Plan plan = procedure.plan(record, lodging);
        plan.recorded().forEach(values::putIfAbsent);
        return lodge(procedure, values, prefilled, uploads, lodger, plan, procedure.fee(record), calendar.now());
    }

    private ApplicationViews.View lodge(Procedure<?> procedure, Map<String, String> values, List<String> prefilled,
                                       List<Upload> uploads, Lodger lodger, Plan plan, Optional<Fee> fee, Instant now) {
        int appendixNo = procedure.appendixNo();
        List<NewLeg> legs = legs(plan);
        String applicant = values.get("applicant.personalId");
        String code = repository.nextCode(units.today().getYear());
        int days = legs.stream().filter(l -> l.status() != LegStatus.SKIPPED).mapToInt(NewLeg::workingDays).sum();
        Instant due = calendar.due(now, days);
        String channel = lodger instanceof Citizen ? "ONLINE" : "COUNTER";
        String by = lodger instanceof Counter c ? c.officer().username() : "citizen";
        long id = repository.insert(code, appendixNo, applicant, plan.subjectPersonalId(), channel, by, values, prefilled,
                legs.getFirst().unitId(), now, due);
        legs.forEach(leg -> repository.insertLeg(id, leg));
        uploads.forEach(u -> repository.insertAttachment(id, u));
        repository.step(id, null, now, by, "RECEIVED", channel.equals("ONLINE") ? "Nộp trực tuyến" : "Tiếp nhận tại bộ phận một cửa");
        plan.warnings().forEach(w -> repository.step(id, null, now, "system", "WARNING", w));
        Application app = repository.byId(id).orElseThrow();
        repository.kpi(app, now, "RECEIVED", null);
        fee.ifPresentOrElse(f -> payments.await(app, f, now), () -> start(app, procedure.linkedProcess(), legs, now));
        String name = catalog.byAppendixNo(appendixNo).orElseThrow().nameVi();
        notifications.send(applicant, id, "received",
                locale -> new Object[] {code, name, ApplicationViews.formatDue(due), String.valueOf(appendixNo)});
        return views.view(fee.isPresent() ? repository.byId(id).orElseThrow() : app); // awaiting its payment
    }

    /** The plan's legs where they run: each commune must be in force; a provincial agency acts in its province. */
    private List<NewLeg> legs(Plan plan) {
        List<NewLeg> legs = new ArrayList<>();
        for (Plan.Leg leg : plan.legs()) {
            AdministrativeUnit commune = units.find(AdministrativeUnit.COMMUNE, leg.communeCode(), units.today())
                    .orElseThrow(() -> ApiProblem.conflict("UNIT_NOT_IN_FORCE", "The commune " + leg.communeCode() + " is not in force"));
            long province = units.province(commune).id();
            legs.add(new NewLeg(legs.size() + 1, leg.step().kind(), leg.agency(), leg.step().provincial() ? province : commune.id(),
                    province, leg.skipped() ? LegStatus.SKIPPED : LegStatus.WAITING, leg.step().workingDays()));
        }
        return legs;
    }

    /** The first leg starts now; a linked procedure's engine decides it (and the ones after). */
    private void start(Application app, String linkedProcess, List<NewLeg> legs, Instant now) {
        if (linkedProcess != null) {
            LinkedProcesses.Started process = processes.start(linkedProcess, app.code());
            repository.setProcess(app.id(), process.processInstanceId());
            NewLeg first = legs.get(process.firstLeg().legNo() - 1);
            startLeg(app.id(), first.legNo(), first.kind(), first.agency(), first.workingDays(), process.firstLeg().taskId(), now);
        } else {
            NewLeg first = legs.getFirst();
            startLeg(app.id(), 1, first.kind(), first.agency(), first.workingDays(), null, now);
        }
    }

    /**
     * The fee or fine arrived ({@link ApplicationPayments}): the first leg starts now, and the application's
     * deadline counts from now. A payment the application does not wait for (a gateway that reports twice) changes nothing.
     */
    @EventListener
    void paid(PaymentSettled paid) {
        Application app = repository.lockById(paid.applicationId()).orElseThrow();
        if (app.status() != ApplicationStatus.AWAITING_PAYMENT || !paid.reference().equals(app.paymentReference())) {
            return;
        }
        Instant now = calendar.now();
        List<Leg> legs = repository.legs(app.id());
        repository.paid(app.id(), calendar.due(now, legs.stream().filter(l -> l.status() != LegStatus.SKIPPED)
                .mapToInt(Leg::workingDays).sum()));
        repository.step(app.id(), null, now, "system", "PAID", paid.reference() + ", " + paid.receiptNumber());
        Leg first = legs.getFirst();
        startLeg(app.id(), first.legNo(), first.kind(), first.agency(), first.workingDays(), null, now);
    }

    /** A leg starts: its deadline counts from now, in its working days (as stored with it). */
    void startLeg(long applicationId, int legNo, String kind, Agency agency, int workingDays, String taskId, Instant now) {
        repository.startLeg(applicationId, legNo, now, calendar.due(now, workingDays), taskId);
        repository.step(applicationId, legNo, now, "system", "LEG_STARTED", agency.nameVi + ": " + procedures.resultTitleVi(kind));
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
                    errors.add(field.name(), "REQUIRED", english(field.labelKey(), field.name()) + " is required");
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
                if (!PersonalIdNumber.isWellFormed(value)) {
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

    private void checkAttachments(Forms.Form form, List<Upload> uploads, FieldErrors errors) {
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
            } else if (!Attachments.sniff(u.content()).map(u.contentType()::equals).orElse(false)) {
                errors.add(field, "CONTENT_MISMATCH", "The file's content is not a " + u.contentType());
            }
            kinds.add(u.kind());
        }
        form.attachments().stream().filter(a -> a.required() && !kinds.contains(a.kind()) && !errors.has("attachments." + a.kind()))
                .forEach(a -> errors.add("attachments." + a.kind(), "MISSING_ATTACHMENT", english(a.labelKey(), a.kind()) + " must be attached"));
    }

    /** A label in English, for the problem's message (the pages show the code in the reader's language). */
    private String english(String key, String otherwise) {
        return messages.getMessage(key, null, otherwise, java.util.Locale.ENGLISH);
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

    /** Refuses a procedure that is not in Appendix I (400) or takes no applications here (409). */
    private void requireEnabled(int appendixNo) {
        if (catalog.byAppendixNo(appendixNo).isEmpty()) {
            throw ApiProblem.invalidField("appendixNo", "PROCEDURE_NOT_FOUND", "Appendix I has no procedure " + appendixNo);
        }
        if (!enabled.contains(appendixNo)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "PROCEDURE_NOT_ENABLED",
                    "Procedure " + appendixNo + " is in the catalog but takes no applications here");
        }
    }

    private static String applicantOf(Lodger lodger) {
        return switch (lodger) {
            case Citizen c -> c.personalId();
            case Counter c -> {
                if (Agency.forRole(c.officer().role()).isEmpty()) {
                    throw ApiProblem.forbidden("NOT_AN_OFFICER", "Applications are lodged at the counter by the agencies' officers");
                }
                if (c.applicantPersonalId() == null || !PersonalIdNumber.isWellFormed(c.applicantPersonalId().strip())) {
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
