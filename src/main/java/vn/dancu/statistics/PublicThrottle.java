package vn.dancu.statistics;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls to the public tables per network address and minute. Kept in memory per node (behind a
 * load balancer the limit per address is the per-node limit times the nodes). The tables are
 * released once a month, so the limit protects the platform, not the figures.
 */
@Component
class PublicThrottle {

    private record Window(long minute, AtomicInteger calls) {
    }

    private final Clock clock;
    private final int perMinute;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    PublicThrottle(Clock clock, @Value("${dancu.statistics.open.public-per-minute:60}") int perMinute) {
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** 0 when the call may go on, else the seconds to wait. */
    long admit(String address) {
        long now = clock.millis();
        long minute = now / 60_000;
        if (windows.size() > 100_000) {
            windows.values().removeIf(w -> w.minute() < minute);
        }
        Window window = windows.compute(address, (a, w) -> w == null || w.minute() != minute ? new Window(minute, new AtomicInteger()) : w);
        if (window.calls().incrementAndGet() <= perMinute) {
            return 0;
        }
        return (minute + 1) * 60 - now / 1000;
    }
}
