package vn.dancu.procedures.appendix;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The rules of procedure 15's later legs, without the platform. */
class LinkedBirthRulesTest {

    @Test
    void aChildsHealthInsuranceCardRunsToSeptemberOrTheSixthBirthday() {
        assertThat(LinkedBirth.validTo(LocalDate.parse("2026-03-10"))).isEqualTo(LocalDate.parse("2032-09-30"));
        assertThat(LinkedBirth.validTo(LocalDate.parse("2026-11-20"))).isEqualTo(LocalDate.parse("2032-11-19"));
    }

    @Test
    void theChildJoinsTheHouseholdAsTheHeadsChildOrGrandchild() {
        assertThat(LinkedBirth.relationshipToHead(null)).isEqualTo("CHILD");
        assertThat(LinkedBirth.relationshipToHead("HEAD")).isEqualTo("CHILD");
        assertThat(LinkedBirth.relationshipToHead("SPOUSE")).isEqualTo("CHILD");
        assertThat(LinkedBirth.relationshipToHead("CHILD")).isEqualTo("GRANDCHILD");
        assertThat(LinkedBirth.relationshipToHead("SIBLING")).isEqualTo("OTHER_RELATIVE");
    }
}
