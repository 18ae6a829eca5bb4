package vn.dancu.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.ReadSource;
import vn.dancu.platform.Text;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The public API for reading the registry. Every read checks the reader's role and jurisdiction
 * and writes the access-log record in the same transaction as the read.
 */
@Service
public class PersonFinder {

    static final List<String> PERSON_FIELDS = List.of("personalId", "fullName", "otherNames", "gender", "dateOfBirth",
            "placeOfBirth", "birthRegistrationUnit", "placeOfOrigin", "ethnicity", "religion", "nationality", "bloodGroup",
            "maritalStatus", "status", "dateOfDeath", "placeOfDeath", "dateMissing", "parents", "legacyIds", "residences",
            "household", "cards", "phone", "email");
    static final List<String> SUMMARY_FIELDS = List.of("personalId", "fullName", "gender", "dateOfBirth", "status", "residence");
    static final List<String> HISTORY_FIELDS = List.of("history");
    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_PAGE = 1_000;

    /** A unit as recorded, with the unit in force today when it has been dissolved since. */
    public record UnitRef(String code, String level, String name, LocalDate validTo, List<UnitRef> today) {
    }

    public record PersonRef(String personalId, String fullName) {
    }

    public record ResidenceView(String type, UnitRef unit, UnitRef province, String addressLine, LocalDate from, LocalDate to,
                                boolean open) {

        /** The line, the commune and the province, each once. */
        public String formatted() {
            return AddressText.of(addressLine, unit == null ? null : unit.name(), province == null ? null : province.name());
        }
    }

    public record HouseholdView(long id, UnitRef unit, String addressLine, String headPersonalId,
                                List<HouseholdMember> members) {

        /** The line and the commune, each once. */
        public String formatted() {
            return AddressText.of(addressLine, unit == null ? null : unit.name());
        }
    }

    public record PersonView(String personalId, String fullName, String otherNames, String gender, LocalDate dateOfBirth,
                             String placeOfBirth, UnitRef birthRegistrationUnit, String placeOfOrigin, String ethnicity,
                             String religion, String nationality, String bloodGroup, String maritalStatus, String status,
                             LocalDate dateOfDeath, String placeOfDeath, LocalDate dateMissing, PersonRef father,
                             PersonRef mother, PersonRef spouse, List<String> legacyIds, ResidenceView currentResidence,
                             List<ResidenceView> residences, HouseholdView household, String relationshipToHead,
                             List<Card> cards, String phone, String email) {
    }

    public record PersonSummary(String personalId, String fullName, String gender, LocalDate dateOfBirth, String status,
                                UnitRef residence) {
    }

    public record SearchPage(List<PersonSummary> items, int page, int size, boolean hasMore) {
    }

    private final PersonRepository persons;
    private final Access access;
    private final Units units;
    private final AccessLog accessLog;
    private final ReadSource reads;

    PersonFinder(PersonRepository persons, Access access, Units units, AccessLog accessLog, ReadSource reads) {
        this.persons = persons;
        this.access = access;
        this.units = units;
        this.accessLog = accessLog;
        this.reads = reads;
    }

    /**
     * Who reads outside the staff rules: the person themselves, or the platform on behalf of a
     * relying party or a check. {@code actor} names them in the access log.
     */
    public record Requester(AccessLog.ActorType type, String actor, String purpose, AccessLog.Channel channel,
                            String caseRef, String purposeCode) {

        public Requester(AccessLog.ActorType type, String actor, String purpose, AccessLog.Channel channel) {
            this(type, actor, purpose, channel, null, null);
        }
    }

    /** A read by a member with what it needs to state where each value comes from and when it last changed. */
    public record ProvenancedRead(PersonView person, List<Document> documents, Map<String, Instant> lastChanged) {
    }

    /**
     * One number to check (12-digit, or an old 9-digit number) and the fields the check compares, for the access log.
     * The read fetches what the fields name and no more: the current address only with {@code address}, the active
     * card only with {@code cardValidity} or {@code cardNumber} (without them the facts have neither).
     */
    public record FactsQuery(String number, Requester requester, List<String> fields) {
    }

    /** The address as registered: the line and every name its commune and province go by, before and after 2025. */
    public record Address(String line, List<String> communeNames, List<String> provinceNames) {
    }

    /** What a check compares, with nothing more: it leaves the platform only as yes/no answers or differences. */
    public record Facts(String personalId, String fullName, LocalDate dateOfBirth, String gender, String status,
                        Address currentAddress, Card activeCard, boolean cardValid) {

        public boolean alive() {
            return PersonStatus.ALIVE.name().equals(status);
        }
    }

