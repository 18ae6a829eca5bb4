package vn.dancu.cli;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What limits a benchmark round, measured: {@code ./dancu bench SUITE --profile} (the launcher's
 * {@code dancu.db.profile=true}) records around each measured round
 * <ul>
 *   <li>the statements PostgreSQL ran ({@code pg_stat_statements}, nested ones too: foreign-key checks,
 *       function bodies), per request;</li>
 *   <li>the WAL written and flushed ({@code pg_stat_wal} deltas): flushes per request and the time of one flush,
 *       which caps any row every request commits to;</li>
 *   <li>what active sessions waited for, sampled every 100 ms from {@code pg_stat_activity};</li>
 *   <li>a JFR recording of this JVM (the platform runs in it) with its hottest methods, allocations,
 *       garbage collections and waits for a pooled connection;</li>
 *   <li>the CPU of this JVM, of the processes it ran and reaped in the round (wrk), of PostgreSQL and of
 *       any other JVM {@link #watch watched}, and everyone's resident memory.</li>
 * </ul>
 * and writes them to {@code target/bench/<suite>-profile.md} (the JFR files beside it). A suite needs two lines
 * per round: {@code Round r = profile.start("lookup")} before and {@code profile.stop(r, requests)} after.
 * Without {@code --profile} both do nothing, and {@link #memory()} still gives the resident sizes for a
 * suite's header (deliverable 8).
 */
final class Profile {

    private static final Path DIR = Path.of("target", "bench");
    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final int TOP_STATEMENTS = 25;

    private final boolean enabled;
    private final String suite;
    private final Database database;
    private final Map<String, Long> watched = new LinkedHashMap<>();
    private final List<String> summaries = new ArrayList<>();
    private final List<String> sections = new ArrayList<>();

    private Profile(boolean enabled, String suite, Database database) {
        this.enabled = enabled;
        this.suite = suite;
        this.database = database;
    }

    /** The kit of the platform in {@code context}; it records only when the suite runs with {@code --profile}. */
    static Profile of(ConfigurableApplicationContext context, String suite) {
        boolean enabled = context.getEnvironment().getProperty("dancu.db.profile", Boolean.class, false);
        return new Profile(enabled, suite, Database.of(context.getBean(DataSource.class)));
    }

    boolean enabled() {
        return enabled;
    }

    /** Another JVM of the suite (a second node): its CPU and resident size are reported beside this one's. */
    void watch(String name, long pid) {
        watched.put(name, pid);
    }

    /** Starts recording a measured round (nothing without {@code --profile}). */
    Round start(String name) {
        if (!enabled) {
            return new Round(name, null, null, null, null, null);
        }
        try {
            Path jfr = DIR.resolve(suite + "-" + name + ".jfr");
            Files.createDirectories(DIR);
            Cpu cpu = Cpu.now(database.postmaster(), watched);
            Wal wal = database.wal();
            database.resetStatements();
            Recording recording = new Recording(Configuration.getConfiguration("profile"));
            recording.setName(suite + "-" + name);
            recording.setToDisk(true);
            recording.start();
            return new Round(name, jfr, cpu, wal, recording, WaitSampler.start(database));
        } catch (IOException | ParseException | SQLException e) {
            throw new IllegalStateException("Cannot start profiling round " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Ends a round of {@code requests} requests (or rows, or records: the round's unit of work), adds its
     * section to {@code target/bench/<suite>-profile.md}, and returns its summary lines for the suite's
     * "What limits" paragraph (empty without {@code --profile}).
     */
    String stop(Round round, long requests) {
        if (round.recording() == null) {
            return "";
        }
        try {
            Map<String, Double> waits = round.waits().stop();
            round.recording().stop();
            round.recording().dump(round.jfr());
            round.recording().close();
            // backends report their WAL counters when they go idle, at most once a second
            Thread.sleep(1_100);
            Wal wal = database.wal().minus(round.wal());
            Cpu cpu = Cpu.now(database.postmaster(), watched).minus(round.cpu());
            List<StatementLine> statements = database.statements();
            Jfr jfr = Jfr.read(round.jfr());
            Section section = new Section(round.name(), Math.max(1, requests), cpu, wal, statements, waits, jfr, memory());
            summaries.add(section.summary());
            sections.add(section.markdown(round.jfr()));
            write();
            System.err.println(section.summary());
            return section.summary();
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("Cannot finish profiling round " + round.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while profiling", e);
        }
    }

    /** Resident sizes now: this JVM's VmRSS and heap, each watched JVM's VmRSS, PostgreSQL's Pss over all its processes. */
    String memory() {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "this JVM %,d MiB resident (heap %,d MiB used of %,d MiB max)",
                Proc.residentKiB(ProcessHandle.current().pid()) >> 10,
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20, Runtime.getRuntime().maxMemory() >> 20));
        watched.forEach((name, pid) -> line.append(String.format(Locale.ROOT, ", %s %,d MiB resident", name, Proc.residentKiB(pid) >> 10)));
        try {
            long postmaster = database.postmaster();
            List<Long> processes = Proc.family(postmaster);
            long pss = processes.stream().mapToLong(Proc::pssKiB).sum();
            line.append(String.format(Locale.ROOT, ", PostgreSQL %,d MiB (Pss summed over its %d processes, shared buffers counted once)",
                    pss >> 10, processes.size()));
        } catch (SQLException | RuntimeException e) {
            line.append(", PostgreSQL not measured (").append(e.getMessage()).append(')');
        }
        return line.toString();
    }

    private void write() throws IOException {
        Files.createDirectories(DIR);
        String text = "# Profile of `bench " + suite + "`\n\n" + Instant.now() + ", " + BenchmarkDoc.machine() + ".\n\n## Summary\n\n"
                + String.join("\n", summaries) + "\n\n" + String.join("\n", sections);
        Files.writeString(DIR.resolve(suite + "-profile.md"), text);
    }

    /** A round being recorded; without {@code --profile} only its name is set. */
    record Round(String name, Path jfr, Cpu cpu, Wal wal, Recording recording, WaitSampler waits) {
    }

    /** Connections of the kit's own, beside the platform's pool, as the platform's role. */
    private record Database(String url, String user, String password) {

        static Database of(DataSource dataSource) {
            HikariDataSource hikari = (HikariDataSource) dataSource;
            return new Database(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }

        Connection connect() throws SQLException {
            Connection c = DriverManager.getConnection(url, user, password);
            c.setAutoCommit(true);
            return c;
        }

        /** The postmaster: the parent of any backend. */
        long postmaster() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
                rs.next();
                return Proc.parent(rs.getLong(1));
            }
        }

        Wal wal() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select wal_records, wal_fpi, wal_bytes, wal_buffers_full, wal_write, wal_sync, wal_write_time, wal_sync_time"
                            + " from pg_stat_wal")) {
                rs.next();
                return new Wal(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getDouble(7), rs.getDouble(8));
            }
        }

        boolean hasStatements(Connection c) throws SQLException {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select exists (select from pg_extension where extname = 'pg_stat_statements')")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }

        void resetStatements() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                if (hasStatements(c)) {
                    s.execute("select pg_stat_statements_reset()");
                }
            }
        }

        List<StatementLine> statements() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                if (!hasStatements(c)) {
                    return List.of();
                }
                List<StatementLine> lines = new ArrayList<>();
                try (ResultSet rs = s.executeQuery("""
                        select calls, total_exec_time, mean_exec_time, rows, wal_bytes, shared_blks_dirtied, toplevel,
                               left(regexp_replace(query, '\\s+', ' ', 'g'), 160),
                               sum(total_exec_time) over ()
                        from pg_stat_statements
                        where query not like '%pg_stat_%'
                        order by total_exec_time desc
                        limit\s""" + TOP_STATEMENTS)) {
                    while (rs.next()) {
                        lines.add(new StatementLine(rs.getLong(1), rs.getDouble(2), rs.getDouble(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getBoolean(7), rs.getString(8), rs.getDouble(9)));
                    }
                }
                return lines;
            }
        }
    }

    record StatementLine(long calls, double totalMs, double meanMs, long rows, long walBytes, long dirtied, boolean toplevel,
                         String query, double allMs) {
    }

    record Wal(long records, long fullPages, long bytes, long buffersFull, long writes, long syncs, double writeMs, double syncMs) {
        Wal minus(Wal before) {
            return new Wal(records - before.records, fullPages - before.fullPages, bytes - before.bytes,
                    buffersFull - before.buffersFull, writes - before.writes, syncs - before.syncs,
                    writeMs - before.writeMs, syncMs - before.syncMs);
        }
    }

    /** CPU seconds of each party (clock ticks of /proc/PID/stat), and wall time. */
    record Cpu(long nanos, double jvm, double reapedChildren, double postgres, Map<String, Double> watched) {

        static Cpu now(long postmaster, Map<String, Long> watched) throws IOException {
            long[] self = Proc.times(ProcessHandle.current().pid());
            double postgres = 0;
            for (long pid : Proc.family(postmaster)) {
                long[] t = Proc.times(pid);
                // the postmaster's own children's times hold the backends that ended (cutime, cstime)
                postgres += t.length == 0 ? 0 : t[0] + t[1] + t[2] + t[3];
            }
            Map<String, Double> others = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : watched.entrySet()) {
                long[] t = Proc.times(e.getValue());
                others.put(e.getKey(), t.length == 0 ? 0 : (double) (t[0] + t[1]) / CLOCK_TICKS_PER_SECOND);
            }
            return new Cpu(System.nanoTime(), (double) (self[0] + self[1]) / CLOCK_TICKS_PER_SECOND,
                    (double) (self[2] + self[3]) / CLOCK_TICKS_PER_SECOND, postgres / CLOCK_TICKS_PER_SECOND, others);
        }

        Cpu minus(Cpu before) {
            Map<String, Double> others = new LinkedHashMap<>();
            watched.forEach((name, seconds) -> others.put(name, seconds - before.watched.getOrDefault(name, 0.0)));
            return new Cpu(nanos - before.nanos, jvm - before.jvm, reapedChildren - before.reapedChildren,
                    postgres - before.postgres, others);
        }

        double seconds() {
            return nanos / 1e9;
        }
    }

    /** /proc, read for the CPU and memory of one process and its children. */
    static final class Proc {

        private Proc() {
        }

        /** utime, stime, cutime, cstime in clock ticks; empty when the process has gone. */
        static long[] times(long pid) {
            Optional<String[]> fields = stat(pid);
            return fields.map(f -> new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])})
                    .orElse(new long[0]);
        }

        static long parent(long pid) {
            return stat(pid).map(f -> Long.parseLong(f[1])).orElseThrow(() -> new IllegalStateException("no process " + pid));
        }

        /** The fields after the command name (which may hold spaces): state is [0], ppid [1], utime [11]. */
        private static Optional<String[]> stat(long pid) {
            try {
                String line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                return Optional.of(line.substring(line.lastIndexOf(')') + 2).split(" "));
            } catch (IOException | RuntimeException gone) {
                return Optional.empty();
            }
        }

        static List<Long> family(long pid) {
            List<Long> all = new ArrayList<>();
            all.add(pid);
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> all.add(d.pid())));
            return all;
        }

        static long residentKiB(long pid) {
            return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
        }

        static long pssKiB(long pid) {
            return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
        }

        private static long field(Path file, String name) {
            try {
                return Files.readAllLines(file).stream().filter(l -> l.startsWith(name))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            } catch (IOException | RuntimeException gone) {
                return 0;
            }
        }
    }

    /** What active sessions wait for, every 100 ms, on a connection of its own. */
    static final class WaitSampler {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Map<String, AtomicLong> sessions = new ConcurrentHashMap<>();
        private final AtomicLong samples = new AtomicLong();
        private Thread thread;

        static WaitSampler start(Database database) throws SQLException {
            WaitSampler sampler = new WaitSampler();
            Connection c = database.connect();
            sampler.thread = Thread.ofPlatform().daemon().name("profile-waits").start(() -> sampler.sample(c));
            return sampler;
        }

        private void sample(Connection c) {
            try (c; Statement s = c.createStatement()) {
                while (!stop.get()) {
                    try (ResultSet rs = s.executeQuery("select coalesce(wait_event_type || '/' || wait_event, 'CPU (no wait event)'), count(*)"
                            + " from pg_stat_activity where state = 'active' and backend_type = 'client backend'"
                            + " and pid <> pg_backend_pid() group by 1")) {
                        while (rs.next()) {
                            sessions.computeIfAbsent(rs.getString(1), k -> new AtomicLong()).addAndGet(rs.getLong(2));
                        }
                    }
                    samples.incrementAndGet();
                    Thread.sleep(100);
                }
            } catch (SQLException e) {
                System.err.println("Wait sampling stopped: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** The average number of sessions in each wait over the round. */
        Map<String, Double> stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            double n = Math.max(1, samples.get());
            return sessions.entrySet().stream().sorted(Map.Entry.<String, AtomicLong>comparingByValue(
                            Comparator.comparingLong(AtomicLong::get)).reversed())
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get() / n, (a, b) -> a, LinkedHashMap::new));
        }
    }

    /** The JFR recording, summarised. */
    record Jfr(long samples, Map<String, Long> hotMethods, Map<String, Long> hotDancuFrames, Map<String, Long> allocations,
               long gcs, double gcMs, double longestGcMs, long poolWaits, double poolWaitMs) {

        static Jfr read(Path file) throws IOException {
            Map<String, Long> top = new LinkedHashMap<>();
            Map<String, Long> dancu = new LinkedHashMap<>();
            Map<String, Long> allocated = new LinkedHashMap<>();
            long samples = 0;
            long gcs = 0;
            double gcMs = 0;
            double longest = 0;
            long poolWaits = 0;
            double poolWaitMs = 0;
            try (RecordingFile recording = new RecordingFile(file)) {
                while (recording.hasMoreEvents()) {
                    RecordedEvent event = recording.readEvent();
                    switch (event.getEventType().getName()) {
                        case "jdk.ExecutionSample" -> {
                            samples++;
                            RecordedStackTrace stack = event.getStackTrace();
                            if (stack != null && !stack.getFrames().isEmpty()) {
                                top.merge(method(stack.getFrames().getFirst()), 1L, Long::sum);
                                stack.getFrames().stream().filter(f -> f.isJavaFrame()
                                                && f.getMethod().getType().getName().startsWith("vn.dancu.")).findFirst()
                                        .ifPresent(f -> dancu.merge(method(f), 1L, Long::sum));
                            }
                        }
                        case "jdk.ObjectAllocationSample" -> allocated.merge(event.getClass("objectClass").getName(),
                                event.getLong("weight"), Long::sum);
                        case "jdk.GarbageCollection" -> {
                            gcs++;
                            double ms = event.getDuration("sumOfPauses").toNanos() / 1e6;
                            gcMs += ms;
                            longest = Math.max(longest, ms);
                        }
                        case "jdk.ThreadPark" -> {
                            RecordedStackTrace stack = event.getStackTrace();
                            if (stack != null && stack.getFrames().stream().anyMatch(f -> f.isJavaFrame()
                                    && f.getMethod().getType().getName().equals("com.zaxxer.hikari.pool.HikariPool")
                                    && f.getMethod().getName().equals("getConnection"))) {
                                poolWaits++;
                                poolWaitMs += event.getDuration().toNanos() / 1e6;
                            }
                        }
                        default -> {
                        }
                    }
                }
            }
            return new Jfr(samples, top(top, 15), top(dancu, 10), top(allocated, 10), gcs, gcMs, longest, poolWaits, poolWaitMs);
        }

        private static String method(RecordedFrame frame) {
            String type = frame.getMethod().getType().getName();
            return type.substring(type.lastIndexOf('.') + 1) + "." + frame.getMethod().getName();
        }

        private static Map<String, Long> top(Map<String, Long> counts, int n) {
            return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
        }
    }

    private record Section(String round, long requests, Cpu cpu, Wal wal, List<StatementLine> statements, Map<String, Double> waits,
                           Jfr jfr, String memory) {

        String summary() {
            double wall = cpu.seconds();
            String topStatement = statements.isEmpty() ? "pg_stat_statements not installed"
                    : String.format(Locale.ROOT, "top statement %.0f%% of database time, %.2f per request: `%s`",
                    100 * statements.getFirst().totalMs() / Math.max(1e-9, statements.getFirst().allMs()),
                    (double) statements.getFirst().calls() / requests, shorten(statements.getFirst().query(), 90));
            String wait = waits.entrySet().stream().limit(3)
                    .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", "));
            String hot = jfr.hotMethods().entrySet().stream().limit(3).map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(),
                    100.0 * e.getValue() / Math.max(1, jfr.samples()))).collect(Collectors.joining(", "));
            return String.format(Locale.ROOT, "- **%s** (%,d in %.1f s): CPU cores busy: this JVM %.2f, PostgreSQL %.2f, reaped children (wrk) %.2f%s of %d;"
                            + " WAL flushes %.3f per request at %.2f ms each, %,.0f WAL bytes per request, %,d full-page images;"
                            + " active sessions by wait: %s; %s; hottest methods: %s; GC %d pauses, %.0f ms; pool waits %d (%.0f ms)",
                    round, requests, wall, cpu.jvm() / wall, cpu.postgres() / wall, cpu.reapedChildren() / wall,
                    cpu.watched().entrySet().stream().map(e -> String.format(Locale.ROOT, ", %s %.2f", e.getKey(), e.getValue() / wall))
                            .collect(Collectors.joining()), Runtime.getRuntime().availableProcessors(),
                    (double) wal.syncs() / requests, wal.syncs() == 0 ? 0 : wal.syncMs() / wal.syncs(), (double) wal.bytes() / requests,
                    wal.fullPages(), wait.isEmpty() ? "none" : wait, topStatement, hot, jfr.gcs(), jfr.gcMs(), jfr.poolWaits(), jfr.poolWaitMs());
        }

        String markdown(Path jfrFile) {
            StringBuilder md = new StringBuilder();
            double wall = cpu.seconds();
            md.append(String.format(Locale.ROOT, "## Round `%s`: %,d requests in %.1f s (%,.0f/s)%n%n", round, requests, wall, requests / wall));
            md.append("### CPU (cores busy on average) and memory\n\n| process | CPU s | cores |\n|---|---:|---:|\n");
            Function<Double, String> row = s -> String.format(Locale.ROOT, "%.1f | %.2f", s, s / wall);
            md.append("| this JVM (platform and suite) | ").append(row.apply(cpu.jvm())).append(" |\n");
            md.append("| processes it ran and reaped in the round (wrk) | ").append(row.apply(cpu.reapedChildren())).append(" |\n");
            md.append("| PostgreSQL (postmaster, backends, ended backends) | ").append(row.apply(cpu.postgres())).append(" |\n");
            cpu.watched().forEach((name, s) -> md.append("| ").append(name).append(" | ").append(row.apply(s)).append(" |\n"));
            md.append("\nAt the end: ").append(memory).append(".\n\n");

            md.append(String.format(Locale.ROOT, """
                    ### WAL (pg_stat_wal, delta)

                    %,d records, %,d full-page images, %,d bytes (%,.0f per request); %,d writes, %,d flushes (%.3f per request),
                    %.2f ms per flush (write %.0f ms, flush %.0f ms in total), WAL buffers full %,d times.

                    """, wal.records(), wal.fullPages(), wal.bytes(), (double) wal.bytes() / requests, wal.writes(), wal.syncs(),
                    (double) wal.syncs() / requests, wal.syncs() == 0 ? 0 : wal.syncMs() / wal.syncs(), wal.writeMs(), wal.syncMs(),
                    wal.buffersFull()));

            md.append("### Waits of active sessions (pg_stat_activity every 100 ms: sessions on average)\n\n");
            if (waits.isEmpty()) {
                md.append("No active session was seen.\n\n");
            } else {
                md.append("| wait | sessions |\n|---|---:|\n");
                waits.forEach((w, n) -> md.append(String.format(Locale.ROOT, "| %s | %.2f |%n", w, n)));
                md.append('\n');
            }

            md.append("### Statements (pg_stat_statements, track = all, top ").append(TOP_STATEMENTS).append(" by time)\n\n");
            if (statements.isEmpty()) {
                md.append("pg_stat_statements is not installed on this database (an external PostgreSQL, or no `--profile`).\n\n");
            } else {
                md.append("| calls | per request | total ms | % | mean ms | rows | WAL B/request | dirtied | statement |\n"
                        + "|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
                for (StatementLine s : statements) {
                    md.append(String.format(Locale.ROOT, "| %,d | %.3f | %,.0f | %.1f | %.3f | %,d | %,.0f | %,d | %s`%s` |%n", s.calls(),
                            (double) s.calls() / requests, s.totalMs(), 100 * s.totalMs() / Math.max(1e-9, s.allMs()), s.meanMs(), s.rows(),
                            (double) s.walBytes() / requests, s.dirtied(), s.toplevel() ? "" : "(nested) ",
                            s.query().replace("|", "\\|").replace("`", "'")));
                }
                md.append('\n');
            }

            md.append(String.format(Locale.ROOT, """
                    ### JFR (`%s`; open with `jfr view hot-methods FILE`)

                    %,d execution samples; GC: %d collections, %.0f ms of pauses, longest %.1f ms; waits for a pooled
                    connection (ThreadPark in HikariPool.getConnection, ≥ 10 ms): %d, %.0f ms in total.

                    | hottest methods (top frame) | samples | %% |
                    |---|---:|---:|
                    """, jfrFile, jfr.samples(), jfr.gcs(), jfr.gcMs(), jfr.longestGcMs(), jfr.poolWaits(), jfr.poolWaitMs()));
            jfr.hotMethods().forEach((m, n) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f |%n", m, n, 100.0 * n / Math.max(1, jfr.samples()))));
            md.append("\n| first dancu frame on the stack | samples | % |\n|---|---:|---:|\n");
            jfr.hotDancuFrames().forEach((m, n) -> md.append(String.format(Locale.ROOT, "| %s | %,d | %.1f |%n", m, n, 100.0 * n / Math.max(1, jfr.samples()))));
            md.append("\n| allocated (sampled weight) | MiB |\n|---|---:|\n");
            jfr.allocations().forEach((c, b) -> md.append(String.format(Locale.ROOT, "| %s | %,d |%n", c, b >> 20)));
            return md.append('\n').toString();
        }

        private static String shorten(String text, int max) {
            return (text.length() <= max ? text : text.substring(0, max) + "…").replace("`", "'");
        }
    }
}
