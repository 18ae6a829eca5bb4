package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.IntegrationTest;
import vn.dancu.cli.KafkaBroker;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.RegistryEvent;

/**
 * Members' Kafka topics get what the pull API would give them, at the moment of delivery: the event types of
 * their policy, and where consent is needed, only persons whose consent covers the event's product and purpose.
 * A real broker; the relay and the delivery run as on a node whose platform has Kafka configured.
 */
class KafkaMemberDeliveryTest extends IntegrationTest {

    static final String AN = "001075503799";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    ChangeEvents events;
    @Autowired
    Members members;
    @Autowired
    EventDisclosures disclosures;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    KafkaKeys keys;
    @Autowired
    KafkaSubscriptions platformSubscriptions;
    @Autowired
    DataConsents consents;
    @Autowired
    java.time.Clock clock;
    @Autowired
    javax.sql.DataSource dataSource;

    private KafkaBroker broker;
    private KafkaTransport transport;
    private Path dir;

    @AfterEach
    void stop() throws Exception {
        if (transport != null) {
            transport.stop();
        }
        if (broker != null) {
            broker.close();
        }
        jdbc.sql("delete from exchange.kafka_subscription").update();
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aPlatformWithoutKafkaRefusesTheChoiceOfKafka() {
        Members.Caller bank = caller("demo-bank");
        assertThatThrownBy(() -> platformSubscriptions.choose(bank, new KafkaSubscriptions.Form(List.of(), "BANKING_KYC")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("KAFKA_OFF"));
    }

    @Test
    void membersTopicsCarryOnlyThePolicysTypesAndConsentedPersonsAsThePullApiDecidesAtDelivery() throws Exception {
        dir = Files.createTempDirectory("dancu-kafka-delivery-");
        broker = TestKafka.start(dir);
        KafkaSettings settings = new KafkaSettings(broker.bootstrapServers(), "", 100);
        KafkaSubscriptions subscriptions = new KafkaSubscriptions(jdbc, settings, clock);
        Members.Caller bank = caller("demo-bank");
        Members.Caller vss = caller("demo-vss");

        assertThatThrownBy(() -> subscriptions.choose(bank, new KafkaSubscriptions.Form(List.of("person.died"), "BANKING_KYC")))
                .as("civil status is not in the bank's policy").isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> subscriptions.choose(bank, new KafkaSubscriptions.Form(List.of(), "SOCIAL_INSURANCE")))
                .as("nor is this purpose").isInstanceOf(ApiProblem.class);
        assertThat(subscriptions.choose(bank, new KafkaSubscriptions.Form(List.of(), "BANKING_KYC")).topic())
                .isEqualTo("dancu.member.demo-bank");
        subscriptions.choose(vss, new KafkaSubscriptions.Form(List.of(), "SOCIAL_INSURANCE"));

        List<String> others = jdbc.sql("select personal_id from registry.person where personal_id not in (?) order by personal_id desc limit 2")
                .param(AN).query(String.class).list();
        String never = others.get(0);
        String later = others.get(1);
        // An consented that the bank reads his basic identity (DemoData), nothing else
        long anName = event(RegistryEvent.Kind.NAME_CHANGED, AN);
        long anResidence = event(RegistryEvent.Kind.RESIDENCE_CHANGED, AN);
        long anCard = event(RegistryEvent.Kind.CARD_ISSUED, AN);
        long neverName = event(RegistryEvent.Kind.NAME_CHANGED, never);
        long anDied = event(RegistryEvent.Kind.DIED, AN);

        transport = new KafkaTransport(settings, dataSource, jdbc, events, members, disclosures, transactions, keys);
        transport.start();
        List<ConsumerRecord<String, String>> bankRecords = awaitRecords("dancu.member.demo-bank", 1);
        assertThat(bankRecords).extracting(TestKafka::position).containsExactly(anName);
        JsonNode only = JSON.readTree(bankRecords.getFirst().value());
        assertThat(only.path("personalId").asString()).isEqualTo(AN);
        assertThat(only.path("type").asString()).isEqualTo("person.name_changed");
        assertThat(only.path("purpose").asString()).isEqualTo("BANKING_KYC");
        assertThat(only.propertyNames()).as("the pull API's event and the purpose, nothing more")
                .containsExactly("eventId", "position", "type", "personalId", "householdId", "occurredAt", "purpose");
        assertThat(bankRecords.getFirst().key()).isEqualTo(keys.person("demo-bank", AN)).doesNotContain(AN);

        List<ConsumerRecord<String, String>> vssRecords = awaitRecords("dancu.member.demo-vss", 4);
        assertThat(vssRecords).extracting(TestKafka::position).as("no consent needed; cards are not in its policy")
                .containsExactlyInAnyOrder(anName, anResidence, neverName, anDied).doesNotContain(anCard);
        vssRecords.stream().collect(Collectors.groupingBy(ConsumerRecord::partition)).values().forEach(partition ->
                assertThat(partition).extracting(TestKafka::position).as("each partition in position order").isSorted());

        // consent given: the person's next event goes out; withdrawn: the one after does not
        DataConsents.ConsentView consent = consents.grant(later, "demo-bank", List.of("identity-basic"), "BANKING_KYC", 30, "WEB");
        long consented = event(RegistryEvent.Kind.NAME_CHANGED, later);
        awaitRecords("dancu.member.demo-bank", 2);
        consents.revoke(later, consent.id());
        long withdrawn = event(RegistryEvent.Kind.NAME_CHANGED, later);
        long marker = event(RegistryEvent.Kind.NAME_CHANGED, AN);
        bankRecords = awaitRecords("dancu.member.demo-bank", 3);
        assertThat(bankRecords).extracting(TestKafka::position).as("records of different persons may be in different partitions")
                .containsExactlyInAnyOrder(anName, consented, marker).doesNotContain(withdrawn);
        assertThat(bankRecords).extracting(r -> JSON.readTree(r.value()).path("personalId").asString())
                .doesNotContain(never).containsExactlyInAnyOrder(AN, later, AN);

        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log where actor = 'demo-bank' and subject_personal_id = ?
                        and fields = array['event:person.name_changed'] and accessed_at > now() - interval '10 minutes'""")
                .param(later).query(Long.class).single()).as("each delivery is a disclosure in the access log").isEqualTo(1);

        // the registry topics name no one: neither in keys nor in values
        List<ConsumerRecord<String, String>> registry = TestKafka.readCommitted(broker.bootstrapServers(),
                Set.of("dancu.registry.person.name_changed", "dancu.registry.person.died"));
        assertThat(registry).extracting(TestKafka::position).contains(anName, neverName, consented, withdrawn, anDied);
        assertThat(registry).allSatisfy(r -> {
            assertThat(r.key()).doesNotContain(AN).doesNotContain(never).doesNotContain(later);
            assertThat(r.value()).doesNotContain(AN).doesNotContain(never).doesNotContain(later);
        });
        assertThat(registry).filteredOn(r -> TestKafka.position(r) == anName).singleElement()
                .satisfies(r -> assertThat(r.key()).isEqualTo(keys.person(AN)));
        assertThat(transport.state()).isEqualTo(KafkaTransport.State.RELAYING);
    }

    private Members.Caller caller(String code) {
        long id = jdbc.sql("select id from exchange.member where code = ?").param(code).query(Long.class).single();
        return members.ofMember(id).orElseThrow();
    }

    /** Writes an event to the outbox as the registry does, and waits for the sequencer's position. */
    private long event(RegistryEvent.Kind kind, String personalId) throws InterruptedException {
        long id = jdbc.sql("insert into exchange.event (type, personal_id, occurred_at) values (?, ?, ?) returning id")
                .params(kind.type(), personalId, Timestamp.from(Instant.now())).query(Long.class).single();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long position = jdbc.sql("select position from exchange.event where id = ?").param(id).query(Long.class).optional()
                    .orElse(null);
            if (position != null) {
                return position;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sequencer gave event " + id + " no position");
    }

    /** Waits until the topic has at least {@code count} committed records, then returns all of them. */
    private List<ConsumerRecord<String, String>> awaitRecords(String topic, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        List<ConsumerRecord<String, String>> records = List.of();
        while (System.nanoTime() < deadline) {
            if (transport.state() == KafkaTransport.State.FAILING) {
                throw new AssertionError("the relay fails: " + transport.failure());
            }
            try {
                records = TestKafka.readCommitted(broker.bootstrapServers(), Set.of(topic));
            } catch (org.apache.kafka.common.KafkaException | AssertionError notThereYet) {
                records = List.of();
            }
            if (records.size() >= count) {
                Thread.sleep(1_000);
                return TestKafka.readCommitted(broker.bootstrapServers(), Set.of(topic));
            }
            Thread.sleep(300);
        }
        throw new AssertionError("waited in vain for " + count + " records on " + topic + ", found "
                + records.stream().map(TestKafka::position).collect(Collectors.toList()));
    }
}
