package vn.dancu.procedures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;

/**
 * Officers' work on applications: reading one (in the access log), their worklist, and deciding a
 * leg. An approval changes the registry, signs the result and moves the application on, in one
 * transaction; a rejection ends the legs after it while the results already issued stay valid.
 */
@Service
public class Decisions {

    public record Decision(Boolean approve, String note) {
    }

    /** The officer deciding, and how they came (API or WEB), for the access log of what the decision reads. */
    record Actor(Staff staff, AccessLog.Channel channel) {
    }

    /**
     * One pending leg. {@code applicantName} and {@code subjectName} (the child of a birth, the deceased,
     * the spouse, the guest) are the names as the application holds them; {@code subjectPersonalId} is
     * null until the subject has a number (a child before the birth is registered).
     */
    public record WorkItem(String code, int appendixNo, String procedureVi, int legNo, String kind, String titleVi,
                           String unitName, Instant startedAt, Instant dueAt, boolean overdue, boolean dueSoon, boolean escalated,
                           String applicantPersonalId, String applicantName, String subjectPersonalId, String subjectName) {
    }

    private final ApplicationRepository repository;
    private final ApplicationViews views;
    private final Approvals approvals;
    private final Procedures procedures;
    private final Results results;
    private final LinkedProcesses processes;
    private final Notifications notifications;
    private final WorkingCalendar calendar;
    private final Applications applications;
    private final AccessLog accessLog;
    private final Worklists worklists;
    private final ApplicationPayments payments;
    private final Prefill prefill;
    private final org.springframework.context.MessageSource messages;

    Decisions(ApplicationRepository repository, ApplicationViews views, Approvals approvals, Procedures procedures, Results results,
              LinkedProcesses processes, Notifications notifications, WorkingCalendar calendar, Applications applications,
              AccessLog accessLog, Worklists worklists, Prefill prefill, ApplicationPayments payments,
              org.springframework.context.MessageSource messages) {
        this.messages = messages;
        this.payments = payments;
        this.repository = repository;
        this.views = views;
        this.approvals = approvals;
        this.procedures = procedures;
        this.results = results;
        this.processes = processes;
        this.notifications = notifications;
        this.calendar = calendar;
        this.applications = applications;
        this.accessLog = accessLog;
        this.worklists = worklists;
        this.prefill = prefill;
    }

    /**
     * What the officer should know before deciding, read now (the registry may have changed since
     * lodging), as the application's procedure finds it ({@link Procedure#warnings}); each read of a
     * person this needs is in the access log as the officer's.
     */
    @Transactional
    public List<ApplicationViews.Warning> warnings(ApplicationViews.View view, AccessLog.Channel channel) {
        Staff staff = CurrentStaff.require();
        Review review = new Review(view, prefill, new Prefill.Reader(AccessLog.ActorType.STAFF, staff.username(), channel), messages);
        return procedures.of(view.appendixNo()).map(p -> warnings(p, new FormValues(view.form()), review)).orElse(List.of());
    }

    private static <F> List<ApplicationViews.Warning> warnings(Procedure<F> procedure, FormValues values, Review review) {
        return procedure.warnings(procedure.read(values), review);
    }

    /** The applicant reads their own application. */
    @Transactional
    public ApplicationViews.View forApplicant(String code, String personalId) {
        Application app = repository.byCode(code).filter(a -> a.applicantPersonalId().equals(personalId))
                .orElseThrow(() -> notFound(code));
        logRead(app, AccessLog.ActorType.SELF, "citizen", AccessLog.Channel.SELF);
        return views.view(app);
    }

    /** An officer reads an application one of whose legs is their agency's, in their jurisdiction. */
    @Transactional
    public ApplicationViews.View forOfficer(String code, AccessLog.Channel channel) {
        Staff staff = CurrentStaff.require();
        Application app = repository.byCode(code).orElseThrow(() -> notFound(code));
        boolean theirs = repository.legs(app.id()).stream().anyMatch(l -> Worklists.reads(staff, l))
                || (app.channel().equals("COUNTER") && staff.username().equals(app.submittedBy()));
        if (!theirs) {
            throw notFound(code); // an application outside the officer's work is not confirmed to exist
        }
        logRead(app, AccessLog.ActorType.STAFF, staff.username(), channel);
        return views.view(app, true);
    }

    /** An attached file, as an officer who reads the application downloads it. */
    public record Attachment(String filename, String contentType, byte[] content) {
    }

