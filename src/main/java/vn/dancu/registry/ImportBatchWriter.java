package vn.dancu.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.Copy;

/**
 * Writes one batch of validated rows inside the caller's transaction: checks them against the
 * registry (numbers, old numbers, parents, households), then COPYs persons, numbers, old numbers,
 * residences and history records. Returns the rows it had to refuse.
 */
@Component
class ImportBatchWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** What a batch did. */
    record Outcome(int accepted, int alreadyPresent, List<ImportRow.Rejected> rejected) {
    }

    private record Known(long id, String fullName, LocalDate dateOfBirth, String gender) {
    }

    /** The head of a household of an earlier batch or import, as far as a SPOUSE row needs to know. */
    private record StoredHead(long id, String personalId, String gender, String maritalStatus) {
    }

    /** Who is married to whom in this batch: a SPOUSE row and its household's head. */
    private record Marriages(Map<String, String> spouseOf, Map<String, StoredHead> storedHeadOf) {

        boolean isMarried(String personalId) {
            return spouseOf.containsKey(personalId) || storedHeadOf.containsKey(personalId);
        }
    }

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final PopulationEvents population;

    ImportBatchWriter(JdbcClient jdbc, DataSource dataSource, PopulationEvents population) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.population = population;
    }

    Outcome write(List<ImportRow> rows, UUID jobId, String actor, String fileName) {
        NationalLoad.refuseWhileLoading(jdbc);
        // The name-search index takes new entries into a pending list merged when full; a larger list
        // for the import means fewer, cheaper merges (measured: person COPY 8.3 s -> 6.4 s per 200,000).
        jdbc.sql("set local gin_pending_list_limit = '64MB'").update();
        List<ImportRow.Rejected> rejected = new ArrayList<>();
        Map<String, Known> existing = existingPersons(rows.stream().map(ImportRow::personalId).toList());
        int alreadyPresent = 0;
        List<ImportRow> fresh = new ArrayList<>();
        Set<String> inBatch = new HashSet<>();
        for (ImportRow row : rows) {
            Known known = existing.get(row.personalId());
            if (known != null) {
                if (known.fullName().equals(row.fullName()) && known.dateOfBirth().equals(row.dateOfBirth())
                        && known.gender().equals(row.gender().name())) {
                    alreadyPresent++; // imported before (a rerun): nothing to do
                } else {
                    rejected.add(new ImportRow.Rejected(row.line(), "personal_id: already belongs to another person in the registry"));
                }
            } else if (!inBatch.add(row.personalId())) {
                rejected.add(new ImportRow.Rejected(row.line(), "personal_id: appears twice in the file"));
            } else {
                fresh.add(row);
            }
        }
        fresh = refuseTakenLegacyIds(fresh, rejected);
        long[] ids = allocateIds(fresh.size());
        Map<String, Long> idOf = new HashMap<>();
        Map<String, ImportRow> rowOf = new HashMap<>();
        for (int i = 0; i < fresh.size(); i++) {
            idOf.put(fresh.get(i).personalId(), ids[i]);
            rowOf.put(fresh.get(i).personalId(), fresh.get(i));
        }
        Map<String, Known> parents = existingPersons(fresh.stream()
                .flatMap(r -> java.util.stream.Stream.of(r.fatherPersonalId(), r.motherPersonalId()))
                .filter(p -> p != null && !idOf.containsKey(p)).distinct().toList());
        Map<String, Long> households = existingHouseholds(fresh);
        Map<String, StoredHead> storedHeads = storedHeads(fresh, households);
        Set<String> headedHere = new HashSet<>();
        Map<String, ImportRow> headRows = new HashMap<>();
        Marriages marriages = new Marriages(new HashMap<>(), new HashMap<>());
        List<ImportRow> accepted = new ArrayList<>();
        for (ImportRow row : fresh) {
            String problem = parentProblem(row, "father_personal_id", row.fatherPersonalId(), Gender.MALE, parents, rowOf);
            if (problem == null) {
                problem = parentProblem(row, "mother_personal_id", row.motherPersonalId(), Gender.FEMALE, parents, rowOf);
            }
            if (problem == null) {
                problem = householdProblem(row, households, headedHere);
            }
            if (problem == null && row.isSpouse()) {
                problem = marriage(row, headRows, storedHeads, marriages);
            }
            if (problem != null) {
                rejected.add(new ImportRow.Rejected(row.line(), problem));
            } else {
                accepted.add(row);
                if (row.isHead()) {
                    headRows.put(row.householdKey(), row);
                }
            }
        }
        // One read of the touched profiles before and one after the batch: the figures move with the import, cheaply.
        PopulationEvents.Watch watch = population.watch(
                marriages.storedHeadOf().values().stream().map(StoredHead::id).toList(), List.copyOf(households.values()));
        Map<String, Long> created = createHouseholds(accepted);
        households.putAll(created);
        copy(accepted, idOf, parents, households, marriages, jobId, actor, fileName);
        watch.include(accepted.stream().map(r -> idOf.get(r.personalId())).toList(), List.copyOf(created.values()));
        watch.publish();
        return new Outcome(accepted.size(), alreadyPresent, rejected);
    }

    private Map<String, Known> existingPersons(List<String> personalIds) {
        Map<String, Known> found = new HashMap<>();
        if (personalIds.isEmpty()) {
            return found;
        }
        jdbc.sql("select personal_id, id, full_name, date_of_birth, gender from registry.person where personal_id = any(?)")
                .param(personalIds.toArray(String[]::new))
                .query((rs, n) -> found.put(rs.getString("personal_id"), new Known(rs.getLong("id"), rs.getString("full_name"),
                        rs.getObject("date_of_birth", LocalDate.class), rs.getString("gender"))))
                .list();
        return found;
    }

    private List<ImportRow> refuseTakenLegacyIds(List<ImportRow> rows, List<ImportRow.Rejected> rejected) {
        List<String> numbers = rows.stream().map(ImportRow::legacyId).filter(java.util.Objects::nonNull).toList();
        Set<String> taken = numbers.isEmpty() ? Set.of() : new HashSet<>(jdbc.sql(
                        "select number from registry.legacy_id where number = any(?)")
                .param(numbers.toArray(String[]::new)).query(String.class).list());
        Set<String> seen = new HashSet<>();
        List<ImportRow> kept = new ArrayList<>();
        for (ImportRow row : rows) {
            if (row.legacyId() != null && (taken.contains(row.legacyId()) || !seen.add(row.legacyId()))) {
                rejected.add(new ImportRow.Rejected(row.line(), "legacy_id: the old number " + row.legacyId()
                        + " is already linked to a person"));
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    private static String parentProblem(ImportRow child, String field, String parentId, Gender gender,
                                        Map<String, Known> stored, Map<String, ImportRow> inBatch) {
        if (parentId == null) {
            return null;
        }
        LocalDate born;
        String parentGender;
        if (inBatch.containsKey(parentId)) {
            born = inBatch.get(parentId).dateOfBirth();
            parentGender = inBatch.get(parentId).gender().name();
        } else if (stored.containsKey(parentId)) {
            born = stored.get(parentId).dateOfBirth();
            parentGender = stored.get(parentId).gender();
        } else {
            return field + ": no person has this number (parents must be imported first)";
        }
        if (!parentGender.equals(gender.name())) {
            return field + ": must name a " + gender.name().toLowerCase() + " person";
        }
        return born.isBefore(child.dateOfBirth()) ? null : field + ": the parent was born on or after the child";
    }

    /** The households of earlier batches or imports that rows of this batch name. */
    private Map<String, Long> existingHouseholds(List<ImportRow> rows) {
        List<String> keys = rows.stream().map(ImportRow::householdKey).filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, Long> ids = new HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.sql("select external_key, id from registry.household where external_key = any(?)")
                    .param(keys.toArray(String[]::new))
                    .query((rs, n) -> ids.put(rs.getString("external_key"), rs.getLong("id"))).list();
        }
        return ids;
    }

    /**
     * A HEAD row founds its household, once; a member joins a household founded by an accepted
     * HEAD row before it (in this batch or earlier).
     */
    private static String householdProblem(ImportRow row, Map<String, Long> existing, Set<String> headedHere) {
        String key = row.householdKey();
        if (key == null) {
            return null;
        }
        if (row.isHead()) {
            return existing.containsKey(key) || !headedHere.add(key)
                    ? "household_key: the household " + key + " has a head already" : null;
        }
        return existing.containsKey(key) || headedHere.contains(key) ? null
                : "household_key: no household " + key + " (its HEAD row must come first and be accepted)";
    }

    /** The heads of the earlier households that SPOUSE rows of this batch join. */
    private Map<String, StoredHead> storedHeads(List<ImportRow> rows, Map<String, Long> households) {
        List<Long> ids = rows.stream().filter(r -> r.isSpouse() && households.containsKey(r.householdKey()))
                .map(r -> households.get(r.householdKey())).distinct().toList();
        Map<String, StoredHead> heads = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select h.external_key, p.id, p.personal_id, p.gender, p.marital_status from registry.household h "
                            + "join registry.person p on p.id = h.head_person_id where h.id = any(?)")
                    .param(ids.stream().mapToLong(Long::longValue).toArray())
                    .query((rs, n) -> heads.put(rs.getString("external_key"), new StoredHead(rs.getLong("id"),
                            rs.getString("personal_id"), rs.getString("gender"), rs.getString("marital_status")))).list();
        }
        return heads;
    }

    /**
     * A SPOUSE row records a marriage to the household's head, as the household register does: a
     * man and a woman (Luật Hôn nhân và gia đình 2014, Điều 8), the head not married to another.
     */
    private static String marriage(ImportRow spouse, Map<String, ImportRow> headRows, Map<String, StoredHead> storedHeads,
                                   Marriages marriages) {
        ImportRow headRow = headRows.get(spouse.householdKey());
        StoredHead stored = headRow == null ? storedHeads.get(spouse.householdKey()) : null;
        if (headRow == null && stored == null) {
            return "relationship_to_head: the household " + spouse.householdKey() + " has no head to be the spouse of";
        }
        String headId = headRow != null ? headRow.personalId() : stored.personalId();
        String headGender = headRow != null ? headRow.gender().name() : stored.gender();
        if (headGender.equals(spouse.gender().name())) {
            return "relationship_to_head: a SPOUSE is of the other gender than the head (Luật Hôn nhân và gia đình 2014)";
        }
        if (marriages.isMarried(headId) || (stored != null && MaritalStatus.MARRIED.name().equals(stored.maritalStatus()))) {
            return "relationship_to_head: the head " + headId + " is married already (one SPOUSE per household)";
        }
        if (headRow != null) {
            marriages.spouseOf().put(headId, spouse.personalId());
            marriages.spouseOf().put(spouse.personalId(), headId);
        } else {
            marriages.storedHeadOf().put(spouse.personalId(), stored);
        }
        return null;
    }

    /** Creates the households of the accepted HEAD rows. */
    private Map<String, Long> createHouseholds(List<ImportRow> accepted) {
        List<ImportRow> heads = accepted.stream().filter(r -> r.householdKey() != null && r.isHead()).toList();
        Map<String, Long> ids = new HashMap<>();
        if (heads.isEmpty()) {
            return ids;
        }
        jdbc.sql("insert into registry.household (external_key, unit_id, address_line) "
                        + "select * from unnest(?::text[], ?::bigint[], ?::text[]) returning external_key, id")
                .params(heads.stream().map(ImportRow::householdKey).toArray(String[]::new),
                        heads.stream().mapToLong(h -> h.permanent().unit().id()).toArray(),
                        heads.stream().map(h -> h.permanent().address()).toArray(String[]::new))
                .query((rs, n) -> ids.put(rs.getString("external_key"), rs.getLong("id"))).list();
        return ids;
    }

    private long[] allocateIds(int count) {
        if (count == 0) {
            return new long[0];
        }
        return jdbc.sql("select nextval('registry.person_id_seq') from generate_series(1, ?)")
                .param(count).query(Long.class).list().stream().mapToLong(Long::longValue).toArray();
    }

    private void copy(List<ImportRow> rows, Map<String, Long> idOf, Map<String, Known> parents,
                      Map<String, Long> households, Marriages marriages, UUID jobId, String actor, String fileName) {
        if (rows.isEmpty()) {
            return;
        }
        StringBuilder numbers = new StringBuilder();
        StringBuilder persons = new StringBuilder();
        StringBuilder legacy = new StringBuilder();
        StringBuilder residences = new StringBuilder();
        StringBuilder history = new StringBuilder();
        String reason = "Nhập dữ liệu từ tệp " + fileName + " (lần nhập " + jobId + ")";
        for (ImportRow r : rows) {
            long id = idOf.get(r.personalId());
            Long household = r.householdKey() == null ? null : households.get(r.householdKey());
            String spouse = marriages.spouseOf().get(r.personalId());
            StoredHead storedHead = marriages.storedHeadOf().get(r.personalId());
            String spousePersonalId = storedHead != null ? storedHead.personalId() : spouse;
            Long spouseId = storedHead != null ? Long.valueOf(storedHead.id()) : spouse == null ? null : idOf.get(spouse);
            Copy.line(numbers, r.personalId());
            Copy.line(persons, id, r.personalId(), r.fullName(), vn.dancu.platform.Text.searchKey(r.fullName()),
                    r.gender().name(), r.dateOfBirth(), r.placeOfBirth(), r.birthUnit().id(), r.ethnicity(), r.religion(),
                    r.nationality(), parentId(r.fatherPersonalId(), idOf, parents), parentId(r.motherPersonalId(), idOf, parents),
                    (r.dateOfDeath() == null ? PersonStatus.ALIVE : PersonStatus.DECEASED).name(), r.dateOfDeath(), r.placeOfDeath(), household,
                    r.relationship(), (spouseId == null ? MaritalStatus.SINGLE : MaritalStatus.MARRIED).name(), spouseId);
            if (r.legacyId() != null) {
                Copy.line(legacy, r.legacyId(), id);
            }
            if (r.permanent() != null) {
                Copy.line(residences, id, ResidenceType.PERMANENT.name(), r.permanent().unit().id(), r.permanent().address(), r.permanent().from(), null);
            }
            if (r.temporary() != null) {
                Copy.line(residences, id, ResidenceType.TEMPORARY.name(), r.temporary().unit().id(), r.temporary().address(), r.temporary().from(),
                        r.temporary().to());
            }
            List<Change> changes = new ArrayList<>(List.of(
                    new Change("personalId", null, r.personalId()),
                    new Change("fullName", null, r.fullName()),
                    new Change("source", null, fileName + ":" + r.line())));
            if (spousePersonalId != null) {
                changes.add(new Change("maritalStatus", null, MaritalStatus.MARRIED.name()));
                changes.add(new Change("spouse", null, spousePersonalId));
            }
            Copy.line(history, id, actor, "IMPORTED", reason, JSON.writeValueAsString(changes));
            if (storedHead != null) { // the head came in an earlier batch: its record learns of the marriage now
                Copy.line(history, storedHead.id(), actor, "IMPORTED", reason, JSON.writeValueAsString(List.of(
                        new Change("maritalStatus", storedHead.maritalStatus(), MaritalStatus.MARRIED.name()),
                        new Change("spouse", null, r.personalId()),
                        new Change("source", null, fileName + ":" + r.line()))));
            }
        }
        copyIn("copy registry.issued_number (number) from stdin (format csv)", numbers);
        copyIn("""
                copy registry.person (id, personal_id, full_name, name_search, gender, date_of_birth, place_of_birth,
                    birth_registration_unit_id, ethnicity, religion, nationality, father_id, mother_id, status, date_of_death,
                    place_of_death, household_id, relationship_to_head, marital_status, spouse_id) from stdin (format csv)""", persons);
        copyIn("copy registry.legacy_id (number, person_id) from stdin (format csv)", legacy);
        copyIn("copy registry.residence (person_id, type, unit_id, address_line, valid_from, valid_to) from stdin (format csv)",
                residences);
        marryStoredHeads(marriages, idOf);
        copyIn("copy registry.person_change (person_id, actor, change_type, reason, changes) from stdin (format csv)", history);
        setHeads(rows, idOf, households);
    }

    private void marryStoredHeads(Marriages marriages, Map<String, Long> idOf) {
        if (!marriages.storedHeadOf().isEmpty()) {
            List<Map.Entry<String, StoredHead>> pairs = List.copyOf(marriages.storedHeadOf().entrySet());
            jdbc.sql("update registry.person p set marital_status = 'MARRIED', spouse_id = v.spouse, version = p.version + 1, "
                            + "updated_at = now() from unnest(?::bigint[], ?::bigint[]) as v(head, spouse) where p.id = v.head")
                    .params(pairs.stream().mapToLong(e -> e.getValue().id()).toArray(),
                            pairs.stream().mapToLong(e -> idOf.get(e.getKey())).toArray())
                    .update();
        }
    }

    private void setHeads(List<ImportRow> rows, Map<String, Long> idOf, Map<String, Long> households) {
        List<ImportRow> heads = rows.stream().filter(r -> r.householdKey() != null && r.isHead()).toList();
        if (!heads.isEmpty()) {
            jdbc.sql("update registry.household h set head_person_id = v.person from unnest(?::bigint[], ?::bigint[]) "
                            + "as v(person, household) where h.id = v.household")
                    .params(heads.stream().mapToLong(r -> idOf.get(r.personalId())).toArray(),
                            heads.stream().mapToLong(r -> households.get(r.householdKey())).toArray())
                    .update();
        }
    }

    private static Long parentId(String personalId, Map<String, Long> inBatch, Map<String, Known> stored) {
        if (personalId == null) {
            return null;
        }
        Long id = inBatch.get(personalId);
        return id != null ? id : stored.get(personalId).id();
    }

    private void copyIn(String sql, StringBuilder data) {
        Copy.in(dataSource, sql, data);
    }
}
