package vn.dancu.registry;

import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** Registering a birth (Luật Hộ tịch 2014, Điều 13-17): the child's record and personal ID number. */
@Component
class RegisteringBirth {

    static final int MAX_SERIAL_ATTEMPTS = 50;

    private final RegistryWrite write;
    private final PersonRepository persons;
    private final PersonRules rules;
    private final Units units;
    private final Random random;

    /**
     * In demo mode the serial part of new numbers comes from a fixed seed, so that the demo
     * families have the same personal ID numbers on every fresh installation (the README lists
     * them); elsewhere serials are unpredictable.
     */
    RegisteringBirth(RegistryWrite write, PersonRepository persons, PersonRules rules, Units units,
                     @Value("${dancu.demo}") boolean demo) {
        this.write = write;
        this.persons = persons;
        this.rules = rules;
        this.units = units;
        this.random = demo ? new Random(2026) : new SecureRandom();
    }

    /** The birth as registered: every field parsed and checked. */
    private record Birth(String fullName, Gender gender, LocalDate dateOfBirth, String placeOfBirth, AdministrativeUnit unit,
                         String nationality, String ethnicity, String religion, String placeOfOrigin, String otherNames,
                         String bloodGroup, Person father, Person mother, Household household, String reason) {
    }

    /** Registers the birth on {@code registeredOn} (today, or earlier for records migrated from paper); the new number. */
    @Transactional
    public String register(BirthRegistration command, LocalDate registeredOn) {
        Staff staff = write.officer();
        FieldErrors errors = new FieldErrors();
        Birth b = parse(command, registeredOn, errors);
        errors.throwIfAny();
        write.requireUnit(staff, b.unit().id(), "birthRegistrationUnit");
        if (b.household() != null) {
            write.requireUnit(staff, b.household().unitId(), "householdId");
        }
        String issuingCode = units.province(b.unit()).idIssuingCode();
        if (issuingCode == null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NO_ISSUING_CODE",
                    "The province of " + b.unit().name() + " has no personal ID issuing code configured");
        }
        PersonalIdNumber number = issueNumber(issuingCode, b.gender(), b.dateOfBirth().getYear());
        Relationship relationship = b.household() == null ? null
                : HouseholdPolicy.newbornRelationship(b.household(), b.father(), b.mother());
        Person child = new Person(0, number.value(), b.fullName(), b.otherNames(), b.gender(), b.dateOfBirth(),
                b.placeOfBirth(), b.unit().id(), b.placeOfOrigin(), b.ethnicity(), b.religion(), b.nationality(), b.bloodGroup(),
                MaritalStatus.SINGLE, b.father() == null ? null : b.father().id(), b.mother() == null ? null : b.mother().id(),
                null, PersonStatus.ALIVE, null, null, null, null, null, b.household() == null ? null : b.household().id(),
                relationship, 0);
        PopulationEvents.Watch watch = write.watch(List.of(), b.household() == null ? List.of() : List.of(b.household().id()));
        long id = persons.insert(child);
        watch.include(List.of(id), List.of());
        write.finish(id, staff.username(), "BIRTH_REGISTERED", b.reason(), changes(child, b), watch,
                new RegistryEvent.Born(number.value()));
        return number.value();
    }

    /** What {@link #register} would refuse in the registration itself, without writing and without jurisdiction. */
    @Transactional(readOnly = true)
    public List<ApiProblem.FieldProblem> check(BirthRegistration command) {
        FieldErrors errors = new FieldErrors();
        parse(command, units.today(), errors);
        return errors.problems();
    }

    /** Every field of the registration, each problem recorded in {@code errors}; the clean values. */
    private Birth parse(BirthRegistration command, LocalDate registeredOn, FieldErrors errors) {
        LocalDate today = units.today();
        String fullName = rules.name(errors, "fullName", command.fullName());
        Gender gender = errors.oneOf("gender", command.gender(), Gender.class);
        LocalDate dob = errors.date("dateOfBirth", command.dateOfBirth());
        if (dob != null) {
            BirthPolicy.dateOfBirth(dob, today).ifPresent(r -> r.addTo(errors));
        }
        String placeOfBirth = errors.text("placeOfBirth", command.placeOfBirth(), 300);
        AdministrativeUnit unit = rules.commune(errors, "birthRegistrationUnit", command.birthRegistrationUnit(), registeredOn);
        if (dob != null) {
            BirthPolicy.registeredOn(dob, registeredOn, today).ifPresent(r -> r.addTo(errors));
        }
        String nationality = rules.nationality(errors, command.nationality());
        String ethnicity = rules.ethnicity(errors, command.ethnicity());
        String religion = errors.optionalText("religion", command.religion(), 100);
        String placeOfOrigin = errors.optionalText("placeOfOrigin", command.placeOfOrigin(), 300);
        String otherNames = errors.optionalText("otherNames", command.otherNames(), 200);
        String bloodGroup = rules.bloodGroup(errors, command.bloodGroup());
        Person father = parent(errors, "fatherPersonalId", command.fatherPersonalId(), Gender.MALE, dob);
        Person mother = parent(errors, "motherPersonalId", command.motherPersonalId(), Gender.FEMALE, dob);
        Household household = write.household(errors, command.householdId());
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.BIRTH);
        return new Birth(fullName, gender, dob, placeOfBirth, unit, nationality, ethnicity, religion, placeOfOrigin,
                otherNames, bloodGroup, father, mother, household, reason);
    }

    private Person parent(FieldErrors errors, String field, String personalId, Gender gender, LocalDate childBirth) {
        Person parent = write.person(errors, field, personalId, false);
        if (parent != null) {
            BirthPolicy.parent(field, parent, gender, childBirth).forEach(r -> r.addTo(errors));
        }
        return parent;
    }

    private PersonalIdNumber issueNumber(String issuingCode, Gender gender, int year) {
        for (int attempt = 0; attempt < MAX_SERIAL_ATTEMPTS; attempt++) {
            PersonalIdNumber candidate = PersonalIdNumber.compose(issuingCode, gender, year, random.nextInt(1_000_000));
            if (persons.claimNumber(candidate.value())) {
                return candidate;
            }
        }
        throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "NUMBER_SPACE_EXHAUSTED",
                "No free personal ID number was found for this prefix; the prefix is nearly full");
    }

    private static List<Change> changes(Person p, Birth b) {
        return new Changes()
                .add("personalId", null, p.personalId())
                .add("fullName", null, p.fullName())
                .add("otherNames", null, p.otherNames())
                .add("gender", null, p.gender().name())
                .add("dateOfBirth", null, String.valueOf(p.dateOfBirth()))
                .add("placeOfBirth", null, p.placeOfBirth())
                .add("birthRegistrationUnit", null, b.unit().code() + " " + b.unit().name())
                .add("placeOfOrigin", null, p.placeOfOrigin())
                .add("ethnicity", null, p.ethnicity())
                .add("religion", null, p.religion())
                .add("nationality", null, p.nationality())
                .add("bloodGroup", null, p.bloodGroup())
                .add("father", null, b.father() == null ? null : b.father().personalId())
                .add("mother", null, b.mother() == null ? null : b.mother().personalId())
                .add("household", null, p.householdId() == null ? null : String.valueOf(p.householdId()))
                .list();
    }
}
