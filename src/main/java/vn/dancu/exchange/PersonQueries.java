package vn.dancu.exchange;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.Document;
import vn.dancu.registry.PersonFinder;
import vn.dancu.registry.PersonalIdNumber;

/**
 * {@code POST /api/v1/exchange/persons/query}: the fields of the requested products, as the
 * member's policy allows (agencies) or the person consented (businesses). Each field comes with
 * its source and when it last changed, so the member knows what it can rely on.
 */
@Service
class PersonQueries {

    static final String REGISTRY_SOURCE = "CSDLQGDC";

    record Request(String personalId, List<String> products, String purpose, String purposeDetail, String caseRef) {
    }

    record Field(Object value, String source, Instant updatedAt) {
    }

    record Answer(String personalId, Map<String, Field> fields, int fieldsCharged) {
    }

    private final PersonFinder finder;
    private final Products products;
    private final DataConsents consents;
    private final Metering metering;
    private final Policies policies;

    PersonQueries(PersonFinder finder, Products products, DataConsents consents, Metering metering, Policies policies) {
        this.finder = finder;
        this.products = products;
        this.consents = consents;
        this.metering = metering;
        this.policies = policies;
    }

    @Transactional
    public Answer query(Members.Caller caller, Request r) {
        FieldErrors errors = new FieldErrors();
        String purpose = Verification.purpose(errors, r.purpose(), r.purposeDetail(), r.caseRef(), caller.policy(), policies.purposeCodes());
        String personalId = r.personalId() == null ? null : Matching.digits(r.personalId());
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            errors.add("personalId", "INVALID_PERSONAL_ID", PersonalIdNumber.MALFORMED);
        }
        List<String> wanted = r.products() == null ? List.of() : List.copyOf(new LinkedHashSet<>(r.products().stream()
                .filter(Objects::nonNull).map(String::strip).toList()));
        if (wanted.isEmpty()) {
            errors.add("products", "REQUIRED", "Name the products you need, of " + caller.policy().products());
        }
        wanted.stream().filter(p -> !products.codes().contains(p) || Verification.PRODUCT.equals(p) || Products.AGGREGATE.contains(p))
                .forEach(p -> errors.add("products", "UNKNOWN_PRODUCT", p + " is not a product that returns data"));
        errors.throwIfAny();
        policies.requirePurpose(caller, purpose);
        wanted.forEach(p -> policies.requireProduct(caller, p));
        consents.require(caller, personalId, wanted, purpose);
        metering.admit(caller);
        try {
            return answer(caller, r, personalId, wanted, purpose);
        } catch (RuntimeException e) {
            metering.release(caller);
            throw e;
        }
    }

    private Answer answer(Members.Caller caller, Request r, String personalId, List<String> wanted, String purpose) {
        List<String> fields = products.fields(wanted, metering.today());
        PersonFinder.ProvenancedRead read = finder.readWithProvenance(personalId,
                        Verification.requester(caller, purpose, r.purposeDetail(), r.caseRef(), AccessLog.Channel.API), fields)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "No person has this personal ID number"));
        Map<String, Field> answer = new LinkedHashMap<>();
        for (String field : fields) {
            answer.put(field, field(field, read));
        }
        int returned = (int) answer.values().stream().filter(f -> f.value() != null).count();
        List<Metering.Charge> charges = new ArrayList<>();
        for (String product : wanted) {
            int count = (int) products.on(product, metering.today()).fields().stream()
                    .filter(f -> answer.get(f) != null && answer.get(f).value() != null).count();
            // One call per answer: the first product's line counts it, the others only their fields.
            charges.add(new Metering.Charge(caller.member().id(), "QUERY", product, charges.isEmpty() ? 1 : 0, count, purpose,
                    r.caseRef()));
        }
        metering.record(charges);
        return new Answer(read.person().personalId(), answer, returned);
    }

    private static Field field(String name, PersonFinder.ProvenancedRead read) {
        PersonFinder.PersonView p = read.person();
        Object value = switch (name) {
            case "personalId" -> p.personalId();
            case "fullName" -> p.fullName();
            case "otherNames" -> p.otherNames();
            case "gender" -> p.gender();
            case "dateOfBirth" -> p.dateOfBirth();
            case "placeOfBirth" -> p.placeOfBirth();
            case "placeOfOrigin" -> p.placeOfOrigin();
            case "ethnicity" -> p.ethnicity();
            case "religion" -> p.religion();
            case "nationality" -> p.nationality();
            case "currentResidence" -> p.currentResidence();
            case "residences" -> p.residences();
            case "household" -> p.household();
            case "relationshipToHead" -> p.relationshipToHead();
            case "maritalStatus" -> p.maritalStatus();
            case "status" -> p.status();
            case "dateOfDeath" -> p.dateOfDeath();
            case "placeOfDeath" -> p.placeOfDeath();
            case "dateMissing" -> p.dateMissing();
            case "parents" -> p.father() == null && p.mother() == null ? null : parents(p);
            case "spouse" -> p.spouse();
            case "cards" -> p.cards();
            case "legacyIds" -> p.legacyIds().isEmpty() ? null : p.legacyIds();
            case "documents" -> read.documents().isEmpty() ? null : read.documents();
            default -> throw new IllegalStateException("No value for the product field " + name);
        };
        String source = "documents".equals(name) && value != null
                ? String.join(",", read.documents().stream().map(Document::source).distinct().toList())
                : REGISTRY_SOURCE;
        return new Field(value, source, updatedAt(name, read.lastChanged()));
    }

    private static Map<String, PersonFinder.PersonRef> parents(PersonFinder.PersonView p) {
        Map<String, PersonFinder.PersonRef> parents = new LinkedHashMap<>();
        parents.put("father", p.father());
        parents.put("mother", p.mother());
        return parents;
    }

    /** The history names changes by field; a few product fields gather several of its names. */
    static Instant updatedAt(String field, Map<String, Instant> changed) {
        List<String> prefixes = switch (field) {
            case "currentResidence", "residences" -> List.of("residence");
            case "cards" -> List.of("card.");
            case "legacyIds" -> List.of("legacyId");
            case "parents" -> List.of("father", "mother");
            case "documents" -> List.of("document.");
            case "household", "relationshipToHead" -> List.of("household", "relationshipToHead");
            default -> List.of(field);
        };
        Instant latest = null;
        for (Map.Entry<String, Instant> e : changed.entrySet()) {
            boolean hit = prefixes.stream().anyMatch(prefix -> prefix.endsWith(".") ? e.getKey().startsWith(prefix)
                    : e.getKey().equals(prefix) || e.getKey().startsWith(prefix + "."));
            if (hit && (latest == null || e.getValue().isAfter(latest))) {
                latest = e.getValue();
            }
        }
        // A field never changed since the record was made carries the record's first time.
        return latest != null ? latest : changed.values().stream().min(Instant::compareTo).orElse(null);
    }
}
