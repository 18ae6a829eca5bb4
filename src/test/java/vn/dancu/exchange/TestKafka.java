package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import vn.dancu.cli.KafkaBroker;

/**
 * A real Kafka broker for the tests, a JVM of its own from the tests' class path (where {@code kafka_2.13} is, in
 * test scope). Tests that need it are skipped with a message when it cannot start, except under {@code CI=true}.
 */
final class TestKafka {

    private TestKafka() {
    }

    static KafkaBroker start(Path dir) throws IOException {
        int port;
        // the controller takes the next port: look for a free pair
        for (port = freePort(); isTaken(port + 1); port = freePort()) {
            // try another
        }
        Path log = dir.resolve("broker.log");
        try {
            return KafkaBroker.start(System.getProperty("java.class.path"), dir.resolve("kafka"), port, log, Duration.ofMinutes(2));
        } catch (IOException e) {
            String why = "The Kafka broker (kafka_2.13, test scope) did not start: " + e.getMessage() + "\n"
                    + (Files.exists(log) ? Files.readString(log) : "");
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why, e);
            }
            org.junit.jupiter.api.Assumptions.abort("Kafka test skipped: " + why);
            return null;
        }
    }

    /** Every committed record of the topics, read from the beginning to their end with read_committed. */
    static List<ConsumerRecord<String, String>> readCommitted(String bootstrap, Set<String> topics) {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", false, "key.deserializer", StringDeserializer.class.getName(),
                "value.deserializer", StringDeserializer.class.getName()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = topics.stream().flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(t, p.partition()))).collect(Collectors.toList());
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                assertThat(System.nanoTime()).as("reading to the end of " + topics).isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    static long position(ConsumerRecord<?, ?> record) {
        return Long.parseLong(new String(record.headers().lastHeader(KafkaSettings.POSITION_HEADER).value(), StandardCharsets.US_ASCII));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean isTaken(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