    /** An attachment, read in the transaction that logs the officer's read of the application. */
    @Transactional
    public Attachment attachment(String code, long attachmentId, AccessLog.Channel channel) {
        ApplicationViews.View view = forOfficer(code, channel);
        var info = view.attachments().stream().filter(a -> a.id() == attachmentId).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("ATTACHMENT_NOT_FOUND", "No attachment " + attachmentId));
        long applicationId = repository.byCode(code).orElseThrow().id();
        return new Attachment(info.filename(), info.contentType(), repository.attachmentContent(applicationId, attachmentId).orElseThrow());
    }

    /**
     * The officer's worklist, with the applicant's and the subject's names. The names are the
     * application's own copy (the applicant's from the registry at lodging, the others as declared or
     * checked then), so listing them is no new registry read; but they show an identified person's data
     * to an officer, as reading the application does, so each person named is in the access log here
     * as for {@link #forOfficer}: whoever reads "who used my data" sees that the officer saw them listed.
     * A child not yet registered has no number, and no log of their own until they do.
     */
    @Transactional
    public List<WorkItem> worklist(AccessLog.Channel channel) {
        Staff staff = CurrentStaff.require();
        List<WorkItem> items = worklists.of(staff);
        List<AccessLog.Entry> reads = new ArrayList<>();
        for (WorkItem item : items) {
            String purpose = "Danh sách hồ sơ cần xử lý: " + item.code();
            reads.add(new AccessLog.Entry(AccessLog.ActorType.STAFF, staff.username(), item.applicantPersonalId(),
                    List.of("personalId", "fullName"), purpose, channel, item.code(), "ADMINISTRATIVE_PROCEDURE"));
            if (item.subjectPersonalId() != null && !item.subjectPersonalId().equals(item.applicantPersonalId())) {
                reads.add(new AccessLog.Entry(AccessLog.ActorType.STAFF, staff.username(), item.subjectPersonalId(),
                        List.of("personalId", "fullName"), purpose, channel, item.code(), "ADMINISTRATIVE_PROCEDURE"));
            }
        }
        accessLog.recordAll(reads);
        return items;
    }

    @Transactional
    public ApplicationViews.View decide(String code, int legNo, Decision decision, AccessLog.Channel channel) {
        Staff staff = CurrentStaff.require();
        FieldErrors errors = new FieldErrors();
        if (decision == null || decision.approve() == null) {
            errors.add("approve", "REQUIRED", "approve is true or false");
        }
        String note = decision == null ? null : errors.optionalText("note", decision.note(), 1000);
        if (decision != null && Boolean.FALSE.equals(decision.approve()) && note == null) {
            errors.add("note", "REQUIRED", "A rejection says why, for the applicant");
        }
        errors.throwIfAny();
        Application app = repository.lock(code).orElseThrow(() -> notFound(code));
        List<Leg> legs = repository.legs(app.id());
        if (app.status() == ApplicationStatus.AWAITING_PAYMENT && legs.stream().anyMatch(l -> Worklists.covers(staff, l))) {
            // the officer who will decide it may know that it exists: its first leg starts when the fee is paid
            throw ApiProblem.conflict("AWAITING_PAYMENT", "Application " + code + " waits for its fee; its first leg starts once it is paid");
        }
        if (legs.stream().noneMatch(l -> Worklists.reads(staff, l))) {
            throw notFound(code); // as for reading: an application outside the officer's work is not confirmed to exist
        }
        Leg leg = legs.stream().filter(l -> l.legNo() == legNo).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("LEG_NOT_FOUND", "Application " + code + " has no leg " + legNo));
        if (!Worklists.covers(staff, leg)) {
            throw ApiProblem.forbidden("NOT_YOUR_LEG", "This leg belongs to " + leg.agency().nameEn + " officers of its unit");
        }
        if (!leg.pending()) {
            throw ApiProblem.conflict("LEG_NOT_PENDING", "Leg " + legNo + " is " + leg.status());
        }
        logRead(app, AccessLog.ActorType.STAFF, staff.username(), channel);
        Instant now = calendar.now();
        if (decision.approve()) {
            approve(app, legs, leg, new Actor(staff, channel), note, now);
        } else {
            reject(app, legs, leg, staff, note, now);
        }
        return views.view(repository.byId(app.id()).orElseThrow(), true);
    }

    private void approve(Application app, List<Leg> legs, Leg leg, Actor officer, String note, Instant now) {
        Staff staff = officer.staff();
        Approvals.Issued outcome;
        try {
            outcome = approvals.approve(app, leg, officer, now);
        } catch (ApiProblem refused) {
            throw registryRefused(app, refused);
        }
        Results.Result result = results.issue(app.id(), leg.legNo(), outcome.document());
        if (outcome.newPersonalId() != null) {
            repository.setSubject(app.id(), outcome.newPersonalId());
        }
        repository.decideLeg(app.id(), leg.legNo(), LegStatus.APPROVED, now, staff.username(), note);
        repository.step(app.id(), leg.legNo(), now, staff.username(), LegStatus.APPROVED.name(),
                procedures.resultTitleVi(leg.kind()) + " " + result.id());
        notifications.send(app.applicantPersonalId(), app.id(), "issued",
                locale -> new Object[] {app.code(), leg.agency().nameIn(locale), procedures.resultTitle(leg.kind(), locale)});
        advance(app, legs, leg, true, now);
    }

    /**
     * The registry refused what the approval writes. Its field names are the registry's ({@code fullName}),
     * not the decision's: answered as they were, they read as a fault of the decision (a 400 on a body
     * of {@code approve} and {@code note}, and on the page next to the note). So the refusal names the
     * application's fields it concerns, and the officer can refuse the application with that reason.
     */
    private ApiProblem registryRefused(Application app, ApiProblem refused) {
        if (refused.errors().isEmpty()) {
            return refused; // not about the application's values (jurisdiction, a person's state): as the registry said
        }
        List<ApiProblem.FieldProblem> errors = refused.errors().stream()
                .map(e -> new ApiProblem.FieldProblem(approvals.formField(app.appendixNo(), e.field()), e.code(), e.message())).toList();
        return new ApiProblem(org.springframework.http.HttpStatus.CONFLICT, "REGISTRY_REFUSED",
                "The registry refused the application's values; the leg stays pending and may be refused with this reason: "
                        + String.join("; ", errors.stream().map(e -> e.field() + ": " + e.message()).toList()), errors);
    }

    private void reject(Application app, List<Leg> legs, Leg leg, Staff staff, String note, Instant now) {
        repository.decideLeg(app.id(), leg.legNo(), LegStatus.REJECTED, now, staff.username(), note);
        repository.step(app.id(), leg.legNo(), now, staff.username(), LegStatus.REJECTED.name(), note);
        payments.refundOnRejection(app, note, staff.username(), now);
        boolean earlierIssued = legs.stream().anyMatch(l -> l.status() == LegStatus.APPROVED);
        // after a result was issued, the applicant may lodge the remaining procedures one by one; else lodge again
        String key = earlierIssued ? "refusedAfterResults" : "refused";
        notifications.send(app.applicantPersonalId(), app.id(), key,
                locale -> new Object[] {app.code(), leg.agency().nameIn(locale), procedures.resultTitle(leg.kind(), locale), note});
        advance(app, legs, leg, false, now);
    }

    /**
     * The next leg starts, or the application ends. {@code legs} as read before the decision: a leg
     * runs only after the one before it is approved, so the decided leg is the only one rejected.
     */
    private void advance(Application app, List<Leg> legs, Leg decided, boolean approved, Instant now) {
        Optional<LinkedProcesses.ActiveLeg> next = app.processInstanceId() == null ? Optional.empty()
                : processes.complete(decided.taskId(), approved, included(legs));
        if (next.isPresent()) {
            Leg started = legs.get(next.get().legNo() - 1);
            applications.startLeg(app.id(), started.legNo(), started.kind(), started.agency(), started.workingDays(), next.get().taskId(),
                    now);
            return;
        }
        repository.cancelWaiting(app.id(), LegStatus.CANCELLED);
        boolean anyApproved = approved || legs.stream().anyMatch(l -> l.status() == LegStatus.APPROVED);
        ApplicationStatus status = approved ? ApplicationStatus.COMPLETED
                : anyApproved ? ApplicationStatus.PARTLY_COMPLETED : ApplicationStatus.REJECTED;
        repository.finish(app.id(), status, now);
        boolean onTime = !now.isAfter(app.dueAt());
        repository.kpi(app, now, status == ApplicationStatus.REJECTED ? "REJECTED" : "COMPLETED", onTime);
        repository.step(app.id(), null, now, "system", status.name(), onTime ? "Đúng hạn" : "Quá hạn");
    }

    /** The legs after the first that the application includes: those not skipped when it was lodged. */
    private static Map<Integer, Boolean> included(List<Leg> legs) {
        Map<Integer, Boolean> included = new java.util.HashMap<>();
        legs.stream().skip(1).forEach(l -> included.put(l.legNo(), l.status() != LegStatus.SKIPPED));
        return included;
    }

    private void logRead(Application app, AccessLog.ActorType type, String actor, AccessLog.Channel channel) {
        List<String> fields = new ArrayList<>(app.form().keySet());
        if (type == AccessLog.ActorType.STAFF) {
            fields.add("results"); // the applicant's earlier documents are listed for officers
        }
        String purpose = "Giải quyết hồ sơ " + app.code();
        accessLog.record(new AccessLog.Entry(type, actor, app.applicantPersonalId(), fields, purpose, channel, app.code(),
                "ADMINISTRATIVE_PROCEDURE"));
        if (app.subjectPersonalId() != null && !app.subjectPersonalId().equals(app.applicantPersonalId())) {
            accessLog.record(new AccessLog.Entry(type, actor, app.subjectPersonalId(), fields, purpose, channel, app.code(),
                    "ADMINISTRATIVE_PROCEDURE"));
        }
    }

    private static ApiProblem notFound(String code) {
        return ApiProblem.notFound("APPLICATION_NOT_FOUND", "No application " + code);
    }
}
