package vn.dancu.platform;

import java.nio.file.Path;
import java.sql.DriverManager;

/**
 * Run in a child JVM by {@link EmbeddedDatabaseTest}: opens the embedded database, commits a row,
 * prints READY and waits to be killed with SIGKILL, as a crashed platform would be.
 */
public final class CrashingPlatform {

    public static void main(String[] args) throws Exception {
        EmbeddedDatabase database = EmbeddedDatabase.start(Path.of(args[0]));
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", database.superuserPassword());
             var statement = connection.createStatement()) {
            statement.execute("create table if not exists survivor (note text)");
            statement.execute("insert into survivor values ('" + args[1] + "')");
        }
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
