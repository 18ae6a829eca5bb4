package vn.dancu.registry;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.Text;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The public API of the population registry: the changes to the golden record. Each change
 * validates its input completely, checks the officer's jurisdiction, writes the new state and an
 * append-only history record in one transaction, or writes nothing.
 */
@Service
public class Registry {

    static final int MAX_SERIAL_ATTEMPTS = 50;

    private final PersonRepository persons;
    private final Units units;
    private final Access access;
    private final PersonRules rules;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final java.util.Random random;
    private final PopulationEvents population;
    private final PopulationProfiles profiles;

    /**
     * In demo mode the serial part of new numbers comes from a fixed seed, so that the demo
     * families have the same personal ID numbers on every fresh installation (the README lists
     * them); elsewhere serials are unpredictable.
     */
    Registry(PersonRepository persons, Units units, Access access, PersonRules rules,
             org.springframework.context.ApplicationEventPublisher events, PopulationEvents population,
             PopulationProfiles profiles, @org.springframework.beans.factory.annotation.Value("${dancu.demo}") boolean demo) {
        this.random = demo ? new java.util.Random(2026) : new SecureRandom();
        this.persons = persons;
        this.units = units;
        this.access = access;
        this.rules = rules;
        this.events = events;
        this.population = population;
        this.profiles = profiles;
    }

    /**
     * The statistical profile of a person (no name, no number), for the figures kept about them;
     * empty when the number names no one. Reading it is not a disclosure and is not logged.
     */
    public Optional<Demographics> demographics(String personalId) {
        return profiles.of(personalId);
    }

    // --- birth registration

    /** Registers a birth today and issues the child's personal ID number; returns that number. */
    @Transactional
    public String registerBirth(BirthRegistration command) {
        return registerBirth(command, units.today());
    }

