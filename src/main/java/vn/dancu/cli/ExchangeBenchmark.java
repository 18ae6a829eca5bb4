package vn.dancu.cli;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.eid.RelyingParties;
import vn.dancu.exchange.Members;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * {@code bench exchange}: on a fresh embedded database with N generated persons, measures
 * <ol>
 *   <li>{@code POST /api/v1/exchange/verify} by an agency's API client over HTTP against the same SQL
 *       work (person lookup and access-log insert, committed) through plain JDBC, at the same
 *       concurrency in the same run;</li>
 *   <li>reconciliation of R records (by default one per person; past N the persons come round again;
 *       some with names typed without diacritics, some unknown numbers), against a raw COPY of the same
 *       file and against a floor: the same access-log rows and result rows written set-wise by plain SQL.</li>
 * </ol>
 */
final class ExchangeBenchmark {

    private static final String PASSWORD = "bench-" + java.util.UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ExchangeBenchmark() {
    }

    static int run(Class<?> application, Map<String, String> options) {
        long persons = Long.parseLong(options.getOrDefault("persons", "1000000"));
        long records = Long.parseLong(options.getOrDefault("records", String.valueOf(persons)));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        return BenchmarkDoc.run(application, out, "exchange", List.of("--dancu.db.pool-size=" + Math.min(concurrency, 32)),
                (context, work) -> measure(context, work, persons, records, seconds, concurrency));
    }

    private static String measure(ConfigurableApplicationContext context, Path work, long persons, long recordCount, int seconds,
                                  int concurrency) throws Exception {
        String url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        java.util.function.Supplier<String> adminCode = StaffSession.enrolled(context, context.getBean(StaffAccounts.class).create(
                new StaffAccounts.NewAccount("bench.admin", PASSWORD, "Benchmark", StaffRole.ADMIN, null)));
        DataSource dataSource = context.getBean(DataSource.class);
        populate(url, work, persons, context.getBean(vn.dancu.platform.DatabaseMaintenance.class), adminCode);

        Members members = context.getBean(Members.class);
        members.create(new Members.MemberForm("bench-agency", "Cơ quan đo hiệu năng", "AGENCY", "MINISTRY", "ACTIVE", List.of()));
        members.newPolicy("bench-agency", new Members.PolicyForm(List.of("verification"), List.of("ADMINISTRATIVE_PROCEDURE"),
                "Benchmark", false, 100_000_000, "CASE_AND_SPACING"));
        RelyingParties.ClientView client = members.addClient("bench-agency", new Members.ClientForm("bench-agency", null, null));
        String token = token(url, client.clientId(), client.secret());

        JdbcClient jdbc = JdbcClient.create(dataSource);
        List<String> bodies = jdbc.sql("""
                        select personal_id, full_name, date_of_birth::text from registry.person tablesample system (%s) limit 20000"""
                        .formatted(RegistryBenchmark.samplePercent(persons, 20_000)))
                .query((rs, n) -> JSON.writeValueAsString(Map.of("personalId", rs.getString(1), "fullName", rs.getString(2),
                        "dateOfBirth", rs.getString(3), "purpose", "ADMINISTRATIVE_PROCEDURE"))).list();
        List<String> ids = bodies.stream().map(b -> JSON.readTree(b).path("personalId").asString()).toList();
        Wrk wrk = Wrk.find(work);
        String loadGenerator = wrk != null ? "wrk (a separate process on the same cores)" : "the JDK HTTP client in the same JVM";
        if (wrk == null) {
            System.err.println("wrk not found (apt-get install wrk): the JDK HTTP client in this JVM generates the load,"
                    + " and competes with the platform for the same cores");
        }
        // On two cores the JIT compilers take more than a minute of load to finish: one extra round unmeasured.
        verifyOnce(wrk, url, token, bodies, concurrency, seconds);
        Profile profile = Profile.of(context, "exchange");
        List<Row> rows = new java.util.ArrayList<>();
        io.micrometer.core.instrument.MeterRegistry meters = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
        for (int c : new int[] {Math.max(1, concurrency / 4), concurrency}) {
            System.err.println("Verify over HTTP, " + c + " clients");
            Batches before = Batches.of(meters);
            RegistryBenchmark.Latencies verify = verifyOnce(wrk == null ? null : wrk.profiling(profile, "verify-" + c), url, token,
                    bodies, c, seconds);
            Batches batches = Batches.of(meters).since(before);
            System.err.println("Baseline: the same SQL work through plain JDBC, " + c + " clients");
            RegistryBenchmark.Latencies plain = RegistryBenchmark.load(c, seconds, () -> RegistryBenchmark.lookupOverJdbc(dataSource, ids, "MEMBER", "bench-agency"));
            rows.add(new Row(c, verify, plain, batches));
        }

        Path records = work.resolve("records.csv");
        double copySeconds = exportRecords(dataSource, records, recordCount);
        System.err.println("Reconciliation of " + recordCount + " records");
        Profile.Round reconciliation = profile.start("reconciliation");
        JsonNode job = reconcile(url, token(url, client.clientId(), client.secret()), records);
        profile.stop(reconciliation, job.path("records").asLong());
        double reconcileSeconds = Duration.between(ZonedDateTime.parse(job.path("startedAt").asString()),
                ZonedDateTime.parse(job.path("finishedAt").asString())).toMillis() / 1000.0;
        System.err.println("Floor: the same rows written set-wise by plain SQL");
        double floorSeconds = floor(dataSource, records);
        return report(persons, recordCount, seconds, concurrency, rows, job, reconcileSeconds, copySeconds, floorSeconds, loadGenerator);
    }

