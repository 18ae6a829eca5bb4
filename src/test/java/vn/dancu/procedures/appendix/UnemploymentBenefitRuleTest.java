package vn.dancu.procedures.appendix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UnemploymentBenefitRuleTest {

    // Decree 293/2025/NĐ-CP: region I from 1 January 2026; the cap is five times it.
    final UnemploymentBenefitRule rule = UnemploymentBenefitRule.ofMinimumWage(5_310_000);

    @Test
    void theBenefitIsSixtyPerCentOfTheAverageSalaryOfTheLastSixMonths() {
        UnemploymentBenefitRule.Benefit benefit = rule.benefit(12_500_000, 30);

        assertThat(benefit.monthly()).isEqualTo(7_500_000);
        assertThat(benefit.capped()).isFalse();
        assertThat(benefit.months()).isEqualTo(3);
        assertThat(benefit.total()).isEqualTo(22_500_000);
    }

    @Test
    void aHighSalaryIsCappedAtFiveTimesTheRegionalMinimumWage() {
        UnemploymentBenefitRule.Benefit benefit = rule.benefit(60_000_000, 40);

        assertThat(benefit.monthly()).isEqualTo(26_550_000);
        assertThat(benefit.capped()).isTrue();
        assertThat(rule.benefit(44_250_000, 40).capped()).isFalse();
        assertThat(rule.benefit(44_250_002, 40).capped()).isTrue();
    }

    @Test
    void threeMonthsForUpToThirtySixMonthsThenOneMoreForEachFurtherTwelveAtMostTwelve() {
        assertThat(UnemploymentBenefitRule.months(12)).isEqualTo(3);
        assertThat(UnemploymentBenefitRule.months(36)).isEqualTo(3);
        assertThat(UnemploymentBenefitRule.months(47)).isEqualTo(3);
        assertThat(UnemploymentBenefitRule.months(48)).isEqualTo(4);
        assertThat(UnemploymentBenefitRule.months(144)).isEqualTo(12);
        assertThat(UnemploymentBenefitRule.months(400)).isEqualTo(12);
    }

    @Test
    void lessThanTwelveMonthsOfContributionsGivesNoBenefit() {
        assertThat(UnemploymentBenefitRule.eligible(11)).isFalse();
        assertThat(UnemploymentBenefitRule.eligible(12)).isTrue();
        assertThatThrownBy(() -> rule.benefit(10_000_000, 11)).isInstanceOf(IllegalArgumentException.class);
    }
}
