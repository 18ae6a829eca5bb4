package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dancu.registry.Demographics;
import vn.dancu.registry.HouseholdProfile;

class CensusTest {

    static final LocalDate DAY = LocalDate.of(2026, 12, 5);

    static Demographics person(String status, LocalDate born, List<Demographics.Residence> residences, Demographics.ActiveCard card) {
        return new Demographics("FEMALE", born, 11, "Kinh", null, "VN", "MARRIED", status,
                status.equals("DECEASED") ? LocalDate.of(2026, 3, 9) : null, status.equals("DECEASED"), 0, residences, card);
    }

    static List<String> keys(Demographics person, LocalDate day) {
        List<String> keys = new ArrayList<>();
        Census.person(person, day, 1, d -> keys.add(d.fact() + "/" + d.unitId() + "/" + d.k1() + "/" + d.k2() + "/" + d.amount()));
        return keys;
    }

    @Test
    void aLivingAdultCountsWhereHerPermanentResidenceIsWithHerCardAndResidences() {
        var permanent = new Demographics.Residence("PERMANENT", 21, LocalDate.of(2010, 1, 1), null);
        var temporary = new Demographics.Residence("TEMPORARY", 31, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 12, 31));
        var ended = new Demographics.Residence("CURRENT", 41, LocalDate.of(2020, 1, 1), LocalDate.of(2021, 1, 1));
        assertThat(keys(person("ALIVE", LocalDate.of(1990, 6, 1), List.of(permanent, temporary, ended),
                new Demographics.ActiveCard(LocalDate.of(2030, 6, 1))), DAY)).containsExactlyInAnyOrder(
                "births/11/1990-06//1", "population/21/FEMALE/35-39/1", "adults/21///1", "ethnicity/21/Kinh//1",
                "religion/21/NONE//1", "nationality/21/VN//1", "marital/21/MARRIED//1", "residence/21/PERMANENT//1",
                "residence/31/TEMPORARY//1", "quality/21/living//1", "quality/21/with_residence//1", "quality/21/card_due//1",
                "quality/21/with_valid_card//1");
    }

    @Test
    void withoutAResidenceAPersonCountsWhereTheBirthWasRegisteredAndAnExpiredCardIsNotValid() {
        List<String> keys = keys(person("MISSING", LocalDate.of(2010, 12, 5), List.of(), new Demographics.ActiveCard(DAY.minusDays(1))), DAY);
        assertThat(keys).contains("population/11/FEMALE/15-19/1", "quality/11/card_due//1")
                .doesNotContain("adults/11///1", "quality/11/with_valid_card//1", "quality/11/with_residence//1");
    }

    @Test
    void theDeadCountInBirthsDeathsAndMovesOnlyWhereTheyLivedAtDeath() {
        var first = new Demographics.Residence("PERMANENT", 21, LocalDate.of(2000, 1, 1), LocalDate.of(2019, 12, 31));
        var second = new Demographics.Residence("PERMANENT", 22, LocalDate.of(2020, 1, 1), LocalDate.of(2026, 4, 1));
        assertThat(keys(person("DECEASED", LocalDate.of(1940, 1, 1), List.of(second, first), null), DAY)).containsExactlyInAnyOrder(
                "births/11/1940-01//1", "moves/22/21/2020-01/1", "deaths/22/2026-03//1", "quality/22/deceased//1",
                "quality/22/deceased_documented//1");
    }

    @Test
    void ageGroupsRunInFivesUpToAHundredAndOver() {
        assertThat(Census.ageGroup(0)).isEqualTo("00-04");
        assertThat(Census.ageGroup(4)).isEqualTo("00-04");
        assertThat(Census.ageGroup(5)).isEqualTo("05-09");
        assertThat(Census.ageGroup(99)).isEqualTo("95-99");
        assertThat(Census.ageGroup(100)).isEqualTo("100+");
        assertThat(Census.ageGroup(117)).isEqualTo("100+");
        assertThat(Census.age(DAY.plusDays(1), DAY)).isZero();
    }

    @Test
    void birthdaysAtTheBoundariesAreFoundAcrossTheYearAndOn29February() {
        assertThat(Census.birthdaysCrossing(LocalDate.of(2027, 1, 1))).contains(LocalDate.of(2009, 1, 1), LocalDate.of(2013, 1, 1),
                LocalDate.of(1927, 1, 1), LocalDate.of(2022, 1, 1)).doesNotContain(LocalDate.of(2008, 12, 31)).hasSize(Census.AGE_BOUNDARIES.size());
        // In a common year, those born on 29 February have their birthday on 1 March.
        assertThat(Census.birthdaysCrossing(LocalDate.of(2029, 3, 1))).contains(LocalDate.of(2024, 2, 29), LocalDate.of(2024, 3, 1),
                LocalDate.of(2011, 3, 1)).doesNotContain(LocalDate.of(2024, 2, 28));
        assertThat(Census.birthdaysCrossing(LocalDate.of(2029, 2, 28))).contains(LocalDate.of(2024, 2, 28))
                .doesNotContain(LocalDate.of(2024, 2, 29));
        // In a leap year, on their own day.
        assertThat(Census.birthdaysCrossing(LocalDate.of(2028, 2, 29))).contains(LocalDate.of(2008, 2, 29))
                .doesNotContain(LocalDate.of(2008, 3, 1));
        Demographics leapling = person("ALIVE", LocalDate.of(2024, 2, 29), List.of(), null);
        assertThat(keys(leapling, LocalDate.of(2029, 2, 28))).contains("population/11/FEMALE/00-04/1");
        assertThat(keys(leapling, LocalDate.of(2029, 3, 1))).contains("population/11/FEMALE/05-09/1");
    }

    @Test
    void aHouseholdCountsByItsLivingMembersAndNotAtAllWithoutOne() {
        List<Journal.Delta> deltas = new ArrayList<>();
        Census.household(new HouseholdProfile(5, 3), 1, deltas::add);
        Census.household(new HouseholdProfile(5, 12), -1, deltas::add);
        Census.household(new HouseholdProfile(5, 0), 1, deltas::add);
        assertThat(deltas).containsExactly(new Journal.Delta("households", 5, "3", null, null, 1),
                new Journal.Delta("households", 5, "10+", null, null, -1));
    }
}
