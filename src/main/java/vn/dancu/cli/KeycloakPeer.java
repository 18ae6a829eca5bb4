package vn.dancu.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keycloak as the identity suite's peer ({@code bench identity --peer keycloak}): the distribution the launcher
 * fetched through Maven and unpacked in {@code target/keycloak}, built once for PostgreSQL, started against the
 * bench's embedded PostgreSQL (a database and role {@code keycloak} of its own) with a realm imported: a
 * confidential client with service accounts for {@code client_credentials}, a confidential client for code flows
 * and users with passwords. Its JVM (a child of {@code kc.sh}) is stopped by {@link #close}, and by a shutdown hook
 * when the bench dies before.
 */
final class KeycloakPeer implements AutoCloseable {

    static final String VERSION = "26.7.3";
    static final String REALM = "bench";
    static final String API_CLIENT = "bench-client";
    static final String WEB_CLIENT = "bench-web";
    static final String REDIRECT = "https://bench.example.vn/callback";
    static final int ACCESS_TOKEN_SECONDS = 300;
    /** What {@code kc.sh build} fixes; a distribution built with other options is built again. */
    private static final List<String> BUILD_OPTIONS = List.of("--db=postgres", "--cache=local");
    private static final String ADMIN = "bench-admin";
    private static final Duration PATIENCE = Duration.ofMinutes(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(amp|quot|lt|gt|#(\\d+)|#x([0-9a-fA-F]+));");

    private final Process process;
    private final Thread shutdownHook;
    private final String url;
    private final Secrets secrets;
    private final List<String> users;
    private final Path realmFile;
    private final Duration buildTime;
    private final Duration startTime;

    /** The random secrets of one run: clients, users, the bootstrap administrator and the database role. */
    record Secrets(String apiClient, String webClient, String userPassword, String admin, String database) {
        static Secrets random() {
            return new Secrets(secret(), secret(), secret(), secret(), secret());
        }
    }

    private KeycloakPeer(Process process, Thread shutdownHook, String url, Secrets secrets, List<String> users, Path realmFile,
                         Duration buildTime, Duration startTime) {
        this.process = process;
        this.shutdownHook = shutdownHook;
        this.url = url;
        this.secrets = secrets;
        this.users = users;
        this.realmFile = realmFile;
        this.buildTime = buildTime;
        this.startTime = startTime;
    }

    /**
     * Builds the distribution in {@code home} if needed, makes the database {@code keycloak} in the PostgreSQL on
     * {@code postgresPort} (as its superuser), starts Keycloak with {@code heap} and a connection pool of
     * {@code poolSize}, and returns once the realm answers.
     */
    static KeycloakPeer start(Path home, Path work, int postgresPort, String superuserPassword, int poolSize, String heap,
                              int userCount) throws IOException, InterruptedException, SQLException {
        Path kc = home.resolve("bin/kc.sh");
        if (!Files.isExecutable(kc)) {
            throw new IOException("No Keycloak in " + home + ": run the bench through ./dancu, which fetches it into target/keycloak");
        }
        Secrets secrets = Secrets.random();
        Path log = work.resolve("keycloak.log");
        Duration buildTime = build(home, log);
        createDatabase(postgresPort, superuserPassword, secrets.database());
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= userCount; i++) {
            users.add(String.format("bench-user-%03d", i));
        }
        Path realmFile = home.resolve("data/import/" + REALM + "-realm.json");
        Files.createDirectories(realmFile.getParent());
        Files.writeString(realmFile, realm(secrets, users));
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(kc.toString(), "start", "--optimized",
                "--db-url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/keycloak", "--db-username=keycloak",
                "--db-pool-max-size=" + poolSize, "--http-enabled=true", "--http-host=127.0.0.1", "--http-port=" + port,
                "--hostname-strict=false", "--cache=local", "--import-realm", "--log-level=WARN")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment(builder, heap);
        // passwords by environment, not on the command line that ps shows
        builder.environment().put("KC_DB_PASSWORD", secrets.database());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", secrets.admin());
        long started = System.nanoTime();
        Process process = builder.start();
        Thread hook = new Thread(() -> stop(process));
        Runtime.getRuntime().addShutdownHook(hook);
        String url = "http://127.0.0.1:" + port;
        try {
            awaitRealm(process, url, log);
        } catch (IOException | InterruptedException | RuntimeException e) {
            Runtime.getRuntime().removeShutdownHook(hook);
            stop(process);
            Files.deleteIfExists(realmFile);
            throw e;
        }
        return new KeycloakPeer(process, hook, url, secrets, List.copyOf(users), realmFile, buildTime,
                Duration.ofNanos(System.nanoTime() - started));
    }

    String url() {
        return url;
    }

    String tokenPath() {
        return "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    /** The {@code Authorization} header of the service-account client. */
    String apiClientBasic() {
        return basic(API_CLIENT, secrets.apiClient());
    }

    List<String> users() {
        return users;
    }

    /** The Quarkus build of the distribution in this run; zero when it was built before. */
    Duration buildTime() {
        return buildTime;
    }

    /** From the start of {@code kc.sh start} (schema, realm import) to the realm's discovery document answering. */
    Duration startTime() {
        return startTime;
    }

    /** One user's whole login at the code-flow client, as a browser and the portal's back end do it. */
    void codeFlow(String username) throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        IdentityBenchmark.Pkce pkce = IdentityBenchmark.Pkce.random();
        String realm = url + "/realms/" + REALM + "/protocol/openid-connect";
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(realm + "/auth?response_type=code&client_id="
                + WEB_CLIENT + "&scope=openid&state=s&redirect_uri=" + enc(REDIRECT) + "&code_challenge=" + pkce.challenge()
                + "&code_challenge_method=S256")).header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        require(login.statusCode() == 200, "login page", login);
        HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(URI.create(loginAction(login.body())))
                .header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies(login.headers().allValues("Set-Cookie")))
                .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(username) + "&password=" + enc(secrets.userPassword())
                        + "&credentialId=")).build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        require(answer.statusCode() == 302 && location.startsWith(REDIRECT) && location.contains("code="), "login", answer);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realm + "/token"))
                .header("Authorization", basic(WEB_CLIENT, secrets.webClient()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri="
                        + enc(REDIRECT) + "&code_verifier=" + pkce.verifier())).build(), HttpResponse.BodyHandlers.ofString());
        require(token.statusCode() == 200, "code exchange", token);
        String accessToken = JSON.readTree(token.body()).path("access_token").asString();
        HttpResponse<String> userInfo = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(realm + "/userinfo"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        require(userInfo.statusCode() == 200 && userInfo.body().contains("\"name\""), "userinfo", userInfo);
    }

    /**
     * The password hash a user's login checks, as Keycloak stores it (the credential's parameters, read through the
     * admin API as the bootstrap administrator), and the realm's password policy.
     */
    String passwordHashing() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(url + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=admin-cli&username=" + ADMIN
                        + "&password=" + enc(secrets.admin()))).build(), HttpResponse.BodyHandlers.ofString());
        require(login.statusCode() == 200, "admin login", login);
        String bearer = "Bearer " + JSON.readTree(login.body()).path("access_token").asString();
        JsonNode realm = admin(http, bearer, "");
        JsonNode user = admin(http, bearer, "/users?exact=true&username=" + users.getFirst()).path(0);
        JsonNode password = null;
        for (JsonNode credential : admin(http, bearer, "/users/" + user.path("id").asString() + "/credentials")) {
            if (credential.path("type").asString().equals("password")) {
                password = credential;
            }
        }
        if (password == null) {
            throw new IllegalStateException("user " + users.getFirst() + " has no password credential");
        }
        return hashing(realm.path("passwordPolicy").asString(""), password.path("credentialData").asString());
    }

    private JsonNode admin(HttpClient http, String bearer, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/admin/realms/" + REALM + path))
                .header("Authorization", bearer).build(), HttpResponse.BodyHandlers.ofString());
        require(response.statusCode() == 200, "admin API " + path, response);
        return JSON.readTree(response.body());
    }

    /**
     * "argon2 (id), 7168 KiB × 5 iterations, parallelism 1" from a stored credential's {@code credentialData}, and the
     * realm's policy (empty: Keycloak's default provider, whose parameters the credential shows).
     */
    static String hashing(String passwordPolicy, String credentialData) {
        JsonNode data = JSON.readTree(credentialData);
        JsonNode extra = data.path("additionalParameters");
        String algorithm = data.path("algorithm").asString();
        if (algorithm.isEmpty()) {
            throw new IllegalArgumentException("no algorithm in the credential: " + credentialData);
        }
        StringBuilder text = new StringBuilder(algorithm);
        if (extra.has("type")) {
            text.append(" (").append(extra.path("type").path(0).asString()).append(')');
        }
        if (extra.has("memory")) {
            text.append(", ").append(extra.path("memory").path(0).asString()).append(" KiB ×");
        } else {
            text.append(',');
        }
        text.append(' ').append(data.path("hashIterations").asInt()).append(" iterations");
        if (extra.has("parallelism")) {
            text.append(", parallelism ").append(extra.path("parallelism").path(0).asString());
        }
        return text.append("; realm password policy: ")
                .append(passwordPolicy.isBlank() ? "none (the provider's default)" : "`" + passwordPolicy + "`").toString();
    }

    /** The realm: access tokens of {@link #ACCESS_TOKEN_SECONDS}, the two clients, and users with every profile field. */
    static String realm(Secrets secrets, List<String> users) {
        Map<String, Object> realm = new LinkedHashMap<>();
        realm.put("realm", REALM);
        realm.put("enabled", true);
        realm.put("accessTokenLifespan", ACCESS_TOKEN_SECONDS);
        realm.put("clients", List.of(
                Map.of("clientId", API_CLIENT, "enabled", true, "publicClient", false, "clientAuthenticatorType", "client-secret",
                        "secret", secrets.apiClient(), "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                        "directAccessGrantsEnabled", false, "protocol", "openid-connect"),
                Map.ofEntries(Map.entry("clientId", WEB_CLIENT), Map.entry("enabled", true), Map.entry("publicClient", false),
                        Map.entry("clientAuthenticatorType", "client-secret"), Map.entry("secret", secrets.webClient()),
                        Map.entry("standardFlowEnabled", true), Map.entry("directAccessGrantsEnabled", false),
                        Map.entry("consentRequired", false), Map.entry("redirectUris", List.of(REDIRECT)),
                        Map.entry("protocol", "openid-connect"), Map.entry("attributes", Map.of("pkce.code.challenge.method", "S256")))));
        // first and last name and e-mail: without them Keycloak asks for the profile before it issues the code
        realm.put("users", users.stream().map(username -> Map.of("username", username, "enabled", true,
                "firstName", "Bench", "lastName", username, "email", username + "@bench.example.vn", "emailVerified", true,
                "credentials", List.of(Map.of("type", "password", "value", secrets.userPassword(), "temporary", false)))).toList());
        return JSON.writeValueAsString(realm);
    }

    /**
     * The {@code Cookie} header a browser sends back to the server that set these cookies. Keycloak marks its login
     * cookies {@code Secure}; a browser still sends them to http://127.0.0.1 (a trustworthy origin), Java's
     * {@code CookieManager} does not, so the driver keeps them itself. Cookies set to expire are deletions.
     */
    static String cookies(List<String> setCookies) {
        List<String> pairs = new ArrayList<>();
        for (String cookie : setCookies) {
            String lower = cookie.toLowerCase(java.util.Locale.ROOT);
            if (lower.matches(".*;\\s*max-age=0(;.*)?") || lower.matches("[^=]*=\\s*(;.*)?")) {
                continue;
            }
            pairs.add(cookie.split(";", 2)[0].strip());
        }
        if (pairs.isEmpty()) {
            throw new IllegalStateException("the login page set no cookie");
        }
        return String.join("; ", pairs);
    }

    /** The login form's {@code action} (Keycloak's {@code kc-form-login}, else the page's first form), unescaped. */
    static String loginAction(String html) {
        String chosen = null;
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Matcher action = ACTION.matcher(form.group());
            if (action.find() && (chosen == null || form.group().contains("kc-form-login"))) {
                chosen = action.group(1);
                if (form.group().contains("kc-form-login")) {
                    break;
                }
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no login form on the page");
        }
        return unescape(chosen);
    }

    private static String unescape(String attribute) {
        Matcher entity = ENTITY.matcher(attribute);
        StringBuilder text = new StringBuilder();
        while (entity.find()) {
            String replacement = switch (entity.group(1)) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "lt" -> "<";
                case "gt" -> ">";
                default -> Character.toString(entity.group(2) != null ? Integer.parseInt(entity.group(2))
                        : Integer.parseInt(entity.group(3), 16));
            };
            entity.appendReplacement(text, Matcher.quoteReplacement(replacement));
        }
        return entity.appendTail(text).toString();
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it stops the process
        }
        stop(process);
        try {
            Files.deleteIfExists(realmFile);
        } catch (IOException e) {
            System.err.println("Could not delete " + realmFile + ": " + e.getMessage());
        }
    }

    /** kc.sh runs java as its child: the child first (the server), then the script, each given 30 s to end. */
    private static void stop(Process process) {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        for (ProcessHandle handle : all) {
            handle.destroy();
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                handle.destroyForcibly();
            }
        }
    }

    private static void awaitRealm(Process process, String url, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI discovery = URI.create(url + "/realms/" + REALM + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Keycloak stopped with exit " + process.exitValue() + ": see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IOException("Keycloak did not answer within " + PATIENCE + ": see " + log);
    }

    /** {@code kc.sh build} with {@link #BUILD_OPTIONS}, once: a marker in the distribution records the options built. */
    private static Duration build(Path home, Path log) throws IOException, InterruptedException {
        Path marker = home.resolve("dancu-build-options");
        String options = String.join(" ", BUILD_OPTIONS);
        if (Files.exists(marker) && Files.readString(marker).equals(options)) {
            return Duration.ZERO;
        }
        System.err.println("Building Keycloak for PostgreSQL (first run only; about a minute)...");
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "build"));
        command.addAll(BUILD_OPTIONS);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        environment(builder, "1g");
        Process build = builder.start();
        if (build.waitFor() != 0) {
            throw new IOException("kc.sh build failed (exit " + build.exitValue() + "): see " + log);
        }
        Files.writeString(marker, options);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /** This JVM's Java (the launcher's JDK 21+) and the heap cap. */
    private static void environment(ProcessBuilder builder, String heap) {
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx" + heap);
    }

    private static void createDatabase(int port, String superuserPassword, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres",
                superuserPassword); Statement s = c.createStatement()) {
            // the password is 32 random letters and digits (secret()), safe in the statement
            s.execute("create role keycloak login password '" + password + "'");
            s.execute("create database keycloak owner keycloak");
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String secret() {
        String letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        SecureRandom random = new SecureRandom();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            text.append(letters.charAt(random.nextInt(letters.length())));
        }
        return text.toString();
    }

    static String basic(String client, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void require(boolean ok, String what, HttpResponse<String> response) {
        if (!ok) {
            // a page's text without its head and markup, where Keycloak says what went wrong
            String body = response.body().replaceAll("(?s)^.*<body[^>]*>", "").replaceAll("(?s)<script.*?</script>", " ")
                    .replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
            throw new IllegalStateException("Keycloak " + what + " failed: " + response.statusCode() + " "
                    + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
        }
    }
}
