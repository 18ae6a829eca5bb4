package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;
import vn.dancu.platform.CacheBus;

/** Another node's change of the trust store reaches this node's snapshot through the cache bus, not after the reload. */
class TrustStoreBusTest extends IntegrationTest {

    @Autowired
    TrustStore trustStore;
    @Autowired
    JdbcClient jdbc;

    @Test
    void anotherNodesNoticeDropsTheSnapshot() throws InterruptedException {
        // The first notice makes the snapshot fresh, so that the 30 s reload cannot be what drops it the second time.
        CscaTrust fresh = dropped(trustStore.trust());
        assertThat(trustStore.trust()).as("kept between changes").isSameAs(fresh);
        dropped(fresh);
    }

    private CscaTrust dropped(CscaTrust before) throws InterruptedException {
        jdbc.sql("select pg_notify(?, ?)").params(CacheBus.CHANNEL, TrustStore.CACHE + ":other-node:").query().listOfRows();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (trustStore.trust() == before) {
            assertThat(Instant.now()).as("the notice did not drop the snapshot").isBefore(deadline);
            Thread.sleep(20);
        }
        return trustStore.trust();
    }
}
