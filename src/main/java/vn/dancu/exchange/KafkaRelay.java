package vn.dancu.exchange;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Copies the sequenced outbox ({@code exchange.event}, in position order) to the registry topics, one Kafka
 * transaction per batch. The same transaction writes the batch's last position to the progress topic, so Kafka
 * alone knows how far the relay got: a relay killed at any point either committed a batch with its progress or
 * committed nothing of it, and the next one (same transactional id: it fences the old one and aborts its open
 * transaction) starts after the last committed progress. A cursor in the database could not do that: a crash
 * between the Kafka commit and the database's would send the batch twice. The database only mirrors the
 * position, for health and lag.
 */
class KafkaRelay implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String PROGRESS_KEY = "relay";

    private final JdbcClient jdbc;
    private final KafkaSettings settings;
    private final KafkaKeys keys;
    private final Producer<String, byte[]> producer;
    private long position;

    KafkaRelay(JdbcClient jdbc, KafkaSettings settings, KafkaKeys keys) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.keys = keys;
        Map<String, Object> config = settings.client();
        config.put("transactional.id", KafkaSettings.RELAY_TRANSACTION);
        config.put("enable.idempotence", true);
        config.put("acks", "all");
        config.put("key.serializer", StringSerializer.class.getName());
        config.put("value.serializer", ByteArraySerializer.class.getName());
        this.producer = new KafkaProducer<>(config);
        try {
            producer.initTransactions();
            this.position = committedProgress(settings);
            mirror();
        } catch (RuntimeException e) {
            producer.close(Duration.ZERO);
            throw e;
        }
    }

    long position() {
        return position;
    }

    /** Sends the next batch of sequenced events in one transaction; how many it sent. */
    int round() {
        List<ChangeEvents.Event> events = jdbc.sql(ChangeEvents.SELECT + " where e.position > ? order by e.position limit ?")
                .params(position, settings.batch()).query(ChangeEvents::event).list();
        if (events.isEmpty()) {
            return 0;
        }
        long last = events.getLast().position();
        producer.beginTransaction();
        for (ChangeEvents.Event e : events) {
            producer.send(new ProducerRecord<>(KafkaSettings.registryTopic(e.type()), null, e.occurredAt().toEpochMilli(),
                    keys.person(e.personalId()), value(e), headers(e)));
        }
        producer.send(new ProducerRecord<>(KafkaSettings.PROGRESS_TOPIC, 0, PROGRESS_KEY,
                Long.toString(last).getBytes(StandardCharsets.US_ASCII)));
        producer.commitTransaction();
        position = last;
        mirror();
        return events.size();
    }

    /** On the registry topics a record names no one: the person is the key's pseudonym, the member topics give the ID. */
    private byte[] value(ChangeEvents.Event e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("eventId", e.id());
        body.put("position", e.position());
        body.put("type", e.type());
        body.put("occurredAt", e.occurredAt().toString());
        return JSON.writeValueAsBytes(body);
    }

    static RecordHeaders headers(ChangeEvents.Event e) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(KafkaSettings.POSITION_HEADER, Long.toString(e.position()).getBytes(StandardCharsets.US_ASCII));
        headers.add(KafkaSettings.EVENT_ID_HEADER, Long.toString(e.id()).getBytes(StandardCharsets.US_ASCII));
        headers.add(KafkaSettings.TYPE_HEADER, e.type().getBytes(StandardCharsets.US_ASCII));
        return headers;
    }

    private void mirror() {
        jdbc.sql("update exchange.kafka_relay set position = ?, relayed_at = now() where id = 1").param(position).update();
    }

    /**
     * The last progress committed to Kafka, read with read_committed: the records of aborted transactions are
     * skipped, and the end is the last stable offset. Reads back from the end in growing windows, since the last
     * offsets may be transaction markers and aborted records rather than progress.
     */
    static long committedProgress(KafkaSettings settings) {
        Map<String, Object> config = settings.client();
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        config.put("key.deserializer", StringDeserializer.class.getName());
        config.put("value.deserializer", ByteArrayDeserializer.class.getName());
        TopicPartition partition = new TopicPartition(KafkaSettings.PROGRESS_TOPIC, 0);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            for (long window = 16; ; window *= 4) {
                long from = Math.max(begin, end - window);
                consumer.seek(partition, from);
                Long found = null;
                while (consumer.position(partition) < end) {
                    for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                        if (r.offset() < end) {
                            found = Long.parseLong(new String(r.value(), StandardCharsets.US_ASCII));
                        }
                    }
                }
                if (found != null) {
                    return found;
                }
                if (from == begin) {
                    return 0;
                }
            }
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
