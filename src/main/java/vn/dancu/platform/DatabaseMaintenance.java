package vn.dancu.platform;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Vacuum, fresh statistics and a checkpoint over the whole database, for the benchmarks, which
 * measure a steady state rather than the aftermath of a load. The platform's role may vacuum only
 * the tables it owns and may not force a checkpoint, so on the embedded database this is done as
 * its superuser; on an external one as the platform's role, as far as it may.
 */
@Component
public class DatabaseMaintenance {

    private final ObjectProvider<EmbeddedDatabase> embedded;
    private final DataSource dataSource;

    DatabaseMaintenance(ObjectProvider<EmbeddedDatabase> embedded, DataSource dataSource) {
        this.embedded = embedded;
        this.dataSource = dataSource;
    }

    public void settle() throws SQLException {
        EmbeddedDatabase database = embedded.getIfAvailable();
        try (Connection c = database != null
                ? DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.SUPERUSER, database.superuserPassword())
                : dataSource.getConnection();
             Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("vacuum analyze");
            try (var mayCheckpoint = s.executeQuery("select pg_has_role('pg_checkpoint', 'USAGE')")) {
                mayCheckpoint.next();
                if (mayCheckpoint.getBoolean(1)) {
                    s.execute("checkpoint");
                }
            }
        }
    }
}
