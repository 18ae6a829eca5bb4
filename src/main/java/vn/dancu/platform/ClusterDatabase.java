package vn.dancu.platform;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The embedded PostgreSQL of {@link EmbeddedDatabase} started for several platform nodes at once
 * (the two-node test, {@code bench soak}): each node connects to it as to an external database,
 * with the environment that {@link #nodeEnvironment()} gives.
 */
public final class ClusterDatabase implements Closeable {

    private final EmbeddedDatabase database;
    private final Path dir;

    private ClusterDatabase(EmbeddedDatabase database, Path dir) {
        this.database = database;
        this.dir = dir;
    }

    public static ClusterDatabase start(Path dir) throws IOException {
        return new ClusterDatabase(EmbeddedDatabase.start(dir), dir);
    }

    public String jdbcUrl() {
        return database.jdbcUrl();
    }

    public String superuser() {
        return EmbeddedDatabase.SUPERUSER;
    }

    public String superuserPassword() {
        return database.superuserPassword();
    }

    /** What a node needs to run on this database: the runtime role, and the superuser for its migrations. */
    public Map<String, String> nodeEnvironment() {
        return Map.of("DANCU_DB_URL", database.jdbcUrl(), "DANCU_DB_USER", EmbeddedDatabase.RUNTIME_ROLE,
                "DANCU_DB_PASSWORD", database.runtimePassword(), "DANCU_DB_MIGRATION_USER", EmbeddedDatabase.SUPERUSER,
                "DANCU_DB_MIGRATION_PASSWORD", database.superuserPassword());
    }

    /** The postmaster's process id (its first line of {@code postmaster.pid}), for resource figures. */
    public OptionalLong postmasterPid() {
        try {
            return OptionalLong.of(Long.parseLong(Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).getFirst().strip()));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public void close() throws IOException {
        database.close();
    }
}
