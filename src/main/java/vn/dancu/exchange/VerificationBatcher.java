package vn.dancu.exchange;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonFinder;

/**
 * Group commit for checks. Concurrent checks wait in a queue; a writer takes all that are
 * waiting and answers them in one transaction: one statement counts them against their members'
 * daily quotas, one reads every person, one batch writes their access-log rows, one batch their
 * metering, one commit makes all durable. Each
 * caller is answered only after that commit, so no answer leaves without its record, and the
 * read and its record share the transaction as everywhere else. Under load a batch holds tens of
 * checks, so the platform pays one commit (one WAL flush) for all of them instead of one each.
 */
@Component
class VerificationBatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VerificationBatcher.class);
    static final int MAX_BATCH = 256;
    private static final long ANSWER_TIMEOUT_SECONDS = 10;

    record Pending(Members.Caller caller, Verification.Checked check, CompletableFuture<Verification.Answer> answer) {
    }

    private final PersonFinder finder;
    private final Metering metering;
    private final TransactionTemplate transactions;
    private final int writers;
    /** Checks per batch, the batch's transaction, and its quota count within it (waiting on the member's row included). */
    private final DistributionSummary batchSizes;
    private final Timer batchTimes;
    private final Timer quotaTimes;
    private final BlockingQueue<Pending> queue = new ArrayBlockingQueue<>(8_192);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    VerificationBatcher(PersonFinder finder, Metering metering, PlatformTransactionManager transactionManager,
                        @Value("${dancu.exchange.verify-writers:2}") int writers, MeterRegistry meters) {
        this.finder = finder;
        this.batchSizes = DistributionSummary.builder("dancu.exchange.verify.batch").description("Checks per verify batch").register(meters);
        this.batchTimes = Timer.builder("dancu.exchange.verify.transaction").description("A verify batch's transaction, commit included")
                .register(meters);
        this.quotaTimes = Timer.builder("dancu.exchange.verify.quota")
                .description("A verify batch's quota count, waiting on the member's row of the day included").register(meters);
        this.metering = metering;
        this.transactions = new TransactionTemplate(transactionManager);
        this.writers = writers;
    }

    Verification.Answer verify(Members.Caller caller, Verification.Checked check) {
        Pending pending = new Pending(caller, check, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw ApiProblem.tooManyRequests("BUSY", "The platform is answering as many checks as it can; retry shortly", 1);
        }
        try {
            return pending.answer().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the check", e);
        } catch (TimeoutException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "CHECK_TIMEOUT", "The check took too long; retry it");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private void work() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                answer(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Nothing was committed: every caller of the batch gets the failure, none an answer. The
                // class only in the log: a database error's message can quote the values of a row.
                log.error("A batch of {} checks failed: {}", batch.size(), e.getClass().getName());
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * The batch's quota is taken first, in its transaction: the checks over a member's quota are refused before
     * anything is read or logged, and a batch that fails rolls its count back with everything else.
     */
    private void answer(List<Pending> batch) {
        batchSizes.record(batch.size());
        long started = System.nanoTime();
        List<Verification.Answer> answers = transactions.execute(status -> {
            Map<Long, Integer> granted = new java.util.HashMap<>(
                    quotaTimes.record(() -> metering.take(batch.stream().map(Pending::caller).toList())));
            boolean[] admitted = new boolean[batch.size()];
            for (int i = 0; i < batch.size(); i++) {
                admitted[i] = granted.merge(batch.get(i).caller().member().id(), -1, Integer::sum) >= 0;
            }
            List<PersonFinder.FactsQuery> queries = java.util.stream.IntStream.range(0, batch.size()).filter(i -> admitted[i])
                    .mapToObj(batch::get).map(p -> new PersonFinder.FactsQuery(p.check().number(),
                    Verification.requester(p.caller(), p.check().purposeCode(), p.check().request().purposeDetail(),
                            p.check().request().caseRef(), AccessLog.Channel.API),
                    Verification.loggedFields(p.check()))).toList();
            Map<String, PersonFinder.Facts> facts = queries.isEmpty() ? Map.of() : finder.facts(queries);
            List<Verification.Answer> result = new ArrayList<>(batch.size());
            List<Metering.Charge> charges = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                Pending p = batch.get(i);
                if (!admitted[i]) {
                    result.add(null); // over the member's quota
                    continue;
                }
                Verification.Answer a = Verification.answer(p.check(), facts.get(p.check().number()), p.caller().policy().nameMatching());
                result.add(a);
                charges.add(new Metering.Charge(p.caller().member().id(), "VERIFY", Verification.PRODUCT, 1, a.fieldsCharged(),
                        p.check().purposeCode(), p.check().request().caseRef()));
            }
            if (!charges.isEmpty()) {
                metering.record(charges);
            }
            return result;
        });
        batchTimes.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            if (answers.get(i) == null) {
                p.answer().completeExceptionally(metering.exceeded(p.caller()));
            } else {
                p.answer().complete(answers.get(i));
            }
        }
    }

    @Override
    public void start() {
        running = true;
        for (int i = 0; i < writers; i++) {
            threads.add(Thread.ofPlatform().daemon().name("verify-writer-" + i).start(this::work));
        }
    }

    @Override
    public void stop() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        // A check queued while the writers were leaving is answered, not left to time out.
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(
                new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "STOPPING", "The platform is stopping; retry the check")));
    }

    /** Stops after the web server has finished its requests (lower phases stop later). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
