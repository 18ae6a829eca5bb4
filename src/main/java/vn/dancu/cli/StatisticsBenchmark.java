package vn.dancu.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.net.URI;
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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.DatabaseMaintenance;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.Registry;
import vn.dancu.statistics.Rebuild;
import vn.dancu.statistics.Statistics;
import vn.dancu.synthetic.SyntheticPopulation;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * {@code bench statistics}: the figures of the IOC at national scale, each against a baseline
 * measured in the same run (docs/statistics.md, issue 14):
 * <ol>
 *   <li>births/s on the registry's write path with the statistics journal, against the same
 *       births on a platform started with {@code dancu.statistics.enabled=false}, both on a
 *       fresh database holding the same base population;</li>
 *   <li>generation and import of N persons (default 10,000,000), and the folding of their journal;</li>
 *   <li>the IOC's JSON answers (p95) against plain JDBC reads of the same figures;</li>
 *   <li>from a committed birth to the IOC's server-sent event that shows it, under a steady
 *       stream of births;</li>
 *   <li>a full rebuild against a plain {@code GROUP BY} of the population over the registry's tables.</li>
 * </ol>
 * The launcher caps the heap at 1 GiB for this suite: figures live in PostgreSQL, not in the JVM.
 */
final class StatisticsBenchmark {

    private static final String PASSWORD = "bench-" + java.util.UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Staff CENTRAL = new Staff(0, "bench.central", "Benchmark", StaffRole.CENTRAL_OFFICER, null);
    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
    private static final String[] GIVEN = {"An", "Bình", "Minh", "Lan", "Hoa", "Nam", "Khôi", "Ngọc", "Linh", "Huy"};

    private StatisticsBenchmark() {
    }

    record Options(long persons, long base, int seconds, int concurrency, int writers, int rate, int liveSeconds, Path out) {

        static Options of(Map<String, String> options) {
            return new Options(Long.parseLong(options.getOrDefault("persons", "10000000")),
                    Long.parseLong(options.getOrDefault("base", "100000")),
                    Integer.parseInt(options.getOrDefault("seconds", "20")),
                    Integer.parseInt(options.getOrDefault("concurrency", "16")),
                    Integer.parseInt(options.getOrDefault("writers", "8")),
                    Integer.parseInt(options.getOrDefault("rate", "200")),
                    Integer.parseInt(options.getOrDefault("live-seconds", "60")),
                    Path.of(options.getOrDefault("out", "docs/benchmarks.md")));
        }
    }

    record Import(long persons, double generateSeconds, double importSeconds, double foldSeconds) {
    }

    record Live(long births, double seconds, double p50ms, double p99ms, double maxMs, long events) {
    }

    static int run(Class<?> application, Map<String, String> arguments) {
        Options options = Options.of(arguments);
        try {
            Path work = Files.createTempDirectory("dancu-bench-");
            Path base = generate(work.resolve("base.csv"), options.base());
            RegistryBenchmark.Latencies without;
            try (ConfigurableApplicationContext context = start(application, work.resolve("without"), false)) {
                importFile(context, base);
                without = births(context, options.writers(), options.seconds());
            }
            System.err.printf("Births/s without statistics: %.0f%n", without.perSecond());
            RegistryBenchmark.Latencies with;
            try (ConfigurableApplicationContext context = start(application, work.resolve("with"), true)) {
                importFile(context, base);
                with = births(context, options.writers(), options.seconds());
            }
            System.err.printf("Births/s with statistics: %.0f%n", with.perSecond());
            String report;
            try (ConfigurableApplicationContext context = start(application, work.resolve("national"), true)) {
                report = national(context, work, options, without, with);
            }
            BenchmarkDoc.replace(options.out(), "statistics", report);
            System.out.println(report);
            System.err.println("Written to " + options.out());
            return 0;
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            return 1;
        }
    }

