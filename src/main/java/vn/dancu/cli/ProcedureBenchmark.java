package vn.dancu.cli;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
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
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.HouseholdCreation;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;

/**
 * {@code bench procedures}: the linked birth registration (procedure 15) lodged and completed over
 * HTTP by scripted officers of the three agencies (justice, police, social insurance), each
 * application four calls: lodge, then approve each leg. Each approval changes the registry (birth
 * and number, permanent residence and household, the health insurance card), signs a result and
 * moves the BPMN process. The baseline, in the same run, is the floor under that work through plain
 * JDBC: four committed transactions per application, each writing a step row and an access-log-like
 * row, and three ES256 signatures. PDFs are rendered when first read; their rate is measured apart.
 */
final class ProcedureBenchmark {

    private static final String PASSWORD = "bench-" + java.util.UUID.randomUUID();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String COMMUNE = "00166";
    static final String PROVINCE = "01";

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
    private static final String[] GIVEN = {"Lan", "Hoa", "Mai", "Hương", "Thảo", "Ngọc", "Linh", "Trang", "Hà", "Yến"};

    private ProcedureBenchmark() {
    }

    static int run(Class<?> application, Map<String, String> options) {
        int mothers = Integer.parseInt(options.getOrDefault("mothers", "20000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        return BenchmarkDoc.run(application, out, "procedures", List.of("--dancu.db.pool-size=" + Math.min(2 * concurrency, 32)),
                (context, work) -> measure(context, mothers, seconds, concurrency));
    }

    /** An officer's API session: the cookie and the CSRF token that go with it. */
    record Session(String cookie, String csrf) {
    }

    private static String measure(ConfigurableApplicationContext context, int motherCount, int seconds, int concurrency)
            throws Exception {
        String url = "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort();
        StaffAccounts accounts = context.getBean(StaffAccounts.class);
        accounts.create(new StaffAccounts.NewAccount("bench.central", PASSWORD, "Benchmark", StaffRole.CENTRAL_OFFICER, null));
        // outside demo mode staff sign in with a second factor: each account enrols an app for its one session
        java.util.function.Supplier<String> justiceCode = StaffSession.enrolled(context,
                accounts.create(new StaffAccounts.NewAccount("bench.justice", PASSWORD, "Benchmark", StaffRole.JUSTICE_OFFICER, PROVINCE)));
        java.util.function.Supplier<String> policeCode = StaffSession.enrolled(context,
                accounts.create(new StaffAccounts.NewAccount("bench.police", PASSWORD, "Benchmark", StaffRole.PROVINCE_OFFICER, PROVINCE)));
        java.util.function.Supplier<String> insuranceCode = StaffSession.enrolled(context, accounts.create(
                new StaffAccounts.NewAccount("bench.insurance", PASSWORD, "Benchmark", StaffRole.SOCIAL_INSURANCE_OFFICER, PROVINCE)));
        System.err.println("Registering " + motherCount + " mothers with their households");
        long registering = System.nanoTime();
        List<String> mothers = mothers(context.getBean(Registry.class), motherCount);
        System.err.printf("Registered %,d mothers in %.1f s%n", motherCount, (System.nanoTime() - registering) / 1e9);
        Session justice = open(url, "bench.justice", justiceCode.get());
        Session police = open(url, "bench.police", policeCode.get());
        Session insurance = open(url, "bench.insurance", insuranceCode.get());

        Profile profile = Profile.of(context, "procedures");
        RegistryBenchmark.Operation application = () -> linkedBirth(url, mothers, justice, police, insurance);
        // The JIT needs load before it compiles the hot paths: one round unmeasured, longer than the usual warm-up.
        RegistryBenchmark.load(concurrency, Math.min(seconds, 10), application);
        System.err.println("Procedure 15 over HTTP, " + concurrency + " clients");
        RegistryBenchmark.Latencies platform = measured(profile, "linked-birth", concurrency, seconds, application);
        DataSource dataSource = context.getBean(DataSource.class);
        System.err.println("Baseline: four commits and three ES256 signatures per application through plain JDBC");
        RegistryBenchmark.Latencies floor = baseline(profile, dataSource, concurrency, seconds);
        System.err.println("Rendering PDFs of the results");
        double[] pdfs = renderRate(context, Runtime.getRuntime().availableProcessors(), 1000);
        return report(motherCount, seconds, concurrency, platform, floor, pdfs);
    }

    /**
     * A round after its warm-up, profiled as one round with {@code --profile}: the warm-up is a separate call, so
     * that the profile holds only the measured seconds, as {@link Wrk#round} does for the wrk suites.
     */
    private static RegistryBenchmark.Latencies measured(Profile profile, String name, int concurrency, int seconds,
                                                        RegistryBenchmark.Operation operation) throws InterruptedException {
        RegistryBenchmark.load(RegistryBenchmark.WARMUP_SECONDS, concurrency, 0, operation);
        Profile.Round round = profile.start(name);
        RegistryBenchmark.Latencies latencies = RegistryBenchmark.load(0, concurrency, seconds, operation);
        profile.stop(round, latencies.count());
        return latencies;
    }

    /** One application of procedure 15, lodged at the counter and approved by each agency in turn. */
    private static void linkedBirth(String url, List<String> mothers, Session justice, Session police, Session insurance)
            throws Exception {
        String mother = mothers.get(ThreadLocalRandom.current().nextInt(mothers.size()));
        String body = JSON.writeValueAsString(Map.of("appendixNo", 15, "applicantPersonalId", mother,
                "form", Map.of("child.fullName", "Trần Bé Thử", "child.gender", "FEMALE", "child.dateOfBirth", java.time.LocalDate.now().minusDays(3).toString(),
                        "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "child.ethnicity", "Kinh"),
                "attachments", List.of(Map.of("kind", "BIRTH_CERTIFICATE", "filename", "giay-chung-sinh.pdf",
                        "contentType", "application/pdf", "content",
                        Base64.getEncoder().encodeToString("%PDF-1.4\n%bench\n".getBytes(StandardCharsets.UTF_8)))),
                // every child has the same name and day: the check for a sibling of that name runs each time and is confirmed past
                "confirmed", List.of("SAME_NAME_SIBLING")));
        String code = post(url, "/api/v1/applications", justice, body, 201).path("code").asString();
        String approve = "{\"approve\":true}";
        post(url, "/api/v1/applications/" + code + "/legs/1/decision", justice, approve, 200);
        post(url, "/api/v1/applications/" + code + "/legs/2/decision", police, approve, 200);
        JsonNode done = post(url, "/api/v1/applications/" + code + "/legs/3/decision", insurance, approve, 200);
        if (!"COMPLETED".equals(done.path("status").asString())) {
            throw new IllegalStateException("application " + code + " ended " + done.path("status").asString());
        }
    }

    private static JsonNode post(String url, String path, Session session, String body, int expected) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                .header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static Session open(String url, String username, String code) throws Exception {
        StaffSession session = StaffSession.open(url, username, PASSWORD, code);
        return new Session(session.cookie(), session.csrf());
    }

    /**
     * Mothers living in one commune of Hà Nội, each heading a household of her own, registered by a few threads. Each
     * application adds a child to a mother's household and a sibling her next child's name is checked against: with
     * many mothers (default 20,000) that work stays about the same from the first round to the last.
     */
    private static List<String> mothers(Registry registry, int count) throws InterruptedException {
        Staff central = new Staff(0, "bench.central", "Benchmark", StaffRole.CENTRAL_OFFICER, null);
        String[] ids = new String[count];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<RuntimeException> failure = new java.util.concurrent.atomic.AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(central, null, List.of()));
                try {
                    for (int i = next.getAndIncrement(); i < count && failure.get() == null; i = next.getAndIncrement()) {
                        ids[i] = mother(registry, i);
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                } finally {
                    SecurityContextHolder.clearContext();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return List.of(ids);
    }

    private static String mother(Registry registry, int i) {
        String name = FAMILY[i % FAMILY.length] + " Thị " + GIVEN[(i / FAMILY.length) % GIVEN.length];
        String id = registry.registerBirth(new BirthRegistration(name, "FEMALE", "1995-01-15",
                "Hà Nội", COMMUNE, "VN", "Kinh", null, null, null, null, null, null, null, null));
        registry.registerResidence(id, new ResidenceRegistration("PERMANENT", COMMUNE, "Số " + i + " phố Đo Hiệu Năng",
                "2025-08-01", null, null));
        registry.createHousehold(new HouseholdCreation(id, COMMUNE, "Số " + i + " phố Đo Hiệu Năng", null));
        return id;
    }

    private static RegistryBenchmark.Latencies baseline(Profile profile, DataSource dataSource, int concurrency, int seconds)
            throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("create table public.bench_step (id bigserial primary key, code text, leg int, body jsonb)");
            c.createStatement().execute("create table public.bench_read (id bigserial primary key, actor text, subject text, fields text[])");
        }
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        ECDSASigner signer = new ECDSASigner(key);
        try {
            return measured(profile, "plain-jdbc-floor", concurrency, seconds, () -> {
                String code = "B" + ThreadLocalRandom.current().nextLong();
                try (Connection c = dataSource.getConnection()) {
                    c.setAutoCommit(false);
                    for (int leg = 0; leg < 4; leg++) {
                        String body = "{\"code\":\"" + code + "\",\"leg\":" + leg + "}";
                        if (leg > 0) {
                            JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(body));
                            jws.sign(signer);
                            body = "{\"jws\":\"" + jws.serialize() + "\"}";
                        }
                        try (PreparedStatement step = c.prepareStatement("insert into public.bench_step (code, leg, body) values (?, ?, ?::jsonb)");
                             PreparedStatement read = c.prepareStatement("insert into public.bench_read (actor, subject, fields) values (?, ?, ?)")) {
                            step.setString(1, code);
                            step.setInt(2, leg);
                            step.setString(3, body);
                            step.executeUpdate();
                            read.setString(1, "bench");
                            read.setString(2, code);
                            read.setArray(3, c.createArrayOf("text", new String[] {"fullName", "dateOfBirth"}));
                            read.executeUpdate();
                        }
                        c.commit();
                    }
                }
            });
        } finally {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                c.createStatement().execute("drop table public.bench_step, public.bench_read");
            }
        }
    }

    /** Renders the PDFs of the results the load issued, as their first readers would; returns {PDFs, seconds}. */
    private static double[] renderRate(ConfigurableApplicationContext context, int concurrency, int limit) throws Exception {
        List<java.util.UUID> ids = JdbcClient.create(context.getBean(DataSource.class))
                .sql("select id from procedures.result where pdf is null limit ?").param(limit).query(java.util.UUID.class).list();
        vn.dancu.procedures.Results results = context.getBean(vn.dancu.procedures.Results.class);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = next.getAndIncrement(); i < ids.size(); i = next.getAndIncrement()) {
                    results.pdf(ids.get(i)).orElseThrow();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new double[] {ids.size(), (System.nanoTime() - start) / 1e9};
    }

    private static String report(int mothers, int seconds, int concurrency, RegistryBenchmark.Latencies platform,
                                 RegistryBenchmark.Latencies floor, double[] pdfs) {
        return """
                Command: `./dancu bench procedures --mothers %d --seconds %d --concurrency %d` (fresh embedded database, durable commits)

                | Procedure 15 (linked birth), %d clients | applications/s | p50 ms | p99 ms | ratio |
                |---|---:|---:|---:|---:|
                | Lodge + 3 approvals over HTTP (justice, police, social insurance) | %.1f | %.0f | %.0f | %.2f× |
                | Baseline: 4 commits + 3 ES256 signatures through plain JDBC | %.1f | %.0f | %.0f | 1.00× |

                Each application is four HTTP calls by officers with API sessions. A result's PDF is rendered
                and signed when it is first read: %,.0f of them took %.1f s on all cores (%.1f PDFs/s).
                """.formatted(mothers, seconds, concurrency, concurrency, platform.perSecond(), platform.p50ms(), platform.p99ms(),
                platform.perSecond() / floor.perSecond(), floor.perSecond(), floor.p50ms(), floor.p99ms(), pdfs[0], pdfs[1],
                pdfs[1] == 0 ? 0 : pdfs[0] / pdfs[1]);
    }
}
