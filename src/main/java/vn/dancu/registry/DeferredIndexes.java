package vn.dancu.registry;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;

/**
 * The indexes a national load left to be built after its commit (registry.deferred_index): built
 * with CREATE INDEX CONCURRENTLY, so reads and writes go on meanwhile. A build cut short by a crash
 * leaves an invalid index: it is dropped and built again, at the next start at the latest. One
 * node builds at a time (a session advisory lock on its own connection).
 */
@Component
class DeferredIndexes {

    private static final Logger log = LoggerFactory.getLogger(DeferredIndexes.class);
    private static final String LOCK = "dancu.registry.deferred-index";

    private final JdbcClient jdbc;
    private final DataSource dataSource;

    DeferredIndexes(JdbcClient jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
    }

    /** Records an index to build after the caller's transaction (the national load's) commits. */
    void defer(String name, String definition) {
        jdbc.sql("insert into registry.deferred_index (name, definition) values (?, ?) "
                + "on conflict (name) do update set definition = excluded.definition, deferred_at = now()").params(name, definition).update();
    }

    boolean pending() {
        return jdbc.sql("select exists (select 1 from registry.deferred_index)").query(Boolean.class).single();
    }

    @EventListener(ApplicationReadyEvent.class)
    void buildLeftOver() {
        if (pending()) {
            Thread.ofVirtual().name("deferred-indexes").start(() -> {
                try {
                    build();
                } catch (RuntimeException e) {
                    log.error("A deferred index could not be built ({}); it is tried again at the next start", e.getClass().getSimpleName());
                }
            });
        }
    }

    /** Builds every pending index; returns how many, or -1 when another node is building them. */
    int build() {
        try (Connection own = dataSource.getConnection()) {
            boolean autoCommit = own.getAutoCommit();
            own.setAutoCommit(true); // CREATE INDEX CONCURRENTLY cannot run inside a transaction
            JdbcClient session = JdbcClient.create(new SingleConnectionDataSource(own, true));
            if (!session.sql("select pg_try_advisory_lock(hashtext(?))").param(LOCK).query(Boolean.class).single()) {
                own.setAutoCommit(autoCommit);
                return -1;
            }
            try {
                session.sql("set maintenance_work_mem = '512MB'").update();
                List<Map<String, Object>> indexes = session.sql("select name, definition from registry.deferred_index order by name")
                        .query().listOfRows();
                for (Map<String, Object> index : indexes) {
                    String name = (String) index.get("name");
                    long started = System.nanoTime();
                    session.sql("drop index concurrently if exists " + name).update();
                    session.sql(((String) index.get("definition")).replaceFirst("^CREATE (UNIQUE )?INDEX ", "CREATE $1INDEX CONCURRENTLY "))
                            .update();
                    session.sql("delete from registry.deferred_index where name = ?").param(name).update();
                    log.info("Deferred index {} built in {} ms", name, (System.nanoTime() - started) / 1_000_000);
                }
                return indexes.size();
            } finally {
                session.sql("reset maintenance_work_mem").update();
                session.sql("select pg_advisory_unlock(hashtext(?))").param(LOCK).query(Boolean.class).single();
                own.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("no connection to build the deferred indexes", e);
        }
    }
}
