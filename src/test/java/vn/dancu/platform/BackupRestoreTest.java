package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dancu.DancuApplication;

/**
 * The backup of docs/operations.md, done as an operator would on an external PostgreSQL: a running
 * platform, a copy of its checkpoint journal, {@code pg_dump -Fc} as the superuser, then a fresh
 * database with the roles of {@code roles.sql} and {@code pg_restore}; the append-only tables are
 * still owned by {@code dancu_audit} and {@code audit verify} on the restored database, with the
 * journal copy, finds the access log intact. A row deleted afterwards by the superuser is found,
 * so the verification is not a formality.
 *
 * <p>The PostgreSQL server and client of the operating system run it (Debian: {@code postgresql};
 * .ci/run installs it): the embedded server's bundle has no {@code pg_dump}. As root, the server
 * runs as the {@code postgres} user, since PostgreSQL refuses root.
 */
class BackupRestoreTest {

    private static final String MASTER_KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String PASSWORD = "backup-test-password";

    private Path work;
    private Path bin;
    private int pgPort;
    private Process platform;

    @AfterEach
    void stop() throws Exception {
        if (platform != null) {
            platform.destroy();
            platform.waitFor();
        }
        if (bin != null && work != null && Files.exists(work.resolve("pg"))) {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", work.resolve("pg").toString(), "-m", "fast", "-w", "stop"), Map.of(), true);
        }
        if (work != null) {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aDumpOfARunningPlatformRestoresIntoADatabaseWhoseAccessLogVerifiesIntact() throws Exception {
        bin = postgresBinaries();
        work = Files.createTempDirectory("dancu-backup-");
        Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        startPostgres();
        psql("postgres", "create database dancu");
        psqlFile("dancu", Path.of("src/main/resources/db/roles.sql"));
        psql("dancu", "alter role dancu password '" + PASSWORD + "'");
        psql("dancu", "create role dancu_migration login password '" + PASSWORD + "'");
        psql("dancu", "grant dancu, dancu_audit to dancu_migration");

        // The platform runs, in demo mode for its data, and is read so that the access log has rows and checkpoints.
        int port = freePort();
        Path witness = work.resolve("witness");
        platform = platform(Map.of("DANCU_DB_URL", url("dancu"), "DANCU_DEMO", "true", "DANCU_DEMO_PERSONS", "300",
                "DANCU_AUDIT_WITNESS_DIR", witness.toString(), "SERVER_PORT", String.valueOf(port)), "run");
        waitForLogin(port);
        String findAn = "select personal_id from registry.person where full_name = 'Nguyễn Văn An' and date_of_birth = '1975-03-14'";
        // The web server answers before the demo data is written: wait for the last of it, the citizens' accounts.
        waitFor(() -> !psql("dancu", "select 1 from eid.citizen_account limit 1").isEmpty(), "the demo data");
        String an = psql("dancu", findAn);
        for (int i = 0; i < 5; i++) {
            assertThat(get(port, "/api/v1/registry/persons/" + an)).isEqualTo(200);
        }
        waitFor(() -> journalSize(witness) > 0, "a checkpoint in the journal");

        // The backup: first the journal, then the dump (a journal newer than the dump would say the log was cut back).
        Path journalCopy = work.resolve("witness-backup");
        copy(witness, journalCopy);
        Path dump = work.resolve("dancu.dump");
        run(List.of(bin.resolve("pg_dump").toString(), "-h", "localhost", "-p", String.valueOf(pgPort), "-U", "postgres",
                "-Fc", "-d", "dancu", "-f", dump.toString()), Map.of(), false);
        long persons = Long.parseLong(psql("dancu", "select count(*) from registry.person"));
        platform.destroy();
        platform.waitFor();
        platform = null;

        // The restore, into a fresh database: roles first (they belong to the server, not to the dump), as the superuser.
        psql("postgres", "create database dancu_restored");
        psqlFile("dancu_restored", Path.of("src/main/resources/db/roles.sql"));
        run(List.of(bin.resolve("pg_restore").toString(), "-h", "localhost", "-p", String.valueOf(pgPort), "-U", "postgres",
                "--exit-on-error", "-d", "dancu_restored", dump.toString()), Map.of(), false);
        assertThat(Long.parseLong(psql("dancu_restored", "select count(*) from registry.person"))).isEqualTo(persons);
        assertThat(psql("dancu_restored", "select string_agg(distinct tableowner, ',') from pg_tables where schemaname || '.' || tablename"
                + " in ('audit.access_log', 'audit.checkpoint', 'registry.person_change', 'procedures.step')"))
                .as("the append-only tables keep their owner").isEqualTo("dancu_audit");

        Map<String, String> restored = Map.of("DANCU_DB_URL", url("dancu_restored"), "DANCU_AUDIT_WITNESS_DIR", journalCopy.toString());
        Result intact = command(restored, "audit", "verify");
        assertThat(intact.exit()).as(intact.output()).isZero();
        assertThat(intact.output()).contains("Intact: no row edited, inserted or deleted.");

        psql("dancu_restored", "set session_replication_role = replica; delete from audit.access_log where id = (select min(id) from audit.access_log)");
        Result cut = command(restored, "audit", "verify");
        assertThat(cut.exit()).as(cut.output()).isEqualTo(1);
        assertThat(cut.output()).contains("NOT INTACT");
    }

    // --- the operating system's PostgreSQL

    private static Path postgresBinaries() throws IOException {
        Path root = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(root)) {
            try (Stream<Path> versions = Files.list(root)) {
                var found = versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("pg_dump"))
                        && Files.isExecutable(b.resolve("postgres"))).max(Comparator.naturalOrder());
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        String missing = "This test needs PostgreSQL's server and client (Debian: apt-get install postgresql; .ci/run does)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(missing);
        }
        org.junit.jupiter.api.Assumptions.abort("Backup test skipped: " + missing);
        return null;
    }

