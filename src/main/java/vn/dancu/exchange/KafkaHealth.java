package vn.dancu.exchange;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The relay in {@code /actuator/health} (component kafkaRelay) and as the metric {@code dancu.kafka.relay.lag}: the
 * events in the outbox not yet in Kafka, counted from the position the relaying node last mirrored, so every
 * node reports the same lag. Down only where this node leads and cannot reach Kafka; off, it is UNKNOWN.
 */
@Component
class KafkaHealth implements HealthIndicator {

    private final KafkaTransport transport;
    private final JdbcClient jdbc;

    KafkaHealth(KafkaTransport transport, JdbcClient jdbc, MeterRegistry meters) {
        this.transport = transport;
        this.jdbc = jdbc;
        Gauge.builder("dancu.kafka.relay.lag", this, h -> h.transport.state() == KafkaTransport.State.OFF ? 0 : h.lag())
                .description("Change events in the outbox not yet relayed to Kafka").baseUnit("events").register(meters);
    }

    long relayed() {
        return jdbc.sql("select position from exchange.kafka_relay where id = 1").query(Long.class).single();
    }

    long lag() {
        return jdbc.sql("""
                        select count(*) from exchange.event
                        where position is null or position > (select position from exchange.kafka_relay where id = 1)""")
                .query(Long.class).single();
    }

    @Override
    public Health health() {
        KafkaTransport.State state = transport.state();
        if (state == KafkaTransport.State.OFF) {
            return Health.unknown().withDetail("state", state).build();
        }
        Health.Builder health = state == KafkaTransport.State.FAILING ? Health.down().withDetail("error", transport.failure())
                : Health.up();
        return health.withDetail("state", state).withDetail("relayedPosition", relayed()).withDetail("lag", lag()).build();
    }
}
