package vn.dancu.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Text;

/** Hand-written SQL for persons and everything attached to them. */
@Repository
class PersonRepository {

    static final String COLUMNS = """
            p.id, p.personal_id, p.full_name, p.other_names, p.gender, p.date_of_birth, p.place_of_birth,
            p.birth_registration_unit_id, p.place_of_origin, p.ethnicity, p.religion, p.nationality, p.blood_group,
            p.marital_status, p.father_id, p.mother_id, p.spouse_id, p.status, p.date_of_death, p.place_of_death,
            p.date_missing, p.phone, p.email, p.household_id, p.relationship_to_head, p.version""";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;

    PersonRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Person> findByPersonalId(String personalId) {
        return jdbc.sql("select " + COLUMNS + " from registry.person p where p.personal_id = ?")
                .param(personalId).query(PersonRepository::map).optional();
    }

    /** The person a request names: 400 when the number is malformed, 404 when no one has it. */
    Person existing(String personalId) {
        PersonalIdNumber.require(personalId);
        return findByPersonalId(personalId)
                .orElseThrow(() -> ApiProblem.notFound("PERSON_NOT_FOUND", "No person has the personal ID number " + personalId));
    }

    /** The children of a parent registered with this name (compared by search key) and date of birth. */
    List<PersonFinder.PersonRef> childrenNamed(long parentId, String nameKey, LocalDate dateOfBirth) {
        return jdbc.sql("""
                        select personal_id, full_name from registry.person
                        where date_of_birth = ? and name_search = ? and (father_id = ? or mother_id = ?) order by personal_id""")
                .params(dateOfBirth, nameKey, parentId, parentId)
                .query((rs, n) -> new PersonFinder.PersonRef(rs.getString("personal_id"), rs.getString("full_name"))).list();
    }

    /** A person with everything the person view shows, read in one round trip. */
    record PersonRecord(Person person, List<Residence> residences, List<String> legacyIds, List<Card> cards,
                        PersonFinder.PersonRef father, PersonFinder.PersonRef mother, PersonFinder.PersonRef spouse,
                        Household household) {
    }

    private record HouseholdJson(long id, Long headPersonId, long unitId, String addressLine, List<HouseholdMember> members) {
    }

    /**
     * The person view is the hot path of every lookup: one query assembles it with PostgreSQL's
     * JSON functions instead of one query per part. The benchmark's plain-JDBC baseline runs this
     * same statement ({@link PersonFinder#personViewQuery()}).
     */
    static final String RECORD = "select " + COLUMNS + """
            ,
            (select coalesce(json_agg(json_build_object('id', r.id, 'type', r.type, 'unitId', r.unit_id,
                    'addressLine', r.address_line, 'from', r.valid_from, 'to', r.valid_to)
                    order by r.valid_from desc, r.id desc), '[]') from registry.residence r where r.person_id = p.id) as residences,
            (select coalesce(json_agg(l.number order by l.linked_at), '[]') from registry.legacy_id l where l.person_id = p.id)
                as legacy_ids,
            (select coalesce(json_agg(json_build_object('id', c.id, 'cardNumber', c.card_number, 'issueDate', c.issue_date,
                    'expiryDate', c.expiry_date, 'issuingAuthority', c.issuing_authority, 'status', c.status)
                    order by c.issue_date desc, c.id desc), '[]') from registry.identity_card c where c.person_id = p.id) as cards,
            (select json_build_object('personalId', f.personal_id, 'fullName', f.full_name) from registry.person f
             where f.id = p.father_id) as father,
            (select json_build_object('personalId', m.personal_id, 'fullName', m.full_name) from registry.person m
             where m.id = p.mother_id) as mother,
            (select json_build_object('personalId', s.personal_id, 'fullName', s.full_name) from registry.person s
             where s.id = p.spouse_id) as spouse,
            (select json_build_object('id', h.id, 'headPersonId', h.head_person_id, 'unitId', h.unit_id,
                    'addressLine', h.address_line, 'members',
                    (select json_agg(json_build_object('personalId', x.personal_id, 'fullName', x.full_name,
                            'relationship', x.relationship_to_head, 'status', x.status)
                            order by x.relationship_to_head = 'HEAD' desc, x.date_of_birth)
                     from registry.person x where x.household_id = h.id))
             from registry.household h where h.id = p.household_id) as household
            from registry.person p where p.personal_id = ?""";