    /**
     * A read that is not a staff member's: no jurisdiction applies, and the caller names the
     * fields it actually uses, which is what the access log records for the person (and the
     * names of relatives, when those fields are among them).
     */
    @Transactional
    public Optional<PersonView> readFor(String personalId, Requester requester, List<String> fields) {
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            return Optional.empty();
        }
        Optional<PersonRepository.PersonRecord> record = persons.findRecord(personalId);
        if (record.isEmpty()) {
            return Optional.empty();
        }
        PersonView view = view(record.get());
        List<AccessLog.Entry> entries = new java.util.ArrayList<>();
        entries.add(entry(requester, personalId, fields));
        if (fields.contains("parents") || fields.contains("household")) {
            related(view).forEach(id -> entries.add(entry(requester, id, List.of("personalId", "fullName"))));
        }
        accessLog.recordAll(entries);
        return Optional.of(view);
    }

    /**
     * The children a parent already has in the registry under this name and date of birth: a new birth
     * registration for such a child is most likely the same child again, or a twin given the same name.
     * Each child found is a read of their name and date of birth, in the access log of this transaction;
     * a parent with no such child discloses nothing about anyone.
     */
    @Transactional
    public List<PersonRef> childrenNamed(String parentPersonalId, String fullName, LocalDate dateOfBirth, Requester requester) {
        if (!PersonalIdNumber.isWellFormed(parentPersonalId) || fullName == null || fullName.isBlank() || dateOfBirth == null) {
            return List.of();
        }
        Optional<Person> parent = persons.findByPersonalId(parentPersonalId);
        if (parent.isEmpty()) {
            return List.of();
        }
        List<PersonRef> children = persons.childrenNamed(parent.get().id(), Text.searchKey(fullName), dateOfBirth);
        accessLog.recordAll(children.stream()
                .map(c -> entry(requester, c.personalId(), List.of("personalId", "fullName", "dateOfBirth", "parents"))).toList());
        return children;
    }

    /** {@link #readFor}, with the person's integrated documents and when each field last changed. */
    @Transactional
    public Optional<ProvenancedRead> readWithProvenance(String personalId, Requester requester, List<String> fields) {
        return readFor(personalId, requester, fields).map(view -> {
            long id = persons.findByPersonalId(personalId).orElseThrow().id();
            return new ProvenancedRead(view, fields.contains("documents") ? persons.documents(id) : List.of(),
                    persons.lastChanges(id));
        });
    }

    /**
     * Many checks in one statement, each found person's read written to the access log in the
     * caller's transaction. Keys of the answer are the numbers asked for; a number nobody has is absent.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public Map<String, Facts> facts(List<FactsQuery> queries) {
        java.util.Set<String> personalIds = new java.util.HashSet<>();
        java.util.Set<String> legacyIds = new java.util.HashSet<>();
        boolean residences = false;
        boolean cards = false;
        for (FactsQuery q : queries) {
            (LegacyIdNumber.isWellFormed(q.number()) ? legacyIds : personalIds).add(q.number());
            residences |= q.fields().contains("address");
            cards |= q.fields().contains("cardValidity") || q.fields().contains("cardNumber");
        }
        LocalDate today = units.today();
        Map<String, Facts> byNumber = new java.util.HashMap<>();
        for (PersonRepository.FactsRow row : persons.facts(personalIds, legacyIds, today, residences, cards)) {
            Facts facts = facts(row, today);
            byNumber.put(row.personalId(), facts);
            row.legacyIds().forEach(l -> byNumber.put(l, facts));
        }
        List<AccessLog.Entry> entries = new java.util.ArrayList<>(queries.size());
        for (FactsQuery q : queries) {
            Facts found = byNumber.get(q.number());
            if (found != null) {
                entries.add(entry(q.requester(), found.personalId(), q.fields()));
            }
        }
        accessLog.recordAll(entries);
        return byNumber;
    }

    private Facts facts(PersonRepository.FactsRow row, LocalDate today) {
        Address address = Residence.current(row.residences(), today).map(r -> address(r)).orElse(null);
        Card card = row.activeCard();
        boolean valid = card != null && PersonStatus.ALIVE.name().equals(row.status()) && (card.expiryDate() == null || !card.expiryDate().isBefore(today));
        return new Facts(row.personalId(), row.fullName(), row.dateOfBirth(), row.gender(), row.status(), address, card, valid);
    }

    /** The commune and province as registered, what they became (or were) across the 2025 reform. */
    private Address address(Residence residence) {
        Address names = namesOf(residence.unitId());
        return new Address(residence.addressLine(), names.communeNames(), names.provinceNames());
    }

    private Address namesOf(long unitId) {
        java.util.Set<String> communes = new java.util.LinkedHashSet<>();
        java.util.Set<String> provinces = new java.util.LinkedHashSet<>();
        units.byId(unitId).ifPresent(unit -> {
            java.util.List<AdministrativeUnit> related = new java.util.ArrayList<>(List.of(unit));
            related.addAll(units.today(unit));
            related.addAll(units.predecessors(unit));
            for (AdministrativeUnit u : related) {
                communes.add(u.name());
                provinces.add(units.province(u).name());
            }
        });
        return new Address(null, List.copyOf(communes), List.copyOf(provinces));
    }

    /** Only the fields of the person view that exist are ever named. */
    public static List<String> personFields() {
        return PERSON_FIELDS;
    }

    /**
     * The one statement that reads a person's whole view (parameter: the personal ID number), for the benchmark's plain-JDBC
     * baseline of the same work: shared, not copied, so the baseline cannot drift from the platform's query.
     */
    public static String personViewQuery() {
        return PersonRepository.RECORD;
    }

    private static AccessLog.Entry entry(Requester requester, String personalId, List<String> fields) {
        return new AccessLog.Entry(requester.type(), requester.actor(), personalId, fields, requester.purpose(),
                requester.channel(), requester.caseRef(), requester.purposeCode());
    }

    @Transactional
    public PersonView get(String personalId, String purpose, AccessLog.Channel channel) {
        Access.Reader reader = access.reader(purpose, channel);
        PersonalIdNumber.require(personalId);
        PersonRepository.PersonRecord record = persons.findRecord(personalId)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "No person has the personal ID number " + personalId));
        access.requireJurisdiction(reader.staff(), record.person(), record.residences());
        PersonView view = view(record);
        access.logReads(reader, List.of(new Access.Read(view.personalId(), PERSON_FIELDS)),
                related(view), List.of("personalId", "fullName"));
        return view;
    }

    @Transactional
    public List<HistoryEntry> history(String personalId, String purpose, AccessLog.Channel channel) {
        Access.Reader reader = access.reader(purpose, channel);
        Person person = persons.existing(personalId);
        access.requireJurisdiction(reader.staff(), person);
        access.logRead(reader, person.personalId(), HISTORY_FIELDS);
        return persons.history(person.id());
    }

    /** The 12-digit number linked to an old 9-digit number. */
    @Transactional
    public PersonRef byLegacyId(String cmnd, String purpose, AccessLog.Channel channel) {
        Access.Reader reader = access.reader(purpose, channel);
        if (!LegacyIdNumber.isWellFormed(cmnd)) {
            throw ApiProblem.badRequest("INVALID_LEGACY_ID", LegacyIdNumber.MALFORMED);
        }
        Person person = persons.personOfLegacyId(cmnd).flatMap(persons::findById)
                .orElseThrow(() -> ApiProblem.notFound("LEGACY_ID_NOT_FOUND", "No person is linked to the old number " + cmnd));
        access.requireJurisdiction(reader.staff(), person);
        access.logRead(reader, person.personalId(), List.of("personalId", "fullName", "legacyIds"));
        return new PersonRef(person.personalId(), person.fullName());
    }

    @Transactional
    public HouseholdView household(long householdId, String purpose, AccessLog.Channel channel) {
        Access.Reader reader = access.reader(purpose, channel);
        Household household = persons.household(householdId)
                .orElseThrow(() -> ApiProblem.notFound("HOUSEHOLD_NOT_FOUND", "No household " + householdId));
        access.requireUnitInJurisdiction(reader.staff(), household.unitId(), "household");
        access.logReads(reader, household.members().stream().map(HouseholdMember::personalId).toList(),
                List.of("personalId", "fullName", "relationshipToHead", "status"));
        return householdView(household);
    }

    /** Search by name (ignoring case and diacritics), date of birth and unit, within the reader's jurisdiction. */
    @Transactional
    public SearchPage search(String name, String dateOfBirth, String unitCode, int page, int size, String purpose,
                             AccessLog.Channel channel) {
        Access.Reader reader = access.reader(purpose, channel);
        FieldErrors errors = new FieldErrors();
        String nameKey = name == null || name.isBlank() ? null : Text.searchKey(name);
        if (nameKey != null && nameKey.length() < 2) {
            errors.add("name", "TOO_SHORT", "Give at least 2 letters of the name");
        }
        LocalDate dob = errors.optionalDate("dateOfBirth", dateOfBirth);
        long[] unitIds = unitFilter(errors, unitCode);
        if (nameKey == null && dob == null && unitIds == null && !errors.has("dateOfBirth") && !errors.has("unit")) {
            errors.add("name", "CRITERIA_REQUIRED", "Search by name, date of birth or unit");
        }
        if (page < 0 || page > MAX_PAGE) {
            errors.add("page", "OUT_OF_RANGE", "page is 0 to " + MAX_PAGE + "; narrow the search instead");
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            errors.add("size", "OUT_OF_RANGE", "size is 1 to " + MAX_PAGE_SIZE);
        }
        errors.throwIfAny();
        long[] scope = access.scope(reader.staff());
        LocalDate today = units.today();
        // On the replica when it is fresh (docs/deployment.md): the persons found are logged below on the primary, in
        // this transaction, which commits before the page is shown; a log that cannot be written shows nothing.
        record Found(List<Person> persons, Map<Long, Long> livesIn) {
        }
        Found found = reads.read(db -> {
            List<Person> candidates = persons.search(db, nameKey, dob, unitIds, scope, page * size, size + 1, today);
            List<Person> shown = candidates.size() > size ? candidates.subList(0, size) : candidates;
            return new Found(candidates, persons.currentResidenceUnits(db, shown.stream().map(Person::id).toList(), today));
        });
        boolean hasMore = found.persons().size() > size;
        List<Person> shown = hasMore ? found.persons().subList(0, size) : found.persons();
        access.logReads(reader, shown.stream().map(Person::personalId).toList(), SUMMARY_FIELDS);
        return new SearchPage(shown.stream().map(p -> summary(p, found.livesIn().get(p.id()))).toList(), page, size, hasMore);
    }

    private long[] unitFilter(FieldErrors errors, String unitCode) {
        if (unitCode == null || unitCode.isBlank()) {
            return null;
        }
        String code = unitCode.strip();
        String level = code.length() <= 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE;
        Optional<AdministrativeUnit> unit = code.matches("[0-9]{2}|[0-9]{5}") ? units.find(level, code, units.today()) : Optional.empty();
        if (unit.isEmpty()) {
            errors.add("unit", "UNKNOWN_UNIT", "No province (2 digits) or commune (5 digits) in force has code " + code);
            return null;
        }
        return units.idsWithin(unit.get().id());
    }

    /** Parents, spouse and household members appear by name in the view: those are reads of their data too. */
    private static List<String> related(PersonView view) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (PersonRef ref : java.util.Arrays.asList(view.father(), view.mother(), view.spouse())) {
            if (ref != null) {
                ids.add(ref.personalId());
            }
        }
        if (view.household() != null) {
            view.household().members().forEach(m -> ids.add(m.personalId()));
        }
        ids.remove(view.personalId());
        return List.copyOf(ids);
    }

    // --- views

    private PersonView view(PersonRepository.PersonRecord record) {
        Person p = record.person();
        LocalDate today = units.today();
        List<ResidenceView> residenceViews = record.residences().stream().map(r -> residenceView(r, today)).toList();
        ResidenceView current = Residence.current(record.residences(), today).map(r -> residenceView(r, today)).orElse(null);
        HouseholdView household = record.household() == null ? null : householdView(record.household());
        return new PersonView(p.personalId(), p.fullName(), p.otherNames(), p.gender().name(), p.dateOfBirth(),
                p.placeOfBirth(), unitRef(p.birthRegistrationUnitId()), p.placeOfOrigin(), p.ethnicity(), p.religion(),
                p.nationality(), p.bloodGroup(), p.maritalStatus().name(), p.status().name(), p.dateOfDeath(), p.placeOfDeath(),
                p.dateMissing(), record.father(), record.mother(), record.spouse(), record.legacyIds(),
                current, residenceViews, household, p.relationshipToHead() == null ? null : p.relationshipToHead().name(), record.cards(), p.phone(), p.email());
    }

    private ResidenceView residenceView(Residence r, LocalDate today) {
        UnitRef unit = unitRef(r.unitId());
        UnitRef province = units.byId(r.unitId()).map(u -> unitRef(units.province(u).id())).orElse(null);
        return new ResidenceView(r.type(), unit, province, r.addressLine(), r.from(), r.to(), r.openOn(today));
    }

    private HouseholdView householdView(Household h) {
        String head = h.members().stream().filter(m -> Relationship.HEAD.name().equals(m.relationship())).map(HouseholdMember::personalId)
                .findFirst().orElse(null);
        return new HouseholdView(h.id(), unitRef(h.unitId()), h.addressLine(), head, h.members());
    }

    private PersonSummary summary(Person p, Long residenceUnitId) {
        return new PersonSummary(p.personalId(), p.fullName(), p.gender().name(), p.dateOfBirth(), p.status().name(),
                residenceUnitId == null ? null : unitRef(residenceUnitId));
    }

    UnitRef unitRef(long unitId) {
        return units.byId(unitId).map(u -> new UnitRef(u.code(), u.level(), u.name(), u.validTo(),
                u.validOn(units.today()) ? List.of() : units.today(u).stream()
                        .map(t -> new UnitRef(t.code(), t.level(), t.name(), null, List.of())).toList()))
                .orElse(null);
    }
}
