package vn.dancu.cli;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.Writer;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.eid.RelyingParties;
import vn.dancu.registry.PersonImport;
import vn.dancu.synthetic.SyntheticPopulation;

/**
 * {@code bench identity}: starts the platform on a fresh embedded database and measures the
 * OpenID provider over HTTP, each figure against a baseline in the same run:
 * <ol>
 *   <li>{@code client_credentials} tokens per second vs the same work done in-process: an
 *       RS256 signature of the same claims (such a token is not stored: eid.ClientTokens);</li>
 *   <li>complete code flows per second by scripted citizens (authorize, login page, password,
 *       code, token exchange with PKCE, UserInfo) vs the cryptography a flow cannot avoid: one
 *       Argon2id password check and two RS256 signatures.</li>
 * </ol>
 * With {@code --peer keycloak} it then measures both against Keycloak on the same machine and database
 * ({@link KeycloakPeer}): tokens under the same wrk load and code flows by the same kind of driver, in
 * alternating rounds.
 */
final class IdentityBenchmark {

    private static final String PASSWORD = "bench-" + UUID.randomUUID();
    private static final String REDIRECT = "https://bench.example.vn/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private IdentityBenchmark() {
    }

    /** Alternating rounds per side against the peer. */
    static final int ROUNDS = 3;
    /** Keycloak's heap: the launcher gives dancu the same when a peer runs. */
    static final String PEER_HEAP = "1g";
    private static final int PEER_USERS = 20;

    /** What a run measures: the options, checked. */
    record Settings(int seconds, int concurrency, int citizens, int warmup, Path keycloakHome) {
        boolean peer() {
            return keycloakHome != null;
        }
    }

    static int run(Class<?> application, Map<String, String> options) {
        Settings settings;
        try {
            settings = settings(options);
        } catch (IllegalArgumentException e) {
            return Commands.usageError(e.getMessage());
        }
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        // Every scripted citizen logs in from 127.0.0.1: the per-address throttle would stop the load.
        return BenchmarkDoc.run(application, out, "identity", List.of("--dancu.eid.max-failures-per-address=1000000"),
                (context, work) -> measure(context, work, settings));
    }

    static Settings settings(Map<String, String> options) {
        String peer = options.get("peer");
        if (peer != null && !peer.equals("keycloak")) {
            throw new IllegalArgumentException("--peer is keycloak");
        }
        Path home = null;
        if (peer != null) {
            String given = options.get("keycloak-home");
            if (given == null) {
                throw new IllegalArgumentException("--peer keycloak needs --keycloak-home (./dancu passes it)");
            }
            home = Path.of(given);
        }
        try {
            Settings settings = new Settings(Integer.parseInt(options.getOrDefault("seconds", "20")),
                    Integer.parseInt(options.getOrDefault("concurrency", "16")), Integer.parseInt(options.getOrDefault("citizens", "200")),
                    Integer.parseInt(options.getOrDefault("warmup", peer == null ? "30" : "60")), home);
            if (settings.seconds() < 1 || settings.concurrency() < 1 || settings.citizens() < 1 || settings.warmup() < 0) {
                throw new IllegalArgumentException("--seconds, --concurrency and --citizens are 1 or more, --warmup 0 or more");
            }
            return settings;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--seconds, --concurrency, --citizens and --warmup are whole numbers");
        }
    }

    private static String measure(ConfigurableApplicationContext context, Path work, Settings settings) throws Exception {
        int seconds = settings.seconds();
        int concurrency = settings.concurrency();
        int warmup = settings.warmup();
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String url = "http://127.0.0.1:" + port;
        RelyingParties relyingParties = context.getBean(RelyingParties.class);
        String apiSecret = relyingParties.register(new RelyingParties.Registration("bench-api", "Benchmark API client",
                "API_CLIENT", true, List.of("client_secret_basic"), null, List.of(), List.of(), List.of("exchange.verify"),
                List.of(), List.of(), "Benchmark", "bench", "ACTIVE")).secret();
        String rpSecret = relyingParties.register(new RelyingParties.Registration("bench-rp", "Benchmark portal",
                "RELYING_PARTY", true, List.of("client_secret_basic"), null, List.of(REDIRECT), List.of(),
                List.of("openid", "profile"), List.of("name", "birthdate"), List.of(), "Benchmark", "bench", "ACTIVE")).secret();
        List<String> citizens = citizens(context, work, settings.citizens());
        System.err.printf("%d citizens with accounts%n", citizens.size());

        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        RSASSASigner signer = new RSASSASigner(key);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("bench-api:" + apiSecret).getBytes(StandardCharsets.UTF_8));
        System.err.println("client_credentials over HTTP...");
        RegistryBenchmark.Latencies tokens = RegistryBenchmark.load(warmup, concurrency, seconds, () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                    .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange.verify")).build(),
                    HttpResponse.BodyHandlers.ofString());
            require(response.statusCode() == 200, "token", response);
        });
        System.err.println("client_credentials baseline...");
        // the same work in-process: since V35 a client_credentials token is signed and not stored
        RegistryBenchmark.Latencies tokenBaseline = RegistryBenchmark.load(warmup, concurrency, seconds,
                () -> sign(signer, "bench-api"));

        String rpBasic = "Basic " + Base64.getEncoder().encodeToString(("bench-rp:" + rpSecret).getBytes(StandardCharsets.UTF_8));
        int flowConcurrency = Math.max(1, concurrency / 2);
        System.err.println("code flows over HTTP...");
        RegistryBenchmark.Latencies flows = RegistryBenchmark.load(warmup, flowConcurrency, seconds,
                () -> codeFlow(url, rpBasic, citizens.get(ThreadLocalRandom.current().nextInt(citizens.size()))));
        PasswordEncoder passwords = context.getBean(PasswordEncoder.class);
        String hash = passwords.encode(PASSWORD);
        System.err.println("code flow baseline...");
        RegistryBenchmark.Latencies flowBaseline = RegistryBenchmark.load(warmup, flowConcurrency, seconds, () -> {
            require(passwords.matches(PASSWORD, hash), "argon2", null);
            sign(signer, "bench-rp");
            sign(signer, "bench-rp");
        });
        String section = report(settings, flowConcurrency, citizens.size(), tokens, tokenBaseline, flows, flowBaseline);
        if (!settings.peer()) {
            return section;
        }
        return section + "\n" + againstKeycloak(context, work, settings, new Side("dancu", url, "/oauth2/token", basic,
                "grant_type=client_credentials&scope=exchange.verify",
                () -> codeFlow(url, rpBasic, citizens.get(ThreadLocalRandom.current().nextInt(citizens.size())))));
    }

    /** One provider in the comparison: where its token endpoint is, its client's credentials, and one code flow. */
    private record Side(String name, String url, String tokenPath, String authorization, String form,
                        RegistryBenchmark.Operation codeFlow) {
    }

    /** Rounds of one side; the median round by rate stands for the side. */
    record Rounds(List<RegistryBenchmark.Latencies> rounds) {
        RegistryBenchmark.Latencies median() {
            List<RegistryBenchmark.Latencies> sorted = rounds.stream()
                    .sorted(java.util.Comparator.comparingDouble(RegistryBenchmark.Latencies::perSecond)).toList();
            return sorted.get((sorted.size() - 1) / 2);
        }

        /** This side's median rate over the other's. */
        double ratio(Rounds other) {
            return median().perSecond() / other.median().perSecond();
        }

        String perRound(String format) {
            return String.join(" · ", rounds.stream().map(r -> String.format(java.util.Locale.ROOT, format, r.perSecond())).toList());
        }
    }

    /** The compact JWS access token's size and its header's algorithm, from a token response. */
    record TokenShape(String algorithm, int bytes) {
        static TokenShape of(String tokenResponse) throws java.text.ParseException {
            String token = tokenResponse.replaceAll("(?s).*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            return new TokenShape(SignedJWT.parse(token).getHeader().getAlgorithm().getName(), token.length());
        }
    }

    /** A PKCE verifier and its S256 challenge. */
    record Pkce(String verifier, String challenge) {
        static Pkce random() {
            byte[] random = new byte[32];
            ThreadLocalRandom.current().nextBytes(random);
            String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            try {
                return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(
                        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII))));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JDK has SHA-256", e);
            }
        }
    }

    /**
     * Keycloak beside dancu on the same PostgreSQL: tokens under the same wrk load, code flows by a driver per side,
     * each side warmed up, then {@link #ROUNDS} alternating rounds with the other side idle but running.
     */
    private static String againstKeycloak(ConfigurableApplicationContext context, Path work, Settings settings, Side dancu)
            throws Exception {
        Wrk wrk = Wrk.find(work);
        if (wrk == null) {
            throw new IllegalStateException("--peer keycloak loads both servers with wrk: install it (apt-get install wrk)");
        }
        DataSource dataSource = context.getBean(DataSource.class);
        String jdbcUrl;
        try (java.sql.Connection connection = dataSource.getConnection()) {
            jdbcUrl = connection.getMetaData().getURL();
        }
        int postgresPort = Integer.parseInt(jdbcUrl.replaceAll(".*://[^:/]+:(\\d+)/.*", "$1"));
        // the embedded database's superuser makes the peer's database and role (platform.EmbeddedDatabase keeps it here)
        String superuser = Files.readString(work.resolve("data/postgres-superuser.password")).strip();
        int poolSize = Integer.parseInt(context.getEnvironment().getProperty("dancu.db.pool-size", "10"));
        String dancuHashing = argon2(context.getBean(PasswordEncoder.class).encode(PASSWORD));
        System.err.println("starting Keycloak " + KeycloakPeer.VERSION + "...");
        try (KeycloakPeer keycloak = KeycloakPeer.start(settings.keycloakHome(), work, postgresPort, superuser, poolSize, PEER_HEAP,
                PEER_USERS)) {
            System.err.printf("Keycloak ready %.1f s after start (build %.1f s)%n", keycloak.startTime().toMillis() / 1000.0,
                    keycloak.buildTime().toMillis() / 1000.0);
            Side peer = new Side("Keycloak", keycloak.url(), keycloak.tokenPath(), keycloak.apiClientBasic(), "grant_type=client_credentials",
                    () -> keycloak.codeFlow(keycloak.users().get(ThreadLocalRandom.current().nextInt(keycloak.users().size()))));
            String keycloakHashing = keycloak.passwordHashing();
            List<Side> sides = List.of(dancu, peer);
            List<TokenShape> shapes = new java.util.ArrayList<>();
            List<java.nio.file.Path> scripts = new java.util.ArrayList<>();
            for (Side side : sides) {
                shapes.add(TokenShape.of(token(side)));
                scripts.add(wrk.formPost(side.tokenPath(), side.authorization(), side.form()));
            }
            int c = settings.concurrency();
            for (int s = 0; s < sides.size(); s++) {
                System.err.println("client_credentials warm-up: " + sides.get(s).name() + "...");
                wrk.warmUp(sides.get(s).url(), scripts.get(s), c, settings.warmup());
            }
            List<List<RegistryBenchmark.Latencies>> tokenRounds = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
            for (int round = 1; round <= ROUNDS; round++) {
                for (int s = 0; s < sides.size(); s++) {
                    System.err.printf("client_credentials round %d: %s...%n", round, sides.get(s).name());
                    tokenRounds.get(s).add(wrk.round(sides.get(s).url(), scripts.get(s), c, settings.seconds()));
                }
            }
            int flowConcurrency = Math.max(1, c / 2);
            for (Side side : sides) {
                System.err.println("code flow warm-up: " + side.name() + "...");
                RegistryBenchmark.load(0, flowConcurrency, Math.max(1, settings.warmup()), side.codeFlow());
            }
            List<List<RegistryBenchmark.Latencies>> flowRounds = List.of(new java.util.ArrayList<>(), new java.util.ArrayList<>());
            for (int round = 1; round <= ROUNDS; round++) {
                for (int s = 0; s < sides.size(); s++) {
                    System.err.printf("code flow round %d: %s...%n", round, sides.get(s).name());
                    flowRounds.get(s).add(RegistryBenchmark.load(0, flowConcurrency, settings.seconds(), sides.get(s).codeFlow()));
                }
            }
            return peerReport(settings, keycloak.startTime(), flowConcurrency,
                    new Rounds(tokenRounds.get(0)), new Rounds(tokenRounds.get(1)), shapes.get(0), shapes.get(1),
                    new Rounds(flowRounds.get(0)), new Rounds(flowRounds.get(1)), dancuHashing, keycloakHashing);
        }
    }

    /** One token from a side, for its size and algorithm. */
    private static String token(Side side) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(side.url() + side.tokenPath()))
                .header("Authorization", side.authorization()).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(side.form())).build(), HttpResponse.BodyHandlers.ofString());
        require(response.statusCode() == 200, side.name() + " token", response);
        return response.body();
    }

    /** "Argon2id, 16384 KiB × 2 iterations, parallelism 1" from an encoded hash ({@code $argon2id$v=19$m=…,t=…,p=…$…}). */
    static String argon2(String hash) {
        Matcher m = Pattern.compile("^\\$(argon2(?:id|i|d))\\$v=\\d+\\$m=(\\d+),t=(\\d+),p=(\\d+)\\$").matcher(hash);
        if (!m.find()) {
            throw new IllegalArgumentException("not an Argon2 hash");
        }
        return "Argon2" + m.group(1).substring("argon2".length()) + ", " + m.group(2) + " KiB × " + m.group(3)
                + " iterations, parallelism " + m.group(4);
    }

    /** Persons from a small synthetic population, each with an active level-1 account. */
    private static List<String> citizens(ConfigurableApplicationContext context, Path work, int count) throws Exception {
        Path file = work.resolve("persons.csv");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new SyntheticPopulation(7, SyntheticPopulation.DEFAULT_REFERENCE).write(count * 3L, writer);
        }
        context.getBean(PersonImport.class).importNow(file, "bench-persons.csv", "bench");
        List<String> ids = JdbcClient.create(context.getBean(DataSource.class))
                .sql("select personal_id from registry.person where status = 'ALIVE' and date_of_birth < ? order by personal_id limit ?")
                .params(LocalDate.now().minusYears(20), count).query(String.class).list();
        CitizenAccounts accounts = context.getBean(CitizenAccounts.class);
        int n = 0;
        for (String id : ids) {
            accounts.createDemoAccount(id, 1, String.format("09%08d", n++), PASSWORD, null);
        }
        return ids;
    }

    /** One citizen's whole login at the relying party, as a browser and the portal's back end do it. */
    private static void codeFlow(String url, String rpBasic, String personalId) throws Exception {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        Pkce pkce = Pkce.random();
        String verifier = pkce.verifier();
        String challenge = pkce.challenge();
        String location = "/oauth2/authorize?response_type=code&client_id=bench-rp&scope=openid%20profile&state=s&redirect_uri="
                + enc(REDIRECT) + "&code_challenge=" + challenge + "&code_challenge_method=S256";
        for (int step = 0; step < 8 && !location.startsWith(REDIRECT); step++) {
            HttpResponse<String> page = get(browser, url, location);
            if (page.statusCode() == 200 && location.contains("/eid/login")) {
                page = post(browser, url, "/eid/login", "_csrf", csrf(page.body()), "personalId", personalId, "password", PASSWORD);
            } else if (page.statusCode() == 200 && location.contains("/oauth2/consent")) {
                page = post(browser, url, "/oauth2/authorize", "_csrf", csrf(page.body()), "client_id", "bench-rp",
                        "state", field(page.body(), "state"), "scope", "profile");
            }
            HttpResponse<String> answered = page;
            location = answered.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("no redirect at " + answered.uri() + ": " + answered.statusCode()));
        }
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                .header("Authorization", rpBasic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri="
                        + enc(REDIRECT) + "&code_verifier=" + verifier)).build(), HttpResponse.BodyHandlers.ofString());
        require(token.statusCode() == 200, "code exchange", token);
        String accessToken = token.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        HttpResponse<String> userInfo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        require(userInfo.statusCode() == 200 && userInfo.body().contains("\"name\""), "userinfo", userInfo);
    }

    private static HttpResponse<String> get(HttpClient client, String url, String location) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(location.startsWith("http") ? location : url + location))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HttpClient client, String url, String path, String... fields) throws Exception {
        StringBuilder form = new StringBuilder();
        for (int i = 0; i < fields.length; i += 2) {
            form.append(form.isEmpty() ? "" : "&").append(fields[i]).append('=').append(enc(fields[i + 1]));
        }
        return client.send(HttpRequest.newBuilder(URI.create(url + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String html) {
        Matcher m = CSRF.matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"").matcher(html);
        return m.find() ? m.group(1) : "";
    }

    private static String sign(RSASSASigner signer, String client) throws Exception {
        Date now = new Date();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("bench").build(),
                new JWTClaimsSet.Builder().subject(client).audience(client).issuer("http://127.0.0.1").issueTime(now)
                        .notBeforeTime(now).expirationTime(new Date(now.getTime() + 300_000)).jwtID(UUID.randomUUID().toString())
                        .claim("scope", List.of("exchange.verify")).build());
        jwt.sign(signer);
        return jwt.serialize();
    }

    private static void require(boolean ok, String what, HttpResponse<String> response) {
        if (!ok) {
            throw new IllegalStateException(what + " failed" + (response == null ? "" : ": " + response.statusCode() + " " + response.body()));
        }
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String report(Settings settings, int flowConcurrency, int citizens,
                                 RegistryBenchmark.Latencies tokens, RegistryBenchmark.Latencies tokenBaseline,
                                 RegistryBenchmark.Latencies flows, RegistryBenchmark.Latencies flowBaseline) {
        return String.format(java.util.Locale.ROOT, """
                ## Identity (OpenID provider)

                Measured by `./dancu bench identity --seconds %d --concurrency %d --citizens %d%s` on %s
                (%s). Load generator: Java HttpClient in the same JVM (it shares the 2 cores with the server);
                %d s of warm-up before each measurement.

                ### `client_credentials` tokens, %d concurrent clients

                | | tokens/s | p50 | p99 |
                |---|---:|---:|---:|
                | baseline: in-process RS256 signature of the same claims (the token is not stored) | %,.0f | %.2f ms | %.2f ms |
                | dancu over HTTP: `POST /oauth2/token` (client_secret_basic, JWT access token, not stored; revocable through a deny-list) | %,.0f | %.2f ms | %.2f ms |
                | **ratio** | **%.2f×** | | |

                ### Complete authorization-code flows, %d concurrent citizens

                Each flow: authorize, login page, password (Argon2id), code, token exchange with PKCE and
                client_secret_basic, UserInfo (registry read and access-log write). Consent was given once per citizen
                during warm-up and is remembered.

                | | flows/s | p50 | p99 |
                |---|---:|---:|---:|
                | baseline: the cryptography a flow cannot avoid, in-process: one Argon2id check + two RS256 signatures | %,.1f | %.1f ms | %.1f ms |
                | dancu over HTTP: the whole flow (6 to 7 requests) | %,.1f | %.1f ms | %.1f ms |
                | **ratio** | **%.2f×** | | |

                For scale: MOSIP reports about 6 authentications/s per 4.5-core pod.
                """,
                settings.seconds(), settings.concurrency(), citizens,
                settings.peer() ? " --warmup " + settings.warmup() + " --peer keycloak" : settings.warmup() == 30 ? "" : " --warmup " + settings.warmup(),
                LocalDate.now(), BenchmarkDoc.machine(), settings.warmup(),
                settings.concurrency(), tokenBaseline.perSecond(), tokenBaseline.p50ms(), tokenBaseline.p99ms(),
                tokens.perSecond(), tokens.p50ms(), tokens.p99ms(), tokens.perSecond() / tokenBaseline.perSecond(),
                flowConcurrency, flowBaseline.perSecond(), flowBaseline.p50ms(), flowBaseline.p99ms(),
                flows.perSecond(), flows.p50ms(), flows.p99ms(), flows.perSecond() / flowBaseline.perSecond());
    }

    static String peerReport(Settings settings, java.time.Duration keycloakStart, int flowConcurrency, Rounds dancuTokens,
                             Rounds keycloakTokens, TokenShape dancuToken, TokenShape keycloakToken, Rounds dancuFlows,
                             Rounds keycloakFlows, String dancuHashing, String keycloakHashing) {
        RegistryBenchmark.Latencies dt = dancuTokens.median();
        RegistryBenchmark.Latencies kt = keycloakTokens.median();
        RegistryBenchmark.Latencies df = dancuFlows.median();
        RegistryBenchmark.Latencies kf = keycloakFlows.median();
        return String.format(java.util.Locale.ROOT, """
                ### Against Keycloak %s (`--peer keycloak`)

                Keycloak %s (`kc.sh start --optimized`, built for PostgreSQL, local caches) on the same machine and the
                same embedded PostgreSQL (a database of its own), %s of heap for each server, realm imported with
                `accessTokenLifespan` %d s; it answered %.0f s after its start (schema and realm import). Tokens:
                wrk `-t2 -c%d` (a separate process) POSTing `grant_type=client_credentials` with client_secret_basic to
                each; code flows: a Java driver per side in dancu's JVM, %d concurrent (authorize, login form, password,
                code, token exchange with PKCE and client_secret_basic, UserInfo). Each side warmed up %d s, then %d
                alternating rounds of %d s (dancu, Keycloak, …), the other server idle but running; the median round
                stands for each side.

                | `client_credentials` | tokens/s per round | median | p50 | p99 | access token | signature |
                |---|---|---:|---:|---:|---:|---|
                | dancu | %s | %,.0f | %.2f ms | %.2f ms | %,d B | %s |
                | Keycloak | %s | %,.0f | %.2f ms | %.2f ms | %,d B | %s |
                | **dancu / Keycloak** | | **%.2f×** | | | | |

                | code flows | flows/s per round | median | p50 | p99 | password hash |
                |---|---|---:|---:|---:|---|
                | dancu | %s | %,.1f | %.1f ms | %.1f ms | %s |
                | Keycloak | %s | %,.1f | %.1f ms | %.1f ms | %s |
                | **dancu / Keycloak** | | **%.2f×** | | | |

                The hash parameters are read in the run: dancu's from a hash its encoder made, Keycloak's from a user's
                stored credential and the realm's password policy through its admin API.
                """,
                KeycloakPeer.VERSION, KeycloakPeer.VERSION, PEER_HEAP.replace("g", " GiB"), KeycloakPeer.ACCESS_TOKEN_SECONDS,
                keycloakStart.toMillis() / 1000.0, settings.concurrency(), flowConcurrency, settings.warmup(), ROUNDS, settings.seconds(),
                dancuTokens.perRound("%,.0f"), dt.perSecond(), dt.p50ms(), dt.p99ms(), dancuToken.bytes(), dancuToken.algorithm(),
                keycloakTokens.perRound("%,.0f"), kt.perSecond(), kt.p50ms(), kt.p99ms(), keycloakToken.bytes(), keycloakToken.algorithm(),
                dancuTokens.ratio(keycloakTokens),
                dancuFlows.perRound("%,.1f"), df.perSecond(), df.p50ms(), df.p99ms(), dancuHashing,
                keycloakFlows.perRound("%,.1f"), kf.perSecond(), kf.p50ms(), kf.p99ms(), keycloakHashing,
                dancuFlows.ratio(keycloakFlows));
    }
}
