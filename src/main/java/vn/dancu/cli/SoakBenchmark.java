package vn.dancu.cli;

import java.io.IOException;
import java.io.Writer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * {@code bench soak}: two platform nodes behind nginx ({@link NodeCluster}, demo mode for its published
 * accounts) driven at once, at fixed open-loop rates, through nginx, by a Java driver in this JVM: checks by a
 * member (verify), person lookups by an officer with a stated purpose, citizens' logins at a relying party
 * (authorization code flow to UserInfo), the linked birth (lodged, then decided by the three agencies) and one
 * incremental import. Only public HTTP APIs and this build's commands are used. At the end the driver stops
 * issuing and waits for every request in flight; the soak passes with no error, {@code audit verify} intact, and
 * as many access-log rows per actor as the reads counted from the answers ({@link SoakReads}).
 */
final class SoakBenchmark {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MASTER_KEY = Base64.getEncoder().encodeToString("soak-benchmark-master-key-32byte".getBytes(StandardCharsets.US_ASCII));
    private static final String DEMO_PASSWORD = "dancu-demo";
    private static final String CITIZEN = "030178862050"; // Bình: the demo citizen who logs in with a password alone
    private static final String MEMBER = "demo-ministry";
    private static final String RELYING_PARTY = "soak-rp";
    private static final String REDIRECT = "https://soak.example.vn/callback";
    private static final String LOOKUP_OFFICER = "officer.central";
    private static final String[] BIRTH_OFFICERS = {"tuphap.hanoi", "officer.hanoi", "bhxh.hanoi"};
    private static final String COMMUNE = "00166";
    /** Longer than a node's wait for a database connection (30 s): a node's own failure arrives as its answer, not as a timeout here. */
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    private final String url;
    private final Map<String, LongAdder> reads = new ConcurrentHashMap<>();
    private final List<String> mothers;
    private final AtomicInteger nextMother = new AtomicInteger();
    private final List<String> pool;
    private final Map<String, StaffSession> sessions = new HashMap<>();
    private final String rpBasic;
    private final Path increment;
    private final AtomicLong tokenAt = new AtomicLong();
    private volatile String token;

    private SoakBenchmark(String url, List<String> mothers, List<String> pool, String rpBasic, Path increment) {
        this.url = url;
        this.mothers = mothers;
        this.pool = pool;
        this.rpBasic = rpBasic;
        this.increment = increment;
    }

    static int run(Map<String, String> options) {
        int minutes;
        double verifyRate;
        double lookupRate;
        double loginRate;
        double birthRate;
        int importRows;
        int warmup;
        try {
            warmup = Integer.parseInt(options.getOrDefault("warmup", "20"));
            minutes = Integer.parseInt(options.getOrDefault("minutes", "10"));
            verifyRate = Double.parseDouble(options.getOrDefault("verify-rate", "100"));
            lookupRate = Double.parseDouble(options.getOrDefault("lookup-rate", "30"));
            loginRate = Double.parseDouble(options.getOrDefault("login-rate", "1"));
            birthRate = Double.parseDouble(options.getOrDefault("birth-rate", "0.5"));
            importRows = Integer.parseInt(options.getOrDefault("import-rows", String.valueOf(Math.min(100_000, 10_000 * minutes))));
        } catch (NumberFormatException e) {
            return Commands.usageError("bench soak takes whole --minutes (1 to 600), rates per second and --import-rows");
        }
        if (minutes < 1 || minutes > 600 || warmup < 0 || warmup > 600 || verifyRate <= 0 || lookupRate <= 0 || loginRate <= 0 || birthRate <= 0 || importRows < 1) {
            return Commands.usageError("bench soak --minutes 1..600, --warmup 0..600 s, positive rates and --import-rows");
        }
        if (!Files.isExecutable(NodeCluster.NGINX)) {
            System.err.println("bench soak needs Debian's nginx at " + NodeCluster.NGINX + " (apt-get install nginx-light): not found, nothing run.");
            return 2;
        }
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        String command = "./dancu bench soak --minutes " + minutes + (options.containsKey("verify-rate") || options.containsKey("lookup-rate")
                || options.containsKey("login-rate") || options.containsKey("birth-rate") ? String.format(Locale.ROOT,
                " --verify-rate %s --lookup-rate %s --login-rate %s --birth-rate %s", trim(verifyRate), trim(lookupRate), trim(loginRate),
                trim(birthRate)) : "") + (options.containsKey("import-rows") ? " --import-rows " + importRows : "")
                + (options.containsKey("warmup") ? " --warmup " + warmup : "");
        Path work = Path.of("target", "soak").toAbsolutePath();
        try {
            delete(work);
            Files.createDirectories(work);
            SoakReport report = soak(work, command, warmup, minutes * 60, verifyRate, lookupRate, loginRate, birthRate, importRows);
            System.out.println(report.markdown());
            BenchmarkDoc.replace(out, "soak", report.markdown());
            System.err.println("Written to " + out + "; logs in " + work);
            if (!report.passed()) {
                report.mismatches().forEach(m -> System.err.println("Rows differ: " + m));
                System.err.println("SOAK FAILED");
                return 1;
            }
            System.err.println("Soak passed");
            return 0;
        } catch (Exception e) {
            System.err.println("Soak failed to run: " + e + " (logs in " + work + ")");
            return 1;
        }
    }

