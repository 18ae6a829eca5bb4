package vn.dancu.procedures;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder.ResidenceView;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.ResidenceType;

/**
 * Fills a form from the registry (the once-only rule): the applicant's own details, and what a
 * procedure needs to know of them. Each read is in the access log, as the applicant's own read
 * when they apply online, or as the officer's when they apply at the counter.
 */
@Component
public class Prefill {

    static final List<String> APPLICANT_FIELDS = List.of("personalId", "fullName", "dateOfBirth", "gender", "residences",
            "currentResidence", "legacyIds");

    /** The values the registry gave, and the applicant's record for the checks that follow. */
    record Result(Map<String, String> values, PersonView applicant) {
    }

    private final PersonFinder finder;
    private final AccessLog accessLog;

    Prefill(PersonFinder finder, AccessLog accessLog) {
        this.finder = finder;
        this.accessLog = accessLog;
    }

    /** Who reads: the applicant themselves, or the officer at the counter. */
    record Reader(AccessLog.ActorType type, String actor, AccessLog.Channel channel) {

        PersonFinder.Requester requester(int appendixNo) {
            return new PersonFinder.Requester(type, actor, "Điền sẵn tờ khai thủ tục " + appendixNo, channel, null,
                    "ADMINISTRATIVE_PROCEDURE");
        }

        /**
         * A read of someone else the application names. A citizen applicant is not that person: the
         * read is the platform's on the applicant's behalf, and the person's log names the applicant.
         */
        PersonFinder.Requester requesterOfOther(int appendixNo) {
            boolean citizen = type == AccessLog.ActorType.SELF;
            return new PersonFinder.Requester(citizen ? AccessLog.ActorType.SYSTEM : type, actor,
                    "Kiểm tra thông tin người được nêu trong hồ sơ thủ tục " + appendixNo,
                    citizen ? AccessLog.Channel.WEB : channel, null, "ADMINISTRATIVE_PROCEDURE");
        }
    }

    /**
     * The applicant's record and their own details on every form, with what the procedure fills from
     * it ({@link Procedure#prefill}). An officer at the counter reads it as any registry read: their
     * role must read persons and the applicant must be in their jurisdiction.
     */
    Result applicant(String personalId, Procedure<?> procedure, Reader reader) {
        int n = procedure.appendixNo();
        PersonView person = reader.type() == AccessLog.ActorType.STAFF
                ? finder.get(personalId, "Tiếp nhận hồ sơ thủ tục " + n, reader.channel())
                : finder.readFor(personalId, reader.requester(n), APPLICANT_FIELDS)
                        .orElseThrow(() -> ApiProblem.notFound("APPLICANT_NOT_FOUND", "The registry has no person " + personalId));
        if (!PersonStatus.ALIVE.name().equals(person.status())) {
            throw ApiProblem.conflict("APPLICANT_NOT_ALIVE", "The applicant is recorded as " + person.status());
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("applicant.personalId", person.personalId());
        values.put("applicant.fullName", person.fullName());
        values.put("applicant.dateOfBirth", person.dateOfBirth().toString());
        values.put("applicant.gender", person.gender());
        permanent(person).ifPresent(r -> values.put("applicant.permanentAddress", address(r)));
        Optional.ofNullable(person.currentResidence()).ifPresent(r -> values.put("applicant.currentAddress", address(r)));
        currentUnit(person).ifPresent(unit -> values.put("applicant.residenceUnit", unit));
        values.putAll(procedure.prefill(person));
        Set<DocumentKind> kinds = procedure.prefillDocuments();
        if (!kinds.isEmpty()) {
            values.putAll(procedure.prefill(person, documents(personalId, kinds, reader.requester(n))));
        }
        if (procedure.prefillsHousehold() && person.household() != null) {
            // the members' names shown on the form are read as the applicant's household, each in their own log
            finder.readFor(personalId, reader.requester(n), List.of("household"));
        }
        values.values().removeIf(v -> v == null);
        return new Result(values, person);
    }

    /** A person's documents of a kind, in their access log as a read of it (the applicant's own, or another's). */
    List<Document> documents(String personalId, DocumentKind kind, int appendixNo, Reader reader, boolean applicant) {
        return documents(personalId, Set.of(kind), applicant ? reader.requester(appendixNo) : reader.requesterOfOther(appendixNo));
    }

    private List<Document> documents(String personalId, Set<DocumentKind> kinds, PersonFinder.Requester requester) {
        Set<String> names = kinds.stream().map(Enum::name).collect(java.util.stream.Collectors.toSet());
        return finder.readWithProvenance(personalId, requester, List.of("documents"))
                .map(read -> read.documents().stream().filter(d -> names.contains(d.kind())).toList()).orElse(List.of());
    }

    /** The commune of a person's current residence, in force today. */
    static Optional<String> currentUnit(PersonView person) {
        return Optional.ofNullable(person.currentResidence()).map(r -> inForce(r.unit()));
    }

    /** Someone the application is about (the deceased, the spouse, the guest): read for the check it needs. */
    Optional<PersonView> other(String personalId, int appendixNo, Reader reader, List<String> fields) {
        return finder.readFor(personalId, reader.requesterOfOther(appendixNo), fields);
    }

    /**
     * The children the applicant or the other parent already has under the child's name and date of
     * birth. In a transaction of its own: the warning this leads to reaches the reader even when the
     * lodging is then refused and rolled back, so the read of those children stays in the access log.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public List<PersonFinder.PersonRef> sameNameChildren(int appendixNo, String fullName, LocalDate dateOfBirth, List<String> parents,
                                                         Reader reader) {
        if (fullName == null || dateOfBirth == null) {
            return List.of();
        }
        java.util.Set<PersonFinder.PersonRef> children = new java.util.LinkedHashSet<>();
        for (String parent : parents) {
            if (parent != null) {
                children.addAll(finder.childrenNamed(parent, fullName, dateOfBirth, reader.requesterOfOther(appendixNo)));
            }
        }
        return List.copyOf(children);
    }

    /**
     * A check about someone else refused the application: its read rolls back with it, so the attempt
     * is kept apart (inspectors look for applicants who probe the registry).
     */
    void refused(Reader reader, String personalId, String code) {
        accessLog.recordRefusal(reader.actor(), personalId, code);
    }

    /** The open permanent residence of a person, if they have one. */
    public static Optional<ResidenceView> permanent(PersonView person) {
        return person.residences().stream().filter(r -> r.type().equals(ResidenceType.PERMANENT.name()) && r.open()).findFirst();
    }

    /** A residence recorded under a commune dissolved in 2025 is handled by the commune that took it over. */
    public static String inForce(PersonFinder.UnitRef unit) {
        return unit.validTo() == null || unit.today().isEmpty() ? unit.code() : unit.today().getFirst().code();
    }

    static String address(ResidenceView r) {
        return r.formatted();
    }
}
