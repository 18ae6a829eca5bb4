package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.Registry;

/**
 * One application being lodged, as a procedure's {@link Procedure#check} and {@link Procedure#plan}
 * see it: the applicant's record, the errors found so far, and the reads of other persons the
 * checks need, each in the access log as the lodger's (the applicant online, the officer at the counter).
 */
public final class Lodging {

    private final int appendixNo;
    private final PersonView applicant;
    private final LocalDate today;
    private final FieldErrors errors;
    private final Set<String> confirmed;
    private final Prefill prefill;
    private final Prefill.Reader reader;
    private final Registry registry;
    private final Set<String> attached;

    Lodging(int appendixNo, PersonView applicant, LocalDate today, FieldErrors errors, Set<String> confirmed, Prefill prefill,
            Prefill.Reader reader, Registry registry, Set<String> attached) {
        this.attached = Set.copyOf(attached);
        this.appendixNo = appendixNo;
        this.applicant = applicant;
        this.today = today;
        this.errors = errors;
        this.confirmed = Set.copyOf(confirmed);
        this.prefill = prefill;
        this.reader = reader;
        this.registry = registry;
    }

    public int appendixNo() {
        return appendixNo;
    }

    /** The applicant's record as the registry gave it for the form. */
    public PersonView applicant() {
        return applicant;
    }

    public LocalDate today() {
        return today;
    }

    /** Where {@link Procedure#check} adds what is wrong; lodging refuses with all of them at once. */
    public FieldErrors errors() {
        return errors;
    }

    /** Whether the applicant read the warning {@code code} and confirms past it ({@link Applications.Submission#confirmed}). */
    public boolean confirmed(String code) {
        return confirmed.contains(code);
    }

    /** The registry, for its checks of what an approval will write ({@link Registry#checkBirth}). */
    public Registry registry() {
        return registry;
    }

    /** The commune of the applicant's current residence, in force today; refused when the registry has none. */
    public String residenceUnit() {
        return Prefill.currentUnit(applicant).orElseThrow(() -> ApiProblem.conflict("NO_RESIDENCE",
                "The registry has no residence for the applicant; register one first"));
    }

    /** Someone the application names (the deceased, the spouse, the guest), read for the check it needs: in their access log. */
    public Optional<PersonView> read(String personalId, String... fields) {
        return prefill.other(personalId, appendixNo, reader, List.of(fields));
    }

    /**
     * A person's integrated documents of one kind (the applicant's own, or someone the application names), read for
     * the check it needs: in their access log as a read of that kind of document.
     */
    public List<Document> documents(String personalId, DocumentKind kind) {
        return prefill.documents(personalId, kind, appendixNo, reader, personalId.equals(applicant.personalId()));
    }

    /** Whether the applicant attached a document of this kind (an attachment a procedure asks for only in some cases). */
    public boolean attached(String kind) {
        return attached.contains(kind);
    }

    /**
     * A check that reads someone else: when it refuses, the read rolls back with the lodging, so the
     * attempt is kept in the log of refused reads (inspectors look for applicants who probe the registry).
     */
    public <T> T checked(String personalId, Supplier<T> check) {
        try {
            return check.get();
        } catch (ApiProblem refused) {
            refused(personalId, refused.code());
            throw refused;
        }
    }

    /** Records a refused check about {@code personalId} in the log of refused reads. */
    public void refused(String personalId, String code) {
        prefill.refused(reader, personalId, code);
    }

    /**
     * The children the parents already have under this name and date of birth, read in a transaction
     * of its own so that the read stays in the access log when the lodging is refused.
     */
    public List<PersonFinder.PersonRef> childrenNamed(String fullName, LocalDate dateOfBirth, List<String> parents) {
        return prefill.sameNameChildren(appendixNo, fullName, dateOfBirth, parents, reader);
    }

    /** Refuses an end before its start, on the field of the end. */
    public static void requireOrder(String fromField, LocalDate from, String toField, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            throw ApiProblem.invalidField(toField, "BEFORE_START", toField + " is before " + fromField);
        }
    }
}
