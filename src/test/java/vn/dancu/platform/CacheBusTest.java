package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.IntegrationTest;

class CacheBusTest extends IntegrationTest {

    @Autowired
    CacheBus bus;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aNoticeFromAnotherNodeReachesTheListenerAtCommitAndOnlyThen() throws Exception {
        String cache = "test-" + UUID.randomUUID();
        List<String> heard = new CopyOnWriteArrayList<>();
        bus.register(cache, heard::add);

        TransactionTemplate transaction = new TransactionTemplate(transactions);
        transaction.executeWithoutResult(status -> {
            notice(cache + ":other-node:rolled-back");
            status.setRollbackOnly();
        });
        transaction.executeWithoutResult(status -> {
            notice(cache + ":other-node:key-1");
            assertThat(heard).as("not before the commit").isEmpty();
        });
        waitFor(() -> heard.contains("key-1"));
        assertThat(heard).containsExactly("key-1");

        bus.changed(cache, "mine");
        notice(cache + ":other-node:key-2");
        waitFor(() -> heard.contains("key-2"));
        assertThat(heard).as("this node's own notices are skipped: it refreshed itself").containsExactly("key-1", "key-2");
    }

    @Test
    void afterALostConnectionEveryCacheReloads() throws Exception {
        String cache = "test-" + UUID.randomUUID();
        List<String> heard = new CopyOnWriteArrayList<>();
        bus.register(cache, heard::add);
        assertThat(jdbc.sql("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'dancu cache bus'"
                + " and datname = current_database()").query(Boolean.class).list()).containsExactly(true);
        waitFor(() -> heard.contains(CacheBus.EVERYTHING));
        notice(cache + ":other-node:after");
        waitFor(() -> heard.contains("after"));
    }

    private void notice(String payload) {
        jdbc.sql("select pg_notify(?, ?)").params(CacheBus.CHANNEL, payload).query().listOfRows();
    }

    private interface Condition {
        boolean holds();
    }

    private static void waitFor(Condition condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!condition.holds()) {
            assertThat(Instant.now()).as("waited in vain").isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
