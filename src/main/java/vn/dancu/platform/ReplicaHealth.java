package vn.dancu.platform;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The replica as {@code /actuator/health} shows it: where the last stale-tolerant read went and the lag then. Always
 * UP, and not part of readiness: with the replica down or behind, the primary answers those reads.
 */
@Component("replica")
class ReplicaHealth implements HealthIndicator {

    private final ReadSource reads;

    ReplicaHealth(ReadSource reads) {
        this.reads = reads;
    }

    @Override
    public Health health() {
        Health.Builder health = Health.up().withDetail("reads", reads.state().name())
                .withDetail("maxLagSeconds", reads.maxLag().toSeconds());
        double lag = reads.lagSeconds();
        return (Double.isNaN(lag) ? health : health.withDetail("lagSeconds", lag)).build();
    }
}
