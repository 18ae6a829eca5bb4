package vn.dancu.eid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Failed logins per network address in a sliding window: one address trying many accounts (a
 * password spray) is stopped even though no single account reaches its lockout. Kept in memory,
 * so each node counts its own share; behind a load balancer the limit per address is the per-node
 * limit times the number of nodes, which still bounds a spray.
 */
@Component
class AddressThrottle {

    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int limit;
    private final Duration window;

    AddressThrottle(Clock clock, @Value("${dancu.eid.max-failures-per-address:30}") int limit,
                    @Value("${dancu.eid.address-window:10m}") Duration window) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    boolean blocked(String address) {
        Deque<Instant> times = failures.get(address);
        if (times == null) {
            return false;
        }
        synchronized (times) {
            prune(times);
            return times.size() >= limit;
        }
    }

    void failed(String address) {
        Deque<Instant> times = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (times) {
            prune(times);
            times.addLast(clock.instant());
        }
        if (failures.size() > 100_000) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue());
                    return e.getValue().isEmpty();
                }
            });
        }
    }

    private void prune(Deque<Instant> times) {
        Instant from = clock.instant().minus(window);
        while (!times.isEmpty() && times.peekFirst().isBefore(from)) {
            times.removeFirst();
        }
    }
}
