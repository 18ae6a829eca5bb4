package vn.dancu.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Consume, transform, produce: reads the registry topics and writes to each subscribed member's topic the events
 * the pull API would give it at that moment ({@link ChangeEvents#deliverable}: its policy, purpose and the persons'
 * consent, read now). The records read only say which positions to look at; what a member receives is read from
 * the outbox. The members' records and the input offsets commit in one Kafka transaction
 * ({@code sendOffsetsToTransaction}), so each event reaches a member's topic once. Before that, in the database,
 * each event handed to a member is logged and metered as a disclosure, once: a round redone after a crash
 * finds it already past the subscription's {@code disclosed_position}.
 */
class KafkaMemberDelivery implements AutoCloseable {

    /** Records read per round at most; more stay for the next round. */
    static final int MAX_ROUND = 50_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Subscription(long memberId, List<String> eventTypes, String purposeCode, long fromPosition, long disclosedPosition) {
    }

    private final JdbcClient jdbc;
    private final ChangeEvents events;
    private final Members members;
    private final EventDisclosures disclosures;
    private final TransactionTemplate transactions;
    private final KafkaKeys keys;
    private final Consumer<String> createTopic;
    private final Producer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;

    KafkaMemberDelivery(JdbcClient jdbc, ChangeEvents events, Members members, EventDisclosures disclosures,
                        TransactionTemplate transactions, KafkaKeys keys, KafkaSettings settings, List<TopicPartition> inputs,
                        Consumer<String> createTopic) {
        this.jdbc = jdbc;
        this.events = events;
        this.members = members;
        this.disclosures = disclosures;
        this.transactions = transactions;
        this.keys = keys;
        this.createTopic = createTopic;
        Map<String, Object> produce = settings.client();
        produce.put("transactional.id", KafkaSettings.DELIVERY_TRANSACTION);
        produce.put("enable.idempotence", true);
        produce.put("acks", "all");
        produce.put("key.serializer", StringSerializer.class.getName());
        produce.put("value.serializer", ByteArraySerializer.class.getName());
        Map<String, Object> consume = settings.client();
        consume.put("group.id", KafkaSettings.DELIVERY_GROUP);
        consume.put("isolation.level", "read_committed");
        consume.put("enable.auto.commit", false);
        consume.put("auto.offset.reset", "earliest");
        consume.put("max.poll.records", 10_000);
        consume.put("key.deserializer", StringDeserializer.class.getName());
        consume.put("value.deserializer", ByteArrayDeserializer.class.getName());
        this.producer = new KafkaProducer<>(produce);
        this.consumer = new KafkaConsumer<>(consume);
        try {
            producer.initTransactions();
            // assigned, not subscribed: one node delivers (the transport's leader), so there is nothing to balance,
            // and a restarted delivery need not wait for the group to drop its dead predecessor
            consumer.assign(inputs);
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(inputs));
            committed.forEach((tp, offset) -> {
                if (offset != null) {
                    consumer.seek(tp, offset.offset());
                }
            });
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * One round: reads what the registry topics have, hands each subscriber its events in position order, commits.
     * The registry topics are read up to their end (or {@link #MAX_ROUND} records) so that the events of all types
     * can be merged by position; a partition not read to its end bounds what goes out now.
     */
    int round() {
        Set<TopicPartition> inputs = consumer.assignment();
        Map<TopicPartition, Long> start = new HashMap<>();
        inputs.forEach(tp -> start.put(tp, consumer.position(tp)));
        Map<TopicPartition, Long> end = consumer.endOffsets(inputs);
        List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
        while (read.size() < MAX_ROUND && inputs.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
            consumer.poll(Duration.ofMillis(200)).forEach(read::add);
        }
        if (read.isEmpty()) {
            return 0;
        }
        long bound = Long.MAX_VALUE;
        Map<TopicPartition, Long> lastRead = new HashMap<>();
        read.forEach(r -> lastRead.merge(new TopicPartition(r.topic(), r.partition()), position(r), Math::max));
        for (TopicPartition tp : inputs) {
            if (consumer.position(tp) < end.get(tp)) {
                bound = Math.min(bound, lastRead.getOrDefault(tp, Long.MIN_VALUE));
            }
        }
        long limit = bound;
        List<ConsumerRecord<String, byte[]>> taken = read.stream().filter(r -> position(r) <= limit)
                .sorted(Comparator.comparingLong(KafkaMemberDelivery::position)).toList();
        Map<TopicPartition, Long> next = new HashMap<>(start);
        taken.forEach(r -> next.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max));
        List<ProducerRecord<String, byte[]>> out = transform(taken.stream().map(KafkaMemberDelivery::position).toList());
        producer.beginTransaction();
        out.forEach(producer::send);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        next.forEach((tp, offset) -> offsets.put(tp, new OffsetAndMetadata(offset)));
        producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
        producer.commitTransaction();
        next.forEach(consumer::seek);
        return out.size();
    }

    /** In one database transaction: each subscriber's events among the positions, logged and metered once. */
    private List<ProducerRecord<String, byte[]>> transform(List<Long> positions) {
        if (positions.isEmpty()) {
            return List.of();
        }
        return transactions.execute(status -> {
            List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
            for (Subscription s : subscriptions()) {
                Members.Caller caller = members.ofMember(s.memberId()).filter(Members.Caller::usable).orElse(null);
                if (caller == null) {
                    continue;
                }
                List<Long> wanted = positions.stream().filter(p -> p > s.fromPosition()).toList();
                List<ChangeEvents.Event> given = events.deliverable(caller, s.purposeCode(), s.eventTypes(), wanted);
                if (given.isEmpty()) {
                    continue;
                }
                List<ChangeEvents.Event> fresh = given.stream().filter(e -> e.position() > s.disclosedPosition()).toList();
                disclosures.record(caller, fresh, s.purposeCode(), "Kafka");
                jdbc.sql("update exchange.kafka_subscription set disclosed_position = greatest(disclosed_position, ?) where member_id = ?")
                        .params(given.getLast().position(), s.memberId()).update();
                String topic = KafkaSettings.memberTopic(caller.member().code());
                createTopic.accept(topic);
                given.forEach(e -> out.add(new ProducerRecord<>(topic, null, e.occurredAt().toEpochMilli(),
                        keys.person(caller.member().code(), e.personalId()), value(e, s.purposeCode()), KafkaRelay.headers(e))));
            }
            return out;
        });
    }

    private List<Subscription> subscriptions() {
        return jdbc.sql("""
                        select member_id, event_types, purpose_code, from_position, disclosed_position
                        from exchange.kafka_subscription order by member_id for update""")
                .query((rs, n) -> new Subscription(rs.getLong(1), List.of((String[]) rs.getArray(2).getArray()), rs.getString(3),
                        rs.getLong(4), rs.getLong(5))).list();
    }

    /** What a member reads: the pull API's event, with the purpose it was given for. */
    private static byte[] value(ChangeEvents.Event e, String purposeCode) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", e.id());
        body.put("position", e.position());
        body.put("type", e.type());
        body.put("personalId", e.personalId());
        body.put("householdId", e.householdId());
        body.put("occurredAt", e.occurredAt().toString());
        body.put("purpose", purposeCode);
        return JSON.writeValueAsBytes(body);
    }

    static long position(ConsumerRecord<?, ?> record) {
        return Long.parseLong(new String(record.headers().lastHeader(KafkaSettings.POSITION_HEADER).value(), StandardCharsets.US_ASCII));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        producer.close(Duration.ofSeconds(5));
    }
}
