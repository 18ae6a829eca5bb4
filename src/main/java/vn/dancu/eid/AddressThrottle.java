package vn.dancu.eid;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dancu.platform.Leadership;

/**
 * Failed logins per network address in a sliding window: one address trying many accounts (a
 * password spray) is stopped even though no single account reaches its lockout. Counted in
 * PostgreSQL, one row per address and minute, so every node behind a load balancer sees the
 * failures of all: the limit holds per address, not per node. A failure counts from the minute it
 * falls in for the window's length, so for between the window less one minute and the window.
 */
@Component
class AddressThrottle {

    private final JdbcClient jdbc;
    private final Leadership leadership;
    private final Clock clock;
    private final int limit;
    private final Duration window;

    AddressThrottle(JdbcClient jdbc, Leadership leadership, Clock clock,
                    @Value("${dancu.eid.max-failures-per-address:30}") int limit,
                    @Value("${dancu.eid.address-window:10m}") Duration window) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
    }

    boolean blocked(String address) {
        long failures = jdbc.sql("select coalesce(sum(failures), 0) from eid.address_failure where address = ? and minute > ?")
                .params(address, Timestamp.from(clock.instant().minus(window))).query(Long.class).single();
        return failures >= limit;
    }

    /** Joins the caller's transaction: a login that records its failure commits it (noRollbackFor). */
    void failed(String address) {
        jdbc.sql("""
                        insert into eid.address_failure as f (address, minute, failures) values (?, ?, 1)
                        on conflict (address, minute) do update set failures = f.failures + 1""")
                .params(address, Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MINUTES))).update();
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void prune() {
        Instant before = clock.instant().minus(window).minus(Duration.ofMinutes(1));
        leadership.runAlone("eid.address_failure.prune", () -> jdbc.sql("delete from eid.address_failure where minute < ?")
                .param(Timestamp.from(before)).update());
    }
}
