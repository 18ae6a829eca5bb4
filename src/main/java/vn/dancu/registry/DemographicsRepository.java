package vn.dancu.registry;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads statistical profiles: one statement per call, whatever the number of persons. */
@Repository
class DemographicsRepository {

    /** Rows a streaming pass holds at a time: the JVM keeps no per-person state beyond one fetch. */
    static final int FETCH = 5_000;

    private static final String SELECT = """
            select p.gender, p.date_of_birth, p.birth_registration_unit_id, p.ethnicity, p.religion, p.nationality,
                   p.marital_status, p.status, p.date_of_death, p.death_source_document is not null,
                   r.types, r.units, r.froms, r.tos, c.present, c.expiry
            from registry.person p
            left join lateral (select array_agg(type order by valid_from, id) types, array_agg(unit_id order by valid_from, id) units,
                                      array_agg(valid_from order by valid_from, id) froms, array_agg(valid_to order by valid_from, id) tos
                               from registry.residence where person_id = p.id) r on true
            left join lateral (select true present, expiry_date expiry from registry.identity_card
                               where person_id = p.id and status = 'ACTIVE' order by issue_date desc, id desc limit 1) c on true
            """;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;

    DemographicsRepository(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        this.streaming.setFetchSize(FETCH);
    }

    List<Demographics> ofPersons(Collection<Long> personIds, LocalDate today) {
        if (personIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql(SELECT + " where p.id = any(?)").param(personIds.stream().mapToLong(Long::longValue).toArray())
                .query((rs, n) -> map(rs, today)).list();
    }

    List<Demographics> ofPersonalId(String personalId, LocalDate today) {
        return jdbc.sql(SELECT + " where p.personal_id = ?").param(personalId).query((rs, n) -> map(rs, today)).list();
    }

    List<Demographics> bornOn(Collection<LocalDate> dates, LocalDate today) {
        return jdbc.sql(SELECT + " where p.date_of_birth = any(?::date[])").param(isoDates(dates))
                .query((rs, n) -> map(rs, today)).list();
    }

    List<Demographics> cardsExpiringOn(LocalDate expiry, LocalDate today) {
        return jdbc.sql(SELECT + " where p.id in (select person_id from registry.identity_card where status = 'ACTIVE' and expiry_date = ?)")
                .param(expiry).query((rs, n) -> map(rs, today)).list();
    }

    /**
     * Everyone whose figures may differ between the eve of {@code day} and {@code day}: born on one
     * of {@code birthDates}, an active card that expired on the eve, a residence that starts on the
     * day or ended on the eve. Each person once.
     */
    List<Demographics> changingOn(LocalDate day, Collection<LocalDate> birthDates, LocalDate today) {
        LocalDate eve = day.minusDays(1);
        return jdbc.sql(SELECT + """
                         where p.id in (select id from registry.person where date_of_birth = any(?::date[])
                                        union select person_id from registry.identity_card where status = 'ACTIVE' and expiry_date = ?
                                        union select person_id from registry.residence where valid_from = ? or valid_to = ?)""")
                .params(isoDates(birthDates), eve, day, eve)
                .query((rs, n) -> map(rs, today)).list();
    }

    /** Every person, a fetch at a time, inside the caller's transaction (a cursor needs one). */
    void eachPerson(LocalDate today, Consumer<Demographics> into) {
        streaming.query(SELECT, rs -> {
            into.accept(map(rs, today));
        });
    }

    /**
     * Locks the households for the rest of the transaction, in id order (so two writes never wait on
     * each other crosswise): a write that changes a household's members must see the members that
     * a concurrent write added, or both would count the household at the same size.
     */
    void lockHouseholds(Collection<Long> householdIds) {
        if (!householdIds.isEmpty()) {
            jdbc.sql("select id from registry.household where id = any(?) order by id for update")
                    .param(householdIds.stream().mapToLong(Long::longValue).toArray()).query(Long.class).list();
        }
    }

    List<HouseholdProfile> households(Collection<Long> householdIds) {
        if (householdIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select h.unit_id, (select count(*) from registry.person m where m.household_id = h.id and m.status <> 'DECEASED')
                        from registry.household h where h.id = any(?)""")
                .param(householdIds.stream().mapToLong(Long::longValue).toArray())
                .query((rs, n) -> new HouseholdProfile(rs.getLong(1), rs.getInt(2))).list();
    }

    void eachHousehold(Consumer<HouseholdProfile> into) {
        streaming.query("""
                select h.unit_id, count(p.id) filter (where p.status <> 'DECEASED') from registry.household h
                left join registry.person p on p.household_id = h.id group by h.id""",
                rs -> {
                    into.accept(new HouseholdProfile(rs.getLong(1), rs.getInt(2)));
                });
    }

    /** Columns by position, unlike {@link PersonRepository}: the rebuild streams every person of the country through here. */
    private static Demographics map(ResultSet rs, LocalDate today) throws SQLException {
        List<Demographics.Residence> residences = new ArrayList<>();
        Object[] types = array(rs.getArray(11));
        if (types != null) {
            Object[] units = array(rs.getArray(12));
            Object[] froms = array(rs.getArray(13));
            Object[] tos = array(rs.getArray(14));
            for (int i = 0; i < types.length; i++) {
                residences.add(new Demographics.Residence((String) types[i], ((Number) units[i]).longValue(), date(froms[i]), date(tos[i])));
            }
        }
        Demographics.ActiveCard card = rs.getBoolean(15) ? new Demographics.ActiveCard(rs.getObject(16, LocalDate.class)) : null;
        Demographics profile = new Demographics(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class),
                rs.getBoolean(10), 0, residences, card);
        return new Demographics(profile.sex(), profile.dateOfBirth(), profile.birthUnitId(), profile.ethnicity(), profile.religion(),
                profile.nationality(), profile.maritalStatus(), profile.status(), profile.dateOfDeath(), profile.deathDocumented(),
                profile.livingUnitOn(today), profile.residences(), card);
    }

    private static String[] isoDates(Collection<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).toArray(String[]::new);
    }

    private static Object[] array(Array array) throws SQLException {
        return array == null ? null : (Object[]) array.getArray();
    }

    private static LocalDate date(Object value) {
        return value == null ? null : ((java.sql.Date) value).toLocalDate();
    }
}
