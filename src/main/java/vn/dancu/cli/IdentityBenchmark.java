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
 *       RS256 signature of the same claims and one committed insert through plain JDBC;</li>
 *   <li>complete code flows per second by scripted citizens (authorize, login page, password,
 *       code, token exchange with PKCE, UserInfo) vs the cryptography a flow cannot avoid: one
 *       Argon2id password check and two RS256 signatures.</li>
 * </ol>
 */
final class IdentityBenchmark {

    private static final String PASSWORD = "bench-" + UUID.randomUUID();
    private static final String REDIRECT = "https://bench.example.vn/callback";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private IdentityBenchmark() {
    }

    static int run(Class<?> application, Map<String, String> options) {
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "20"));
        int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "16"));
        int citizens = Integer.parseInt(options.getOrDefault("citizens", "200"));
        Path out = Path.of(options.getOrDefault("out", "docs/benchmarks.md"));
        // Every scripted citizen logs in from 127.0.0.1: the per-address throttle would stop the load.
        return BenchmarkDoc.run(application, out, "identity", List.of("--dancu.eid.max-failures-per-address=1000000"),
                (context, work) -> measure(context, work, seconds, concurrency, citizens));
    }

    private static String measure(ConfigurableApplicationContext context, Path work, int seconds, int concurrency,
                                  int citizenCount) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        String url = "http://127.0.0.1:" + port;
        RelyingParties relyingParties = context.getBean(RelyingParties.class);
        String apiSecret = relyingParties.register(new RelyingParties.Registration("bench-api", "Benchmark API client",
                "API_CLIENT", true, List.of("client_secret_basic"), null, List.of(), List.of(), List.of("exchange.verify"),
                List.of(), List.of(), "Benchmark", "bench", "ACTIVE")).secret();
        String rpSecret = relyingParties.register(new RelyingParties.Registration("bench-rp", "Benchmark portal",
                "RELYING_PARTY", true, List.of("client_secret_basic"), null, List.of(REDIRECT), List.of(),
                List.of("openid", "profile"), List.of("name", "birthdate"), List.of(), "Benchmark", "bench", "ACTIVE")).secret();
        List<String> citizens = citizens(context, work, citizenCount);
        System.err.printf("%d citizens with accounts%n", citizens.size());

        DataSource dataSource = context.getBean(DataSource.class);
        JdbcClient jdbc = JdbcClient.create(dataSource);
        jdbc.sql("create table public.bench_token (id text primary key, client text, value text, issued_at timestamptz)").update();
        RSAKey key = new RSAKeyGenerator(2048).keyID("bench").generate();
        RSASSASigner signer = new RSASSASigner(key);

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String basic = "Basic " + Base64.getEncoder().encodeToString(("bench-api:" + apiSecret).getBytes(StandardCharsets.UTF_8));
        System.err.println("client_credentials over HTTP...");
        RegistryBenchmark.Latencies tokens = RegistryBenchmark.load(concurrency, seconds, () -> {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/oauth2/token"))
                    .header("Authorization", basic).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange.verify")).build(),
                    HttpResponse.BodyHandlers.ofString());
            require(response.statusCode() == 200, "token", response);
        });
        System.err.println("client_credentials baseline...");
        RegistryBenchmark.Latencies tokenBaseline = RegistryBenchmark.load(concurrency, seconds, () -> {
            String jwt = sign(signer, "bench-api");
            jdbc.sql("insert into public.bench_token values (?, 'bench-api', ?, now())").params(UUID.randomUUID().toString(), jwt)
                    .update();
        });

        String rpBasic = "Basic " + Base64.getEncoder().encodeToString(("bench-rp:" + rpSecret).getBytes(StandardCharsets.UTF_8));
        int flowConcurrency = Math.max(1, concurrency / 2);
        System.err.println("code flows over HTTP...");
        RegistryBenchmark.Latencies flows = RegistryBenchmark.load(flowConcurrency, seconds,
                () -> codeFlow(url, rpBasic, citizens.get(ThreadLocalRandom.current().nextInt(citizens.size()))));
        PasswordEncoder passwords = context.getBean(PasswordEncoder.class);
        String hash = passwords.encode(PASSWORD);
        System.err.println("code flow baseline...");
        RegistryBenchmark.Latencies flowBaseline = RegistryBenchmark.load(flowConcurrency, seconds, () -> {
            require(passwords.matches(PASSWORD, hash), "argon2", null);
            sign(signer, "bench-rp");
            sign(signer, "bench-rp");
        });
        return report(seconds, concurrency, flowConcurrency, citizens.size(), tokens, tokenBaseline, flows, flowBaseline);
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
        byte[] random = new byte[32];
        ThreadLocalRandom.current().nextBytes(random);
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
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

    private static String report(int seconds, int concurrency, int flowConcurrency, int citizens,
                                 RegistryBenchmark.Latencies tokens, RegistryBenchmark.Latencies tokenBaseline,
                                 RegistryBenchmark.Latencies flows, RegistryBenchmark.Latencies flowBaseline) {
        return String.format(java.util.Locale.ROOT, """
                ## Identity (OpenID provider)

                Measured by `./dancu bench identity --seconds %d --concurrency %d --citizens %d` on %s
                (%s). Load generator: Java HttpClient in the same JVM (it shares the 2 cores with the server);
                %d s of warm-up before each measurement.

                ### `client_credentials` tokens, %d concurrent clients

                | | tokens/s | p50 | p99 |
                |---|---:|---:|---:|
                | baseline: in-process RS256 signature of the same claims + one committed insert (plain JDBC) | %,.0f | %.2f ms | %.2f ms |
                | dancu over HTTP: `POST /oauth2/token` (client_secret_basic, JWT access token, authorization stored) | %,.0f | %.2f ms | %.2f ms |
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
                seconds, concurrency, citizens, LocalDate.now(), BenchmarkDoc.machine(), RegistryBenchmark.WARMUP_SECONDS,
                concurrency, tokenBaseline.perSecond(), tokenBaseline.p50ms(), tokenBaseline.p99ms(),
                tokens.perSecond(), tokens.p50ms(), tokens.p99ms(), tokens.perSecond() / tokenBaseline.perSecond(),
                flowConcurrency, flowBaseline.perSecond(), flowBaseline.p50ms(), flowBaseline.p99ms(),
                flows.perSecond(), flows.p50ms(), flows.p99ms(), flows.perSecond() / flowBaseline.perSecond());
    }
}