    private static SoakReport soak(Path work, String command, int warmup, int seconds, double verifyRate, double lookupRate, double loginRate,
                                   double birthRate, int importRows) throws Exception {
        List<String> jvm = List.of("-Xmx1g", "-XX:ParallelGCThreads=1", "-XX:ConcGCThreads=1", "-XX:CICompilerCount=2",
                "-Ddancu.exchange.verify-writers=1");
        System.err.println("Starting PostgreSQL, node 1 (migrations, demo data), node 2 and nginx in " + work);
        try (NodeCluster cluster = NodeCluster.start(new NodeCluster.Settings(work, MASTER_KEY, jvm,
                        Map.of("DANCU_DEMO", "true", "DANCU_DEMO_PERSONS", "2000", "DANCU_DB_POOL_SIZE", "20"),
                        // a GET retried after a timeout would be read, and logged, twice: retry only what never reached a node
                        "proxy_next_upstream error; proxy_ignore_client_abort on;"),
                c -> "1".equals(c.query("select count(*) from eid.citizen_account where personal_id = '" + CITIZEN + "'"))
                        && !"0".equals(c.query("select count(*) from exchange.member_client"))
                        && !"0".equals(c.query("select count(*) from registry.import_job where state = 'COMPLETED'")))) {
            int mothersNeeded = (int) Math.ceil((warmup + seconds) * birthRate * 1.2) + 10;
            System.err.printf("Seeding: %d mothers (an import), the relying party, %d persons for the increment%n", mothersNeeded, importRows);
            List<String> mothers = mothers(cluster.url(), work.resolve("mothers.csv"), mothersNeeded);
            String rpSecret = relyingParty(cluster.url());
            Path increment = work.resolve("increment.csv");
            try (Writer writer = Files.newBufferedWriter(increment, StandardCharsets.UTF_8)) {
                new SyntheticPopulation(17_017, SyntheticPopulation.DEFAULT_REFERENCE).write(importRows, writer);
            }
            List<String> pool = new ArrayList<>(mothers);
            pool.add("001075503799"); // An, with parents, a wife and a household: related persons in his view
            SoakBenchmark driver = new SoakBenchmark(cluster.url(), mothers, pool,
                    "Basic " + Base64.getEncoder().encodeToString((RELYING_PARTY + ":" + rpSecret).getBytes(StandardCharsets.UTF_8)),
                    increment);
            driver.openSessions();
            String warmed = driver.warmUp(warmup, verifyRate, lookupRate, loginRate, birthRate);
            long lastRow = Long.parseLong(cluster.query("select coalesce(max(id), 0) from audit.access_log"));

            Map<String, List<Long>> pids = processes(cluster);
            Map<String, Double> cpuBefore = new LinkedHashMap<>();
            pids.forEach((name, list) -> cpuBefore.put(name, ProcessUsage.cpuSeconds(list)));
            System.err.printf("Load for %d s: verify %s/s, lookups %s/s, logins %s/s, linked births %s/s, an import of %,d rows at %d s%n",
                    seconds, trim(verifyRate), trim(lookupRate), trim(loginRate), trim(birthRate), importRows, seconds / 5);
            List<Flow> flows = List.of(
                    new Flow("verify (member " + MEMBER + ")", verifyRate, 512, driver::verify),
                    new Flow("person lookup (" + LOOKUP_OFFICER + ", session, purpose)", lookupRate, 256, driver::lookup),
                    new Flow("citizen login: code flow to UserInfo (" + RELYING_PARTY + ")", loginRate, 64, driver::login),
                    new Flow("linked birth: lodge + 3 decisions", birthRate, 64, driver::linkedBirth),
                    new Flow("incremental import (admin)", 0, 1, driver::importOnce));
            long start = System.nanoTime();
            List<Thread> issuers = new ArrayList<>();
            for (Flow flow : flows) {
                issuers.add(Thread.ofPlatform().name("soak-" + flow.name).start(() -> flow.issue(start,
                        flow.rate == 0 ? seconds / 5.0 : 0, seconds, false)));
            }
            for (Thread issuer : issuers) {
                issuer.join();
            }
            flows.forEach(Flow::drain);
            double wall = (System.nanoTime() - start) / 1e9;
            Map<String, List<Long>> pidsAfter = processes(cluster);
            List<SoakReport.Usage> usage = new ArrayList<>();
            pidsAfter.forEach((name, list) -> {
                boolean postgres = name.startsWith("PostgreSQL");
                usage.add(new SoakReport.Usage(name, ProcessUsage.cpuSeconds(list) - cpuBefore.getOrDefault(name, 0.0),
                        postgres ? ProcessUsage.pssMiB(list) : ProcessUsage.rssMiB(list), postgres ? "sum of Pss" : "RSS"));
            });
            System.err.println("Load done in " + Math.round(wall) + " s; stopping the nodes, then audit verify");

            cluster.stopNodes();
            Map<String, Long> found = new HashMap<>();
            try (var c = cluster.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("select actor, count(*) from audit.access_log where id > " + lastRow + " group by actor")) {
                while (rs.next()) {
                    found.put(rs.getString(1), rs.getLong(2));
                }
            }
            Path auditLog = work.resolve("audit-verify.log");
            List<String> audit = new ArrayList<>(List.of("audit", "verify"));
            Path otherJournal = cluster.dir("node2-witness").resolve("checkpoints.jsonl");
            if (Files.exists(otherJournal)) {
                audit.addAll(List.of("--witness", otherJournal.toString())); // node 1's own journal is read anyway
            }
            int auditExit = cluster.command(auditLog, audit);
            String auditSummary;
            try (Stream<String> lines = Files.lines(auditLog)) {
                auditSummary = String.join(" ", lines.filter(l -> l.startsWith("Access log:") || l.startsWith("Intact") || l.startsWith("NOT INTACT")
                        || l.startsWith("Could not")).toList());
            }
            Map<String, Long> expected = new HashMap<>();
            driver.reads.forEach((actor, n) -> expected.put(actor, n.sum()));
            SoakReport report = new SoakReport(command, BenchmarkDoc.machine().replace("embedded PostgreSQL 17", "soak JVM heap; nodes -Xmx1g"),
                    wall, warmed, flows.stream().map(Flow::figures).toList(), expected, found, usage, auditExit, auditSummary);
            flows.forEach(Flow::printErrors);
            return report;
        }
    }

