package vn.dancu.statistics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.dancu.platform.Leadership;

/**
 * Calls to the public tables per network address and minute, counted in PostgreSQL (one row per
 * address and minute, incremented in one statement), so the limit holds per address whatever node
 * a call reaches. The tables are released once a month, so the limit protects the platform, not
 * the figures.
 */
@Component
class PublicThrottle {

    private final JdbcClient jdbc;
    private final Leadership leadership;
    private final Clock clock;
    private final int perMinute;

    PublicThrottle(JdbcClient jdbc, Leadership leadership, Clock clock,
                   @Value("${dancu.statistics.open.public-per-minute:60}") int perMinute) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.clock = clock;
        this.perMinute = perMinute;
    }

    /** 0 when the call may go on, else the seconds to wait. */
    long admit(String address) {
        long now = clock.millis();
        long minute = now / 60_000;
        long calls = jdbc.sql("""
                        insert into statistics.public_call as c (address, minute, calls) values (?, ?, 1)
                        on conflict (address, minute) do update set calls = c.calls + 1 returning calls""")
                .params(address, Timestamp.from(Instant.ofEpochMilli(minute * 60_000))).query(Long.class).single();
        if (calls <= perMinute) {
            return 0;
        }
        return (minute + 1) * 60 - now / 1000;
    }

    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void prune() {
        Instant before = clock.instant().minusSeconds(120);
        leadership.runAlone("statistics.public_call.prune", () -> jdbc.sql("delete from statistics.public_call where minute < ?")
                .param(Timestamp.from(before)).update());
    }
}
