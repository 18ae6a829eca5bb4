package vn.dancu.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import vn.dancu.audit.AccessLogSealer;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.Text;
import vn.dancu.registry.ImportFormat;
import vn.dancu.registry.PersonFinder;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * {@code bench registry}: starts the platform on a fresh embedded database and measures, each
 * against a baseline on the same database in the same run:
 * <ol>
 *   <li>the national load of N generated persons into the empty registry ("data usable" and "search
 *       ready"), then an incremental import of {@code --increment} more, each vs a raw COPY of the same
 *       file into a bare table, with the heap's peak during each ({@code --import-only true} stops here);</li>
 *   <li>person lookup over HTTP (officer, purpose, access-log write) vs the same statements through plain JDBC (the
 *       person view's query, the access-log rows with MAC), at the same concurrency, and vs the earlier, smaller
 *       baseline (the person row and one unsigned access-log row);</li>
 *   <li>name search without diacritics over HTTP: p50/p99.</li>
 * </ol>
 * Writes the figures as markdown (default docs/benchmarks.md).
 */
final class RegistryBenchmark {

    private static final String PASSWORD = "bench-" + java.util.UUID.randomUUID();
    /** The JIT needs tens of seconds of load before a server reaches its steady state. */
    static final int WARMUP_SECONDS = 30;

    private RegistryBenchmark() {
    }

    record Latencies(long count, double seconds, double p50ms, double p95ms, double p99ms) {
        double perSecond() {
            return count / seconds;
        }
    }

    static int run(Class<?> application, Map<String, String> options) {
        long persons = Long.parseLong(options.getOrDefault("persons", "1000000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        long increment = Long.parseLong(options.getOrDefault("increment", String.valueOf(Math.max(1_000, Math.min(persons / 10, 200_000)))));
        boolean importOnly = Boolean.parseBoolean(options.getOrDefault("import-only", "false"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        return BenchmarkDoc.run(application, out, importOnly ? "registry-import" : "registry", List.of(),
                (context, work) -> measure(context, work, persons, increment, seconds, concurrency, importOnly));
    }

    private static String measure(ConfigurableApplicationContext context, Path work, long persons, long increment, int seconds,
                                  int concurrency, boolean importOnly) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String url = "http://localhost:" + port;
        StaffAccounts accounts = context.getBean(StaffAccounts.class);
        // outside demo mode staff sign in with a second factor: each account enrols an app for its one session
        java.util.function.Supplier<String> adminCode = StaffSession.enrolled(context,
                accounts.create(new StaffAccounts.NewAccount("bench.admin", PASSWORD, "Benchmark", StaffRole.ADMIN, null)));
        java.util.function.Supplier<String> officerCode = StaffSession.enrolled(context,
                accounts.create(new StaffAccounts.NewAccount("bench.officer", PASSWORD, "Benchmark", StaffRole.CENTRAL_OFFICER, null)));
        DataSource dataSource = context.getBean(DataSource.class);
        JdbcClient jdbc = JdbcClient.create(dataSource);

        Path file = work.resolve("persons.csv");
        double generateSeconds = generate(file, 1, persons);
        System.err.printf("Generated %,d persons in %.1f s%n", persons, generateSeconds);

        double copySeconds = rawCopy(dataSource, file);
        System.err.printf("Raw COPY: %.1f s%n", copySeconds);
        double floorSeconds = SameWritesInPlainSql.measure(dataSource, file);
        System.err.printf("The same writes in plain SQL: %.1f s%n", floorSeconds);

        ImportClient.Client client = new ImportClient.Client(url, StaffSession.open(url, "bench.admin", PASSWORD, adminCode.get()));
        Profile profile = Profile.of(context, importOnly ? "registry-import" : "registry");
        HeapPeak heap = HeapPeak.start();
        Profile.Round loadRound = profile.start("national-load");
        JsonNode job = client.follow(client.upload(file, "initial").path("status").asString());
        System.err.println();
        profile.stop(loadRound, persons);
        java.time.Instant started = java.time.Instant.parse(job.path("startedAt").asString());
        double importSeconds = seconds(started, java.time.Instant.parse(job.path("finishedAt").asString()));
        if (!job.path("state").asString().equals("COMPLETED") || job.path("rejected").asLong() > 0
                || !job.path("mode").asString().equals("NATIONAL")) {
            throw new IllegalStateException("the national load did not complete cleanly: " + job);
        }
        vn.dancu.registry.PersonImport imports = context.getBean(vn.dancu.registry.PersonImport.class);
        while (imports.searchIndexPending()) {
            Thread.sleep(200);
        }
        double searchReadySeconds = seconds(started, java.time.Instant.now());
        HeapPeak.Figures loadHeap = heap.figures();
        System.err.printf("National load: data usable %.1f s, search ready %.1f s; %s%n", importSeconds, searchReadySeconds, loadHeap);

        Path more = work.resolve("increment.csv");
        generate(more, 2, increment);
        double incrementCopySeconds = rawCopy(dataSource, more);
        heap = HeapPeak.start();
        Profile.Round incrementRound = profile.start("incremental-import");
        JsonNode incremental = client.follow(client.upload(more, "incremental").path("status").asString());
        System.err.println();
        profile.stop(incrementRound, increment);
        HeapPeak.Figures incrementHeap = heap.figures();
        double incrementSeconds = seconds(java.time.Instant.parse(incremental.path("startedAt").asString()),
                java.time.Instant.parse(incremental.path("finishedAt").asString()));
        if (!incremental.path("state").asString().equals("COMPLETED")) {
            throw new IllegalStateException("the incremental import did not complete: " + incremental);
        }
        String imported = importReport(persons, generateSeconds, copySeconds, floorSeconds, importSeconds, searchReadySeconds, loadHeap,
                increment, incrementCopySeconds, incrementSeconds, incremental, incrementHeap);
        if (importOnly) {
            return imported;
        }
        // Measure the steady state, not the aftermath of the load: vacuum (which autovacuum would
        // otherwise run during the measurement), fresh statistics, and a checkpoint.
        context.getBean(vn.dancu.platform.DatabaseMaintenance.class).settle();

        List<String> ids = jdbc.sql("select personal_id from registry.person tablesample system (" + samplePercent(persons, 20_000)
                        + ") limit 20000").query(String.class).list();
        String cookie = StaffSession.open(url, "bench.officer", PASSWORD, officerCode.get()).cookie();
        List<String> names = jdbc.sql("select full_name from registry.person tablesample system (" + samplePercent(persons, 2_000)
                        + ") limit 2000").query(String.class).list().stream().map(Text::searchKey).toList();
        Wrk wrk = Wrk.find(work);
        Latencies http;
        Latencies search;
        if (wrk != null) {
            System.err.println("Lookups and searches over HTTP with wrk");
            List<String> lookupPaths = ids.stream().map(id -> "/api/v1/registry/persons/" + id).toList();
            List<String> searchPaths = names.stream().map(n -> "/api/v1/registry/persons?name="
                    + URLEncoder.encode(n, StandardCharsets.UTF_8).replace("+", "%20")).toList();
            http = wrk.profiling(profile, "lookup").run(url, cookie, lookupPaths, concurrency, seconds);
            search = wrk.run(url, cookie, searchPaths, 1, seconds);
        } else {
            System.err.println("wrk not found (apt-get install wrk): the JDK HTTP client in this JVM generates the load,"
                    + " and competes with the platform for the same cores");
            http = load(concurrency, seconds, () -> lookupOverHttp(url, cookie, ids));
            search = load(1, seconds, () -> searchOverHttp(url, cookie, names));
        }
        Latencies plain = load(concurrency, seconds, () -> sameWorkOverJdbc(dataSource, ids, "bench.officer", "audit.access_log"));
        Latencies rowOnly = load(concurrency, seconds, () -> lookupOverJdbc(dataSource, ids, "STAFF", "bench.officer"));
        Witnessing witnessing = lookupsWithAndWithoutSigning(context, () -> wrk != null
                ? wrk.run(url, cookie, ids.stream().map(id -> "/api/v1/registry/persons/" + id).toList(), concurrency, seconds)
                : load(concurrency, seconds, () -> lookupOverHttp(url, cookie, ids)));

        return imported + report(persons, concurrency, seconds, http, plain, rowOnly, search,
                wrk != null ? "wrk (a separate process)" : "the JDK HTTP client in the same JVM")
                + witnessing.report(seconds);
    }

    /**
     * The lookups twice more, back to back: as usual, then while a thread signs a checkpoint (journal
     * append and fsync included) at every new head of the chain. The first lookups of the run, just
     * after the import, are not the baseline: the server is still settling then.
     */
    private static Witnessing lookupsWithAndWithoutSigning(ConfigurableApplicationContext context, LoadRun lookups) throws Exception {
        Latencies usual = lookups.run();
        AccessLogSealer sealer = context.getBean(AccessLogSealer.class);
        Timer appends = context.getBean(io.micrometer.core.instrument.MeterRegistry.class).timer("dancu.audit.journal.append");
        long appendsBefore = appends.count();
        double appendNanosBefore = appends.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        // The scheduled sealer adds a link four times a second; signing each new head isolates what a
        // checkpoint costs (signature, insert, journal append and fsync) from the sealing itself.
        Thread signer = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                sealer.checkpointNow();
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        Latencies measured;
        try {
            measured = lookups.run();
        } finally {
            stop.set(true);
            signer.join();
        }
        long checkpoints = appends.count() - appendsBefore;
        double appendMs = checkpoints == 0 ? 0
                : (appends.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) - appendNanosBefore) / checkpoints / 1e6;
        return new Witnessing(usual, measured, checkpoints / ((System.nanoTime() - start) / 1e9), appendMs);
    }

    interface LoadRun {
        Latencies run() throws Exception;
    }

    record Witnessing(Latencies usual, Latencies lookups, double checkpointsPerSecond, double appendMs) {
        String report(int seconds) {
            return String.format(java.util.Locale.ROOT, """

                    ### The witness journal

                    Each signed checkpoint is appended to the journal outside the database and forced to disk
                    (fsync) after its commit: once a minute by default, never per read. To see its cost, the same
                    lookups ran twice more, back to back (%d s each after warm-up): as usual, then while a thread
                    signed a checkpoint at every new head of the chain (the sealer adds one four times a second),
                    each appended and forced to the journal.

                    | | requests/s | p50 | p99 |
                    |---|---:|---:|---:|
                    | baseline: the same lookups, one checkpoint a minute | %,.0f | %.2f ms | %.2f ms |
                    | lookups while %,.1f checkpoints/s are signed and journaled | %,.0f | %.2f ms | %.2f ms |
                    | **ratio** | **%.2f×** | | |

                    One journal append with its fsync took %.2f ms on average (`dancu.audit.journal.append`). The
                    platform signs one checkpoint a minute, %,.0f times fewer than here: the lookups' figures are
                    those of the baseline row, and the journal costs one such append a minute.
                    """, seconds, usual.perSecond(), usual.p50ms(), usual.p99ms(), checkpointsPerSecond,
                    lookups.perSecond(), lookups.p50ms(), lookups.p99ms(), lookups.perSecond() / usual.perSecond(), appendMs,
                    checkpointsPerSecond * 60);
        }
    }

    /** A block sample of about twice {@code wanted} rows: a few pages of a small population would often hold none. */
    static String samplePercent(long persons, int wanted) {
        return String.format(java.util.Locale.ROOT, "%.4f", Math.min(100, Math.max(0.1, 200.0 * wanted / Math.max(1, persons))));
    }

    /** The baseline for the import: COPY of the same file into a table of text columns with no index. */
    private static double rawCopy(DataSource dataSource, Path file) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.createStatement().execute("drop table if exists public.bench_raw");
            c.createStatement().execute("create table public.bench_raw (" + String.join(" text, ", ImportFormat.COLUMNS) + " text)");
            long start = System.nanoTime();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy public.bench_raw from stdin (format csv, header true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.createStatement().execute("drop table public.bench_raw");
            return seconds;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static void lookupOverHttp(String url, String cookie, List<String> ids) throws Exception {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/registry/persons/" + id))
                .header("Cookie", cookie).header("X-Purpose", "benchmark").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("lookup answered " + response.statusCode());
        }
    }

    /**
     * The same SQL work as a lookup, without the platform: the person view's own statement
     * ({@link PersonFinder#personViewQuery()}), the related persons it names, one access-log row each with a nonce and an
     * HMAC-SHA256 (a key of the benchmark's own, same cost) in one multi-row insert into {@code logTable}, commit. In the
     * benchmark that is the access log itself: its rows differ from the platform's only in their key (the verifier
     * would name them), and the benchmark's database is thrown away after the run.
     */
    static void sameWorkOverJdbc(DataSource dataSource, List<String> ids, String actor, String logTable) throws Exception {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            List<String> related;
            try (PreparedStatement read = c.prepareStatement(PersonFinder.personViewQuery())) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no person " + id);
                    }
                    related = relatedIds(rs, id);
                }
            }
            java.time.Instant at = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
            try (PreparedStatement log = c.prepareStatement("insert into " + logTable + " (accessed_at, actor_type, actor, "
                    + "subject_personal_id, fields, purpose, channel, case_ref, purpose_code, hidden_until, nonce, mac) "
                    + "values (?, 'STAFF', ?, ?, ?, 'benchmark', 'API', null, null, null, ?, ?)")) {
                addLogRow(c, log, at, actor, id, PersonFinder.personFields());
                for (String other : related) {
                    addLogRow(c, log, at, actor, other, RELATED_FIELDS);
                }
                log.executeBatch();
            }
            c.commit();
        }
    }

    private static final List<String> RELATED_FIELDS = List.of("personalId", "fullName");
    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();
    private static final javax.crypto.spec.SecretKeySpec MAC_KEY = new javax.crypto.spec.SecretKeySpec(
            java.security.SecureRandom.getSeed(32), "HmacSHA256");
    private static final ThreadLocal<javax.crypto.Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(MAC_KEY);
            return mac;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    /** Parents, spouse and household members named in the view, as the platform logs them: each once, the subject not again. */
    static List<String> relatedIds(ResultSet rs, String subject) throws java.sql.SQLException {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (String column : List.of("residences", "legacy_ids", "cards")) {
            JSON.readTree(rs.getString(column));
        }
        for (String column : List.of("father", "mother", "spouse")) {
            String ref = rs.getString(column);
            if (ref != null) {
                ids.add(JSON.readTree(ref).path("personalId").asString());
            }
        }
        String household = rs.getString("household");
        if (household != null) {
            JSON.readTree(household).path("members").forEach(m -> ids.add(m.path("personalId").asString()));
        }
        ids.remove(subject);
        return List.copyOf(ids);
    }

    private static void addLogRow(Connection c, PreparedStatement log, java.time.Instant at, String actor, String subject,
                                  List<String> fields) throws java.sql.SQLException {
        long nonce = ThreadLocalRandom.current().nextLong();
        String sep = "\u001f";
        String content = nonce + sep + at.getEpochSecond() + "." + at.getNano() / 1000 + sep + "STAFF" + sep + actor + sep + subject
                + sep + String.join("\u001e", fields) + sep + "benchmark" + sep + "API" + sep + "\u0000" + sep + "\u0000" + sep;
        log.setTimestamp(1, java.sql.Timestamp.from(at));
        log.setString(2, actor);
        log.setString(3, subject);
        log.setArray(4, c.createArrayOf("text", fields.toArray()));
        log.setLong(5, nonce);
        log.setBytes(6, MACS.get().doFinal(content.getBytes(StandardCharsets.UTF_8)));
        log.addBatch();
    }

    /** The earlier, smaller baseline (also the exchange benchmark's): the person row alone and one access-log row without nonce or MAC, commit. */
    static void lookupOverJdbc(DataSource dataSource, List<String> ids, String actorType, String actor) throws Exception {
        String id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement read = c.prepareStatement("select * from registry.person where personal_id = ?");
                 PreparedStatement log = c.prepareStatement("insert into audit.access_log (actor_type, actor, subject_personal_id, "
                         + "fields, purpose, channel) values (?, ?, ?, ?, 'benchmark', 'API')")) {
                read.setString(1, id);
                try (ResultSet rs = read.executeQuery()) {
                    rs.next();
                }
                log.setString(1, actorType);
                log.setString(2, actor);
                log.setString(3, id);
                log.setArray(4, c.createArrayOf("text", new String[] {"personalId", "fullName"}));
                log.executeUpdate();
            }
            c.commit();
        }
    }

    private static void searchOverHttp(String url, String cookie, List<String> names) throws Exception {
        String name = names.get(ThreadLocalRandom.current().nextInt(names.size()));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/registry/persons?name="
                        + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")))
                .header("Cookie", cookie).header("X-Purpose", "benchmark").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("search answered " + response.statusCode());
        }
    }

    interface Operation {
        void run() throws Exception;
    }

    /** Runs {@code operation} from {@code concurrency} threads: {@link #WARMUP_SECONDS} of warm-up, then {@code seconds} measured. */
    static Latencies load(int concurrency, int seconds, Operation operation) throws InterruptedException {
        return load(WARMUP_SECONDS, concurrency, seconds, operation);
    }

    /** Runs {@code operation} from {@code concurrency} threads: {@code warmupSeconds} of warm-up, then {@code seconds} measured. */
    static Latencies load(int warmupSeconds, int concurrency, int seconds, Operation operation) throws InterruptedException {
        ConcurrentLinkedQueue<long[]> all = new ConcurrentLinkedQueue<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        long warmupEnd = System.nanoTime() + warmupSeconds * 1_000_000_000L;
        long end = warmupEnd + seconds * 1_000_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                long[] samples = new long[1 << 20];
                int n = 0;
                while (true) {
                    long start = System.nanoTime();
                    if (start >= end) {
                        break;
                    }
                    try {
                        operation.run();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        break;
                    }
                    if (start >= warmupEnd && n < samples.length) {
                        samples[n++] = System.nanoTime() - start;
                    }
                }
                all.add(Arrays.copyOf(samples, n));
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("An operation failed under load: " + failure.get().getMessage(), failure.get());
        }
        long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Latencies(merged.length, seconds, percentile(merged, 0.50), percentile(merged, 0.95),
                percentile(merged, 0.99));
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static double generate(Path file, long seed, long count) throws IOException {
        long start = System.nanoTime();
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            new SyntheticPopulation(seed, SyntheticPopulation.DEFAULT_REFERENCE).write(count, writer);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double seconds(java.time.Instant from, java.time.Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }

    /**
     * The heap's high-water mark over a stretch of work: every heap pool's peak is reset at the
     * start; the old generation's peak is what the work kept alive, the sum of the pools' peaks an
     * upper bound of the heap it needed. The process's resident size is its peak since it started.
     */
    record HeapPeak() {
        record Figures(long oldGenerationMiB, long heapMiB, long maxHeapMiB, long residentPeakMiB) {
            @Override
            public String toString() {
                return String.format(java.util.Locale.ROOT, "old generation peak %,d MiB, heap peak (sum of the pools' peaks) %,d MiB "
                        + "of %,d MiB, resident peak %,d MiB", oldGenerationMiB, heapMiB, maxHeapMiB, residentPeakMiB);
            }
        }

        static HeapPeak start() {
            heapPools().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
            return new HeapPeak();
        }

        Figures figures() {
            long old = heapPools().stream().filter(p -> p.getName().contains("Old") || p.getName().contains("Tenured"))
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            long all = heapPools().stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            return new Figures(old >> 20, all >> 20, Runtime.getRuntime().maxMemory() >> 20, residentPeakKiB() >> 10);
        }

        private static List<java.lang.management.MemoryPoolMXBean> heapPools() {
            return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == java.lang.management.MemoryType.HEAP).toList();
        }

        private static long residentPeakKiB() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                        .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0);
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    private static String importReport(long persons, double generateSeconds, double copySeconds, double floorSeconds, double usableSeconds,
                                       double searchReadySeconds, HeapPeak.Figures loadHeap, long increment,
                                       double incrementCopySeconds, double incrementSeconds, JsonNode incremental,
                                       HeapPeak.Figures incrementHeap) {
        double copyRate = persons / copySeconds;
        double incrementCopyRate = increment / incrementCopySeconds;
        double incrementRate = increment / incrementSeconds;
        return String.format(java.util.Locale.ROOT, """
                ## Registry

                Measured by `./dancu bench registry --persons %d --increment %d` on %s (%s). Each figure is set
                against a baseline measured in the same run on the same database. Shared machine: figures vary
                between runs by about 10%%; compare ratios, not absolutes.

                ### National load of %,d generated persons into the empty registry

                The first import (`--mode initial`, or an empty registry): rows validated in parallel into an
                UNLOGGED staging table, checked set-wise, and written in one transaction with the secondary
                indexes and foreign keys dropped and built again (docs/import-format.md). **The ratio is "data
                usable"**: the transaction has committed every person, number, old number, residence, household
                and history record, with every index and key but the name search's trigram index, which is then
                built concurrently (lookups, writes and searches work meanwhile; searches by name are slow until
                it is there): "search ready".

                | | rows/s | time |
                |---|---:|---:|
                | baseline: raw `COPY` of the same file into a bare table (text columns, no index) | %,.0f | %.1f s |
                | floor: the same writes in plain SQL, no validation (see below) | %,.0f | %.1f s |
                | ratio of the floor to `COPY`: the best any load writing these tables could reach | %.2f× | |
                | national load, data usable (committed) | %,.0f | %.1f s |
                | **ratio, data usable** | **%.2f×** | |
                | national load, search ready (trigram index built) | %,.0f | %.1f s |
                | ratio, search ready | %.2f× | |

                The floor row writes what the load writes, in one transaction on scratch copies of the tables (same
                columns, checks, primary keys, indexes and foreign keys), with no validation: `COPY` of the file into a
                staging table, one `INSERT ... SELECT` casting it to typed rows (communes looked up by code and date, the
                search key only lower-cased),
                the same `INSERT ... SELECT`s into persons, households, numbers, old numbers, residences and history
                (history and numbers with their keys in place, as the load keeps them), then the other tables'
                indexes, unique constraints and foreign keys. The gap between the floor and the load is the cost
                of validating the rows and checking them against each other.

                Generating the file took %.1f s. Memory during the load: %s.

                ### Incremental import of %,d more persons into the registry of %,d

                The path of every later import: batches of 5,000, each committed with its rejections and the job's
                counters, against the registry's live indexes.

                | | rows/s | time |
                |---|---:|---:|
                | baseline: raw `COPY` of the same file into a bare table | %,.0f | %.1f s |
                | incremental import job | %,.0f | %.1f s |
                | **ratio** | **%.2f×** | |

                Rows rejected: %,d (a number of the second generated file that the first gave to someone else is refused).
                Memory during the import: %s.
                """,
                persons, increment, LocalDate.now(), BenchmarkDoc.machine(),
                persons, copyRate, copySeconds, persons / floorSeconds, floorSeconds, copySeconds / floorSeconds,
                persons / usableSeconds, usableSeconds, persons / usableSeconds / copyRate,
                persons / searchReadySeconds, searchReadySeconds, persons / searchReadySeconds / copyRate,
                generateSeconds, loadHeap,
                increment, persons, incrementCopyRate, incrementCopySeconds, incrementRate, incrementSeconds,
                incrementRate / incrementCopyRate, incremental.path("rejected").asLong(), incrementHeap);
    }

    private static String report(long persons, int concurrency, int seconds, Latencies http, Latencies plain, Latencies rowOnly,
                                 Latencies search,
                                 String loadGenerator) {
        return String.format(java.util.Locale.ROOT, """

                After the imports the database is vacuumed, analysed and checkpointed before the lookups.

                ### Person lookup by personal ID, %d concurrent clients, %d s after %d s of warm-up

                HTTP load from %s. **The ratio is against plain JDBC of the same work**: the person view's own
                statement (the platform's, shared with the benchmark), one access-log row with nonce and HMAC-SHA256
                for the person and each parent, spouse and household member it names, in one multi-row insert,
                committed. The earlier baseline (the person row alone, one access-log row without nonce or MAC) is
                kept for comparison with older runs.

                | | requests/s | p50 | p99 |
                |---|---:|---:|---:|
                | baseline: plain JDBC of the same work (person view statement, access-log rows with MAC), committed | %,.0f | %.2f ms | %.2f ms |
                | earlier baseline: plain JDBC, the person row and one access-log row, committed | %,.0f | %.2f ms | %.2f ms |
                | dancu over HTTP as an officer with purpose (session cookie), full person view + access log | %,.0f | %.2f ms | %.2f ms |
                | **ratio to the same work** | **%.2f×** | | |
                | ratio to the earlier baseline | %.2f× | | |

                ### Name search without diacritics at %,d persons, one client, %d s

                | | searches/s | p50 | p99 |
                |---|---:|---:|---:|
                | dancu over HTTP (`?name=nguyen van an` style, first page of 20, access log per person shown) | %,.1f | %.2f ms | %.2f ms |
                """,
                concurrency, seconds, WARMUP_SECONDS, loadGenerator, plain.perSecond(), plain.p50ms(), plain.p99ms(),
                rowOnly.perSecond(), rowOnly.p50ms(), rowOnly.p99ms(),
                http.perSecond(), http.p50ms(), http.p99ms(), http.perSecond() / plain.perSecond(),
                http.perSecond() / rowOnly.perSecond(),
                persons, seconds, search.perSecond(), search.p50ms(), search.p99ms());
    }
}
