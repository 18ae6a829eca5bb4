package vn.dancu.platform;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells the other nodes on the same database that a cache went stale, through PostgreSQL's LISTEN/NOTIFY on channel
 * {@value #CHANNEL}. A module registers a listener per cache name; {@link #changed} sends a notification that PostgreSQL
 * delivers when the writing transaction commits (never for a rolled-back one), and every other node runs the cache's
 * listeners on its bus thread, typically within milliseconds.
 *
 * <p>Each node listens on one dedicated connection of its own, outside the pool. Notifications sent while that
 * connection is down are lost, so on every (re)connect the bus runs every listener with {@link #EVERYTHING}: a cache
 * reloads in full. The caches keep their periodic reload as a last fallback. The writing node refreshes its own cache
 * itself (read-your-own-write in the same request); its own notifications are skipped.
 */
@Component
public class CacheBus implements SmartLifecycle {

    public static final String CHANNEL = "dancu_cache";
    /** The detail a listener receives when it must drop or reload everything it holds. */
    public static final String EVERYTHING = "";

    private static final Logger log = LoggerFactory.getLogger(CacheBus.class);
    private static final int WAIT_MILLIS = 1_000;
    private static final int MAX_PAYLOAD = 7_000;

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final String node = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread thread;

    CacheBus(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /**
     * Runs {@code onChange} on the bus thread when another node announces a change of {@code cache}, with the detail
     * it sent (a key, or {@link #EVERYTHING}). It must be quick and must not throw for a detail it does not know.
     */
    public void register(String cache, Consumer<String> onChange) {
        if (cache.isEmpty() || cache.contains(":")) {
            throw new IllegalArgumentException("A cache name has no colon: " + cache);
        }
        listeners.computeIfAbsent(cache, c -> new CopyOnWriteArrayList<>()).add(onChange);
    }

    /** Announces that everything in {@code cache} is stale; see {@link #changed(String, String)}. */
    public void changed(String cache) {
        changed(cache, EVERYTHING);
    }

    /**
     * Announces to the other nodes that {@code detail} of {@code cache} is stale. Joins the current transaction: the
     * notification leaves when it commits. Outside a transaction it leaves at once. A detail too long for a
     * notification is widened to {@link #EVERYTHING}.
     */
    public void changed(String cache, String detail) {
        String payload = cache + ":" + node + ":" + (detail.length() > MAX_PAYLOAD ? EVERYTHING : detail);
        jdbc.sql("select pg_notify(?, ?)").params(CHANNEL, payload).query().listOfRows();
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("cache-bus").start(this::listen);
    }

    @Override
    public void stop() {
        running = false;
        Thread listener = thread;
        if (listener != null) {
            listener.interrupt();
            try {
                listener.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection listening = open()) {
                try (Statement statement = listening.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                }
                everything();
                PGConnection pg = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(WAIT_MILLIS);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            deliver(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("The cache bus lost its connection ({}); it reconnects and reloads every cache", e.getMessage());
                }
            }
            pause();
        }
    }

    /** A connection of its own: a pooled one would be recycled, and a LISTEN must outlive every transaction. */
    private Connection open() throws SQLException {
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        Properties properties = new Properties();
        properties.putAll(pool.getDataSourceProperties());
        if (pool.getUsername() != null) {
            properties.setProperty("user", pool.getUsername());
        }
        if (pool.getPassword() != null) {
            properties.setProperty("password", pool.getPassword());
        }
        properties.setProperty("ApplicationName", "dancu cache bus");
        properties.setProperty("tcpKeepAlive", "true");
        Connection opened = DriverManager.getConnection(pool.getJdbcUrl(), properties);
        opened.setAutoCommit(true);
        return opened;
    }

    private void deliver(String payload) {
        String[] parts = payload.split(":", 3);
        if (parts.length < 3 || parts[1].equals(node)) {
            return;
        }
        run(parts[0], parts[2]);
    }

    private void everything() {
        listeners.keySet().forEach(cache -> run(cache, EVERYTHING));
    }

    private void run(String cache, String detail) {
        for (Consumer<String> listener : listeners.getOrDefault(cache, List.of())) {
            try {
                listener.accept(detail);
            } catch (RuntimeException e) {
                // One cache's failure must not stop the others; its periodic reload (or the next notification) mends it.
                log.warn("Cache {} could not refresh after a change on another node: {}", cache, e.toString());
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