    private static String national(ConfigurableApplicationContext context, Path work, Options options,
                                   RegistryBenchmark.Latencies without, RegistryBenchmark.Latencies with) throws Exception {
        long t0 = System.nanoTime();
        Path file = generate(work.resolve("persons.csv"), options.persons());
        double generateSeconds = (System.nanoTime() - t0) / 1e9;
        double importSeconds = importFile(context, file);
        double foldSeconds = drained(context);
        Files.delete(file);
        context.getBean(DatabaseMaintenance.class).settle();
        Import imported = new Import(options.persons(), generateSeconds, importSeconds, foldSeconds);

        String url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        StaffAccounts accounts = context.getBean(StaffAccounts.class);
        java.util.function.Supplier<String> code = StaffSession.enrolled(context, accounts.create(
                new StaffAccounts.NewAccount("bench.leader", PASSWORD, "Benchmark", StaffRole.CENTRAL_OFFICER, null)));
        String cookie = StaffSession.open(url, "bench.leader", PASSWORD, code.get()).cookie();
        List<String> areas = areas(context.getBean(Units.class));
        Wrk wrk = Wrk.find(work);
        if (wrk == null) {
            throw new IllegalStateException("wrk is needed for the IOC's answers (apt-get install wrk)");
        }
        List<String> paths = new ArrayList<>();
        for (String area : areas) {
            for (String chart : charts(area)) {
                paths.add("/ioc/api/units/" + area + "/" + chart);
            }
        }
        RegistryBenchmark.Latencies ioc = wrk.run(url, cookie, paths, options.concurrency(), options.seconds());
        DataSource dataSource = context.getBean(DataSource.class);
        List<Long> units = JdbcClient.create(dataSource).sql("select distinct unit_id from statistics.figure where fact = 'population'")
                .query(Long.class).list();
        RegistryBenchmark.Latencies plain = RegistryBenchmark.load(options.concurrency(), options.seconds(),
                () -> figureOverJdbc(dataSource, units));

        Live live = live(context, url, cookie, options.rate(), options.liveSeconds());

        long r0 = System.nanoTime();
        Rebuild.Result rebuilt = context.getBean(Rebuild.class).run();
        double rebuildSeconds = (System.nanoTime() - r0) / 1e9;
        long g0 = System.nanoTime();
        long groups = groupBy(dataSource, context.getBean(Units.class).today());
        double groupBySeconds = (System.nanoTime() - g0) / 1e9;

        return report(options, imported, without, with, ioc, plain, paths.size(), live, rebuilt, rebuildSeconds, groups, groupBySeconds);
    }

    private static ConfigurableApplicationContext start(Class<?> application, Path dataDir, boolean statistics) {
        return new SpringApplicationBuilder(application).web(WebApplicationType.SERVLET).run("--server.port=0",
                "--dancu.demo=false", "--dancu.db.url=", "--dancu.data-dir=" + dataDir, "--logging.level.root=WARN",
                "--dancu.statistics.enabled=" + statistics);
    }

    private static Path generate(Path file, long persons) throws Exception {
        try (BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            new SyntheticPopulation(1, SyntheticPopulation.DEFAULT_REFERENCE).write(persons, writer);
        }
        return file;
    }

    /** Imports through the platform's import job, as an administrator would; returns the job's own duration. */
    private static double importFile(ConfigurableApplicationContext context, Path file) throws Exception {
        String url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        String admin = "bench.admin" + ThreadLocalRandom.current().nextInt(1_000_000);
        StaffAccounts accounts = context.getBean(StaffAccounts.class);
        java.util.function.Supplier<String> code = StaffSession.enrolled(context, accounts.create(new StaffAccounts.NewAccount(admin, PASSWORD, "Benchmark", StaffRole.ADMIN, null)));
        ImportClient.Client client = new ImportClient.Client(url, StaffSession.open(url, admin, PASSWORD, code.get()));
        JsonNode job = client.follow(client.upload(file).path("status").asString());
        System.err.println();
        if (!job.path("state").asString().equals("COMPLETED") || job.path("rejected").asLong() > 0) {
            throw new IllegalStateException("the import did not complete cleanly: " + job);
        }
        return Duration.between(ZonedDateTime.parse(job.path("startedAt").asString()),
                ZonedDateTime.parse(job.path("finishedAt").asString())).toMillis() / 1000.0;
    }

