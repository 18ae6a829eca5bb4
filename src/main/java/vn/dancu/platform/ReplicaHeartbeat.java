package vn.dancu.platform;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Writes the time into {@code platform.heartbeat} on the primary every second, on one node at a time: the row reaches
 * the replica with everything else, and its age there is the replica's lag ({@link ReadSource}), also when the
 * primary has nothing else to write. Runs only where a replica is configured.
 */
@Component
@ConditionalOnExpression("!'${dancu.replica.url:}'.isBlank()")
class ReplicaHeartbeat {

    private final Leadership leadership;
    private final JdbcClient jdbc;

    ReplicaHeartbeat(Leadership leadership, JdbcClient jdbc) {
        this.leadership = leadership;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedRate = 1_000)
    void beat() {
        leadership.runAlone("replica-heartbeat",
                () -> jdbc.sql("update platform.heartbeat set beat = clock_timestamp() where id = 1").update());
    }
}
