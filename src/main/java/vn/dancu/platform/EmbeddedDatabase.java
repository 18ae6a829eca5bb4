package vn.dancu.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
 *
 * <p>Every connection proves a password with SCRAM, on loopback too (docs/database.md). The
 * superuser {@code postgres} has a random password kept owner-only beside, never inside, the
 * PostgreSQL directory; the platform itself connects as {@code dancu}, which is no superuser. A new
 * database gets its password from initdb, so it never accepts a connection without one. A database
 * made by an earlier version (trust, everything owned by {@code postgres}) is upgraded on its first
 * start: the passwords are set over the old trust, then pg_hba.conf is rewritten and reloaded.
 */
final class EmbeddedDatabase implements Closeable {

    static final String LOCK_FILE = "dancu.lock";
    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    static final String SUPERUSER = "postgres";
    static final String RUNTIME_ROLE = "dancu";
    static final String SUPERUSER_PASSWORD_FILE = "postgres-superuser.password";
    static final String RUNTIME_PASSWORD_FILE = "postgres-dancu.password";

    /**
     * No trust, no peer: a password over SCRAM for every role, local or loopback. Replication only for the superuser
     * from this machine, for the standby of {@code ./dancu replica init} ({@link Standby}).
     */
    static final String PG_HBA = """
            # Written by dancu on every start (docs/database.md): every connection proves a password
            # with SCRAM, also on this machine. Edits here are overwritten.
            # TYPE  DATABASE     USER      ADDRESS       METHOD
            local   all          all                     scram-sha-256
            host    all          all       127.0.0.1/32  scram-sha-256
            host    all          all       ::1/128       scram-sha-256
            host    replication  postgres  127.0.0.1/32  scram-sha-256
            host    replication  postgres  ::1/128       scram-sha-256
            """;

    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final String superuserPassword;
    private final String runtimePassword;

    private EmbeddedDatabase(FileLock lock, EmbeddedPostgres postgres, String superuserPassword, String runtimePassword) {
        this.lock = lock;
        this.postgres = postgres;
        this.superuserPassword = superuserPassword;
        this.runtimePassword = runtimePassword;
    }

    static EmbeddedDatabase start(Path dataDir) throws IOException {
        return start(dataDir, false);
    }