    /**
     * Records a birth registered on an earlier date (migrating paper records, demo data): the
     * registration unit and the issuing code are those in force on {@code registeredOn}, so a
     * person registered in Hải Dương in 1990 gets a number starting with 030.
     */
    @Transactional
    public String registerBirth(BirthRegistration command, LocalDate registeredOn) {
        Staff staff = CurrentStaff.require();
        FieldErrors errors = new FieldErrors();
        BirthFields b = birthFields(command, registeredOn, errors);
        errors.throwIfAny();
        access.requireUnitInJurisdiction(staff, b.unit().id(), "birthRegistrationUnit");
        if (b.household() != null) {
            access.requireUnitInJurisdiction(staff, b.household().unitId(), "householdId");
        }
        String issuingCode = units.province(b.unit()).idIssuingCode();
        if (issuingCode == null) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NO_ISSUING_CODE",
                    "The province of " + b.unit().name() + " has no personal ID issuing code configured");
        }
        PersonalIdNumber number = issueNumber(issuingCode, Gender.valueOf(b.gender()), b.dateOfBirth().getYear());
        String relationship = b.household() == null ? null : relationshipToHead(b.household(), b.father(), b.mother());
        Person child = new Person(0, number.value(), b.fullName(), b.otherNames(), Gender.valueOf(b.gender()), b.dateOfBirth(),
                b.placeOfBirth(), b.unit().id(), b.placeOfOrigin(), b.ethnicity(), b.religion(), b.nationality(), b.bloodGroup(),
                "SINGLE", b.father() == null ? null : b.father().id(), b.mother() == null ? null : b.mother().id(), null, "ALIVE",
                null, null, null, null, null, b.household() == null ? null : b.household().id(), relationship, 0);
        PopulationEvents.Watch watch = population.watch(List.of(), b.household() == null ? List.of() : List.of(b.household().id()));
        long id = persons.insert(child);
        persons.appendChange(id, staff.username(), "BIRTH_REGISTERED", b.reason(),
                birthChanges(child, b.unit(), b.father(), b.mother()));
        watch.publish(List.of(id), List.of());
        events.publishEvent(RegistryEvent.of(RegistryEvent.BORN, number.value()));
        return number.value();
    }

    /**
     * What {@link #registerBirth} would refuse in the registration itself, without writing anything and
     * without the officer's jurisdiction: the field rules, the named parents and household. Procedures
     * check a birth with it when the application is lodged, so that an approval does not meet refusals
     * the applicant could have corrected. The caller that names parents has read them in its own access log.
     */
    @Transactional(readOnly = true)
    public List<ApiProblem.FieldProblem> checkBirth(BirthRegistration command) {
        FieldErrors errors = new FieldErrors();
        birthFields(command, units.today(), errors);
        return errors.problems();
    }

    private record BirthFields(String fullName, String gender, LocalDate dateOfBirth, String placeOfBirth, AdministrativeUnit unit,
                               String nationality, String ethnicity, String religion, String placeOfOrigin, String otherNames,
                               String bloodGroup, Person father, Person mother, Household household, String reason) {
    }

    /** The rules of a birth registration, each problem recorded in {@code errors}; the clean values. */
    private BirthFields birthFields(BirthRegistration command, LocalDate registeredOn, FieldErrors errors) {
        LocalDate today = units.today();
        String fullName = rules.name(errors, "fullName", command.fullName());
        String gender = errors.oneOf("gender", command.gender(), Set.of("MALE", "FEMALE"));
        LocalDate dob = errors.date("dateOfBirth", command.dateOfBirth());
        if (dob != null && dob.isAfter(today)) {
            errors.add("dateOfBirth", "IN_FUTURE", "The date of birth is after today");
        } else if (dob != null && dob.getYear() < 1900) {
            errors.add("dateOfBirth", "TOO_EARLY", "Personal ID numbers encode birth years from 1900");
        }
        String placeOfBirth = errors.text("placeOfBirth", command.placeOfBirth(), 300);
        AdministrativeUnit unit = rules.commune(errors, "birthRegistrationUnit", command.birthRegistrationUnit(), registeredOn);
        if (dob != null && !dob.isAfter(today) && (registeredOn.isBefore(dob) || registeredOn.isAfter(today))) {
            errors.add("registeredOn", "OUT_OF_RANGE", "A birth is registered between the birth and today");
        }
        String nationality = rules.nationality(errors, command.nationality());
        String ethnicity = rules.ethnicity(errors, command.ethnicity());
        String religion = errors.optionalText("religion", command.religion(), 100);
        String placeOfOrigin = errors.optionalText("placeOfOrigin", command.placeOfOrigin(), 300);
        String otherNames = errors.optionalText("otherNames", command.otherNames(), 200);
        String bloodGroup = rules.bloodGroup(errors, command.bloodGroup());
        Person father = parent(errors, "fatherPersonalId", command.fatherPersonalId(), Gender.MALE, dob);
        Person mother = parent(errors, "motherPersonalId", command.motherPersonalId(), Gender.FEMALE, dob);
        Household household = household(errors, command.householdId());
        String reason = reason(errors, command.reason(), LegalBasis.BIRTH);
        return new BirthFields(fullName, gender, dob, placeOfBirth, unit, nationality, ethnicity, religion, placeOfOrigin,
                otherNames, bloodGroup, father, mother, household, reason);
    }

    /** The 54 ethnic groups of Vietnam and the entry for foreign-born persons, as the registry writes them. */
    public static List<String> ethnicities() {
        return Ethnicities.NAMES;
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

    private static String relationshipToHead(Household household, Person father, Person mother) {
        Long head = household.headPersonId();
        boolean parentIsHead = head != null && ((father != null && head == father.id()) || (mother != null && head == mother.id()));
        return parentIsHead ? "CHILD" : "OTHER_RELATIVE";
    }

    private List<Change> birthChanges(Person p, AdministrativeUnit unit, Person father, Person mother) {
        List<Change> changes = new ArrayList<>();
        add(changes, "personalId", null, p.personalId());
        add(changes, "fullName", null, p.fullName());
        add(changes, "otherNames", null, p.otherNames());
        add(changes, "gender", null, p.gender().name());
        add(changes, "dateOfBirth", null, String.valueOf(p.dateOfBirth()));
        add(changes, "placeOfBirth", null, p.placeOfBirth());
        add(changes, "birthRegistrationUnit", null, unit.code() + " " + unit.name());
        add(changes, "placeOfOrigin", null, p.placeOfOrigin());
        add(changes, "ethnicity", null, p.ethnicity());
        add(changes, "religion", null, p.religion());
        add(changes, "nationality", null, p.nationality());
        add(changes, "bloodGroup", null, p.bloodGroup());
        add(changes, "father", null, father == null ? null : father.personalId());
        add(changes, "mother", null, mother == null ? null : mother.personalId());
        add(changes, "household", null, p.householdId() == null ? null : String.valueOf(p.householdId()));
        return changes;
    }

    // --- residence

    @Transactional
    public void registerResidence(String personalId, ResidenceRegistration command) {
        Staff staff = CurrentStaff.require();
        LocalDate today = units.today();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        String type = errors.oneOf("type", command.type(), ResidenceType.NAMES);
        LocalDate from = errors.date("from", command.from());
        LocalDate to = errors.optionalDate("to", command.to());
        String addressLine = errors.text("addressLine", command.addressLine(), 300);
        AdministrativeUnit unit = from == null ? null : rules.commune(errors, "unit", command.unit(), from);
        String reason = reason(errors, command.reason(), type == null ? LegalBasis.RESIDENCE : LegalBasis.residence(type));
        if (from != null && from.isAfter(today) && !"STAY_NOTIFICATION".equals(type) && !"TEMPORARY_ABSENCE".equals(type)) {
            errors.add("from", "IN_FUTURE", "Only a stay notification or a temporary absence may start in the future");
        }
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("to", "BEFORE_START", "to is before from");
        }
        if (to == null && ("STAY_NOTIFICATION".equals(type) || "TEMPORARY_ABSENCE".equals(type))) {
            errors.add("to", "REQUIRED", "A " + type.toLowerCase(Locale.ROOT).replace('_', ' ') + " needs an end date");
        }
        if ("TEMPORARY".equals(type) && from != null && to != null && to.isAfter(from.plusYears(2))) {
            errors.add("to", "TOO_LONG", "A temporary residence is registered for at most 2 years at a time");
        }
        errors.throwIfAny();
        // The officer of either end may register: where the person is known, or where they move to.
        if (!access.inJurisdiction(staff, person)) {
            access.requireUnitInJurisdiction(staff, unit.id(), "unit");
        }
        // Checked only now: an answer about the person must not reach someone who may not read them.
        if (from.isBefore(person.dateOfBirth())) {
            throw ApiProblem.invalidField("from", "BEFORE_BIRTH", "The residence starts before the person was born");
        }
        if ("TEMPORARY".equals(type) && to == null) {
            to = from.plusYears(2).minusDays(1); // a temporary registration lasts two years unless it says less
        }
        if (person.isDeceased()) {
            throw ApiProblem.conflict("PERSON_DECEASED", "The person died on " + person.dateOfDeath()
                    + "; residence cannot change after death");
        }
        PopulationEvents.Watch watch = population.watchPerson(person.id());
        List<Residence> existing = persons.residences(person.id());
        List<Change> changes = new ArrayList<>();
        if (closesPrevious(type)) {
            for (Residence open : existing) {
                if (open.type().equals(type) && (open.to() == null || !open.to().isBefore(from))) {
                    if (!open.from().isBefore(from)) {
                        throw ApiProblem.conflict("RESIDENCE_OVERLAP", "The current " + type.toLowerCase(Locale.ROOT)
                                + " residence started on " + open.from() + "; a new one must start later");
                    }
                    persons.closeResidence(open.id(), from.minusDays(1));
                    add(changes, "residence." + type + ".to", open.to() == null ? null : open.to().toString(), from.minusDays(1).toString());
                }
            }
        }
        persons.insertResidence(person.id(), type, unit.id(), addressLine, from, to);
        add(changes, "residence." + type, null, AddressText.of(addressLine, unit.name()) + " (" + unit.code() + "), " + from
                + (to == null ? "" : " – " + to));
        persons.touch(person);
        persons.appendChange(person.id(), staff.username(), "RESIDENCE_REGISTERED", reason, changes);
        watch.publish();
        events.publishEvent(RegistryEvent.of(RegistryEvent.RESIDENCE_CHANGED, person.personalId()));
    }

    /** A person has one permanent, one temporary and one current residence at a time. */
    private static boolean closesPrevious(String type) {
        return type.equals("PERMANENT") || type.equals("TEMPORARY") || type.equals("CURRENT");
    }

    /** Where the person lives now: the current residence, else the temporary one, else the permanent one. */
    static java.util.Optional<Residence> currentResidence(List<Residence> residences, LocalDate today) {
        for (String type : List.of("CURRENT", "TEMPORARY", "PERMANENT")) {
            for (Residence r : residences) {
                if (r.type().equals(type) && r.openOn(today)) {
                    return java.util.Optional.of(r);
                }
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Ends the open residence of a type on {@code date}. Unlike a registration it applies to the
     * deceased too: removing a dead person's permanent residence is what follows a death.
     */
    @Transactional
    public void removeResidence(String personalId, ResidenceRemoval command) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        String type = errors.oneOf("type", command.type(), ResidenceType.NAMES);
        LocalDate date = errors.date("date", command.date());
        String reason = reason(errors, command.reason(), LegalBasis.RESIDENCE_REMOVAL);
        if (date != null && date.isAfter(units.today())) {
            errors.add("date", "IN_FUTURE", "A residence is removed from today or an earlier day");
        }
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        Residence open = persons.residences(person.id()).stream()
                .filter(r -> r.type().equals(type) && (r.to() == null || !r.to().isBefore(date)))
                .findFirst()
                .orElseThrow(() -> ApiProblem.conflict("NO_OPEN_RESIDENCE", "The person has no " + type.toLowerCase(Locale.ROOT)
                        + " residence open on " + date));
        if (date.isBefore(open.from())) {
            throw ApiProblem.invalidField("date", "BEFORE_START", "The residence started on " + open.from());
        }
        PopulationEvents.Watch watch = population.watchPerson(person.id());
        persons.closeResidence(open.id(), date);
        persons.touch(person);
        persons.appendChange(person.id(), staff.username(), "RESIDENCE_REMOVED", reason, List.of(new Change(
                "residence." + type + ".to", open.to() == null ? null : open.to().toString(), date.toString())));
        watch.publish();
        events.publishEvent(RegistryEvent.of(RegistryEvent.RESIDENCE_CHANGED, person.personalId()));
    }

    // --- marriage

    static final int MIN_AGE_MAN = 20;
    static final int MIN_AGE_WOMAN = 18;

    /**
     * Registers a marriage (Luật Hôn nhân và gia đình 2014, Điều 8): a man of 20 and a woman of 18
     * or more, both alive, neither married, not parent and child nor siblings. Both records
     * change in one transaction, each with its own history entry.
     */
    @Transactional
    public void registerMarriage(String personalId, MarriageRecord command) {
        Staff staff = CurrentStaff.require();
        Person first = existing(personalId);
        FieldErrors errors = new FieldErrors();
        Person second = personField(errors, "spousePersonalId", command.spousePersonalId(), true);
        LocalDate date = errors.date("date", command.date());
        AdministrativeUnit unit = date == null ? null : rules.commune(errors, "registrationUnit", command.registrationUnit(), date);
        String reason = reason(errors, command.reason(), LegalBasis.MARRIAGE);
        if (date != null && date.isAfter(units.today())) {
            errors.add("date", "IN_FUTURE", "A marriage is registered on today or an earlier day");
        }
        if (second != null && second.id() == first.id()) {
            errors.add("spousePersonalId", "SAME_PERSON", "A person cannot marry themselves");
        }
        errors.throwIfAny();
        access.requireUnitInJurisdiction(staff, unit.id(), "registrationUnit");
        Person man = first.gender() == Gender.MALE ? first : second;
        Person woman = man == first ? second : first;
        if (man.gender() != Gender.MALE || woman.gender() != Gender.FEMALE) {
            throw ApiProblem.invalidField("spousePersonalId", "SAME_GENDER", "Vietnamese law registers the marriage of a man and a woman");
        }
        requireAge(man, MIN_AGE_MAN, date, personalId.equals(man.personalId()) ? "personalId" : "spousePersonalId");
        requireAge(woman, MIN_AGE_WOMAN, date, personalId.equals(woman.personalId()) ? "personalId" : "spousePersonalId");
        if (closeRelatives(man, woman)) {
            throw ApiProblem.conflict("CLOSE_RELATIVES", "Parents and children, and brothers and sisters, may not marry");
        }
        for (Person p : List.of(man, woman)) {
            requireAlive(p);
            if ("MARRIED".equals(p.maritalStatus())) {
                throw ApiProblem.conflict("ALREADY_MARRIED", "The person " + p.personalId() + " is married");
            }
        }
        PopulationEvents.Watch watch = population.watch(List.of(man.id(), woman.id()), List.of());
        marry(man, woman, unit, date, staff, reason);
        marry(woman, man, unit, date, staff, reason);
        watch.publish();
    }

    private void marry(Person person, Person spouse, AdministrativeUnit unit, LocalDate date, Staff staff, String reason) {
        persons.update(person, "marital_status = 'MARRIED', spouse_id = ?", spouse.id());
        persons.appendChange(person.id(), staff.username(), "MARRIAGE_REGISTERED", reason, List.of(
                new Change("maritalStatus", person.maritalStatus(), "MARRIED"),
                new Change("spouse", null, spouse.personalId()),
                new Change("marriage", null, date + ", " + unit.name() + " (" + unit.code() + ")")));
        events.publishEvent(RegistryEvent.of(RegistryEvent.MARRIED, person.personalId()));
    }

    private static void requireAge(Person person, int years, LocalDate on, String field) {
        if (person.dateOfBirth().plusYears(years).isAfter(on)) {
            throw ApiProblem.invalidField(field, "UNDER_AGE", "A " + (person.gender() == Gender.MALE ? "man" : "woman")
                    + " marries from the age of " + years);
        }
    }

    private static boolean closeRelatives(Person a, Person b) {
        boolean parentAndChild = Objects.equals(a.fatherId(), b.id()) || Objects.equals(a.motherId(), b.id())
                || Objects.equals(b.fatherId(), a.id()) || Objects.equals(b.motherId(), a.id());
        boolean siblings = (a.fatherId() != null && a.fatherId().equals(b.fatherId()))
                || (a.motherId() != null && a.motherId().equals(b.motherId()));
        return parentAndChild || siblings;
    }

    // --- death and disappearance

    @Transactional
    public void recordDeath(String personalId, DeathRecord command) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate date = errors.date("dateOfDeath", command.dateOfDeath());
        String place = errors.text("placeOfDeath", command.placeOfDeath(), 300);
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = reason(errors, command.reason(), LegalBasis.DEATH);
        if (date != null && date.isAfter(units.today())) {
            errors.add("dateOfDeath", "IN_FUTURE", "The date of death is after today");
        }
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        if (date.isBefore(person.dateOfBirth())) {
            throw ApiProblem.invalidField("dateOfDeath", "BEFORE_BIRTH", "The date of death is before the date of birth");
        }
        if (person.isDeceased()) {
            throw ApiProblem.conflict("PERSON_DECEASED", "The death of this person is already recorded (" + person.dateOfDeath() + ")");
        }
        PopulationEvents.Watch watch = population.watchPerson(person.id(), person.householdId());
        persons.update(person, "status = 'DECEASED', date_of_death = ?, place_of_death = ?, death_source_document = ?",
                date, place, source);
        List<Change> changes = new ArrayList<>();
        add(changes, "status", person.status(), "DECEASED");
        add(changes, "dateOfDeath", null, date.toString());
        add(changes, "placeOfDeath", null, place);
        add(changes, "deathSourceDocument", null, source);
        persons.appendChange(person.id(), staff.username(), "DEATH_REGISTERED", reason, changes);
        watch.publish();
        // Listeners run in this transaction: what depends on the person being alive ends with the death, or nothing is written.
        events.publishEvent(new PersonDied(person.personalId(), date));
        events.publishEvent(RegistryEvent.of(RegistryEvent.DIED, person.personalId()));
    }

    @Transactional
    public void recordMissing(String personalId, MissingRecord command) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate date = errors.date("dateMissing", command.dateMissing());
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = reason(errors, command.reason(), LegalBasis.MISSING);
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        if (date.isAfter(units.today()) || date.isBefore(person.dateOfBirth())) {
            throw ApiProblem.invalidField("dateMissing", "OUT_OF_RANGE", "The date must lie between birth and today");
        }
        if (!"ALIVE".equals(person.status())) {
            throw ApiProblem.conflict("PERSON_NOT_ALIVE", "The person is already recorded as " + person.status());
        }
        PopulationEvents.Watch watch = population.watchPerson(person.id());
        persons.update(person, "status = 'MISSING', date_missing = ?", date);
        List<Change> changes = new ArrayList<>();
        add(changes, "status", person.status(), "MISSING");
        add(changes, "dateMissing", null, date.toString());
        add(changes, "missingSourceDocument", null, source);
        persons.appendChange(person.id(), staff.username(), "DECLARED_MISSING", reason, changes);
        watch.publish();
        events.publishEvent(RegistryEvent.of(RegistryEvent.MISSING, person.personalId()));
    }

    // --- old 9-digit numbers

    @Transactional
    public void linkLegacyId(String personalId, String number, String reasonText) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        if (number == null || !number.strip().matches("[0-9]{9}")) {
            errors.add("number", "INVALID_FORMAT", "An old ID card (CMND) number has exactly 9 digits");
        }
        String reason = reason(errors, reasonText, LegalBasis.LEGACY_ID);
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        String cmnd = number.strip();
        if (!persons.linkLegacyId(cmnd, person.id())) {
            throw ApiProblem.conflict("LEGACY_ID_TAKEN", "The old number " + cmnd + " is already linked to a person");
        }
        persons.touch(person);
        persons.appendChange(person.id(), staff.username(), "LEGACY_ID_LINKED", reason, List.of(new Change("legacyId", null, cmnd)));
        events.publishEvent(RegistryEvent.of(RegistryEvent.LEGACY_ID_LINKED, person.personalId()));
    }

    // --- identity cards

    @Transactional
    public Card issueCard(String personalId, CardIssue command) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate issued = errors.date("issueDate", command.issueDate());
        String authority = errors.text("issuingAuthority", command.issuingAuthority(), 200);
        String reason = reason(errors, command.reason(), LegalBasis.CARD);
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        if (issued.isAfter(units.today()) || issued.isBefore(person.dateOfBirth())) {
            throw ApiProblem.invalidField("issueDate", "OUT_OF_RANGE", "The issue date must lie between birth and today");
        }
        boolean olderThanCurrent = persons.cards(person.id()).stream()
                .anyMatch(c -> "ACTIVE".equals(c.status()) && !c.issueDate().isBefore(issued));
        if (olderThanCurrent) {
            throw ApiProblem.invalidField("issueDate", "NOT_AFTER_CURRENT_CARD",
                    "A new card is issued after the card in use; earlier cards are not recorded here");
        }
        if (!"ALIVE".equals(person.status())) {
            throw ApiProblem.conflict("PERSON_NOT_ALIVE", "Cards are issued to living persons only");
        }
        LocalDate expiry = CardValidityPolicy.expiry(person.dateOfBirth(), issued).orElse(null);
        PopulationEvents.Watch watch = population.watchPerson(person.id());
        persons.replaceActiveCards(person.id());
        long id = persons.insertCard(person.id(), person.personalId(), issued, expiry, authority);
        persons.touch(person);
        persons.appendChange(person.id(), staff.username(), "CARD_ISSUED", reason, List.of(
                new Change("card.issueDate", null, issued.toString()),
                new Change("card.expiryDate", null, expiry == null ? "không thời hạn" : expiry.toString()),
                new Change("card.issuingAuthority", null, authority)));
        watch.publish();
        events.publishEvent(RegistryEvent.of(RegistryEvent.CARD_ISSUED, person.personalId()));
        return new Card(id, person.personalId(), issued, expiry, authority, "ACTIVE");
    }

    // --- name

    @Transactional
    public void changeName(String personalId, NameChange command) {
        Staff staff = CurrentStaff.require();
        Person person = existing(personalId);
        FieldErrors errors = new FieldErrors();
        String fullName = rules.name(errors, "fullName", command.fullName());
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = reason(errors, command.reason(), LegalBasis.NAME);
        errors.throwIfAny();
        access.requireJurisdiction(staff, person);
        requireAlive(person);
        if (fullName.equals(person.fullName())) {
            throw ApiProblem.invalidField("fullName", "UNCHANGED", "The new name is the current name");
        }
        persons.update(person, "full_name = ?, name_search = ?", fullName, Text.searchKey(fullName));
        persons.appendChange(person.id(), staff.username(), "NAME_CHANGED", reason, List.of(
                new Change("fullName", person.fullName(), fullName), new Change("nameSourceDocument", null, source)));
        events.publishEvent(RegistryEvent.of(RegistryEvent.NAME_CHANGED, person.personalId()));
    }

    // --- integrated documents

    /**
     * Records (or updates, for the same kind and number) a sector document pushed by the agency
     * {@code source}. The caller has checked that the source owns documents of this kind; the
     * registry checks the document itself and keeps its history.
     */
    @Transactional
    public Document recordDocument(String personalId, DocumentRecord command, String source) {
        FieldErrors errors = new FieldErrors();
        Person person = personField(errors, "personalId", personalId, true);
        String kind = errors.oneOf("kind", command.kind(), DocumentKind.NAMES);
        String number = errors.text("number", command.number(), 60);
        LocalDate from = errors.optionalDate("validFrom", command.validFrom());
        LocalDate to = errors.optionalDate("validTo", command.validTo());
        if (from != null && to != null && to.isBefore(from)) {
            errors.add("validTo", "BEFORE_VALID_FROM", "validTo is before validFrom");
        }
        java.util.Map<String, String> details = command.details() == null ? java.util.Map.of() : command.details();
        if (details.size() > 20 || details.entrySet().stream().anyMatch(e -> e.getKey() == null || e.getKey().length() > 50
                || e.getValue() == null || e.getValue().length() > 300)) {
            errors.add("details", "TOO_LARGE", "details holds at most 20 entries, keys of 50 and values of 300 characters");
        }
        errors.throwIfAny();
        Optional<Document> before = persons.document(person.id(), kind, number.strip());
        Document document = persons.saveDocument(person.id(), kind, number.strip(), source, from, to, details);
        persons.touch(person);
        persons.appendChange(person.id(), source, before.isPresent() ? "DOCUMENT_UPDATED" : "DOCUMENT_RECORDED",
                LegalBasis.DOCUMENT, List.of(new Change("document." + kind,
                        before.map(d -> d.number() + " " + d.validFrom() + "/" + d.validTo()).orElse(null),
                        document.number() + " " + document.validFrom() + "/" + document.validTo())));
        events.publishEvent(RegistryEvent.of(RegistryEvent.DOCUMENT_RECORDED, person.personalId()));
        return document;
    }

    // --- households

    @Transactional
    public long createHousehold(HouseholdCreation command) {
        Staff staff = CurrentStaff.require();
        FieldErrors errors = new FieldErrors();
        String addressLine = errors.text("addressLine", command.addressLine(), 300);
        AdministrativeUnit unit = rules.commune(errors, "unit", command.unit(), units.today());
        String reason = reason(errors, command.reason(), LegalBasis.HOUSEHOLD);
        Person head = personField(errors, "headPersonalId", command.headPersonalId(), true);
        errors.throwIfAny();
        access.requireUnitInJurisdiction(staff, unit.id(), "unit");
        access.requireJurisdiction(staff, head);
        requireAlive(head);
        leaveHousehold(head);
        PopulationEvents.Watch watch = population.watch(List.of(), Collections.singletonList(head.householdId()));
        long householdId = persons.insertHousehold(head.id(), unit.id(), addressLine);
        persons.update(head, "household_id = ?, relationship_to_head = 'HEAD'", householdId);
        persons.appendChange(head.id(), staff.username(), "HOUSEHOLD_CHANGED", reason, List.of(
                new Change("household", head.householdId() == null ? null : String.valueOf(head.householdId()), String.valueOf(householdId)),
                new Change("relationshipToHead", head.relationshipToHead(), "HEAD")));
        watch.publish(List.of(), List.of(householdId));
        events.publishEvent(new RegistryEvent(RegistryEvent.HOUSEHOLD_CHANGED, head.personalId(), householdId));
        return householdId;
    }

    @Transactional
    public void addHouseholdMember(long householdId, HouseholdMembership command) {
        Staff staff = CurrentStaff.require();
        Household household = persons.household(householdId)
                .orElseThrow(() -> ApiProblem.notFound("HOUSEHOLD_NOT_FOUND", "No household " + householdId));
        FieldErrors errors = new FieldErrors();
        Person person = personField(errors, "personalId", command.personalId(), true);
        String relationship = errors.oneOf("relationship", command.relationship(), Relationship.NAMES);
        if ("HEAD".equals(relationship)) {
            errors.add("relationship", "NOT_ALLOWED", "A household has one head; create a new household to change it");
        }
        String reason = reason(errors, command.reason(), LegalBasis.HOUSEHOLD);
        errors.throwIfAny();
        access.requireUnitInJurisdiction(staff, household.unitId(), "household");
        access.requireJurisdiction(staff, person);
        // Locks both households in id order before anything else locks one of them; reads their sizes before the change.
        PopulationEvents.Watch watch = population.watch(List.of(), java.util.Arrays.asList(person.householdId(), householdId));
        persons.lockHouseholdAndCountMembers(householdId); // a head leaving meanwhile would orphan the new member
        requireAlive(person);
        if (Objects.equals(person.householdId(), householdId)) {
            throw ApiProblem.conflict("ALREADY_MEMBER", "The person is already a member of this household");
        }
        leaveHousehold(person);
        persons.update(person, "household_id = ?, relationship_to_head = ?", householdId, relationship);
        persons.appendChange(person.id(), staff.username(), "HOUSEHOLD_CHANGED", reason, List.of(
                new Change("household", person.householdId() == null ? null : String.valueOf(person.householdId()), String.valueOf(householdId)),
                new Change("relationshipToHead", person.relationshipToHead(), relationship)));
        watch.publish();
        events.publishEvent(new RegistryEvent(RegistryEvent.HOUSEHOLD_CHANGED, person.personalId(), householdId));
    }

    /** A head cannot walk away from a household that still has other members. */
    private void leaveHousehold(Person person) {
        if ("HEAD".equals(person.relationshipToHead()) && person.householdId() != null
                && persons.lockHouseholdAndCountMembers(person.householdId()) > 1) {
            throw ApiProblem.conflict("HEAD_HAS_MEMBERS",
                    "The person heads a household with other members; name a new head for it first");
        }
    }

    // --- shared validation

    Person existing(String personalId) {
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            throw ApiProblem.badRequest("INVALID_PERSONAL_ID", "A personal ID number has exactly 12 digits");
        }
        return persons.findByPersonalId(personalId)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "No person has the personal ID number " + personalId));
    }

    private static void requireAlive(Person person) {
        if (person.isDeceased()) {
            throw ApiProblem.conflict("PERSON_DECEASED", "The person " + person.personalId() + " is deceased");
        }
    }

    private Person parent(FieldErrors errors, String field, String personalId, Gender gender, LocalDate childBirth) {
        Person parent = personField(errors, field, personalId, false);
        if (parent == null) {
            return null;
        }
        if (parent.gender() != gender) {
            errors.add(field, "WRONG_GENDER", field + " must name a " + gender.name().toLowerCase(Locale.ROOT) + " person");
        }
        if (childBirth != null && !parent.dateOfBirth().isBefore(childBirth)) {
            errors.add(field, "BORN_AFTER_CHILD", "The parent was born on or after the child's date of birth");
        }
        if (childBirth != null && parent.dateOfDeath() != null && parent.dateOfDeath().isBefore(childBirth.minusMonths(10))) {
            errors.add(field, "DEAD_BEFORE_BIRTH", "The parent died long before the child's birth");
        }
        return parent;
    }

    private Person personField(FieldErrors errors, String field, String personalId, boolean required) {
        if (personalId == null || personalId.isBlank()) {
            if (required) {
                errors.add(field, "REQUIRED", field + " is required");
            }
            return null;
        }
        String value = personalId.strip();
        if (!PersonalIdNumber.isWellFormed(value)) {
            errors.add(field, "INVALID_PERSONAL_ID", "A personal ID number has exactly 12 digits");
            return null;
        }
        return persons.findByPersonalId(value).orElseGet(() -> {
            errors.add(field, "PERSON_NOT_FOUND", "No person has this personal ID number");
            return null;
        });
    }

    private Household household(FieldErrors errors, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return persons.household(Long.parseLong(value.strip())).orElseGet(() -> {
                errors.add("householdId", "HOUSEHOLD_NOT_FOUND", "No household has this id");
                return null;
            });
        } catch (NumberFormatException e) {
            errors.add("householdId", "INVALID_FORMAT", "householdId is a number");
            return null;
        }
    }

    private static String reason(FieldErrors errors, String value, String defaultBasis) {
        String given = errors.optionalText("reason", value, 500);
        return given == null ? defaultBasis : given;
    }

    private static void add(List<Change> changes, String field, String from, String to) {
        if (!Objects.equals(from, to)) {
            changes.add(new Change(field, from, to));
        }
    }
}