    private void startPostgres() throws Exception {
        Path data = work.resolve("pg");
        pgPort = freePort();
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8"), Map.of(), true);
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-w", "-l", work.resolve("pg.log").toString(),
                "-o", "-p " + pgPort + " -k " + work + " -c listen_addresses=localhost", "start"), Map.of(), true);
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + pgPort + "/" + database;
    }

    private String psql(String database, String sql) throws Exception {
        return run(List.of(bin.resolve("psql").toString(), "-h", "localhost", "-p", String.valueOf(pgPort), "-U", "postgres", "-d", database,
                "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), Map.of(), false).strip();
    }

    private void psqlFile(String database, Path file) throws Exception {
        run(List.of(bin.resolve("psql").toString(), "-h", "localhost", "-p", String.valueOf(pgPort), "-U", "postgres", "-d", database,
                "-v", "ON_ERROR_STOP=1", "-q", "-f", file.toAbsolutePath().toString()), Map.of(), false);
    }

    /** Runs a program and returns its output; fails on a non-zero exit. The server's programs run as postgres when this is root. */
    private static String run(List<String> command, Map<String, String> env, boolean asServerUser) throws Exception {
        List<String> full = new ArrayList<>();
        if (asServerUser && "root".equals(System.getProperty("user.name"))) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", command) + "\n" + output).isZero();
        return output;
    }

    // --- the platform, in a child JVM as ./dancu runs it

    private record Result(int exit, String output) {
    }

    private Map<String, String> platformEnvironment(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(Map.of("DANCU_DB_USER", "dancu", "DANCU_DB_PASSWORD", PASSWORD,
                "DANCU_DB_MIGRATION_USER", "dancu_migration", "DANCU_DB_MIGRATION_PASSWORD", PASSWORD,
                "DANCU_MASTER_KEY", MASTER_KEY, "DANCU_DATA_DIR", work.resolve("data").toString()));
        all.putAll(env);
        return all;
    }

    private Process platform(Map<String, String> env, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(args)).redirectErrorStream(true)
                .redirectOutput(work.resolve("platform.log").toFile());
        builder.environment().putAll(platformEnvironment(env));
        return builder.start();
    }

    private Result command(Map<String, String> env, String... args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(javaCommand(args)).redirectErrorStream(true);
        builder.environment().putAll(platformEnvironment(env));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), DancuApplication.class.getName()));
        command.addAll(List.of(args));
        return command;
    }

    private void waitForLogin(int port) throws Exception {
        waitFor(() -> {
            if (!platform.isAlive()) {
                throw new AssertionError("the platform stopped:\n" + Files.readString(work.resolve("platform.log")));
            }
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException notYet) {
                return false;
            }
        }, "the platform to start");
    }

    private static int get(int port, String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString("officer.hanoi:dancu-demo".getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + basic).header("X-Purpose", "Backup test").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private static void waitFor(Condition condition, String what) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
        while (!condition.holds()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Waited in vain for " + what);
            }
            Thread.sleep(500);
        }
    }

    private static long journalSize(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
