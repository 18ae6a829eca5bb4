package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PublicThrottleTest {

    @Test
    void anAddressGetsItsCallsAMinuteThenWaitsForTheNextMinute() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-05T10:00:20Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        PublicThrottle throttle = new PublicThrottle(clock, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.admit("192.0.2.1")).isZero();
        }
        assertThat(throttle.admit("192.0.2.1")).as("seconds to the next minute").isEqualTo(40);
        assertThat(throttle.admit("192.0.2.2")).as("another address").isZero();
        now.set(now.get().plusSeconds(40));
        assertThat(throttle.admit("192.0.2.1")).isZero();
    }
}
