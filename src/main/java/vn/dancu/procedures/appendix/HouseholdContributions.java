package vn.dancu.procedures.appendix;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.stream.IntStream;

/**
 * What a household pays for its members' health insurance (Law on Health Insurance 25/2008/QH12, Art. 13(1)(g) as
 * amended by Law 46/2014/QH13; Decree 146/2018/NĐ-CP, Art. 7(1)(e)): the first member 4.5% of the base salary a
 * month, the second 70% of the first's, the third 60%, the fourth 50%, the fifth and each after 40%. Amounts are in
 * đồng, each rounded to the đồng.
 *
 * @param monthly each member's monthly contribution, in the order the members are counted
 */
record HouseholdContributions(long baseSalary, List<Long> monthly) {

    /** Of the base salary, per month, for the first member. */
    static final BigDecimal RATE = new BigDecimal("0.045");
    /** The share of the first member's contribution that the n-th pays (n = 1, 2, 3, 4, 5 and more). */
    private static final List<BigDecimal> LADDER = List.of(BigDecimal.ONE, new BigDecimal("0.70"), new BigDecimal("0.60"),
            new BigDecimal("0.50"), new BigDecimal("0.40"));

    HouseholdContributions {
        monthly = List.copyOf(monthly);
    }

    static HouseholdContributions of(long baseSalary, int members) {
        if (baseSalary <= 0 || members < 0) {
            throw new IllegalArgumentException("A base salary above zero and a count of members, not " + baseSalary + ", " + members);
        }
        BigDecimal first = BigDecimal.valueOf(baseSalary).multiply(RATE);
        return new HouseholdContributions(baseSalary, IntStream.range(0, members)
                .mapToObj(i -> first.multiply(LADDER.get(Math.min(i, LADDER.size() - 1))).setScale(0, RoundingMode.HALF_UP).longValueExact())
                .toList());
    }

    long monthlyTotal() {
        return monthly.stream().mapToLong(Long::longValue).sum();
    }

    /** The n-th member's contribution (1-based) for {@code months} months. */
    long forMember(int n, int months) {
        return monthly.get(n - 1) * months;
    }

    long total(int months) {
        return monthlyTotal() * months;
    }
}
