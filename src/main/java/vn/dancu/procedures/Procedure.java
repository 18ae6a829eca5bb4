package vn.dancu.procedures;

import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * One procedure of Appendix I of Decision 06, as one class (a Spring bean in
 * {@code vn.dancu.procedures.appendix}): its form, how an application of it is checked and
 * planned at lodging, and what the approval of each of its steps does. The platform does the rest
 * the same way for every procedure: the form's values are filled from the registry and checked
 * against their declared types, the legs are routed, timed, decided by their agency's officers and
 * signed ({@link Applications}, {@link Decisions}). See docs/adding-a-procedure.md.
 *
 * <p>{@code F} is the procedure's form record: read from the values once they are checked at
 * lodging ({@link #read}, then {@link #check} and {@link #plan}), and read again from the stored
 * values at each approval ({@link #approve}) without checking them again.
 */
public interface Procedure<F> {

    /** Its number in Appendix I (1-25), the key of its row in {@link ProcedureCatalog}. */
    int appendixNo();

    /** Its own fields and attachments; the applicant's details come first on every form. */
    Forms.Declaration form();

    /** Every step its plans may hold; the kind of each is unique within the platform. */
    List<Step> steps();

    /** The form record, from values already checked against the declaration or as stored: never refuses. */
    F read(FormValues values);

    /**
     * The values of its {@code REGISTRY} and {@code REGISTRY_OR_APPLICANT} fields from the applicant's
     * record (the applicant's own details are filled for every procedure). May refuse when the
     * registry lacks what the procedure needs.
     */
    default Map<String, String> prefill(PersonView applicant) {
        return Map.of();
    }

    /**
     * The kinds of the applicant's integrated documents its form is filled from ({@link #prefill(PersonView, List)}):
     * read with the applicant's record, in their access log.
     */
    default Set<DocumentKind> prefillDocuments() {
        return Set.of();
    }

    /** The values of its fields filled from the applicant's documents of {@link #prefillDocuments}. */
    default Map<String, String> prefill(PersonView applicant, List<Document> documents) {
        return Map.of();
    }

    /** Whether its form shows the applicant's household members: their names are then read into their access logs. */
    default boolean prefillsHousehold() {
        return false;
    }

    /**
     * The checks that compare values, recorded in {@link Lodging#errors()} with the form's own errors so
     * that the applicant gets them all at once, including the registry's rules for what an approval
     * will write. Values that failed their type's check are null here.
     */
    default void check(F form, Lodging lodging) {
    }

    /**
     * The legs, where each runs and who the application is about; runs once {@link #check} found
     * nothing. May refuse with an {@link vn.dancu.platform.ApiProblem} that names a field.
     */
    Plan plan(F form, Lodging lodging);

    /**
     * What the approval of one leg ({@link Approval#is}) does: the registry's writes through its API as
     * the approving officer, and the fields of the signed document the leg issues.
     */
    Approval.Outcome approve(F form, Approval approval);

    /**
     * The form field a field of a registry command comes from, for a refusal at approval
     * ({@code REGISTRY_REFUSED}); the registry's own name when the form has no such field.
     */
    default String formField(String registryField) {
        return registryField;
    }

    /** The stored value that names whom the application is about besides the applicant (worklists), if any. */
    default String subjectNameField() {
        return null;
    }

    /**
     * The key of the BPMN process ({@code processes/<key>.bpmn20.xml}) that runs a linked procedure
     * (catalog {@code linked}): it decides which leg comes next, each user task {@code legN} standing
     * for leg N and the variable {@code includeN} saying whether the application includes it.
     * Null for a procedure whose legs simply run in order (all but 15 and 16).
     */
    default String linkedProcess() {
        return null;
    }

    /**
     * The fee (or fine) an application of it costs, computed from its form once {@link #plan} accepted it;
     * none by default. An application with one waits for its payment before its first leg starts, and is
     * refunded when refused ({@link ApplicationPayments}).
     */
    default java.util.Optional<Fee> fee(F form) {
        return java.util.Optional.empty();
    }

    /** What the officer should know before deciding, read now: the registry may have changed since lodging. */
    default List<ApplicationViews.Warning> warnings(F form, Review review) {
        return List.of();
    }
}