    /**
     * The same flows (the import aside) for {@code seconds} before the counted start, drained, so that the nodes'
     * compilers have warmed up; their reads and figures are left out, their errors stated in the report.
     */
    private String warmUp(int seconds, double verifyRate, double lookupRate, double loginRate, double birthRate) {
        if (seconds == 0) {
            return "no warm-up";
        }
        System.err.println("Warm-up for " + seconds + " s (not counted)");
        List<Flow> flows = List.of(new Flow("verify", verifyRate, 512, this::verify), new Flow("lookup", lookupRate, 256, this::lookup),
                new Flow("login", loginRate, 64, this::login), new Flow("linked birth", birthRate, 64, this::linkedBirth));
        long start = System.nanoTime();
        List<Thread> issuers = flows.stream().map(f -> Thread.ofPlatform().start(() -> f.issue(start, 0, seconds, true))).toList();
        for (Thread issuer : issuers) {
            try {
                issuer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flows.forEach(Flow::drain);
        flows.forEach(Flow::printErrors);
        reads.clear();
        long errors = flows.stream().mapToLong(f -> f.figures().errors()).sum();
        return "a warm-up of " + seconds + " s, the rates rising from a twentieth to the full rates, before the counted start, not counted ("
                + errors + " errors in it)";
    }

    /** The processes measured, by name: each node, PostgreSQL with its backends, nginx with its worker, this JVM. */
    private static Map<String, List<Long>> processes(NodeCluster cluster) {
        Map<String, List<Long>> pids = new LinkedHashMap<>();
        pids.put("node 1", List.of(cluster.node(0).pid()));
        pids.put("node 2", List.of(cluster.node(1).pid()));
        pids.put("PostgreSQL (all processes)", cluster.database().postmasterPid().stream().boxed()
                .flatMap(pid -> ProcessUsage.tree(pid).stream()).toList());
        pids.put("nginx (master + worker)", ProcessUsage.tree(cluster.nginx().pid()));
        pids.put("driver (bench JVM)", List.of(ProcessHandle.current().pid()));
        return pids;
    }

    // --- the flows; each returns normally only when every answer was the one expected, and adds its reads

    private void verify() throws Exception {
        String id = ThreadLocalRandom.current().nextInt(10) == 0 ? "001195" + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000))
                : pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
        String body = JSON.writeValueAsString(Map.of("personalId", id, "fullName", "Nguyễn Thị Lan", "dateOfBirth", "1995-01-15",
                "purpose", "ADMINISTRATIVE_PROCEDURE", "caseRef", "SOAK"));
        JsonNode answer = json(send(HttpRequest.newBuilder(uri("/api/v1/exchange/verify")).header("Authorization", "Bearer " + token())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), 200));
        read(MEMBER, SoakReads.verify(answer));
    }

    /** The member's client_credentials token, fetched again every minute (a token request is not a check). */
    private String token() throws Exception {
        long now = System.nanoTime();
        long at = tokenAt.get();
        if (token == null || now - at > TimeUnit.MINUTES.toNanos(1)) {
            synchronized (this) {
                if (token == null || tokenAt.get() == at) {
                    JsonNode answer = json(send(HttpRequest.newBuilder(uri("/oauth2/token"))
                            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((MEMBER + ":" + DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")), 200));
                    token = answer.path("access_token").stringValue();
                    tokenAt.set(System.nanoTime());
                }
            }
        }
        return token;
    }

    private void lookup() throws Exception {
        String id = pool.get(ThreadLocalRandom.current().nextInt(pool.size()));
        StaffSession officer = sessions.get(LOOKUP_OFFICER);
        JsonNode person = json(send(HttpRequest.newBuilder(uri("/api/v1/registry/persons/" + id)).header("Cookie", officer.cookie())
                .header("X-Purpose", "Soak load test").GET(), 200));
        read(LOOKUP_OFFICER, SoakReads.lookup(person));
    }

    /** A citizen's whole login at the relying party, as the browser and the portal's back end do it, through UserInfo. */
    private void login() throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String location = "/oauth2/authorize?response_type=code&client_id=" + RELYING_PARTY + "&scope=openid%20profile&state=s&redirect_uri="
                + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        for (int step = 0; step < 8 && !location.startsWith(REDIRECT); step++) {
            HttpResponse<String> page = send(browser, HttpRequest.newBuilder(uri(location)).header("Accept", "text/html").GET(), 200, 302, 303);
            if (page.statusCode() == 200 && location.contains("/eid/login")) {
                page = send(browser, form("/eid/login", "_csrf", csrf(page.body()), "personalId", CITIZEN, "password", DEMO_PASSWORD), 302, 303);
            } else if (page.statusCode() == 200 && location.contains("/oauth2/consent")) {
                page = send(browser, form("/oauth2/authorize", "_csrf", csrf(page.body()), "client_id", RELYING_PARTY,
                        "state", field(page.body(), "state"), "scope", "profile"), 302, 303);
            } else if (page.statusCode() == 200) {
                throw new Failure("a page where a redirect was expected: " + location);
            }
            HttpResponse<String> answered = page;
            location = answered.headers().firstValue("Location").orElseThrow(() -> new Failure("no redirect at " + answered.uri().getPath()));
        }
        if (!location.startsWith(REDIRECT) || !location.contains("code=")) {
            throw new Failure("the login did not come back to the relying party with a code");
        }
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        JsonNode tokens = json(send(HttpRequest.newBuilder(uri("/oauth2/token")).header("Authorization", rpBasic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri=" + enc(REDIRECT)
                        + "&code_verifier=" + verifier)), 200));
        JsonNode claims = json(send(HttpRequest.newBuilder(uri("/userinfo"))
                .header("Authorization", "Bearer " + tokens.path("access_token").stringValue()).GET(), 200));
        read(RELYING_PARTY, SoakReads.userInfo(claims));
    }

    /** Procedure 15 for a mother of her own (imported alone in her household): lodged by justice, decided by the three agencies. */
    private void linkedBirth() throws Exception {
        int index = nextMother.getAndIncrement();
        if (index >= mothers.size()) {
            throw new Failure("no fresh mother left");
        }
        String mother = mothers.get(index);
        String body = JSON.writeValueAsString(Map.of("appendixNo", 15, "applicantPersonalId", mother,
                "form", Map.of("child.fullName", "Trần Bé Thử", "child.gender", "FEMALE",
                        "child.dateOfBirth", LocalDate.now().minusDays(3).toString(),
                        "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "child.ethnicity", "Kinh"),
                "attachments", List.of(Map.of("kind", "BIRTH_CERTIFICATE", "filename", "giay-chung-sinh.pdf",
                        "contentType", "application/pdf", "content",
                        Base64.getEncoder().encodeToString("%PDF-1.4\n%soak\n".getBytes(StandardCharsets.UTF_8))))));
        JsonNode application = post(BIRTH_OFFICERS[0], "/api/v1/applications", body, 201);
        read(BIRTH_OFFICERS[0], SoakReads.lodge(0, 0));
        String code = application.path("code").stringValue();
        for (int leg = 1; leg <= 3; leg++) {
            String officer = BIRTH_OFFICERS[leg - 1];
            JsonNode decided = post(officer, "/api/v1/applications/" + code + "/legs/" + leg + "/decision", "{\"approve\":true}", 200);
            read(officer, SoakReads.decision(application, leg, 0));
            application = decided;
        }
        if (!"COMPLETED".equals(application.path("status").stringValue())) {
            throw new Failure("application ended " + application.path("status").stringValue());
        }
    }

    /** The incremental import, uploaded and followed to its end as {@code ./dancu import} does; it reads nobody. */
    private void importOnce() throws Exception {
        ImportClient.Client client = new ImportClient.Client(url, sessions.get("admin"));
        REQUESTS.get()[0]++; // the upload; the client's polls of the job are not counted
        JsonNode accepted = client.upload(increment, "incremental");
        JsonNode job = client.follow(accepted.path("status").stringValue());
        System.err.printf("%nIncrement: %s, %,d rows read, %,d accepted, %,d already present, %,d rejected%n", job.path("state").stringValue(),
                job.path("rowsRead").asLong(), job.path("accepted").asLong(), job.path("alreadyPresent").asLong(), job.path("rejected").asLong());
        if (!"COMPLETED".equals(job.path("state").stringValue())) {
            throw new Failure("the import ended " + job.path("state").stringValue());
        }
    }

    private void read(String actor, int rows) {
        reads.computeIfAbsent(actor, a -> new LongAdder()).add(rows);
    }

    // --- seeding, before the counted start

    private void openSessions() throws Exception {
        for (String user : List.of(LOOKUP_OFFICER, BIRTH_OFFICERS[0], BIRTH_OFFICERS[1], BIRTH_OFFICERS[2], "admin")) {
            sessions.put(user, StaffSession.open(url, user, DEMO_PASSWORD, ""));
        }
    }

    /**
     * Mothers for the linked births, each in a household of her own in Phường Cầu Giấy, with no parents or spouse
     * recorded and no child: what their applications read is then known ({@link SoakReads#lodge}). Imported as the
     * registry imports any file; every row must be accepted.
     */
    private static List<String> mothers(String url, Path file, int count) throws Exception {
        Random random = new Random(1717);
        Set<String> ids = new HashSet<>();
        List<String> mothers = new ArrayList<>();
        String[] family = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"};
        String[] given = {"Lan", "Hoa", "Mai", "Hương", "Thảo", "Ngọc", "Linh", "Trang", "Hà", "Yến"};
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("personal_id,full_name,gender,date_of_birth,place_of_birth,birth_registration_unit,birth_registration_date,nationality,"
                    + "ethnicity,religion,legacy_id,father_personal_id,mother_personal_id,household_key,relationship_to_head,permanent_unit,"
                    + "permanent_address,permanent_from,temporary_unit,temporary_address,temporary_from,temporary_to,date_of_death,place_of_death\n");
            while (mothers.size() < count) {
                // Hà Nội (001), a woman born in the 1900s (1), in 1995
                String id = "001195" + String.format("%06d", random.nextInt(1_000_000));
                if (!ids.add(id)) {
                    continue;
                }
                int i = mothers.size();
                out.write(String.join(",", id, family[i % family.length] + " Thị " + given[(i / family.length) % given.length], "FEMALE",
                        "1995-01-15", "Hà Nội", COMMUNE, "2025-08-01", "VN", "Kinh", "", "", "", "", "SOAK-M" + i, "HEAD", COMMUNE,
                        "Số " + i + " phố Thử Tải", "2025-08-01", "", "", "", "", "", "") + "\n");
                mothers.add(id);
            }
        }
        ImportClient.Client client = new ImportClient.Client(url, StaffSession.open(url, "admin", DEMO_PASSWORD, ""));
        JsonNode job = client.follow(client.upload(file, "incremental").path("status").stringValue());
        if (!"COMPLETED".equals(job.path("state").stringValue()) || job.path("accepted").asLong() != count) {
            throw new IllegalStateException("the mothers' import was not accepted whole: " + job);
        }
        System.err.println();
        return mothers;
    }

    /** The soak's relying party, registered by the administrator: name and birth date only (one read per UserInfo). */
    private static String relyingParty(String url) throws Exception {
        StaffSession admin = StaffSession.open(url, "admin", DEMO_PASSWORD, "");
        String body = JSON.writeValueAsString(Map.ofEntries(Map.entry("clientId", RELYING_PARTY), Map.entry("name", "Soak portal"),
                Map.entry("kind", "RELYING_PARTY"), Map.entry("confidential", true), Map.entry("authMethods", List.of("client_secret_basic")),
                Map.entry("redirectUris", List.of(REDIRECT)), Map.entry("postLogoutRedirectUris", List.of()),
                Map.entry("scopes", List.of("openid", "profile")), Map.entry("claims", List.of("name", "birthdate")),
                Map.entry("acrValues", List.of()), Map.entry("purpose", "Kiểm thử tải: đăng nhập công dân"), Map.entry("sector", "soak"),
                Map.entry("status", "ACTIVE")));
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/relying-parties"))
                .header("Cookie", admin.cookie()).header("X-CSRF-TOKEN", admin.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("the relying party was not registered: " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).path("secret").stringValue();
    }

    // --- HTTP: an answer other than the ones expected, a transport error or a timeout is a failure of the flow

    /** A flow's answer was not the one expected. */
    static final class Failure extends Exception {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private static final ThreadLocal<int[]> REQUESTS = ThreadLocal.withInitial(() -> new int[1]);

    private URI uri(String pathOrUrl) {
        return URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : url + pathOrUrl);
    }

    private HttpRequest.Builder form(String path, String... fields) {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(fields[i]).append('=').append(enc(fields[i + 1]));
        }
        return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    }

    private JsonNode post(String officer, String path, String body, int expected) throws Exception {
        StaffSession session = sessions.get(officer);
        return json(send(HttpRequest.newBuilder(uri(path)).header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)), expected));
    }

    private HttpResponse<String> send(HttpRequest.Builder request, int... expected) throws Exception {
        return send(http, request, expected);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request, int... expected) throws Exception {
        HttpRequest built = request.timeout(TIMEOUT).build();
        REQUESTS.get()[0]++;
        HttpResponse<String> response = client.send(built, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        String body = response.body() == null ? "" : response.body();
        // problem+json carries a code and no personal data; a page is cut short
        throw new Failure(built.method() + " " + built.uri().getPath() + " answered " + response.statusCode() + ": "
                + body.substring(0, Math.min(body.length(), 300)).replaceAll("\\s+", " "));
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String csrf(String html) throws Failure {
        Matcher m = CSRF.matcher(html);
        if (!m.find()) {
            throw new Failure("a form without its CSRF token");
        }
        return m.group(1);
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String trim(double rate) {
        return rate == Math.rint(rate) ? String.valueOf((long) rate) : String.valueOf(rate);
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // --- the open-loop driver

    /** What one run of a flow does; it throws on any answer not expected. */
    interface Call {
        void run() throws Exception;
    }

    /**
     * One flow started at fixed times ({@code rate} a second; 0: once, at {@code onceAt} s), each run on a virtual
     * thread of its own, at most {@code bound} at a time: a start that finds the bound reached is an error (the
     * platform fell behind). Latency runs from the planned start, so a late start counts against the platform.
     */
    static final class Flow {
        private final String name;
        private final double rate;
        private final int bound;
        private final Call call;
        private final Semaphore running;
        private final LongAdder started = new LongAdder();
        private final LongAdder requests = new LongAdder();
        private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
        private final ConcurrentLinkedQueue<String> samples = new ConcurrentLinkedQueue<>();
        private final ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();

        Flow(String name, double rate, int bound, Call call) {
            this.name = name;
            this.rate = rate;
            this.bound = bound;
            this.call = call;
            this.running = new Semaphore(bound);
        }

        /**
         * Starts runs at the flow's rate from {@code start} for {@code seconds}, or one run at {@code onceAt}; with
         * {@code ramp} the rate climbs from a twentieth to the full rate over the period, so that cold nodes (compilers,
         * pools, the first token) are not handed a backlog they can only queue.
         */
        void issue(long start, double onceAt, int seconds, boolean ramp) {
            long end = start + TimeUnit.SECONDS.toNanos(seconds);
            long planned = start + (rate == 0 ? (long) (onceAt * 1e9) : 0);
            while (planned < end) {
                long wait = planned - System.nanoTime();
                if (wait > 0) {
                    try {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                started.increment();
                if (!running.tryAcquire()) {
                    error("bound of " + bound + " runs in flight reached", "not started");
                } else {
                    long at = planned;
                    Thread.ofVirtual().start(() -> runOnce(at));
                }
                if (rate == 0) {
                    return;
                }
                double share = ramp ? Math.max(0.05, (planned - start) / (double) (end - start)) : 1;
                planned += (long) (1e9 / (rate * share));
            }
        }

        private void runOnce(long planned) {
            int[] count = REQUESTS.get();
            count[0] = 0;
            try {
                call.run();
                latencies.add(System.nanoTime() - planned);
            } catch (HttpTimeoutException e) {
                error("timeout", e.getMessage());
            } catch (IOException e) {
                error("transport error", e.toString());
            } catch (Failure e) {
                error("unexpected answer", e.getMessage());
            } catch (Exception | Error e) {
                error("other", e.toString());
            } finally {
                requests.add(count[0]);
                running.release();
            }
        }

        private void error(String kind, String detail) {
            errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
            if (samples.size() < 5) {
                samples.add(kind + ": " + detail);
            }
        }

        /** Waits for every run in flight. */
        void drain() {
            running.acquireUninterruptibly(bound);
            running.release(bound);
        }

        SoakReport.Flow figures() {
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            return new SoakReport.Flow(name, rate == 0 ? "once" : trim(rate) + "/s", started.sum(), requests.sum(),
                    percentile(sorted, 0.50), percentile(sorted, 0.99), errors.values().stream().mapToLong(LongAdder::sum).sum());
        }

        void printErrors() {
            errors.forEach((kind, n) -> System.err.println(name + ": " + n.sum() + " × " + kind));
            samples.forEach(s -> System.err.println("  e.g. " + s));
        }

        static double percentile(long[] sortedNanos, double q) {
            if (sortedNanos.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(q * sortedNanos.length) - 1;
            return sortedNanos[Math.max(0, Math.min(index, sortedNanos.length - 1))] / 1e6;
        }
    }
}
