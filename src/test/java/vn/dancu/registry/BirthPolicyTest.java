package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BirthPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);
    private static final LocalDate BIRTH = LocalDate.of(2026, 11, 20);

    @Test
    void aChildIsBornByToday() {
        assertThat(BirthPolicy.dateOfBirth(TODAY, TODAY)).isEmpty();
        assertThat(BirthPolicy.dateOfBirth(TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("dateOfBirth", "IN_FUTURE");
    }

    @Test
    void numbersEncodeBirthYearsFrom1900() {
        assertThat(BirthPolicy.dateOfBirth(LocalDate.of(1900, 1, 1), TODAY)).isEmpty();
        assertThat(BirthPolicy.dateOfBirth(LocalDate.of(1899, 12, 31), TODAY)).get()
                .extracting(Refusal::code).isEqualTo("TOO_EARLY");
    }

    @Test
    void aBirthIsRegisteredBetweenTheBirthAndToday() {
        assertThat(BirthPolicy.registeredOn(BIRTH, BIRTH, TODAY)).isEmpty();
        assertThat(BirthPolicy.registeredOn(BIRTH, BIRTH.minusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("registeredOn", "OUT_OF_RANGE");
        assertThat(BirthPolicy.registeredOn(BIRTH, TODAY.plusDays(1), TODAY)).isPresent();
        assertThat(BirthPolicy.registeredOn(TODAY.plusDays(1), TODAY, TODAY)).as("a future birth is refused once, as such")
                .isEmpty();
    }

    @Test
    void theFatherIsAManAndTheMotherAWoman() {
        assertThat(BirthPolicy.parent("fatherPersonalId", APerson.man().build(), Gender.MALE, BIRTH)).isEmpty();
        assertThat(BirthPolicy.parent("fatherPersonalId", APerson.woman().build(), Gender.MALE, BIRTH))
                .extracting(Refusal::field, Refusal::code, Refusal::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("fatherPersonalId", "WRONG_GENDER",
                        "fatherPersonalId must name a male person"));
    }

    @Test
    void aParentIsBornBeforeTheChild() {
        assertThat(BirthPolicy.parent("motherPersonalId", APerson.woman().born("2026-11-20").build(), Gender.FEMALE, BIRTH))
                .extracting(Refusal::code).containsExactly("BORN_AFTER_CHILD");
    }

    @Test
    void aFatherMayDieDuringThePregnancyButNotLongBefore() {
        assertThat(BirthPolicy.parent("fatherPersonalId", APerson.man().diedOn("2026-01-21").build(), Gender.MALE, BIRTH))
                .isEmpty();
        assertThat(BirthPolicy.parent("fatherPersonalId", APerson.man().diedOn("2026-01-19").build(), Gender.MALE, BIRTH))
                .extracting(Refusal::code).containsExactly("DEAD_BEFORE_BIRTH");
    }

    @Test
    void everyProblemWithAParentIsReportedAndNoneWithoutTheChildsDate() {
        Person wrong = APerson.woman().born("2026-12-01").diedOn("2026-12-02").build();
        assertThat(BirthPolicy.parent("fatherPersonalId", wrong, Gender.MALE, BIRTH)).extracting(Refusal::code)
                .containsExactly("WRONG_GENDER", "BORN_AFTER_CHILD");
        assertThat(BirthPolicy.parent("fatherPersonalId", wrong, Gender.MALE, null)).extracting(Refusal::code)
                .containsExactly("WRONG_GENDER");
    }
}
