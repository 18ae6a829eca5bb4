package vn.dancu.procedures;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** What the API and the pages show of an application. */
@Component
public class ApplicationViews {


    public record UnitView(String code, String name) {
    }

    public record ResultLink(UUID id, String kind, String pdf, String json, String verify, Map<String, String> fields) {
    }

    public record LegView(int legNo, String kind, String agency, String agencyName, UnitView unit, String status,
                          Instant startedAt, Instant dueAt, boolean overdue, boolean dueSoon, Instant decidedAt,
                          String decidedBy, String note, String titleVi, ResultLink result) {
    }

    public record StepView(Instant at, String actor, String action, Integer legNo, String detail) {
    }

    public record View(String code, int appendixNo, String procedureVi, String procedureEn, String status, String channel,
                       String applicantPersonalId, String subjectPersonalId, Instant receivedAt, Instant dueAt,
                       Instant completedAt, Map<String, String> form, List<String> prefilled, List<LegView> legs,
                       List<ApplicationRepository.AttachmentInfo> attachments, List<StepView> steps,
                       List<HeldDocument> applicantDocuments, List<Warning> warnings) {

        /** The application with what the officer should know before deciding ({@link Decisions#warnings}). */
        View withWarnings(List<Warning> found) {
            return new View(code, appendixNo, procedureVi, procedureEn, status, channel, applicantPersonalId, subjectPersonalId,
                    receivedAt, dueAt, completedAt, form, prefilled, legs, attachments, steps, applicantDocuments, List.copyOf(found));
        }
    }

    /** Something the officer should know before deciding, with a stable {@code code}, in both languages. */
    public record Warning(String code, String vi, String en) {
    }

    /**
     * A signed result the applicant already holds from an earlier procedure: the officer reuses it
     * instead of asking for a copy ("digitise once"). Listed for officers only.
     */
    public record HeldDocument(UUID id, String kind, String titleVi, String applicationCode, Instant issuedAt, String verify) {
    }

    public record Summary(String code, int appendixNo, String procedureVi, String status, Instant receivedAt, Instant dueAt) {
    }

    private final ApplicationRepository repository;
    private final ProcedureCatalog catalog;
    private final Results results;
    private final Units units;
    private final WorkingCalendar calendar;
    private final Procedures procedures;

    ApplicationViews(ApplicationRepository repository, ProcedureCatalog catalog, Results results, Units units,
                     WorkingCalendar calendar, Procedures procedures) {
        this.procedures = procedures;
        this.repository = repository;
        this.catalog = catalog;
        this.results = results;
        this.units = units;
        this.calendar = calendar;
    }

    /** A commune in force by its code, as pages and result documents name it: "Phường Cầu Giấy (00166)". */
    static java.util.Optional<String> communeName(String code, Units units) {
        return units.find(AdministrativeUnit.COMMUNE, code, units.today()).map(u -> u.name() + " (" + u.code() + ")");
    }

    /** A moment as Vietnamese pages and notices write it, in Vietnam time. */
    static String formatDue(Instant due) {
        return vn.dancu.platform.Dates.time(due);
    }

    View view(Application app) {
        return view(app, false);
    }

    /** {@code withHeldDocuments}: for an officer, the applicant's earlier results too. */
    View view(Application app, boolean withHeldDocuments) {
        var procedure = catalog.byAppendixNo(app.appendixNo()).orElseThrow();
        Map<Integer, Results.Shown> issued = new java.util.HashMap<>();
        results.ofApplication(app.id()).forEach(r -> issued.put(r.result().legNo(), r));
        Instant now = calendar.now();
        List<LegView> legs = repository.legs(app.id()).stream().map(l -> leg(l, issued.get(l.legNo()), now)).toList();
        List<StepView> steps = repository.steps(app.id()).stream()
                .map(s -> new StepView(s.at(), s.actor(), s.action(), s.legNo(), s.detail())).toList();
        return new View(app.code(), app.appendixNo(), procedure.nameVi(), procedure.nameEn(), app.status().name(), app.channel(),
                app.applicantPersonalId(), app.subjectPersonalId(), app.receivedAt(), app.dueAt(), app.completedAt(), app.form(),
                app.prefilled(), legs, repository.attachments(app.id()), steps,
                withHeldDocuments ? held(app) : List.of(), List.of());
    }

    private List<HeldDocument> held(Application app) {
        return results.ofPerson(app.applicantPersonalId()).stream()
                .filter(r -> !r.applicationCode().equals(app.code()))
                .map(r -> new HeldDocument(r.id(), r.kind(), procedures.resultTitleVi(r.kind()), r.applicationCode(), r.issuedAt(),
                        "/verify/" + r.id()))
                .toList();
    }

    Summary summary(Application app) {
        return new Summary(app.code(), app.appendixNo(), catalog.byAppendixNo(app.appendixNo()).orElseThrow().nameVi(),
                app.status().name(), app.receivedAt(), app.dueAt());
    }

    private LegView leg(Leg l, Results.Shown shown, Instant now) {
        AdministrativeUnit unit = units.byId(l.agency() == Agency.SOCIAL_INSURANCE ? l.provinceId() : l.unitId()).orElseThrow();
        boolean overdue = l.pending() && l.dueAt() != null && l.dueAt().isBefore(now);
        boolean dueSoon = l.pending() && !overdue && l.dueAt() != null
                && !WorkingCalendar.dayOf(l.dueAt()).isAfter(WorkingCalendar.dayOf(now));
        Results.Result result = shown == null ? null : shown.result();
        ResultLink link = result == null ? null : new ResultLink(result.id(), result.kind(),
                "/api/v1/results/" + result.id() + "/pdf", "/api/v1/results/" + result.id() + "/jws", "/verify/" + result.id(),
                shown.fields());
        return new LegView(l.legNo(), l.kind(), l.agency().name(), l.agency().nameVi, new UnitView(unit.code(), unit.name()),
                l.status().name(), l.startedAt(), l.dueAt(), overdue, dueSoon, l.decidedAt(), l.decidedBy(), l.note(), procedures.resultTitleVi(l.kind()), link);
    }
}