    Optional<PersonRecord> findRecord(String personalId) {
        return jdbc.sql(RECORD)
                .param(personalId)
                .query((rs, n) -> new PersonRecord(map(rs, n),
                        List.of(JSON.readValue(rs.getString("residences"), Residence[].class)),
                        List.of(JSON.readValue(rs.getString("legacy_ids"), String[].class)),
                        List.of(JSON.readValue(rs.getString("cards"), Card[].class)),
                        json(rs.getString("father"), PersonFinder.PersonRef.class),
                        json(rs.getString("mother"), PersonFinder.PersonRef.class),
                        json(rs.getString("spouse"), PersonFinder.PersonRef.class),
                        household(json(rs.getString("household"), HouseholdJson.class))))
                .optional();
    }

    private static <T> T json(String value, Class<T> type) {
        return value == null ? null : JSON.readValue(value, type);
    }

    private static Household household(HouseholdJson h) {
        return h == null ? null : new Household(h.id(), h.headPersonId(), h.unitId(), h.addressLine(),
                h.members() == null ? List.of() : h.members());
    }

    Optional<Person> findById(long id) {
        return jdbc.sql("select " + COLUMNS + " from registry.person p where p.id = ?")
                .param(id).query(PersonRepository::map).optional();
    }

    /** Claims a personal ID number for good; false when it was issued before. */
    boolean claimNumber(String number) {
        return jdbc.sql("insert into registry.issued_number (number) values (?) on conflict do nothing")
                .param(number).update() == 1;
    }

