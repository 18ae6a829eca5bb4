package vn.dancu.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/**
 * The demo families and the generated population, as the registry holds them, do not contradict
 * themselves: marital status and spouses, household roles and ages, addresses and their units.
 * Each query lists the persons (or households) that break a rule, so a failure names them. Only
 * what demo mode wrote is judged: other tests add their own people to the shared database.
 */
class DemoPopulationConsistencyTest extends IntegrationTest {

    /** The persons demo mode wrote: their first history record is by the demo seeding. */
    private static final String DEMO = """
            with demo as (select p.* from registry.person p
                          where (select c.actor from registry.person_change c where c.person_id = p.id order by c.id limit 1) = 'system.demo')
            """;

    /** Words that name an administrative unit: the unit is held apart from the address line. */
    private static final String UNIT_WORDS = "'(^|[ ,])(phường|xã|thị trấn|quận|huyện|thị xã|tỉnh|thành phố|đặc khu|tp\\.?) '";

    @Autowired
    JdbcClient jdbc;

    private List<String> offenders(String query) {
        return jdbc.sql(DEMO + query).query(String.class).list();
    }

    @Test
    void theDemoFamiliesAndTheGeneratedPopulationAreThere() {
        assertThat(jdbc.sql(DEMO + "select count(*) from demo").query(Integer.class).single()).isGreaterThan(3_000);
        assertThat(offenders("select personal_id from demo where full_name = 'Nguyễn Văn An' and date_of_birth = '1975-03-14' and marital_status = 'MARRIED'"))
                .as("An, whose household lists his wife Bình, is married").hasSize(1);
    }

    @Test
    void theMarriedHaveASpouseWhoIsMarriedToThemAndTheSingleHaveNone() {
        assertThat(offenders("""
                select d.personal_id || ' ' || d.marital_status from demo d left join registry.person s on s.id = d.spouse_id
                where (d.marital_status = 'MARRIED') <> (d.spouse_id is not null)
                   or (s.id is not null and (s.spouse_id is distinct from d.id or s.marital_status <> 'MARRIED' or s.gender = d.gender))
                """)).isEmpty();
    }

    @Test
    void aHouseholdHasOneHeadAndItsSpouseIsMarriedToTheHead() {
        assertThat(offenders("""
                select h.id::text from registry.household h
                where h.head_person_id in (select id from demo)
                  and ((select count(*) from registry.person m where m.household_id = h.id and m.relationship_to_head = 'HEAD') <> 1
                    or not exists (select from registry.person m where m.id = h.head_person_id and m.household_id = h.id
                                   and m.relationship_to_head = 'HEAD'))
                """)).as("households without exactly one head, or whose head is not the member marked HEAD").isEmpty();
        assertThat(offenders("""
                select d.personal_id from demo d join registry.household h on h.id = d.household_id
                where d.relationship_to_head = 'SPOUSE' and d.spouse_id is distinct from h.head_person_id
                """)).as("a SPOUSE is married to the head").isEmpty();
        assertThat(offenders("""
                select d.personal_id from demo d join registry.household h on h.id = d.household_id
                join registry.person head on head.id = h.head_person_id
                where d.marital_status = 'MARRIED' and d.relationship_to_head <> 'HEAD' and d.relationship_to_head <> 'SPOUSE'
                  and d.spouse_id = head.id
                """)).as("whoever is married to the head is listed as SPOUSE").isEmpty();
    }

    @Test
    void childrenAreYoungerThanTheirParentsAndTheHeadByAGenerationAndParentsOlderThanTheHead() {
        assertThat(offenders("""
                select d.personal_id from demo d
                left join registry.person f on f.id = d.father_id left join registry.person m on m.id = d.mother_id
                where f.date_of_birth > d.date_of_birth - interval '15 years' or m.date_of_birth > d.date_of_birth - interval '15 years'
                   or m.date_of_birth < d.date_of_birth - interval '55 years'
                """)).as("parents at least 15 years older, mothers at most 55").isEmpty();
        assertThat(offenders("""
                select d.personal_id || ' ' || d.relationship_to_head from demo d join registry.household h on h.id = d.household_id
                join registry.person head on head.id = h.head_person_id
                where (d.relationship_to_head = 'CHILD' and head.date_of_birth > d.date_of_birth - interval '15 years')
                   or (d.relationship_to_head = 'PARENT' and d.date_of_birth > head.date_of_birth - interval '15 years')
                """)).as("a CHILD is a generation younger than the head, a PARENT a generation older").isEmpty();
        assertThat(offenders("""
                select d.personal_id from demo d where d.relationship_to_head = 'SPOUSE'
                  and d.date_of_birth > current_date - case d.gender when 'MALE' then interval '20 years' else interval '18 years' end
                """)).as("spouses of marriageable age (Luật Hôn nhân và gia đình 2014, Điều 8)").isEmpty();
    }

    @Test
    void addressLinesNameNoUnitSoThatTheWrittenAddressNamesItsUnitOnce() {
        assertThat(offenders("select h.address_line from registry.household h where h.head_person_id in (select id from demo)"
                + " and lower(h.address_line) ~ " + UNIT_WORDS)).isEmpty();
        // A temporary absence's line is where the person went, not an address in its unit.
        assertThat(offenders("select r.address_line from registry.residence r where r.person_id in (select id from demo)"
                + " and r.type <> 'TEMPORARY_ABSENCE' and lower(r.address_line) ~ " + UNIT_WORDS)).isEmpty();
    }

    @Test
    void anPersonPageWritesHisWardOnceInTheHouseholdAddress() {
        String an = jdbc.sql("select personal_id from registry.person where full_name = 'Nguyễn Văn An' and date_of_birth = '1975-03-14'")
                .query(String.class).single();
        String page = api("officer.hanoi").text("/staff/persons/" + an + "?purpose=" + java.net.URLEncoder.encode("Kiểm thử",
                java.nio.charset.StandardCharsets.UTF_8));
        assertThat(page).contains("Số 12 phố Phan Đình Phùng, Phường Ba Đình").doesNotContain("Phường Ba Đình, Phường Ba Đình");
    }
}