    private record Row(int concurrency, RegistryBenchmark.Latencies verify, RegistryBenchmark.Latencies plain, Batches batches) {
    }

    /**
     * The verify batches of a round (warm-up included), from the platform's meters: how many, how many checks, and
     * the seconds of their transactions and of their quota counts (waiting on the member's row of the day included).
     */
    private record Batches(long count, double checks, double transactionSeconds, double quotaSeconds) {

        static Batches of(io.micrometer.core.instrument.MeterRegistry meters) {
            var sizes = meters.get("dancu.exchange.verify.batch").summary();
            var transactions = meters.get("dancu.exchange.verify.transaction").timer();
            var quota = meters.get("dancu.exchange.verify.quota").timer();
            return new Batches(sizes.count(), sizes.totalAmount(), transactions.totalTime(java.util.concurrent.TimeUnit.SECONDS),
                    quota.totalTime(java.util.concurrent.TimeUnit.SECONDS));
        }

        Batches since(Batches before) {
            return new Batches(count - before.count, checks - before.checks, transactionSeconds - before.transactionSeconds,
                    quotaSeconds - before.quotaSeconds);
        }

        String line() {
            long n = Math.max(1, count);
            return String.format(java.util.Locale.ROOT, "Verify batches of the round (warm-up included): %,d, %.1f checks each;"
                    + " transaction %.2f ms each, of which counting the quota (waiting on the member's row included) %.2f ms.%n",
                    count, checks / n, transactionSeconds * 1000 / n, quotaSeconds * 1000 / n);
        }
    }

    private static RegistryBenchmark.Latencies verifyOnce(Wrk wrk, String url, String token, List<String> bodies, int concurrency,
                                                          int seconds) throws Exception {
        return wrk != null ? wrk.post(url, token, "/api/v1/exchange/verify", bodies, concurrency, seconds)
                : RegistryBenchmark.load(concurrency, seconds, () -> verify(url, token, bodies));
    }