    long insert(Person p) {
        return jdbc.sql("""
                        insert into registry.person (personal_id, full_name, name_search, other_names, gender, date_of_birth,
                            place_of_birth, birth_registration_unit_id, place_of_origin, ethnicity, religion, nationality,
                            blood_group, marital_status, father_id, mother_id, household_id, relationship_to_head,
                            phone, email)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(p.personalId(), p.fullName(), Text.searchKey(p.fullName()), p.otherNames(), p.gender().name(),
                        p.dateOfBirth(), p.placeOfBirth(), p.birthRegistrationUnitId(), p.placeOfOrigin(), p.ethnicity(),
                        p.religion(), p.nationality(), p.bloodGroup(), p.maritalStatus().name(), p.fatherId(), p.motherId(),
                        p.householdId(), name(p.relationshipToHead()), p.phone(), p.email())
                .query(Long.class).single();
    }

    // --- changes of the person's own row: each names what it sets, and all go through the optimistic lock

    /** The death recorded: the person's status and the facts of the death. */
    void markDeceased(Person before, LocalDate date, String place, String sourceDocument) {
        update(before, "status = ?, date_of_death = ?, place_of_death = ?, death_source_document = ?",
                PersonStatus.DECEASED.name(), date, place, sourceDocument);
    }

    void markMissing(Person before, LocalDate date) {
        update(before, "status = ?, date_missing = ?", PersonStatus.MISSING.name(), date);
    }

    void marry(Person before, long spouseId) {
        update(before, "marital_status = ?, spouse_id = ?", MaritalStatus.MARRIED.name(), spouseId);
    }

    void rename(Person before, String fullName) {
        update(before, "full_name = ?, name_search = ?", fullName, Text.searchKey(fullName));
    }

    void joinHousehold(Person before, long householdId, Relationship relationship) {
        update(before, "household_id = ?, relationship_to_head = ?", householdId, relationship.name());
    }

    /** A change kept in another table (card, old number, residence, document) still moves the person's version. */
    void touch(Person before) {
        update(before, null);
    }

    /**
     * Optimistic locking: an update names the version it read. If another transaction changed the
     * person meanwhile, nothing is written and the caller is told to read again.
     */
    private void update(Person before, String setClause, Object... values) {
        List<Object> params = new ArrayList<>(List.of(values));
        params.add(before.id());
        params.add(before.version());
        String assignments = setClause == null ? "" : setClause + ", ";
        int rows = jdbc.sql("update registry.person set " + assignments + "version = version + 1, updated_at = now() "
                        + "where id = ? and version = ?")
                .params(params).update();
        if (rows != 1) {
            throw ApiProblem.conflict("STALE_RECORD", "The person was changed by someone else meanwhile; read it again and retry");
        }
    }

    void appendChange(long personId, String actor, String changeType, String reason, List<Change> changes) {
        jdbc.sql("insert into registry.person_change (person_id, actor, change_type, reason, changes) values (?, ?, ?, ?, ?::jsonb)")
                .params(personId, actor, changeType, reason, JSON.writeValueAsString(changes))
                .update();
    }

    List<HistoryEntry> history(long personId) {
        return jdbc.sql("select id, changed_at, actor, change_type, reason, changes from registry.person_change "
                        + "where person_id = ? order by id desc")
                .param(personId)
                .query((rs, n) -> new HistoryEntry(rs.getLong("id"), rs.getTimestamp("changed_at").toInstant(), rs.getString("actor"),
                        rs.getString("change_type"), rs.getString("reason"),
                        List.of(JSON.readValue(rs.getString("changes"), Change[].class))))
                .list();
    }

    // --- residences

    List<Residence> residences(long personId) {
        return jdbc.sql("select id, type, unit_id, address_line, valid_from, valid_to from registry.residence "
                        + "where person_id = ? order by valid_from desc, id desc")
                .param(personId)
                .query((rs, n) -> residence(rs))
                .list();
    }

    /**
     * For each person, the unit of the residence where they live today (current, else temporary, else permanent), read
     * on {@code db}: the read replica's connection when a search reads there.
     */
    Map<Long, Long> currentResidenceUnits(JdbcClient db, List<Long> personIds, LocalDate today) {
        Map<Long, Long> units = new java.util.HashMap<>();
        if (personIds.isEmpty()) {
            return units;
        }
        db.sql("""
                        select distinct on (person_id) person_id, unit_id from registry.residence
                        where person_id = any(?) and type in ('PERMANENT', 'TEMPORARY', 'CURRENT')
                          and valid_from <= ? and (valid_to is null or valid_to >= ?)
                        order by person_id, case type when 'CURRENT' then 0 when 'TEMPORARY' then 1 else 2 end, valid_from desc""")
                .params(personIds.stream().mapToLong(Long::longValue).toArray(), today, today)
                .query((rs, n) -> units.put(rs.getLong("person_id"), rs.getLong("unit_id"))).list();
        return units;
    }

    long insertResidence(long personId, ResidenceType type, long unitId, String addressLine, LocalDate from, LocalDate to) {
        return jdbc.sql("insert into registry.residence (person_id, type, unit_id, address_line, valid_from, valid_to) "
                        + "values (?, ?, ?, ?, ?, ?) returning id")
                .params(personId, type.name(), unitId, addressLine, from, to).query(Long.class).single();
    }

    void closeResidence(long residenceId, LocalDate to) {
        jdbc.sql("update registry.residence set valid_to = ? where id = ?").params(to, residenceId).update();
    }

    // --- old numbers, cards, households

    Optional<Long> personOfLegacyId(String number) {
        return jdbc.sql("select person_id from registry.legacy_id where number = ?").param(number).query(Long.class).optional();
    }

    boolean linkLegacyId(String number, long personId) {
        return jdbc.sql("insert into registry.legacy_id (number, person_id) values (?, ?) on conflict do nothing")
                .params(number, personId).update() == 1;
    }

    List<Card> cards(long personId) {
        return jdbc.sql("select id, card_number, issue_date, expiry_date, issuing_authority, status from registry.identity_card "
                        + "where person_id = ? order by issue_date desc, id desc")
                .param(personId)
                .query((rs, n) -> card(rs))
                .list();
    }

    void replaceActiveCards(long personId) {
        jdbc.sql("update registry.identity_card set status = 'REPLACED' where person_id = ? and status = 'ACTIVE'")
                .param(personId).update();
    }

    long insertCard(long personId, String number, LocalDate issued, LocalDate expiry, String authority) {
        return jdbc.sql("insert into registry.identity_card (person_id, card_number, issue_date, expiry_date, issuing_authority, status) "
                        + "values (?, ?, ?, ?, ?, 'ACTIVE') returning id")
                .params(personId, number, issued, expiry, authority).query(Long.class).single();
    }

    Optional<Household> household(long id) {
        return jdbc.sql("select id, head_person_id, unit_id, address_line from registry.household where id = ?")
                .param(id)
                .query((rs, n) -> new Household(rs.getLong("id"), rs.getObject("head_person_id", Long.class), rs.getLong("unit_id"),
                        rs.getString("address_line"), List.of()))
                .optional()
                .map(h -> new Household(h.id(), h.headPersonId(), h.unitId(), h.addressLine(), members(h.id())));
    }

    private List<HouseholdMember> members(long householdId) {
        return jdbc.sql("select personal_id, full_name, relationship_to_head, status from registry.person "
                        + "where household_id = ? order by relationship_to_head = 'HEAD' desc, date_of_birth")
                .param(householdId)
                .query((rs, n) -> new HouseholdMember(rs.getString("personal_id"), rs.getString("full_name"),
                        rs.getString("relationship_to_head"), rs.getString("status")))
                .list();
    }

    long insertHousehold(long headId, long unitId, String addressLine) {
        return jdbc.sql("insert into registry.household (head_person_id, unit_id, address_line) values (?, ?, ?) returning id")
                .params(headId, unitId, addressLine).query(Long.class).single();
    }

    /** Locks the household row for this transaction, then counts its members. */
    int lockHouseholdAndCountMembers(long householdId) {
        jdbc.sql("select id from registry.household where id = ? for update").param(householdId).query(Long.class).list();
        return jdbc.sql("select count(*) from registry.person where household_id = ?").param(householdId)
                .query(Integer.class).single();
    }

    // --- search

    /** A person lives in a unit while a permanent, temporary or current residence there is open. */
    private static final String LIVES_IN = """
            exists (select 1 from registry.residence r where r.person_id = p.id and r.unit_id = any(:scope)
                    and r.type in ('PERMANENT', 'TEMPORARY', 'CURRENT') and r.valid_from <= :today
                    and (r.valid_to is null or r.valid_to >= :today))""";

    /** On {@code db}: the read replica's connection when it is fresh, else the primary's (vn.dancu.platform.ReadSource). */
    List<Person> search(JdbcClient db, String nameKey, LocalDate dateOfBirth, long[] unitIds, long[] scopeIds, int offset, int limit,
                        LocalDate today) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from registry.person p where true");
        Map<String, Object> params = new java.util.HashMap<>();
        if (nameKey != null) {
            sql.append(" and p.name_search like :name");
            params.put("name", "%" + nameKey.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (dateOfBirth != null) {
            sql.append(" and p.date_of_birth = :dob");
            params.put("dob", dateOfBirth);
        }
        if (unitIds != null) {
            sql.append(" and (p.birth_registration_unit_id = any(:units) or " + LIVES_IN.replace(":scope", ":units") + ")");
            params.put("units", unitIds);
        }
        if (scopeIds != null) {
            sql.append(" and (p.birth_registration_unit_id = any(:scope) or " + LIVES_IN + ")");
            params.put("scope", scopeIds);
        }
        sql.append(nameKey != null ? " order by p.name_search = :exact desc, p.name_search, p.id" : " order by p.name_search, p.id");
        if (nameKey != null) {
            params.put("exact", nameKey);
        }
        params.put("today", today);
        sql.append(" offset :offset limit :limit");
        params.put("offset", offset);
        params.put("limit", limit);
        return db.sql(sql.toString()).params(params).query(PersonRepository::map).list();
    }

    // --- integrated documents

    Optional<Document> document(long personId, DocumentKind kind, String number) {
        return jdbc.sql(DOCUMENT_SELECT + " where person_id = ? and kind = ? and number = ?")
                .params(personId, kind.name(), number).query(PersonRepository::document).optional();
    }

    List<Document> documents(long personId) {
        return jdbc.sql(DOCUMENT_SELECT + " where person_id = ? order by kind, valid_from desc nulls last, id")
                .param(personId).query(PersonRepository::document).list();
    }

    Document saveDocument(long personId, DocumentKind kind, String number, String source, LocalDate from, LocalDate to,
                          Map<String, String> details) {
        return jdbc.sql("""
                        insert into registry.integrated_document (person_id, kind, number, source, valid_from, valid_to, details)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb)
                        on conflict (person_id, kind, number) do update set source = excluded.source,
                            valid_from = excluded.valid_from, valid_to = excluded.valid_to, details = excluded.details,
                            recorded_at = now()
                        returning kind, number, source, valid_from, valid_to, details, recorded_at""")
                .params(personId, kind.name(), number, source, from, to, JSON.writeValueAsString(details))
                .query(PersonRepository::document).single();
    }

    private static final String DOCUMENT_SELECT =
            "select kind, number, source, valid_from, valid_to, details, recorded_at from registry.integrated_document";

    @SuppressWarnings("unchecked")
    private static Document document(ResultSet rs, int n) throws SQLException {
        return new Document(rs.getString("kind"), rs.getString("number"), rs.getString("source"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class),
                JSON.readValue(rs.getString("details"), Map.class), rs.getTimestamp("recorded_at").toInstant());
    }

    // --- facts for verification and reconciliation

    /** What a check compares, for many numbers (12-digit or old 9-digit) in one statement. */
    record FactsRow(long id, String personalId, List<String> legacyIds, String fullName, LocalDate dateOfBirth, String gender,
                    String status, List<Residence> residences, Card activeCard) {
    }

    /**
     * The persons with these numbers (12-digit, or an old 9-digit one) in one statement, each with its old numbers, and
     * only when asked for its open residences ({@code residences}) and its active card ({@code cards}): a check that
     * compares no address and a reconciliation, which never answers card validity, skip those probes. Residences come
     * as parallel arrays, not JSON: cheaper to build and to read.
     */
    List<FactsRow> facts(java.util.Collection<String> personalIds, java.util.Collection<String> legacyIds, LocalDate today,
                         boolean residences, boolean cards) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                select p.id, p.personal_id, p.full_name, p.date_of_birth, p.gender, p.status,
                       array(select l.number from registry.legacy_id l where l.person_id = p.id) as legacy_ids""");
        StringBuilder joins = new StringBuilder();
        if (residences) {
            sql.append(", r.ids, r.types, r.unit_ids, r.lines, r.froms, r.tos");
            joins.append("""

                    left join lateral (select array_agg(r.id order by r.id) ids, array_agg(r.type order by r.id) types,
                                              array_agg(r.unit_id order by r.id) unit_ids, array_agg(r.address_line order by r.id) lines,
                                              array_agg(r.valid_from order by r.id) froms, array_agg(r.valid_to order by r.id) tos
                                       from registry.residence r where r.person_id = p.id and (r.valid_to is null or r.valid_to >= ?)) r on true""");
            params.add(today);
        }
        if (cards) {
            sql.append(", c.id as card_id, c.card_number, c.issue_date, c.expiry_date, c.issuing_authority, c.status as card_status");
            joins.append("""

                    left join lateral (select c.* from registry.identity_card c where c.person_id = p.id and c.status = 'ACTIVE'
                                       order by c.issue_date desc, c.id desc limit 1) c on true""");
        }
        sql.append("\nfrom registry.person p").append(joins).append("""

                where p.id in (select id from registry.person where personal_id = any(?)
                               union all select person_id from registry.legacy_id where number = any(?))""");
        params.add(personalIds.toArray(String[]::new));
        params.add(legacyIds.toArray(String[]::new));
        return jdbc.sql(sql.toString()).params(params).query((rs, n) -> new FactsRow(rs.getLong("id"), rs.getString("personal_id"),
                List.of((String[]) rs.getArray("legacy_ids").getArray()), rs.getString("full_name"),
                rs.getObject("date_of_birth", LocalDate.class), rs.getString("gender"), rs.getString("status"),
                residences ? residences(rs) : List.of(), cards && rs.getObject("card_id") != null ? activeCard(rs) : null)).list();
    }

    private static List<Residence> residences(ResultSet rs) throws SQLException {
        java.sql.Array ids = rs.getArray("ids");
        if (ids == null) {
            return List.of();
        }
        Long[] id = (Long[]) ids.getArray();
        String[] type = (String[]) rs.getArray("types").getArray();
        Long[] unit = (Long[]) rs.getArray("unit_ids").getArray();
        String[] line = (String[]) rs.getArray("lines").getArray();
        java.sql.Date[] from = (java.sql.Date[]) rs.getArray("froms").getArray();
        java.sql.Date[] to = (java.sql.Date[]) rs.getArray("tos").getArray();
        List<Residence> found = new ArrayList<>(id.length);
        for (int i = 0; i < id.length; i++) {
            found.add(new Residence(id[i], type[i], unit[i], line[i], from[i] == null ? null : from[i].toLocalDate(),
                    to[i] == null ? null : to[i].toLocalDate()));
        }
        return found;
    }

    private static Card activeCard(ResultSet rs) throws SQLException {
        return new Card(rs.getLong("card_id"), rs.getString("card_number"), rs.getObject("issue_date", LocalDate.class),
                rs.getObject("expiry_date", LocalDate.class), rs.getString("issuing_authority"), rs.getString("card_status"));
    }

    /** When each field of a person last changed, from the history. */
    java.util.Map<String, java.time.Instant> lastChanges(long personId) {
        java.util.Map<String, java.time.Instant> changed = new java.util.HashMap<>();
        jdbc.sql("""
                        select c.field, max(h.changed_at) as changed_at from registry.person_change h,
                            jsonb_to_recordset(h.changes) as c(field text)
                        where h.person_id = ? group by c.field""")
                .param(personId)
                .query((rs, n) -> changed.put(rs.getString("field"), rs.getTimestamp("changed_at").toInstant())).list();
        return changed;
    }

    static Person map(ResultSet rs, int n) throws SQLException {
        String relationship = rs.getString("relationship_to_head");
        return new Person(rs.getLong("id"), rs.getString("personal_id"), rs.getString("full_name"), rs.getString("other_names"),
                Gender.valueOf(rs.getString("gender")), rs.getObject("date_of_birth", LocalDate.class), rs.getString("place_of_birth"),
                rs.getLong("birth_registration_unit_id"), rs.getString("place_of_origin"), rs.getString("ethnicity"),
                rs.getString("religion"), rs.getString("nationality"), rs.getString("blood_group"),
                MaritalStatus.valueOf(rs.getString("marital_status")), rs.getObject("father_id", Long.class),
                rs.getObject("mother_id", Long.class), rs.getObject("spouse_id", Long.class), PersonStatus.valueOf(rs.getString("status")),
                rs.getObject("date_of_death", LocalDate.class), rs.getString("place_of_death"), rs.getObject("date_missing", LocalDate.class),
                rs.getString("phone"), rs.getString("email"), rs.getObject("household_id", Long.class),
                relationship == null ? null : Relationship.valueOf(relationship), rs.getInt("version"));
    }

    private static Residence residence(ResultSet rs) throws SQLException {
        return new Residence(rs.getLong("id"), rs.getString("type"), rs.getLong("unit_id"), rs.getString("address_line"),
                rs.getObject("valid_from", LocalDate.class), rs.getObject("valid_to", LocalDate.class));
    }

    private static Card card(ResultSet rs) throws SQLException {
        return new Card(rs.getLong("id"), rs.getString("card_number"), rs.getObject("issue_date", LocalDate.class),
                rs.getObject("expiry_date", LocalDate.class), rs.getString("issuing_authority"), rs.getString("status"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
