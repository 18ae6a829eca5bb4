package vn.dancu.procedures.appendix;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The unemployment benefit (Law on Employment 38/2013/QH13, Art. 49-50, kept by the Law on Employment 74/2025/QH15):
 * a worker who contributed for at least 12 months receives each month 60% of the average monthly salary on which
 * they contributed in their last 6 months, at most five times the regional minimum wage; for 3 months when they
 * contributed 12 to 36 months, one more month for every further 12 months, at most 12 months.
 *
 * @param cap the most a month pays: five times the regional minimum wage
 */
record UnemploymentBenefitRule(long cap) {

    static final int MINIMUM_CONTRIBUTION_MONTHS = 12;
    static final BigDecimal SHARE = new BigDecimal("0.60");
    static final int CAP_TIMES_MINIMUM_WAGE = 5;

    /** The benefit decided: per month, whether the cap cut it, and for how many months. */
    record Benefit(long averageSalary, long monthly, boolean capped, int months) {

        long total() {
            return monthly * months;
        }
    }

    static UnemploymentBenefitRule ofMinimumWage(long regionalMinimumWage) {
        if (regionalMinimumWage <= 0) {
            throw new IllegalArgumentException("A regional minimum wage above zero, not " + regionalMinimumWage);
        }
        return new UnemploymentBenefitRule(regionalMinimumWage * CAP_TIMES_MINIMUM_WAGE);
    }

    static boolean eligible(int contributionMonths) {
        return contributionMonths >= MINIMUM_CONTRIBUTION_MONTHS;
    }

    Benefit benefit(long averageSalary, int contributionMonths) {
        if (!eligible(contributionMonths) || averageSalary <= 0) {
            throw new IllegalArgumentException("No benefit for " + contributionMonths + " months at " + averageSalary);
        }
        long share = BigDecimal.valueOf(averageSalary).multiply(SHARE).setScale(0, RoundingMode.HALF_UP).longValueExact();
        return new Benefit(averageSalary, Math.min(share, cap), share > cap, months(contributionMonths));
    }

    /** 3 months for 12 to 36 months of contributions (47 included), then one more for every 12 further months, at most 12. */
    static int months(int contributionMonths) {
        return Math.min(12, 3 + Math.max(0, (contributionMonths - 36) / 12));
    }
}