    private static void populate(String url, Path work, long persons, vn.dancu.platform.DatabaseMaintenance maintenance,
                                 java.util.function.Supplier<String> adminCode) throws Exception {
        Path file = work.resolve("persons.csv");
        try (Writer writer = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), 1 << 20)) {
            new SyntheticPopulation(1, SyntheticPopulation.DEFAULT_REFERENCE).write(persons, writer);
        }
        ImportClient.Client importer = new ImportClient.Client(url, StaffSession.open(url, "bench.admin", PASSWORD, adminCode.get()));
        JsonNode job = importer.follow(importer.upload(file).path("status").asString());
        System.err.println();
        if (!"COMPLETED".equals(job.path("state").asString())) {
            throw new IllegalStateException("the import did not complete: " + job);
        }
        maintenance.settle();
    }

    private static String token(String url, String client, String secret) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private static void verify(String url, String token, List<String> bodies) throws Exception {
        String body = bodies.get(ThreadLocalRandom.current().nextInt(bodies.size()));
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/exchange/verify"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"found\":true")) {
            throw new IllegalStateException("verify answered " + response.statusCode() + ": " + response.body());
        }
    }

    /**
     * A sector database's copy of the population, {@code records} long (the persons in order, round again past the
     * last): every 20th name typed in capitals without diacritics, every 50th number unknown. Returns the seconds a
     * raw COPY of it into a bare table takes.
     */
    private static double exportRecords(DataSource dataSource, Path file, long records) throws Exception {
        try (Connection c = dataSource.getConnection();
             Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            c.unwrap(PGConnection.class).getCopyAPI().copyOut("""
                    copy (with p as (select row_number() over (order by id) - 1 as k, * from registry.person)
                          select 'r' || g as "recordRef",
                                 case when mod(g, 50) = 1 then '099' || lpad(g::text, 9, '0') else personal_id end as "personalId",
                                 '' as "legacyId",
                                 case when mod(g, 20) = 0 then upper(name_search) else full_name end as "fullName",
                                 date_of_birth as "dateOfBirth", gender, '' as address
                          from generate_series(0, %d - 1) g join p on p.k = mod(g, (select count(*) from registry.person))
                          order by g) to stdout (format csv, header true)""".formatted(records), out);
        }
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("create table public.bench_records (a text, b text, c text, d text, e text, f text, g text)");
            long start = System.nanoTime();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy public.bench_records from stdin (format csv, header true)", reader);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.createStatement().execute("drop table public.bench_records");
            return seconds;
        }
    }

    /**
     * What reconciliation cannot beat on this machine: the file parsed by COPY into an unlogged table, then one session
     * per core, each in one transaction over its share of the lines, writes the access-log row of each record found
     * (one set-wise insert from a join with the registry) and the result row of every record (outcome and differing
     * fields decided in SQL), committed. Generous to the floor: its access-log rows carry no nonce or MAC (as the
     * lookup baseline of {@code bench registry}), one statement writes each kind of row, and nothing is metered or
     * counted. Returns its seconds.
     */
    private static double floor(DataSource dataSource, Path records) throws Exception {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        long job = jdbc.sql("""
                insert into exchange.reconciliation (member_id, format, purpose_code, case_ref, state, file)
                select id, 'CSV', 'ADMINISTRATIVE_PROCEDURE', 'floor', 'COMPLETED', 'floor' from exchange.member where code = 'bench-agency'
                returning id""").query(Long.class).single();
        jdbc.sql("""
                create unlogged table public.bench_floor_record (line bigint generated always as identity, record_ref text,
                    personal_id text, legacy_id text, full_name text, date_of_birth text, gender text, address text)""").update();
        int sessions = Runtime.getRuntime().availableProcessors();
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); var reader = Files.newBufferedReader(records, StandardCharsets.UTF_8)) {
            c.setAutoCommit(true);
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy public.bench_floor_record (record_ref, personal_id, legacy_id, full_name, date_of_birth, gender, address)
                    from stdin (format csv, header true)""", reader);
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(sessions)) {
            List<java.util.concurrent.Future<?>> shares = new java.util.ArrayList<>();
            for (int share = 0; share < sessions; share++) {
                int mine = share;
                shares.add(pool.submit(() -> floorShare(dataSource, job, sessions, mine)));
            }
            for (var s : shares) {
                s.get();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        jdbc.sql("drop table public.bench_floor_record").update();
        return seconds;
    }

    private static Void floorShare(DataSource dataSource, long job, int sessions, int share) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            JdbcClient sql = JdbcClient.create(new org.springframework.jdbc.datasource.SingleConnectionDataSource(c, true));
            sql.sql("""
                    insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel,
                        case_ref, purpose_code)
                    select now(), 'MEMBER', 'bench-agency', p.personal_id, array['personalId', 'status', 'fullName', 'dateOfBirth', 'gender'],
                           'ADMINISTRATIVE_PROCEDURE: floor', 'BATCH', 'floor', 'ADMINISTRATIVE_PROCEDURE'
                    from public.bench_floor_record r join registry.person p on p.personal_id = r.personal_id
                    where r.line % ? = ?""").params(sessions, share).update();
            sql.sql("""
                    insert into exchange.reconciliation_result (job_id, line_no, record_ref, outcome, personal_id, differences)
                    select ?, r.line + 1, r.record_ref, case when p.id is null then 'NOT_FOUND' when p.status = 'DECEASED' then 'DECEASED'
                               when cardinality(d.fields) = 0 then 'MATCHED' else 'DIFFERENT' end,
                           p.personal_id, case when cardinality(d.fields) > 0 then to_jsonb(d.fields) end
                    from public.bench_floor_record r left join registry.person p on p.personal_id = r.personal_id
                    cross join lateral (select array_remove(array[
                        case when r.full_name not in (p.full_name, upper(p.name_search)) then 'fullName' end,
                        case when r.date_of_birth::date <> p.date_of_birth then 'dateOfBirth' end,
                        case when r.gender <> p.gender then 'gender' end], null) as fields) d
                    where r.line % ? = ?""").params(job, sessions, share).update();
            c.commit();
        }
        return null;
    }

    private static JsonNode reconcile(String url, String token, Path records) throws Exception {
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(URI.create(url
                        + "/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE&caseRef=bench"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofFile(records)).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("reconciliation refused: " + accepted.body());
        }
        String status = url + accepted.headers().firstValue("Location").orElseThrow();
        while (true) {
            Thread.sleep(1000);
            JsonNode job = JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(status)).header("Authorization", "Bearer " + token)
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            System.err.printf("\r%,d records", job.path("records").asLong());
            if ("COMPLETED".equals(job.path("state").asString())) {
                System.err.println();
                return job;
            }
            if ("FAILED".equals(job.path("state").asString())) {
                throw new IllegalStateException("reconciliation failed: " + job);
            }
        }
    }

    private static String report(long persons, long recordCount, int seconds, int concurrency, List<Row> rows, JsonNode job,
                                 double reconcileSeconds, double copySeconds, double floorSeconds, String loadGenerator) {
        long records = job.path("records").asLong();
        StringBuilder verify = new StringBuilder();
        for (Row r : rows) {
            verify.append(String.format(java.util.Locale.ROOT, """

                    ### Verification, %d concurrent clients, %d s after %d s of warm-up

                    | | requests/s | p50 | p99 |
                    |---|---:|---:|---:|
                    | baseline: plain JDBC, the person row and the access-log insert, committed, one transaction each | %,.0f | %.2f ms | %.2f ms |
                    | dancu `POST /api/v1/exchange/verify` over HTTP: bearer token, policy, quota, name and date comparison, HMAC-signed access-log row and metering row, committed before the answer | %,.0f | %.2f ms | %.2f ms |
                    | **ratio** | **%.2f×** | | |

                    %s""", r.concurrency(), seconds, RegistryBenchmark.WARMUP_SECONDS * 2 + seconds, r.plain().perSecond(),
                    r.plain().p50ms(), r.plain().p99ms(), r.verify().perSecond(), r.verify().p50ms(), r.verify().p99ms(),
                    r.verify().perSecond() / r.plain().perSecond(), r.batches().line()));
        }
        return String.format(java.util.Locale.ROOT, """
                ## Data exchange

                Measured by `./dancu bench exchange --persons %d --records %d --seconds %d --concurrency %d` on %s
                (%s). Each figure is set against a baseline measured in the same run on the same database
                of %,d generated persons. HTTP load from %s; the JDBC baseline runs in the platform's JVM
                on the platform's connection pool.
                %s
                ### Reconciliation of %,d records (CSV upload, the persons in order)

                | | records/s | time |
                |---|---:|---:|
                | baseline: raw `COPY` of the same file into a bare table (text columns, no index) | %,.0f | %.1f s |
                | floor: plain SQL: `COPY` into an unlogged table, then one session per core, each one transaction inserting its share of the access-log rows (no MAC) and result rows set-wise from a join with the registry | %,.0f | %.1f s |
                | dancu reconciliation job: parse, look up, compare, access-log row per person found, result row per record, metering | %,.0f | %.1f s |
                | **ratio** to `COPY` | **%.2f×** | |
                | ratio to the floor | %.2f× | |

                Outcomes: %,d matched, %,d different, %,d not found, %,d deceased, %,d invalid.
                """,
                persons, recordCount, seconds, concurrency, LocalDate.now(), BenchmarkDoc.machine(), persons, loadGenerator, verify,
                records, records / copySeconds, copySeconds, records / floorSeconds, floorSeconds, records / reconcileSeconds,
                reconcileSeconds, copySeconds / reconcileSeconds, floorSeconds / reconcileSeconds,
                job.path("matched").asLong(), job.path("different").asLong(), job.path("notFound").asLong(),
                job.path("deceased").asLong(), job.path("invalid").asLong());
    }
}
