package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.cli.KafkaBroker;
import vn.dancu.platform.DatabaseSuperuser;
import vn.dancu.registry.RegistryEvent;

/**
 * kill -9 of the relaying platform while events flow into the outbox: after a restart, a read_committed consumer of
 * the registry topics sees every position exactly once, with no gap and no duplicate, and the progress topic ends
 * at the last one. The platform runs in a child JVM, as ./dancu runs it; the broker in another.
 */
class KafkaRelayCrashTest {

    static final int EVENTS = 3_000;
    static final int PER_TRANSACTION = 20;

    private KafkaBroker broker;
    private Process child;
    private Path dir;

    @AfterEach
    void stop() throws Exception {
        if (child != null) {
            child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.close();
        }
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aRelayKilledMidStreamLeavesEveryPositionInKafkaExactlyOnce() throws Exception {
        dir = Files.createTempDirectory("dancu-kafka-crash-");
        broker = TestKafka.start(dir);
        Path data = dir.resolve("data");
        child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                RelayingPlatform.class.getName(), data.toString(), broker.bootstrapServers())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        DataSource database = awaitSchema(data);

        AtomicLong written = new AtomicLong();
        Thread registry = Thread.ofPlatform().start(() -> writeEvents(database, written));
        long relayedAtKill = awaitRelayed(data, 300);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long writtenAtKill = written.get();
        registry.join();
        assertThat(relayedAtKill).as("killed mid-stream: events were still to relay").isLessThan(writtenAtKill);

        try (ConfigurableApplicationContext restarted = RelayingPlatform.start(data.toString(), broker.bootstrapServers())) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
            while (jdbc.sql("select position from exchange.kafka_relay").query(Long.class).single() < EVENTS) {
                assertThat(System.nanoTime()).as("the restarted relay catches up: " + restarted.getBean(KafkaTransport.class).failure())
                        .isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(restarted.getBean(KafkaHealth.class).lag()).isZero();
            assertThat(restarted.getBean(KafkaHealth.class).health().getStatus().getCode()).isEqualTo("UP");
        }

        Set<String> topics = Arrays.stream(RegistryEvent.Kind.values()).map(k -> KafkaSettings.registryTopic(k.type()))
                .collect(Collectors.toSet());
        List<ConsumerRecord<String, String>> records = TestKafka.readCommitted(broker.bootstrapServers(), topics);
        List<Long> positions = records.stream().map(TestKafka::position).sorted().toList();
        assertThat(positions).as("every position once: no gap, no duplicate")
                .containsExactlyElementsOf(LongStream.rangeClosed(1, EVENTS).boxed().toList());
        assertThat(records).allSatisfy(r -> assertThat(r.topic()).isEqualTo(KafkaSettings.registryTopic(
                new String(r.headers().lastHeader(KafkaSettings.TYPE_HEADER).value(), java.nio.charset.StandardCharsets.US_ASCII))));
        List<ConsumerRecord<String, String>> progress = TestKafka.readCommitted(broker.bootstrapServers(),
                Set.of(KafkaSettings.PROGRESS_TOPIC));
        assertThat(progress.getLast().value()).isEqualTo(Long.toString(EVENTS));
    }

    /** The registry's side: events in small transactions, of every kind, while the relay runs (and after it died). */
    private static void writeEvents(DataSource database, AtomicLong written) {
        String[] types = Arrays.stream(RegistryEvent.Kind.values()).map(RegistryEvent.Kind::type).toArray(String[]::new);
        try (Connection c = database.getConnection();
             PreparedStatement insert = c.prepareStatement("""
                     insert into exchange.event (type, personal_id, occurred_at)
                     select (?::text[])[1 + (n % ?)], lpad((n * 7919 % 1000000000000)::text, 12, '0'), now()
                     from generate_series(?::bigint, ?::bigint) n""")) {
            for (long from = 1; from <= EVENTS; from += PER_TRANSACTION) {
                insert.setArray(1, c.createArrayOf("text", types));
                insert.setInt(2, types.length);
                insert.setLong(3, from);
                insert.setLong(4, from + PER_TRANSACTION - 1);
                insert.executeUpdate();
                written.addAndGet(PER_TRANSACTION);
                Thread.sleep(15);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private DataSource awaitSchema(Path data) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the platform stopped: " + Files.readString(dir.resolve("child.log")));
            }
            if (Files.readString(dir.resolve("child.log")).contains("RELAYING")) {
                return DatabaseSuperuser.dataSource(data);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the platform did not start: " + Files.readString(dir.resolve("child.log")));
    }

    /** Waits until the child's relay has mirrored at least this position. */
    private long awaitRelayed(Path data, long at) throws Exception {
        JdbcClient jdbc = DatabaseSuperuser.jdbc(data);
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < deadline) {
            long relayed = jdbc.sql("select position from exchange.kafka_relay").query(Long.class).single();
            if (relayed >= at) {
                return relayed;
            }
            if (!child.isAlive()) {
                throw new AssertionError("the platform stopped: " + Files.readString(dir.resolve("child.log")));
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the relay never got to " + at + ": " + Files.readString(dir.resolve("child.log")));
    }
}
