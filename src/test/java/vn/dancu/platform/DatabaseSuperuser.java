package vn.dancu.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * A test acting as the database administrator: connections as the superuser {@code postgres} to the
 * embedded PostgreSQL of a running platform, found from its data directory (the port in
 * {@code postmaster.pid}, the password in {@code postgres-superuser.password}). Unlike the
 * platform's own role, the superuser can disable triggers, set {@code session_replication_role}
 * and rewrite the append-only tables: what an insider with that account could do.
 */
public final class DatabaseSuperuser {

    private DatabaseSuperuser() {
    }

    /** The superuser of the platform whose {@code dancu.data-dir} this is (inject the test's Environment). */
    public static JdbcClient jdbc(Environment environment) {
        return jdbc(Path.of(environment.getRequiredProperty("dancu.data-dir")));
    }

    public static JdbcClient jdbc(Path dataDir) {
        return JdbcClient.create(dataSource(dataDir));
    }

    /** Fails with an IOException wrapped when the server or the password file is not there (yet). */
    public static DataSource dataSource(Path dataDir) {
        return login(dataDir, EmbeddedDatabase.SUPERUSER, EmbeddedDatabase.SUPERUSER_PASSWORD_FILE);
    }

    /** The platform's runtime role, logged in from outside the platform, as a stolen database account would be. */
    public static DataSource runtimeRole(Path dataDir) {
        return login(dataDir, EmbeddedDatabase.RUNTIME_ROLE, EmbeddedDatabase.RUNTIME_PASSWORD_FILE);
    }

    /** The address of the running embedded server, without a user. */
    public static String jdbcUrl(Path dataDir) {
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            List<String> pid = Files.readAllLines(dir.resolve("postgres/postmaster.pid"));
            if (pid.size() < 4 || pid.get(3).isBlank()) {
                throw new IOException("PostgreSQL is still starting in " + dir);
            }
            return "jdbc:postgresql://localhost:" + pid.get(3).trim() + "/postgres";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataSource login(Path dataDir, String user, String passwordFile) {
        try {
            Path dir = dataDir.toAbsolutePath().normalize();
            String password = Files.readString(dir.resolve(passwordFile)).strip();
            return new SimpleDriverDataSource(new org.postgresql.Driver(), jdbcUrl(dir), user, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