    /** Seconds until the worker has folded every journal row written so far. */
    private static double drained(ConfigurableApplicationContext context) throws InterruptedException {
        JdbcClient jdbc = JdbcClient.create(context.getBean(DataSource.class));
        long t0 = System.nanoTime();
        while (jdbc.sql("select exists (select 1 from statistics.journal)").query(Boolean.class).single()) {
            Thread.sleep(200);
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** Births registered in-process (no HTTP), so that the journal's share of each write is as large as it gets. */
    private static RegistryBenchmark.Latencies births(ConfigurableApplicationContext context, int writers, int seconds)
            throws InterruptedException {
        Registry registry = context.getBean(Registry.class);
        Units units = context.getBean(Units.class);
        List<String> communes = units.list(AdministrativeUnit.COMMUNE, null, units.today()).stream().map(AdministrativeUnit::code).toList();
        LocalDate today = units.today();
        return RegistryBenchmark.load(writers, seconds, () -> birth(registry, communes, today));
    }

    private static String birth(Registry registry, List<String> communes, LocalDate today) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(CENTRAL, null, List.of()));
        try {
            return registry.registerBirth(new BirthRegistration(
                    FAMILY[random.nextInt(FAMILY.length)] + " " + GIVEN[random.nextInt(GIVEN.length)],
                    random.nextBoolean() ? "MALE" : "FEMALE", today.minusDays(random.nextInt(20)).toString(), "Trạm y tế",
                    communes.get(random.nextInt(communes.size())), "VN", "Kinh", null, null, null, null, null, null, null, null));
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** What the IOC's page of an area asks for: the nation has no list of communes, a commune no map and no moves. */
    private static List<String> charts(String area) {
        if (area.equals("VN")) {
            return List.of("map", "kpis", "pyramid", "trends", "moves");
        }
        return area.length() == 2 ? List.of("map", "kpis", "pyramid", "trends", "moves", "communes") : List.of("kpis", "pyramid", "trends");
    }

    /** The nation, every province and 200 communes picked at random: the areas a leader opens. */
    private static List<String> areas(Units units) {
        List<String> areas = new ArrayList<>(List.of("VN"));
        units.list(AdministrativeUnit.PROVINCE, null, units.today()).forEach(p -> areas.add(p.code()));
        List<AdministrativeUnit> communes = new ArrayList<>(units.list(AdministrativeUnit.COMMUNE, null, units.today()));
        java.util.Collections.shuffle(communes, new java.util.Random(14));
        communes.stream().limit(200).forEach(c -> areas.add(c.code()));
        return areas;
    }

    /** The baseline of an IOC answer: one fact's figures of one unit, read by plain JDBC. */
    private static void figureOverJdbc(DataSource dataSource, List<Long> units) throws Exception {
        String fact = List.of("population", "births", "ethnicity", "quality").get(ThreadLocalRandom.current().nextInt(4));
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("select k1, k2, k3, value from statistics.figure where fact = ? and unit_id = ?")) {
            s.setString(1, fact);
            s.setLong(2, units.get(ThreadLocalRandom.current().nextInt(units.size())));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(4);
                }
            }
        }
    }

    /**
     * Births at a steady rate while a client listens to {@code /ioc/events}. A birth committed at
     * t is on screen at the first event whose latest change began after t: a change that began
     * after t was folded, and the worker folds in the order changes were journalled. That
     * overstates each latency by up to one change's interval; it never understates it.
     */
    private static Live live(ConfigurableApplicationContext context, String url, String cookie, int rate, int seconds) throws Exception {
        Registry registry = context.getBean(Registry.class);
        Units units = context.getBean(Units.class);
        List<String> communes = units.list(AdministrativeUnit.COMMUNE, null, units.today()).stream().map(AdministrativeUnit::code).toList();
        LocalDate today = units.today();
        ConcurrentLinkedQueue<Instant[]> events = new ConcurrentLinkedQueue<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        var stream = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/ioc/events")).header("Cookie", cookie)
                .header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        Thread listener = Thread.ofVirtual().start(() -> {
            try {
                stream.get().body().filter(line -> line.startsWith("data:")).forEach(line -> {
                    Instant arrived = Instant.now();
                    String at = JSON.readTree(line.substring(5)).path("latestChangeAt").asString(null);
                    if (at != null) {
                        events.add(new Instant[] {arrived, Instant.parse(at)});
                    }
                });
            } catch (Exception e) {
                // the stream ends when the benchmark cancels it
            }
        });
        ConcurrentLinkedQueue<Instant> committed = new ConcurrentLinkedQueue<>();
        AtomicLong failures = new AtomicLong();
        long intervalMicros = 1_000_000L / rate;
        long measuredUntil = System.nanoTime() + seconds * 1_000_000_000L;
        try (var pacer = Executors.newSingleThreadScheduledExecutor(); var writers = Executors.newVirtualThreadPerTaskExecutor()) {
            pacer.scheduleAtFixedRate(() -> writers.submit(() -> {
                boolean measured = System.nanoTime() < measuredUntil;
                try {
                    birth(registry, communes, today);
                    if (measured) {
                        committed.add(Instant.now());
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            }), 0, intervalMicros, TimeUnit.MICROSECONDS);
            // births go on for a while after the window, so that the last measured ones are followed by later changes
            Thread.sleep(seconds * 1000L + 5000);
            pacer.shutdownNow();
        }
        Thread.sleep(3000);
        stream.cancel(true);
        listener.interrupt();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " births failed during the live measurement");
        }
        List<Instant[]> heard = new ArrayList<>(events);
        long[] latencies = committed.stream().mapToLong(at -> heard.stream().filter(e -> !e[1].isBefore(at))
                .mapToLong(e -> Duration.between(at, e[0]).toNanos()).min().orElse(Long.MAX_VALUE)).sorted().toArray();
        if (latencies.length == 0 || latencies[latencies.length - 1] == Long.MAX_VALUE) {
            throw new IllegalStateException("some births never reached the IOC's events");
        }
        return new Live(latencies.length, seconds, percentile(latencies, 0.50), percentile(latencies, 0.99),
                latencies[latencies.length - 1] / 1e6, heard.size());
    }

    /** The baseline of the rebuild: the living population by where they live, sex and age group, in one SQL scan. */
    private static long groupBy(DataSource dataSource, LocalDate asOf) {
        return JdbcClient.create(dataSource).sql("""
                select count(*) from (
                    select coalesce(r.unit_id, p.birth_registration_unit_id), p.gender,
                           least(extract(year from age(?, p.date_of_birth))::int / 5, 20), count(*)
                    from registry.person p
                    left join lateral (select unit_id from registry.residence r
                                       where r.person_id = p.id and r.valid_from <= ? and (r.valid_to is null or r.valid_to >= ?)
                                         and r.type in ('PERMANENT', 'TEMPORARY', 'CURRENT')
                                       order by case r.type when 'PERMANENT' then 0 when 'TEMPORARY' then 1 else 2 end limit 1) r on true
                    where p.status <> 'DECEASED'
                    group by 1, 2, 3) g""").params(asOf, asOf, asOf).query(Long.class).single();
    }

    private static double percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    private static String report(Options o, Import imported, RegistryBenchmark.Latencies without, RegistryBenchmark.Latencies with,
                                 RegistryBenchmark.Latencies ioc, RegistryBenchmark.Latencies plain, int paths, Live live,
                                 Rebuild.Result rebuilt, double rebuildSeconds, long groups, double groupBySeconds) {
        return String.format(Locale.ROOT, """
                ## Statistics and the IOC

                Measured by `./dancu bench statistics --persons %d` on %s
                (%s). The launcher caps the heap at 1 GiB for this suite: the figures live in PostgreSQL and
                the JVM keeps no state per person. Each figure is set against a baseline measured in the same run.

                ### Import of %,d generated persons

                Generating the file took %.0f s; the import job took %.0f s (%,.0f persons/s), with the
                statistics journal written in each batch's transaction. The worker had folded the whole
                journal %.1f s after the import finished.

                ### Births on the registry's write path, %d concurrent writers, %d s after %d s of warm-up

                Births registered in-process (no HTTP), each on a fresh database holding the same %,d generated persons.

                | | births/s | p50 | p99 |
                |---|---:|---:|---:|
                | baseline: platform started with `dancu.statistics.enabled=false` | %,.0f | %.2f ms | %.2f ms |
                | with the statistics journal (profiles before and after, one insert) | %,.0f | %.2f ms | %.2f ms |
                | **ratio** | **%.2f×** (%.1f %% fewer births/s; target ≤ 10 %%) | | |

                ### The IOC's JSON answers at %,d persons, %d concurrent clients, %d s after %d s of warm-up

                %,d paths: what the IOC's pages ask for (map, key figures, pyramid, trends, moves, communes) for the
                nation, the 34 provinces and 200 communes picked at random, as a central officer (session
                cookie); load from wrk.

                | | requests/s | p50 | p95 | p99 |
                |---|---:|---:|---:|---:|
                | baseline: plain JDBC, one fact's figures of one unit | %,.0f | %.2f ms | %.2f ms | %.2f ms |
                | dancu over HTTP, one IOC answer (several facts, names, shares) | %,.0f | %.2f ms | **%.2f ms** | %.2f ms |
                | **ratio** | **%.2f×** | | | |

                Target: p95 ≤ 50 ms.

                ### From a birth to the IOC, %d births/s for %d s

                A client listens to `/ioc/events` as the page does. A birth committed at t counts as shown at
                the first event whose latest change began after t, which overstates each latency slightly.

                | births measured | events heard | p50 | p99 | max |
                |---:|---:|---:|---:|---:|
                | %,d | %,d | %.0f ms | **%.0f ms** | %.0f ms |

                Target: p99 ≤ 5 s.

                ### Full rebuild at %,d persons

                | | time |
                |---|---:|
                | baseline: plain `GROUP BY` of the living population by residence, sex and age group (%,d groups, one fact) | %.1f s |
                | `statistics rebuild`: every fact (%d), %,d figures, through the same Census as the events | %.1f s |
                | **ratio** | **%.1f×** |
                """,
                o.persons(), LocalDate.now(), BenchmarkDoc.machine(),
                imported.persons(), imported.generateSeconds(), imported.importSeconds(), imported.persons() / imported.importSeconds(),
                imported.foldSeconds(),
                o.writers(), o.seconds(), RegistryBenchmark.WARMUP_SECONDS, o.base(),
                without.perSecond(), without.p50ms(), without.p99ms(), with.perSecond(), with.p50ms(), with.p99ms(),
                with.perSecond() / without.perSecond(), 100 * (1 - with.perSecond() / without.perSecond()),
                o.persons(), o.concurrency(), o.seconds(), RegistryBenchmark.WARMUP_SECONDS, paths,
                plain.perSecond(), plain.p50ms(), plain.p95ms(), plain.p99ms(),
                ioc.perSecond(), ioc.p50ms(), ioc.p95ms(), ioc.p99ms(), ioc.perSecond() / plain.perSecond(),
                o.rate(), o.liveSeconds(), live.births(), live.events(), live.p50ms(), live.p99ms(), live.maxMs(),
                o.persons(), groups, groupBySeconds, rebuilt.facts().size(), rebuilt.figures(), rebuildSeconds,
                rebuildSeconds / groupBySeconds);
    }
}
