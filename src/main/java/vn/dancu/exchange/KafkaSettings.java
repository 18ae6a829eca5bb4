package vn.dancu.exchange;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where change events go in Kafka (docs/api/kafka.md): off while no bootstrap servers are set. Topic names are
 * part of the published API: one topic per event type, one per member that takes its events from Kafka.
 */
@Component
class KafkaSettings {

    static final String REGISTRY_TOPIC = "dancu.registry.";
    static final String MEMBER_TOPIC = "dancu.member.";
    /** The relay's progress: in each relay transaction, the last position it sent; compacted, one partition. */
    static final String PROGRESS_TOPIC = "dancu.relay.progress";
    static final String POSITION_HEADER = "dancu-position";
    static final String EVENT_ID_HEADER = "dancu-event-id";
    static final String TYPE_HEADER = "dancu-type";
    /** Fixed, so that a relay that starts again fences the one it replaces (and aborts its open transaction). */
    static final String RELAY_TRANSACTION = "dancu-relay";
    static final String DELIVERY_TRANSACTION = "dancu-member-delivery";
    static final String DELIVERY_GROUP = "dancu-member-delivery";
    static final int PARTITIONS = 3;

    private final String bootstrapServers;
    private final String clientPropertiesFile;
    private final int batch;

    KafkaSettings(@Value("${dancu.kafka.bootstrap-servers:}") String bootstrapServers,
                  @Value("${dancu.kafka.client-properties:}") String clientPropertiesFile,
                  @Value("${dancu.kafka.batch:500}") int batch) {
        this.bootstrapServers = bootstrapServers == null ? "" : bootstrapServers.strip();
        this.clientPropertiesFile = clientPropertiesFile == null ? "" : clientPropertiesFile.strip();
        if (batch < 1 || batch > 10_000) {
            throw new IllegalArgumentException("dancu.kafka.batch is 1 to 10000, not " + batch);
        }
        this.batch = batch;
    }

    boolean enabled() {
        return !bootstrapServers.isEmpty();
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    int batch() {
        return batch;
    }

    static String registryTopic(String eventType) {
        return REGISTRY_TOPIC + eventType;
    }

    static String memberTopic(String memberCode) {
        return MEMBER_TOPIC + memberCode;
    }

    /** The settings every client shares: the servers, and the operator's file (TLS, SASL) when there is one. */
    Map<String, Object> client() {
        Map<String, Object> config = new HashMap<>();
        if (!clientPropertiesFile.isEmpty()) {
            Properties file = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(clientPropertiesFile))) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read dancu.kafka.client-properties " + clientPropertiesFile, e);
            }
            file.forEach((k, v) -> config.put(k.toString(), v));
        }
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
