package vn.dancu.procedures.appendix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class HouseholdContributionsTest {

    // Decree 73/2024/NĐ-CP: the base salary from 1 July 2024.
    static final long BASE_SALARY = 2_340_000;

    @Test
    void theFirstMemberPaysFourAndAHalfPerCentOfTheBaseSalary() {
        assertThat(HouseholdContributions.of(BASE_SALARY, 1).monthly()).containsExactly(105_300L);
    }

    @Test
    void laterMembersPaySeventySixtyFiftyAndThenFortyPerCentOfTheFirstsContribution() {
        HouseholdContributions six = HouseholdContributions.of(BASE_SALARY, 6);

        assertThat(six.monthly()).containsExactly(105_300L, 73_710L, 63_180L, 52_650L, 42_120L, 42_120L);
        assertThat(six.monthlyTotal()).isEqualTo(379_080L);
        assertThat(six.total(12)).isEqualTo(4_548_960L);
        assertThat(six.forMember(2, 6)).isEqualTo(442_260L);
    }

    @Test
    void amountsAreRoundedToTheDong() {
        // 1,490,000 x 4.5% = 67,050; x 70% = 46,935; x 60% = 40,230; x 50% = 33,525; x 40% = 26,820
        assertThat(HouseholdContributions.of(1_490_000, 5).monthly()).containsExactly(67_050L, 46_935L, 40_230L, 33_525L, 26_820L);
        // 1,000,001 x 4.5% = 45,000.045 -> 45,000; x 70% = 31,500.0315 -> 31,500
        assertThat(HouseholdContributions.of(1_000_001, 2).monthly()).containsExactly(45_000L, 31_500L);
    }

    @Test
    void aHouseholdWithNobodyToInsurePaysNothing() {
        assertThat(HouseholdContributions.of(BASE_SALARY, 0).monthlyTotal()).isZero();
        assertThatThrownBy(() -> HouseholdContributions.of(0, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}
