package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;
import vn.dancu.SteppingClock;
import vn.dancu.platform.Leadership;

class PublicThrottleTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leadership leadership;

    @Test
    void anAddressGetsItsCallsAMinuteThenWaitsForTheNextMinuteWhateverNodeItReaches() {
        SteppingClock clock = new SteppingClock(Instant.parse("2020-12-05T10:00:20Z"));
        // two throttles on one database stand for two nodes
        PublicThrottle one = new PublicThrottle(jdbc, leadership, clock, 3);
        PublicThrottle two = new PublicThrottle(jdbc, leadership, clock, 3);
        String address = "192.0.2." + UUID.randomUUID();
        assertThat(one.admit(address)).isZero();
        assertThat(two.admit(address)).isZero();
        assertThat(one.admit(address)).isZero();
        assertThat(two.admit(address)).as("seconds to the next minute").isEqualTo(40);
        assertThat(one.admit("192.0.2." + UUID.randomUUID())).as("another address").isZero();
        clock.advance(Duration.ofSeconds(40));
        assertThat(two.admit(address)).isZero();
    }
}
