package vn.dancu.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.callback.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The system of record is PostgreSQL: an external server when {@code DANCU_DB_URL} is set,
 * otherwise a real PostgreSQL started by the platform itself with its data under {@code DANCU_DATA_DIR}.
 *
 * <p>The platform works as a role that is no superuser and does not own the append-only tables
 * (docs/database.md). Migrations need more: Flyway logs in as the migration role (the embedded
 * superuser, or {@code DANCU_DB_MIGRATION_USER}) and sets its role to the runtime role, so that what
 * the migrations create belongs to the platform; V14 steps back to the migration role to hand the
 * append-only tables to {@code dancu_audit}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${dancu.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(@Value("${dancu.data-dir}") String dataDir,
                                      @Value("${dancu.db.profile:false}") boolean profile) throws IOException {
        return EmbeddedDatabase.start(Path.of(dataDir).toAbsolutePath().normalize(), profile);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${dancu.db.url:}'.isBlank()")
    HikariDataSource embeddedDataSource(EmbeddedDatabase database, @Value("${dancu.db.pool-size}") int poolSize) {
        return pool(database.jdbcUrl(), EmbeddedDatabase.RUNTIME_ROLE, database.runtimePassword(), poolSize);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${dancu.db.url:}'.isBlank()")
    HikariDataSource externalDataSource(@Value("${dancu.db.url}") String url,
                                        @Value("${dancu.db.user:}") String user,
                                        @Value("${dancu.db.password:}") String password,
                                        @Value("${dancu.db.pool-size}") int poolSize) {
        return pool(url, user, password, poolSize);
    }

    /**
     * The read replica, when {@code DANCU_REPLICA_URL} names one: a read-only pool whose connections give up after a
     * second, so that a replica that is down costs one short wait before {@link ReadSource} turns to the primary. It
     * logs in as the primary's runtime role unless {@code DANCU_REPLICA_USER} says otherwise: a physical standby has
     * the primary's roles and passwords.
     */
    @Bean(destroyMethod = "close")
    ReadSource readSource(JdbcClient primary, ObjectProvider<EmbeddedDatabase> embedded,
                          @Value("${dancu.replica.url:}") String url,
                          @Value("${dancu.replica.user:}") String user,
                          @Value("${dancu.replica.password:}") String password,
                          @Value("${dancu.db.user:}") String primaryUser,
                          @Value("${dancu.db.password:}") String primaryPassword,
                          @Value("${dancu.replica.max-lag:5s}") java.time.Duration maxLag,
                          @Value("${dancu.replica.retry-after:10s}") java.time.Duration retryAfter,
                          @Value("${dancu.db.pool-size}") int poolSize,
                          ObjectProvider<io.micrometer.core.instrument.MeterRegistry> meters) {
        HikariDataSource replica = null;
        if (!url.isBlank()) {
            EmbeddedDatabase database = embedded.getIfAvailable();
            String login = !user.isBlank() ? user : database != null ? EmbeddedDatabase.RUNTIME_ROLE : primaryUser;
            String secret = !user.isBlank() ? password : database != null ? database.runtimePassword() : primaryPassword;
            HikariConfig config = config(url, login, secret, poolSize);
            config.setPoolName("dancu-replica");
            config.setReadOnly(true);
            config.setMinimumIdle(0);
            config.setConnectionTimeout(1_000);
            config.setInitializationFailTimeout(-1);
            config.addDataSourceProperty("connectTimeout", "1");
            config.addDataSourceProperty("loginTimeout", "2");
            config.addDataSourceProperty("ApplicationName", "dancu-replica-reads");
            replica = new HikariDataSource(config);
            log.info("Reads that tolerate {} s of staleness go to the replica {}", maxLag.toSeconds(), url);
        }
        return new ReadSource(primary, replica, maxLag, retryAfter,
                meters.getIfAvailable(io.micrometer.core.instrument.simple.SimpleMeterRegistry::new));
    }

    @Bean
    FlywayConfigurationCustomizer migrationRole(ObjectProvider<EmbeddedDatabase> embedded,
                                                @Value("${dancu.db.url:}") String url,
                                                @Value("${dancu.db.user:}") String user,
                                                @Value("${dancu.db.migration-user:}") String migrationUser,
                                                @Value("${dancu.db.migration-password:}") String migrationPassword) {
        return flyway -> {
            EmbeddedDatabase database = embedded.getIfAvailable();
            String runtimeRole = database != null ? EmbeddedDatabase.RUNTIME_ROLE : user;
            if (database != null) {
                flyway.dataSource(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword());
            } else if (!migrationUser.isBlank()) {
                flyway.dataSource(url, migrationUser, migrationPassword);
            }
            boolean ownLogin = database != null || !migrationUser.isBlank();
            if (ownLogin && !runtimeRole.isBlank() && !runtimeRole.equals(migrationUser)) {
                flyway.initSql("set role \"" + runtimeRole.replace("\"", "\"\"") + "\"");
            }
            Map<String, String> placeholders = new HashMap<>(flyway.getPlaceholders());
            placeholders.put("runtimeRole", runtimeRole.replace("'", "''"));
            placeholders.put("appendOnlyTables", String.join(",", DatabaseProtections.APPEND_ONLY_TABLES));
            flyway.placeholders(placeholders);
            List<Callback> callbacks = new ArrayList<>(Arrays.asList(flyway.getCallbacks()));
            callbacks.add(new AppendOnlySettlement(placeholders));
            flyway.callbacks(callbacks.toArray(Callback[]::new));
        };
    }

    /** Checked once the migrations have run; one warning names every protection that does not hold. */
    @Bean
    @DependsOnDatabaseInitialization
    DatabaseProtections databaseProtections(JdbcClient jdbc) {
        DatabaseProtections protections = DatabaseProtections.check(jdbc);
        if (!protections.allHold()) {
            log.warn("The database does not protect the platform's records against its own account: {}. See docs/database.md.",
                    String.join("; ", protections.weaknesses()));
        }
        return protections;
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize) {
        return new HikariDataSource(config(url, user, password, poolSize));
    }

    private static HikariConfig config(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dancu");
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(4, poolSize));
        // Server-side prepared statements from the first execution: lookups are the hot path.
        config.addDataSourceProperty("prepareThreshold", "1");
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // The BPMN engine's statements come on top of ours: a driver cache of 256 would re-parse them.
        config.addDataSourceProperty("preparedStatementCacheQueries", "1024");
        config.addDataSourceProperty("preparedStatementCacheSizeMiB", "16");
        // Our SQL names its schema everywhere. The BPMN engine's does not: it finds (and creates) its
        // tables in the first schema of the path, which is its own (V13; Flyway keeps to public).
        config.addDataSourceProperty("options", "-c search_path=flowable,public");
        return config;
    }
}
