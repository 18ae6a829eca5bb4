package vn.dancu.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL on a data directory that survives restarts and crashes.
 *
 * <p>Two hazards are handled here. A second platform started on the same directory would fight
 * over it, so an OS file lock ({@code dancu.lock}) is held while the database is open. And after a
 * {@code kill -9} of the JVM the old postmaster keeps running; left alone, the next start would
 * quietly talk to it (STACK.md gotcha 3). Because we hold the lock, any postmaster still named in
 * {@code postmaster.pid} is an orphan of ours, and it is stopped before a fresh one starts.
 */
final class EmbeddedDatabase implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(FileLock lock, EmbeddedPostgres postgres) {
        this.lock = lock;
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path dataDir) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        FileLock lock = lock(dataDir);
        try {
            stopOrphanedPostmaster(pgData);
            boolean fresh = !Files.exists(pgData.resolve("PG_VERSION"));
            log.info("Starting embedded PostgreSQL in {} ({})", pgData, fresh ? "new database" : "existing data");
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "120")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "localhost")
                    // The library's defaults suit throw-away test databases: no fsync, commits not waited
                    // for, torn pages possible. This database is the system of record: every commit is durable.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on")
                    .start();
            return new EmbeddedDatabase(lock, postgres);
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.channel().close();
        }
    }

    private static FileLock lock(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve("dancu.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalStateException("Another dancu process is using " + dataDir
                    + ". Stop it first, or set DANCU_DATA_DIR to another directory.");
        }
        return lock;
    }

    private static void stopOrphanedPostmaster(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster = lines.isEmpty() || lines.getFirst().isBlank() ? Optional.empty()
                : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        if (postmaster.isEmpty() || !postmaster.get().isAlive() || !isOurPostgres(postmaster.get(), pgData)) {
            return; // a stale file: PostgreSQL replaces it itself on start
        }
        ProcessHandle orphan = postmaster.get();
        log.warn("PostgreSQL (pid {}) was left running by an earlier dancu process; stopping it", orphan.pid());
        signal(orphan.pid(), "INT"); // fast shutdown: rolls back whatever the dead JVM left open
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception notStopped) {
            orphan.destroyForcibly();
        }
    }

    /** A postgres serving this very directory (after a host crash the pid may belong to another process). */
    private static boolean isOurPostgres(ProcessHandle process, Path pgData) {
        boolean postgres = process.info().command().map(c -> c.endsWith("postgres")).orElse(false);
        boolean ourDirectory = process.info().arguments()
                .map(args -> java.util.Arrays.asList(args).contains(pgData.toString())).orElse(false);
        return postgres && ourDirectory;
    }

    private static void signal(long pid, String signal) throws IOException {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
