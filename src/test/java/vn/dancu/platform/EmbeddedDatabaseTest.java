package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The embedded database keeps committed data across a restart and across a kill -9 of the JVM. */
class EmbeddedDatabaseTest {

    @Test
    void dataSurvivesAKillOfTheJvmAndTheOrphanedServerIsStopped() throws Exception {
        Path dir = Files.createTempDirectory("dancu-crash-");
        Process crashed = startCrashingPlatform(dir, "before the crash");
        crashed.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        long orphan = Long.parseLong(Files.readAllLines(dir.resolve("postgres/postmaster.pid")).getFirst().trim());
        assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive)).as("postgres outlives a killed JVM").contains(true);

        try (EmbeddedDatabase restarted = EmbeddedDatabase.start(dir)) {
            assertThat(ProcessHandle.of(orphan).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(notes(restarted)).containsExactly("before the crash");
        }
    }

    @Test
    void aSecondProcessOnTheSameDataIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("dancu-lock-");
        try (EmbeddedDatabase first = EmbeddedDatabase.start(dir)) {
            assertThatThrownBy(() -> EmbeddedDatabase.start(dir)).hasMessageContaining("Another dancu process");
            assertThat(settings(first)).as("commits reach the disk before they are acknowledged")
                    .containsExactly("fsync=on", "full_page_writes=on", "synchronous_commit=on");
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(dir)) {
            assertThat(again.jdbcUrl()).startsWith("jdbc:postgresql://localhost");
        }
    }

    private static Process startCrashingPlatform(Path dir, String note) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashingPlatform.class.getName(), dir.toString(), note).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
        for (String line; (line = out.readLine()) != null; ) {
            if (line.equals("READY")) {
                return process;
            }
        }
        throw new AssertionError("the child platform did not start");
    }

    private static List<String> settings(EmbeddedDatabase database) throws Exception {
        List<String> settings = new ArrayList<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
             var rs = connection.createStatement().executeQuery("select name || '=' || setting from pg_settings"
                     + " where name in ('fsync', 'synchronous_commit', 'full_page_writes') order by name")) {
            while (rs.next()) {
                settings.add(rs.getString(1));
            }
        }
        return settings;
    }

    private static List<String> notes(EmbeddedDatabase database) throws Exception {
        List<String> notes = new ArrayList<>();
        try (var connection = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
             var rs = connection.createStatement().executeQuery("select note from survivor")) {
            while (rs.next()) {
                notes.add(rs.getString(1));
            }
        }
        return notes;
    }
}
