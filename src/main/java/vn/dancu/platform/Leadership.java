package vn.dancu.platform;

import java.util.function.Supplier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One node at a time, for the jobs that must not run twice at once when several nodes share the database: the
 * access-log sealer, the deadline watch, housekeeping. Each round runs in one transaction that first tries a
 * transaction-scoped advisory lock on the job's name. The node that gets it runs the round; the others skip it and
 * try again at their next round. There is no election and no hand-over: the lock ends with the transaction, and a
 * node that dies mid-round loses it with its connection, so another node simply takes the next round.
 */
@Component
public class Leadership {

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    Leadership(JdbcClient jdbc, PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    /** Runs {@code round} in a transaction if no other node is running {@code job} now; false when one is. */
    public boolean runAlone(String job, Runnable round) {
        return callAlone(job, () -> {
            round.run();
            return Boolean.TRUE;
        }) != null;
    }

    /**
     * Like {@link #runAlone} for a round with a result: the result, or null when another node is running {@code job}
     * (so the round must not return null itself).
     */
    public <T> T callAlone(String job, Supplier<T> round) {
        return transactions.execute(status -> lock(job) ? round.get() : null);
    }

    private boolean lock(String job) {
        return jdbc.sql("select pg_try_advisory_xact_lock(hashtext(?))").param(job).query(Boolean.class).single();
    }
}
