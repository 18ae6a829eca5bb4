package vn.dancu.exchange;

import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the statistics module counts again from the exchange's own tables when it rebuilds its
 * figures: the metered calls and fees, and the persons with an open reconciliation difference.
 * Streamed, never loaded at once.
 */
@Service
public class ExchangeStatistics {

    /** Calls and fees of one member, product and purpose (empty when none), since the first. */
    public record UsageTotal(String member, String product, String purpose, long calls, long feeVnd) {
    }

    private final JdbcClient jdbc;
    private final OpenDifferences openDifferences;

    ExchangeStatistics(JdbcClient jdbc, OpenDifferences openDifferences) {
        this.jdbc = jdbc;
        this.openDifferences = openDifferences;
    }

    @Transactional(readOnly = true)
    public void usageTotals(Consumer<UsageTotal> into) {
        try (var rows = jdbc.sql("""
                        select m.code, u.product, coalesce(u.purpose_code, ''), sum(u.calls), sum(u.fee_vnd)
                        from exchange.usage u join exchange.member m on m.id = u.member_id
                        group by m.code, u.product, coalesce(u.purpose_code, '')""")
                .query((rs, n) -> new UsageTotal(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5)))
                .stream()) {
            rows.forEach(into);
        }
    }

    /** The personal ID number of every person with an open reconciliation difference, each once. */
    @Transactional(readOnly = true)
    public void personsWithOpenDifferences(Consumer<String> into) {
        openDifferences.each(into);
    }
}
