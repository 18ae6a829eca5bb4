package vn.dancu.eid;

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

/** The per-address throttle counts in PostgreSQL; TwoNodeTest shows that two nodes share the count. */
class AddressThrottleTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Leadership leadership;

    private final SteppingClock clock = new SteppingClock(Instant.parse("2020-01-01T10:00:30Z"));

    @Test
    void anAddressIsStoppedAfterTheLimitAndFreedWhenTheWindowMoves() {
        String address = "10.0." + UUID.randomUUID();
        String other = "10.1." + UUID.randomUUID();
        AddressThrottle throttle = new AddressThrottle(jdbc, leadership, clock, 3, Duration.ofMinutes(10));
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.blocked(address)).isFalse();
            throttle.failed(address);
            clock.advance(Duration.ofSeconds(20));
        }
        assertThat(throttle.blocked(address)).isTrue();
        assertThat(throttle.blocked(other)).isFalse();
        assertThat(jdbc.sql("select count(*) from eid.address_failure where address = ?").param(address).query(Long.class).single())
                .as("one row per minute").isEqualTo(2);
        clock.advance(Duration.ofMinutes(9));
        assertThat(throttle.blocked(address)).as("the first minute's failures have left the window").isFalse();
    }

    @Test
    void aSecondThrottleOnTheSameDatabaseSeesTheFirstOnesFailures() {
        String address = "10.2." + UUID.randomUUID();
        AddressThrottle one = new AddressThrottle(jdbc, leadership, clock, 4, Duration.ofMinutes(10));
        AddressThrottle two = new AddressThrottle(jdbc, leadership, clock, 4, Duration.ofMinutes(10));
        one.failed(address);
        two.failed(address);
        one.failed(address);
        assertThat(two.blocked(address)).isFalse();
        two.failed(address);
        assertThat(one.blocked(address)).isTrue();
        assertThat(two.blocked(address)).isTrue();
    }
}
