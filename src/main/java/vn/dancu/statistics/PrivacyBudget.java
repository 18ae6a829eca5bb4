package vn.dancu.statistics;

import java.math.BigDecimal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each member's privacy budget: the sum of the ε of the noisy tables released to it in a month
 * (sequential composition) may not pass its monthly budget. The check and the spending are one
 * statement, so concurrent queries cannot overspend; every charge is a line of the ledger.
 */
@Component
class PrivacyBudget {

    /** Where the member stands in a month. */
    record Standing(String period, BigDecimal budget, BigDecimal spent, BigDecimal remaining) {
    }

    /** Refused: the table would cost more than what remains. */
    static final class Exhausted extends vn.dancu.platform.ApiProblem {

        final transient Standing standing;

        Exhausted(Standing standing, BigDecimal cost) {
            super(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "PRIVACY_BUDGET_EXHAUSTED",
                    "A noisy table costs ε = " + cost.toPlainString() + "; the member has " + standing.remaining().toPlainString()
                            + " of its monthly " + standing.budget().toPlainString() + " left for " + standing.period()
                            + " (a table asked for again this month is served as released, at no cost)");
            this.standing = standing;
        }
    }

    private final JdbcClient jdbc;
    private final BigDecimal monthly;

    PrivacyBudget(JdbcClient jdbc, @Value("${dancu.statistics.open.monthly-budget:10}") BigDecimal monthly) {
        this.jdbc = jdbc;
        this.monthly = monthly;
    }

    Standing standing(long memberId, String period) {
        BigDecimal budget = budget(memberId);
        BigDecimal spent = jdbc.sql("select spent from statistics.privacy_spend where member_id = ? and period = ?")
                .params(memberId, period).query(BigDecimal.class).optional().orElse(BigDecimal.ZERO);
        return new Standing(period, budget, strip(spent), strip(budget.subtract(spent).max(BigDecimal.ZERO)));
    }

    /** Spends {@code epsilon} of the member's budget for the period, or refuses with {@link Exhausted}. */
    @Transactional(propagation = Propagation.MANDATORY)
    Standing charge(long memberId, String period, BigDecimal epsilon, Dimension dimension, long unitId, String months) {
        BigDecimal budget = budget(memberId);
        boolean spent = epsilon.compareTo(budget) <= 0 && jdbc.sql("""
                        insert into statistics.privacy_spend (member_id, period, spent) values (?, ?, ?)
                        on conflict (member_id, period) do update set spent = privacy_spend.spent + excluded.spent
                            where privacy_spend.spent + excluded.spent <= ?
                        returning spent""")
                .params(memberId, period, epsilon, budget).query(BigDecimal.class).optional().isPresent();
        if (!spent) {
            throw new Exhausted(standing(memberId, period), epsilon);
        }
        jdbc.sql("insert into statistics.privacy_charge (member_id, period, epsilon, dimension, unit_id, months) values (?, ?, ?, ?, ?, ?)")
                .params(memberId, period, epsilon, dimension.name, unitId, months).update();
        return standing(memberId, period);
    }

    private BigDecimal budget(long memberId) {
        return jdbc.sql("select monthly_epsilon from statistics.privacy_budget where member_id = ?").param(memberId)
                .query(BigDecimal.class).optional().map(PrivacyBudget::strip).orElse(monthly);
    }

    private static BigDecimal strip(BigDecimal value) {
        return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
}
