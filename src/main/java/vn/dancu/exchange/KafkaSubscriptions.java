package vn.dancu.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * A member's choice to take its change events from its own Kafka topic: which types (of those its policy gives)
 * and for which purpose. Events after the moment of choosing go there; earlier ones stay readable by the pull API.
 */
@Service
class KafkaSubscriptions {

    record Form(List<String> eventTypes, String purpose) {
    }

    record Subscription(String topic, List<String> eventTypes, String purpose, long fromPosition, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final KafkaSettings settings;
    private final Clock clock;

    KafkaSubscriptions(JdbcClient jdbc, KafkaSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** Chooses Kafka, or changes the types and purpose of an earlier choice (its start stays). */
    @Transactional
    public Subscription choose(Members.Caller caller, Form form) {
        if (!settings.enabled()) {
            throw ApiProblem.conflict("KAFKA_OFF", "This platform delivers no events through Kafka; read them with GET /events");
        }
        FieldErrors errors = new FieldErrors();
        List<String> types = ChangeEvents.subscribed(caller.policy(), form.eventTypes(), form.purpose(), errors);
        errors.throwIfAny();
        long from = jdbc.sql("select coalesce(max(position), 0) from exchange.event").query(Long.class).single();
        jdbc.sql("""
                        insert into exchange.kafka_subscription (member_id, event_types, purpose_code, from_position, disclosed_position,
                            created_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (member_id) do update set event_types = excluded.event_types, purpose_code = excluded.purpose_code""")
                .params(caller.member().id(), types.toArray(String[]::new), form.purpose(), from, from, Timestamp.from(clock.instant()))
                .update();
        return of(caller);
    }

    Subscription of(Members.Caller caller) {
        return jdbc.sql("select event_types, purpose_code, from_position, created_at from exchange.kafka_subscription where member_id = ?")
                .param(caller.member().id())
                .query((rs, n) -> new Subscription(KafkaSettings.memberTopic(caller.member().code()),
                        List.of((String[]) rs.getArray(1).getArray()), rs.getString(2), rs.getLong(3), rs.getTimestamp(4).toInstant()))
                .optional().orElseThrow(() -> ApiProblem.notFound("KAFKA_NOT_CHOSEN", "You take no events from Kafka"));
    }

    /** Nothing more goes to the member's topic; what is there stays until the cluster's retention removes it. */
    @Transactional
    public void leave(Members.Caller caller) {
        of(caller);
        jdbc.sql("delete from exchange.kafka_subscription where member_id = ?").param(caller.member().id()).update();
    }
}
