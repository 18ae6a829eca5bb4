package vn.dancu.exchange;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import javax.sql.DataSource;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.registry.RegistryEvent;

/**
 * Runs the Kafka relay and the members' delivery on one node: the node that holds a session advisory lock on a
 * connection of its own. The lock goes with the connection when the node dies or loses the database, and another
 * node takes over; if both ever ran for a moment, the fixed transactional ids fence the older producer, which then
 * fails and gives the lock up. Off when {@code dancu.kafka.bootstrap-servers} is empty.
 */
@Component
class KafkaTransport implements SmartLifecycle {

    enum State { OFF, STANDBY, STARTING, RELAYING, FAILING }

    private static final Logger log = LoggerFactory.getLogger(KafkaTransport.class);
    private static final long LOCK = 0x64616e6375_17L;
    private static final Duration PAUSE = Duration.ofSeconds(2);
    private static final Duration IDLE = Duration.ofMillis(200);

    private final KafkaSettings settings;
    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ChangeEvents events;
    private final Members members;
    private final EventDisclosures disclosures;
    private final TransactionTemplate transactions;
    private final KafkaKeys keys;
    private volatile State state;
    private volatile String failure;
    private volatile Thread worker;

    KafkaTransport(KafkaSettings settings, DataSource dataSource, JdbcClient jdbc, ChangeEvents events, Members members,
                   EventDisclosures disclosures, TransactionTemplate transactions, KafkaKeys keys) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.events = events;
        this.members = members;
        this.disclosures = disclosures;
        this.transactions = transactions;
        this.keys = keys;
        this.state = settings.enabled() ? State.STANDBY : State.OFF;
    }

    State state() {
        return state;
    }

    /** Why the last attempt failed (no personal data: Kafka's and the database's messages), or null. */
    String failure() {
        return failure;
    }

    @Override
    public void start() {
        if (settings.enabled() && worker == null) {
            Thread thread = Thread.ofPlatform().name("kafka-relay").daemon().unstarted(this::work);
            worker = thread;
            thread.start();
        }
    }

    /** Lets the round in progress end (an interrupt would break the Kafka clients' closing), then closes them. */
    @Override
    public void stop() {
        Thread running = worker;
        worker = null;
        if (running != null) {
            try {
                running.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    private boolean stopping() {
        return worker != Thread.currentThread() || Thread.currentThread().isInterrupted();
    }

    private void work() {
        while (!stopping()) {
            try (Connection lockHolder = dataSource.getConnection()) {
                if (tryLock(lockHolder)) {
                    try {
                        lead(lockHolder);
                    } finally {
                        unlock(lockHolder);
                    }
                } else {
                    state = State.STANDBY;
                }
            } catch (RuntimeException | SQLException e) {
                if (stopping()) {
                    break;
                }
                state = State.FAILING;
                failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                log.warn("Kafka relay stopped, starting again in {}: {}", PAUSE, failure);
            }
            sleep(PAUSE);
        }
        state = State.OFF;
    }

    private void lead(Connection lockHolder) throws SQLException {
        state = State.STARTING;
        try (Admin admin = Admin.create(settings.client())) {
            List<TopicPartition> inputs = createRegistryTopics(admin);
            Set<String> created = new HashSet<>();
            try (KafkaRelay relay = new KafkaRelay(jdbc, settings, keys);
                 KafkaMemberDelivery delivery = new KafkaMemberDelivery(jdbc, events, members, disclosures, transactions, keys,
                         settings, inputs, topic -> {
                     if (created.add(topic)) {
                         create(admin, new NewTopic(topic, KafkaSettings.PARTITIONS, (short) -1));
                     }
                 })) {
                state = State.RELAYING;
                failure = null;
                log.info("Kafka relay leads from position {}", relay.position());
                long checked = System.nanoTime();
                while (!stopping()) {
                    int relayed = relay.round();
                    int delivered = delivery.round();
                    if (System.nanoTime() - checked > Duration.ofSeconds(10).toNanos()) {
                        if (!lockHolder.isValid(5)) {
                            throw new SQLException("the connection that holds the relay's lock was lost");
                        }
                        checked = System.nanoTime();
                    }
                    if (relayed == 0 && delivered == 0) {
                        sleep(IDLE);
                    }
                }
            }
        }
    }

    /** The progress topic and one topic per event type; the partitions the delivery reads. */
    private List<TopicPartition> createRegistryTopics(Admin admin) {
        create(admin, new NewTopic(KafkaSettings.PROGRESS_TOPIC, 1, (short) -1).configs(Map.of("cleanup.policy", "compact")));
        List<TopicPartition> inputs = new ArrayList<>();
        for (RegistryEvent.Kind kind : RegistryEvent.Kind.values()) {
            String topic = KafkaSettings.registryTopic(kind.type());
            create(admin, new NewTopic(topic, KafkaSettings.PARTITIONS, (short) -1));
            partitions(admin, topic).forEach(p -> inputs.add(new TopicPartition(topic, p)));
        }
        return inputs;
    }

    /** A topic's partitions; a topic created a moment ago may not be known to every broker yet. */
    private static List<Integer> partitions(Admin admin, String topic) {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().stream()
                        .map(p -> p.partition()).toList();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == 50) {
                    throw new IllegalStateException("Cannot describe " + topic, e.getCause());
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(stop);
                }
            }
        }
    }

    /** Creates a topic unless it exists; the cluster's default replication factor. */
    private static void create(Admin admin, NewTopic topic) {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic.name(), e.getCause());
            }
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
            s.setLong(1, LOCK);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The connection goes back to the pool: the session lock must not go with it. */
    private static void unlock(Connection c) {
        try (PreparedStatement s = c.prepareStatement("select pg_advisory_unlock(?)")) {
            s.setLong(1, LOCK);
            s.execute();
        } catch (SQLException e) {
            try {
                c.abort(Runnable::run);
            } catch (SQLException ignored) {
                // the connection is gone, and the lock with it
            }
        }
    }

    private void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
