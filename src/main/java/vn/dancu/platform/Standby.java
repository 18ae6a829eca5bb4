package vn.dancu.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streaming standby of the embedded primary, for development and tests ({@code ./dancu replica init}): a second
 * PostgreSQL made from a base backup of the running primary, which then follows it over streaming replication and
 * answers read-only queries.
 *
 * <p>The embedded binaries have no {@code pg_basebackup}, and the operating system's (Debian: 15) refuses a 17
 * server, so the backup is the low-level one: {@code pg_backup_start()} and {@code pg_backup_stop()} on one
 * connection, the files copied in between, and the label {@code pg_backup_stop} returns written as
 * {@code backup_label}. The standby reserves its WAL on the primary through a physical replication slot made before
 * the backup starts ({@code immediately_reserve}), capped by {@code max_slot_wal_keep_size} so that a standby left
 * stopped cannot fill the primary's disk. For an external primary, use that server's own {@code pg_basebackup}
 * (docs/deployment.md).
 */
public final class Standby implements Closeable {

    public static final String SLOT = "dancu_replica";
    /** What a standby left stopped may hold back on the primary; beyond it the slot is given up and the standby made anew. */
    static final String MAX_SLOT_WAL_KEEP = "2GB";
    /** The settings a hot standby must have at least as high as its primary, or it refuses to start. */
    private static final List<String> AT_LEAST_PRIMARY = List.of("max_connections", "max_worker_processes",
            "max_wal_senders", "max_prepared_transactions", "max_locks_per_transaction");
    /** Whose contents the backup leaves out (PostgreSQL's documentation on base backups): the directories stay, empty. */
    private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot", "pg_stat_tmp", "pg_dynshmem", "pg_notify",
            "pg_serial", "pg_snapshots", "pg_subtrans");
    /** Files of the running primary that a copy must not carry (epg-lock: the embedded library's lock). */
    private static final Set<String> LEFT_OUT = Set.of("postmaster.pid", "postmaster.opts", "epg-lock", "backup_label",
            "tablespace_map", "standby.signal", "recovery.signal");

    private static final Logger log = LoggerFactory.getLogger(Standby.class);

    private final EmbeddedPostgres postgres;
    private final Path directory;
    private final Path primaryPgData;
    private final String password;
    private int primaryPort;

    private Standby(EmbeddedPostgres postgres, Path directory, Path primaryPgData, String password, int primaryPort) {
        this.postgres = postgres;
        this.directory = directory;
        this.primaryPgData = primaryPgData;
        this.password = password;
        this.primaryPort = primaryPort;
    }

    /**
     * Makes a standby of the embedded primary of the data directory {@code primaryDataDir} (a platform must be running
     * on it) in {@code standbyDir}, replacing what is there, and starts it on {@code port}.
     */
    public static Standby make(Path primaryDataDir, Path standbyDir, int port) throws IOException, SQLException {
        Path primaryPgData = primaryDataDir.resolve("postgres");
        int primaryPort = runningPort(primaryPgData);
        String password = Files.readString(primaryDataDir.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE)).strip();
        Map<String, String> settings = new LinkedHashMap<>();
        long started = System.nanoTime();
        try (Connection primary = DriverManager.getConnection("jdbc:postgresql://localhost:" + primaryPort + "/postgres",
                EmbeddedDatabase.SUPERUSER, password)) {
            for (String name : AT_LEAST_PRIMARY) {
                settings.put(name, value(primary, "select current_setting(?)", name));
            }
            reserveSlot(primary);
            removeStopped(standbyDir);
            Files.createDirectories(standbyDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            value(primary, "select pg_backup_start(?, true)::text", "dancu standby");
            copy(primaryPgData, standbyDir);
            try (Statement s = primary.createStatement();
                 ResultSet stop = s.executeQuery("select labelfile, spcmapfile from pg_backup_stop(false)")) {
                stop.next();
                Files.writeString(standbyDir.resolve("backup_label"), stop.getString(1));
                String tablespaces = stop.getString(2);
                if (tablespaces != null && !tablespaces.isEmpty()) {
                    Files.writeString(standbyDir.resolve("tablespace_map"), tablespaces);
                }
            }
        }
        Files.createFile(standbyDir.resolve("standby.signal"));
        // Appended: the last setting in the file wins over the primary's own, copied with the rest.
        Files.writeString(standbyDir.resolve("postgresql.auto.conf"), """

                # Written by dancu replica init: a hot standby of the embedded primary (docs/deployment.md)
                primary_conninfo = '%s'
                primary_slot_name = '%s'
                hot_standby = on
                # long reads (inspection, reports) are not cancelled by the primary's vacuum; the primary keeps a little more
                hot_standby_feedback = on
                """.formatted(conninfo(primaryPort, password), SLOT), StandardOpenOption.APPEND);
        EmbeddedPostgres postgres = start(standbyDir, port, password, settings);
        log.info("Standby of the primary on port {} made and started on port {} in {} ms", primaryPort, port,
                (System.nanoTime() - started) / 1_000_000);
        return new Standby(postgres, standbyDir, primaryPgData, password, primaryPort);
    }

    /**
     * The embedded primary listens on a new port after each start of the platform: when it has moved, the standby is
     * pointed at the new one ({@code primary_conninfo} is reloadable, and ALTER SYSTEM works on a standby) and
     * resumes streaming from its slot. True when it moved; a primary that is not running is left alone.
     */
    public boolean followPrimary() throws IOException, SQLException {
        int now;
        try {
            now = runningPort(primaryPgData);
        } catch (IllegalStateException notRunning) {
            return false;
        }
        if (now == primaryPort) {
            return false;
        }
        try (Connection standby = DriverManager.getConnection(jdbcUrl(), EmbeddedDatabase.SUPERUSER, password);
             Statement s = standby.createStatement()) {
            s.execute("alter system set primary_conninfo = '" + conninfo(now, password) + "'");
            s.execute("select pg_reload_conf()");
        }
        primaryPort = now;
        return true;
    }

    public int primaryPort() {
        return primaryPort;
    }

    /** The password is base64url (OwnerOnlySecret): nothing in it needs quoting. */
    private static String conninfo(int primaryPort, String password) {
        return "host=localhost port=%d user=%s password=%s application_name=%s"
                .formatted(primaryPort, EmbeddedDatabase.SUPERUSER, password, SLOT);
    }

    public int port() {
        return postgres.getPort();
    }

    /** The address to give as {@code DANCU_REPLICA_URL}; the standby has the primary's roles and passwords. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port() + "/postgres";
    }

    public Path directory() {
        return directory;
    }

    /** Stops the standby (fast shutdown); its directory stays. */
    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** The slot the standby streams from, made anew: reserved now, so the WAL from the backup's start on is kept. */
    private static void reserveSlot(Connection primary) throws SQLException {
        try (PreparedStatement active = primary.prepareStatement(
                "select active from pg_replication_slots where slot_name = ?")) {
            active.setString(1, SLOT);
            try (ResultSet rs = active.executeQuery()) {
                if (rs.next() && rs.getBoolean(1)) {
                    throw new IllegalStateException("A standby is streaming from the slot " + SLOT + " now: stop it first");
                }
            }
        }
        try (Statement s = primary.createStatement()) {
            s.execute("select pg_drop_replication_slot(slot_name) from pg_replication_slots where slot_name = '" + SLOT + "'");
            s.execute("select pg_create_physical_replication_slot('" + SLOT + "', true)");
            s.execute("alter system set max_slot_wal_keep_size = '" + MAX_SLOT_WAL_KEEP + "'");
            s.execute("select pg_reload_conf()");
        }
    }

    private static EmbeddedPostgres start(Path standbyDir, int port, String password, Map<String, String> settings) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(standbyDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                .setPort(port)
                .setPGStartupWait(Duration.ofSeconds(120))
                .setServerConfig("listen_addresses", "localhost")
                // zonky waits for the server by logging in as the superuser, whose password the standby has from the primary
                .setConnectConfig("password", password);
        settings.forEach(builder::setServerConfig);
        return builder.start();
    }

    /** The copy of the primary's files between pg_backup_start and pg_backup_stop; files that vanish meanwhile are skipped. */
    private static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(dir);
                Files.createDirectories(to.resolve(relative.toString()));
                boolean emptied = relative.getNameCount() == 1 && EMPTIED.contains(relative.toString());
                return emptied ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = from.relativize(file);
                String name = file.getFileName().toString();
                if ((relative.getNameCount() == 1 && LEFT_OUT.contains(name)) || name.startsWith("pgsql_tmp")) {
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Files.copy(file, to.resolve(relative.toString()), StandardCopyOption.COPY_ATTRIBUTES);
                } catch (NoSuchFileException removedMeanwhile) {
                    // a temporary file or a dropped relation: WAL replay from the backup's start accounts for it
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
    }

    /** Removes an earlier standby, refusing one that still runs. */
    private static void removeStopped(Path standbyDir) throws IOException {
        if (!Files.exists(standbyDir)) {
            return;
        }
        Path pid = standbyDir.resolve("postmaster.pid");
        if (Files.exists(pid)) {
            List<String> lines = Files.readAllLines(pid);
            if (!lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.getFirst().strip())).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("A standby still runs in " + standbyDir + " (pid " + lines.getFirst().strip() + "): stop it first");
            }
        }
        try (Stream<Path> files = Files.walk(standbyDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** The port of the postmaster running on {@code pgData}, from its postmaster.pid. */
    static int runningPort(Path pgData) throws IOException {
        Path pid = pgData.resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            throw new IllegalStateException("No PostgreSQL runs on " + pgData + ": start the platform first");
        }
        List<String> lines = Files.readAllLines(pid);
        if (lines.size() < 4 || lines.get(3).isBlank()) {
            throw new IllegalStateException("PostgreSQL is still starting on " + pgData);
        }
        return Integer.parseInt(lines.get(3).strip());
    }

    private static String value(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, parameter);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