    /**
     * {@code profile}: for {@code ./dancu bench ... --profile} (cli.Profile) only: every statement's
     * figures in {@code pg_stat_statements} (nested ones too), I/O and WAL flush timings, and the
     * platform's role may read every session's statistics and reset the statements' figures.
     */
    static EmbeddedDatabase start(Path dataDir, boolean profile) throws IOException {
        Path pgData = dataDir.resolve("postgres");
        Files.createDirectories(pgData);
        FileLock lock = lock(dataDir);
        try {
            stopOrphanedPostmaster(pgData);
            Path superuserFile = dataDir.resolve(SUPERUSER_PASSWORD_FILE);
            // zonky runs initdb exactly when postgresql.conf is missing
            boolean fresh = !Files.exists(pgData.resolve("postgresql.conf"));
            boolean trusting = !fresh && !Files.exists(superuserFile);
            log.info("Starting embedded PostgreSQL in {} ({})", pgData,
                    fresh ? "new database" : trusting ? "database of an earlier version: setting passwords" : "existing data");
            String superuserPassword = trusting ? OwnerOnlySecret.random() : OwnerOnlySecret.readOrCreate(superuserFile);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgData)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "120")
                    .setServerConfig("shared_buffers", "256MB")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // The library's defaults suit throw-away test databases: no fsync, commits not waited
                    // for, torn pages possible. This database is the system of record: every commit is durable.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("full_page_writes", "on");
            if (profile) {
                builder.setServerConfig("shared_preload_libraries", "pg_stat_statements")
                        .setServerConfig("pg_stat_statements.track", "all")
                        .setServerConfig("track_io_timing", "on")
                        .setServerConfig("track_wal_io_timing", "on");
            }
            if (fresh) {
                // zonky calls initdb with "-A trust"; its locale options are passed on as --key=value
                // after that, and initdb takes the last --auth: the server starts with passwords.
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", superuserFile.toString());
            }
            if (!trusting) {
                // zonky waits for the server by logging in as postgres: with the password, then
                builder.setConnectConfig("password", superuserPassword)
                        .setDataDirectoryCustomizer(dir -> writePgHba(dir.toPath()));
            }
            EmbeddedPostgres postgres = builder.start();
            try {
                if (trusting) {
                    setSuperuserPassword(postgres, superuserPassword, superuserFile);
                }
                String runtimePassword = OwnerOnlySecret.readOrCreate(dataDir.resolve(RUNTIME_PASSWORD_FILE));
                settleRoles(postgres.getPort(), superuserPassword, runtimePassword);
                if (profile) {
                    enableProfiling(postgres.getPort(), superuserPassword);
                }
                if (trusting) {
                    writePgHba(pgData);
                    reload(postgres.getPort(), superuserPassword);
                }
                return new EmbeddedDatabase(lock, postgres, superuserPassword, runtimePassword);
            } catch (SQLException e) {
                postgres.close();
                throw new IOException("Cannot set up the roles of the embedded PostgreSQL", e);
            } catch (IOException | RuntimeException e) {
                postgres.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            lock.channel().close();
            throw e;
        }
    }

    /** The address of the database, without a user: each role logs in with its own password. */
    String jdbcUrl() {
        return jdbcUrl(postgres.getPort());
    }

    String runtimePassword() {
        return runtimePassword;
    }

    /** For migrations only (Flyway sets its role to {@code dancu}, so that what it creates belongs to the platform). */
    String superuserPassword() {
        return superuserPassword;
    }

    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lock.channel().close();
        }
    }

    private static String jdbcUrl(int port) {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    private static void writePgHba(Path pgData) {
        try {
            Files.writeString(pgData.resolve("pg_hba.conf"), PG_HBA);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + pgData.resolve("pg_hba.conf"), e);
        }
    }

    /** Over the trust of an earlier version's pg_hba.conf, which is rewritten only once the password is kept. */
    private static void setSuperuserPassword(EmbeddedPostgres postgres, String password, Path file) throws IOException, SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(postgres.getPort()), SUPERUSER, "");
             Statement s = c.createStatement()) {
            s.execute("alter role " + SUPERUSER + " password '" + password + "'");
        }
        OwnerOnlySecret.write(file, password);
    }

    private static void enableProfiling(int port, String superuserPassword) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            s.execute("create extension if not exists pg_stat_statements");
            s.execute("grant pg_read_all_stats to " + RUNTIME_ROLE);
            s.execute("grant execute on function pg_stat_statements_reset(oid, oid, bigint, boolean) to " + RUNTIME_ROLE);
        }
        log.warn("Profiling: pg_stat_statements is on and role {} reads every session's statistics (benchmarks only)", RUNTIME_ROLE);
    }

    private static void reload(int port, String superuserPassword) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl(port), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            s.execute("select pg_reload_conf()");
        }
    }

    /**
     * The platform's role, and the owner of the append-only tables, as db/roles.sql describes them for
     * an external PostgreSQL; then, once, what an earlier version made as postgres is handed to dancu
     * (Flyway's history first of all, which the migrations, run as dancu, must be able to write).
     */
    private static void settleRoles(int port, String superuserPassword, String runtimePassword) throws IOException, SQLException {
        String roles = new String(EmbeddedDatabase.class.getResourceAsStream("/db/roles.sql").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        try (Connection c = DriverManager.getConnection(jdbcUrl(port), SUPERUSER, superuserPassword);
             Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute(roles);
            // base64url: nothing to escape
            s.execute("alter role " + RUNTIME_ROLE + " password '" + runtimePassword + "'");
            boolean earlierVersion;
            try (ResultSet rs = s.executeQuery("select relowner = 'postgres'::regrole from pg_catalog.pg_class"
                    + " where oid = to_regclass('public.flyway_schema_history')")) {
                earlierVersion = rs.next() && rs.getBoolean(1);
            }
            if (earlierVersion) {
                s.execute(HAND_OVER_TO_DANCU);
                log.info("Database of an earlier version: its schemas, tables and functions now belong to role {}", RUNTIME_ROLE);
            }
            c.commit();
        }
    }

    /** Objects of an earlier version, owned by postgres, go to dancu; extension members and owned sequences follow their owner. */
    private static final String HAND_OVER_TO_DANCU = """
            do $hand_over$
            declare
                statement text;
            begin
                for statement in
                    select format('alter schema %I owner to dancu', n.nspname)
                    from pg_catalog.pg_namespace n
                    where n.nspowner = 'postgres'::regrole and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
                    union all
                    select format('alter %s %s owner to dancu',
                            case c.relkind when 'S' then 'sequence' when 'v' then 'view' when 'm' then 'materialized view' else 'table' end,
                            c.oid::regclass)
                    from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
                    where c.relowner = 'postgres'::regrole and c.relkind in ('r', 'p', 'v', 'm', 'S')
                      and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
                      and not exists (select from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_class'::regclass
                                      and d.objid = c.oid and d.deptype in ('e', 'a', 'i'))
                    union all
                    select format('alter routine %s owner to dancu', p.oid::regprocedure)
                    from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace
                    where p.proowner = 'postgres'::regrole and n.nspname !~ '^pg_' and n.nspname <> 'information_schema'
                      and not exists (select from pg_catalog.pg_depend d where d.classid = 'pg_catalog.pg_proc'::regclass
                                      and d.objid = p.oid and d.deptype = 'e')
                loop
                    execute statement;
                end loop;
            end $hand_over$
            """;


    private static FileLock lock(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(LOCK_FILE),
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
