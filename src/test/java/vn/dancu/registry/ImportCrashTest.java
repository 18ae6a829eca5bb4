package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.DancuApplication;
import vn.dancu.platform.DatabaseSuperuser;
import vn.dancu.synthetic.SyntheticPopulation;

/** kill -9 of the platform in the middle of an import loses nothing committed; importing again finishes the job. */
class ImportCrashTest {

    static final int PERSONS = 40_000;

    @Test
    void anImportKilledMidwayKeepsItsCommittedBatchesAndARerunFinishesWithoutDuplicates() throws Exception {
        Path dir = Files.createTempDirectory("dancu-import-crash-");
        try {
            killedAndRerun(dir);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir); // a database of 40,000 persons and their file
        }
    }

    private void killedAndRerun(Path dir) throws Exception {
        Path file = dir.resolve("persons.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticPopulation(77, SyntheticPopulation.DEFAULT_REFERENCE).write(PERSONS, out);
        }
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), CrashingImport.class.getName(), data.toString(), file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
        waitUntilSomeRowsAreCommitted(data, child);
        child.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        try (ConfigurableApplicationContext restarted = new SpringApplicationBuilder(DancuApplication.class)
                .web(WebApplicationType.NONE).run("--dancu.data-dir=" + data, "--dancu.demo=false")) {
            JdbcClient jdbc = restarted.getBean(JdbcClient.class);
            var job = jdbc.sql("select state, accepted from registry.import_job").query().singleRow();
            long accepted = ((Number) job.get("accepted")).longValue();
            assertThat(job.get("state")).isEqualTo("INTERRUPTED");
            assertThat(accepted).isPositive().isLessThan(PERSONS);
            assertThat(persons(jdbc)).as("every committed batch, and nothing of the interrupted one").isEqualTo(accepted);

            PersonImport.JobStatus rerun = restarted.getBean(PersonImport.class).importNow(file, "crash.csv", "crash.test");

            assertThat(rerun.state()).isEqualTo("COMPLETED");
            assertThat(rerun.alreadyPresent()).isEqualTo(accepted);
            assertThat(rerun.accepted()).isEqualTo(PERSONS - accepted);
            assertThat(rerun.rejected()).isZero();
            assertThat(persons(jdbc)).isEqualTo(PERSONS);
            assertThat(jdbc.sql("select count(distinct personal_id) from registry.person").query(Long.class).single()).isEqualTo(PERSONS);
            // each person's record of being imported, once; a head imported before the crash also learns of a later spouse
            assertThat(jdbc.sql("select count(*) from registry.person_change where changes @> '[{\"field\": \"personalId\"}]'")
                    .query(Long.class).single()).isEqualTo(PERSONS);
        }
    }

    private static long persons(JdbcClient jdbc) {
        return jdbc.sql("select count(*) from registry.person").query(Long.class).single();
    }

    /** The lines of PostgreSQL's pid file; none while it does not exist (initdb's own server removes it on stopping). */
    private static List<String> pidLines(Path pid) throws java.io.IOException {
        try {
            return Files.readAllLines(pid);
        } catch (java.nio.file.NoSuchFileException gone) {
            return List.of();
        }
    }

    /** Polls the child's embedded PostgreSQL until the job has committed a batch. */
    private static void waitUntilSomeRowsAreCommitted(Path data, Process child) throws Exception {
        Path pid = data.resolve("postgres/postmaster.pid");
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new AssertionError("the child ended early: " + Files.readString(data.getParent().resolve("child.log")));
            }
            List<String> lines = pidLines(pid);
            if (lines.size() > 3) {
                try (Connection c = DatabaseSuperuser.dataSource(data).getConnection();
                     ResultSet rs = c.createStatement().executeQuery("select coalesce(max(accepted), 0) from registry.import_job")) {
                    if (rs.next() && rs.getLong(1) > 0) {
                        return;
                    }
                } catch (java.sql.SQLException | java.io.UncheckedIOException notYet) {
                    // the server, its password or the schema is not there yet
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the import never committed a batch");
    }
}
