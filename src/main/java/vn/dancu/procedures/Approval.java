package vn.dancu.procedures;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.Registry;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * One leg being approved, as a procedure's {@link Procedure#approve} sees it. The registry's writes
 * go through {@link #registry()} in the approving officer's session, so its jurisdiction, rules,
 * history and events all apply; {@link #reason()} names the procedure and the application there.
 */
public final class Approval {

    /**
     * What an approval issues: the signed document's fields (Vietnamese labels, in order) about
     * {@code personalId}; {@code newPersonalId}: the person the approval made (a newborn), who
     * becomes the application's subject.
     */
    public record Outcome(String personalId, LinkedHashMap<String, String> fields, String newPersonalId) {
    }

    private final ApplicationRepository.Application app;
    private final ApplicationRepository.Leg leg;
    private final Decisions.Actor officer;
    private final Instant now;
    private final LocalDate today;
    private final String reason;
    private final Registry registry;
    private final PersonFinder finder;
    private final Units units;

    Approval(ApplicationRepository.Application app, ApplicationRepository.Leg leg, Decisions.Actor officer, Instant now,
             LocalDate today, String reason, Registry registry, PersonFinder finder, Units units) {
        this.app = app;
        this.leg = leg;
        this.officer = officer;
        this.now = now;
        this.today = today;
        this.reason = reason;
        this.registry = registry;
        this.finder = finder;
        this.units = units;
    }

    /** Whether the leg approved is of this step. */
    public boolean is(Step step) {
        return leg.kind().equals(step.kind());
    }

    public String applicationCode() {
        return app.code();
    }

    public String applicantPersonalId() {
        return app.applicantPersonalId();
    }

    /** The gateway's reference of the application's fee or fine, when it has one ({@link Procedure#fee}). */
    public java.util.Optional<String> paymentReference() {
        return java.util.Optional.ofNullable(app.paymentReference());
    }

    /** Whom the application is about besides the applicant, once they have a number (a child after the birth leg). */
    public String subjectPersonalId() {
        return app.subjectPersonalId();
    }

    /** The agency that acts on this leg (the plan may have chosen it). */
    public Agency agency() {
        return leg.agency();
    }

    /** The province of the leg's unit (a provincial agency's, such as social insurance). */
    public AdministrativeUnit province() {
        return units.byId(leg.provinceId()).orElseThrow();
    }

    public LocalDate today() {
        return today;
    }

    public Instant now() {
        return now;
    }

    /** The reason the registry's history shows: the procedure and the application. */
    public String reason() {
        return reason;
    }

    /** The registry's API; each write runs as the approving officer. */
    public Registry registry() {
        return registry;
    }

    /** A person's record read by the approving officer for this application: in the person's access log. */
    public PersonView read(String personalId, String... fields) {
        return finder.readFor(personalId, requester(), List.of(fields))
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "The registry has no person " + personalId));
    }

    /** A person's integrated documents of one kind, read by the approving officer: in the person's access log. */
    public List<Document> documents(String personalId, DocumentKind kind) {
        return finder.readWithProvenance(personalId, requester(), List.of("documents"))
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "The registry has no person " + personalId))
                .documents().stream().filter(d -> d.kind().equals(kind.name())).toList();
    }

    private PersonFinder.Requester requester() {
        return new PersonFinder.Requester(AccessLog.ActorType.STAFF, officer.staff().username(), "Giải quyết hồ sơ " + app.code(),
                officer.channel(), app.code(), "ADMINISTRATIVE_PROCEDURE");
    }

    /** A commune in force by its code, as documents name it: "Phường Cầu Giấy (00166)"; empty for none. */
    public String communeName(String code) {
        return code == null ? "" : ApplicationViews.communeName(code, units).orElse(code);
    }

    /** The document the leg issues about {@code personalId}: labels and values in turn, a null value written empty. */
    public Outcome issue(String personalId, String... labelsAndValues) {
        return new Outcome(personalId, fields(labelsAndValues), null);
    }

    /** The document about the person this approval made ({@code newPersonalId}), who becomes the subject. */
    public Outcome issueForNewPerson(String newPersonalId, String... labelsAndValues) {
        return new Outcome(newPersonalId, fields(labelsAndValues), newPersonalId);
    }

    /**
     * A document the person now holds (a health insurance card) recorded with the registry as an
     * integrated document, so that the wallet and other agencies use it; {@code source}: who issued it.
     */
    public Document recordDocument(String personalId, DocumentRecord document, String source) {
        return registry.recordDocument(personalId, document, source);
    }

    private static LinkedHashMap<String, String> fields(String... labelsAndValues) {
        if (labelsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("A document's fields come as labels and values in turn");
        }
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            fields.put(labelsAndValues[i], labelsAndValues[i + 1] == null ? "" : labelsAndValues[i + 1]);
        }
        return fields;
    }
}
