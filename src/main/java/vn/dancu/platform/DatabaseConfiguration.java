package vn.dancu.platform;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The system of record is PostgreSQL: an external server when {@code DANCU_DB_URL} is set,
 * otherwise a real PostgreSQL started by the platform itself with its data under {@code DANCU_DATA_DIR}.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${dancu.db.url:}'.isBlank()")
    EmbeddedDatabase embeddedDatabase(@Value("${dancu.data-dir}") String dataDir) throws IOException {
        return EmbeddedDatabase.start(Path.of(dataDir).toAbsolutePath().normalize());
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${dancu.db.url:}'.isBlank()")
    HikariDataSource embeddedDataSource(EmbeddedDatabase database, @Value("${dancu.db.pool-size}") int poolSize) {
        return pool(database.jdbcUrl(), "postgres", "", poolSize);
    }

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${dancu.db.url:}'.isBlank()")
    HikariDataSource externalDataSource(@Value("${dancu.db.url}") String url,
                                        @Value("${dancu.db.user:}") String user,
                                        @Value("${dancu.db.password:}") String password,
                                        @Value("${dancu.db.pool-size}") int poolSize) {
        return pool(url, user, password, poolSize);
    }

    private static HikariDataSource pool(String url, String user, String password, int poolSize) {
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
        return new HikariDataSource(config);
    }
}
