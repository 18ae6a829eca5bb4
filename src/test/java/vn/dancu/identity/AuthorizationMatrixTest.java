package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.identity.AuthorizationMatrix.Caller;
import vn.dancu.identity.AuthorizationMatrix.Rule;

/**
 * Every operation of the OpenAPI document, called by every kind of caller: refused (401 or 403)
 * exactly when the authorisation matrix refuses that caller, and never refused when it admits it
 * (400, 404, 409 and the like are fine: the request passed authorisation and was then judged on
 * its content). Staff call with HTTP Basic as the demo account of each role; the member with its
 * client's bearer token; the citizen with the session of an e-ID login.
 */
class AuthorizationMatrixTest extends IntegrationTest {

    /** The demo account of each role (README, DemoData); their roles are checked first. */
    static final Map<StaffRole, String> ACCOUNTS = new EnumMap<>(Map.ofEntries(
            Map.entry(StaffRole.COMMUNE_OFFICER, "congan.caugiay"),
            Map.entry(StaffRole.PROVINCE_OFFICER, "officer.hanoi"),
            Map.entry(StaffRole.CENTRAL_OFFICER, "officer.central"),
            Map.entry(StaffRole.JUSTICE_OFFICER, "tuphap.caugiay"),
            Map.entry(StaffRole.SOCIAL_INSURANCE_OFFICER, "bhxh.hanoi"),
            Map.entry(StaffRole.LABOUR_OFFICER, "laodong.caugiay"),
            Map.entry(StaffRole.TAX_OFFICER, "thue.hanoi"),
            Map.entry(StaffRole.LAND_OFFICER, "datdai.hanoi"),
            Map.entry(StaffRole.EDUCATION_OFFICER, "giaoduc.hanoi"),
            Map.entry(StaffRole.ELECTRICITY_OFFICER, "dienluc.hanoi"),
            Map.entry(StaffRole.LEADER, "leader.hanoi"),
            Map.entry(StaffRole.AUDITOR, "auditor"),
            Map.entry(StaffRole.ADMIN, "admin")));

    private static final List<String> METHODS = List.of("get", "post", "put", "delete", "patch");

    record Operation(String method, String path) {

        /** The path with every variable "0": refused or judged as malformed or unknown, never a real record. */
        String sample() {
            return path.replaceAll("\\{[^}]+}", "0");
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** How a caller identifies itself: an Authorization header, or the cookies its client keeps. */
    record Credentials(Optional<String> header, HttpClient client) {
    }

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyOperationRefusesExactlyTheCallersTheMatrixRefuses() throws Exception {
        List<Operation> operations = operations();
        assertThat(operations).as("the OpenAPI document lists the API").hasSizeGreaterThan(50);

        Map<Caller, Credentials> callers = callers();
        List<String> wrong = new ArrayList<>();
        int refusals = 0;
        for (Operation operation : operations) {
            Rule rule = AuthorizationMatrix.ruleFor(operation.method(), operation.sample())
                    .orElseThrow(() -> new AssertionError("no row for " + operation));
            for (Caller caller : Caller.values()) {
                int status = call(operation, callers.get(caller));
                boolean refused = status == 401 || status == 403;
                refusals += refused ? 1 : 0;
                if (refused == rule.admits(caller)) {
                    wrong.add(operation + " as " + caller + ": " + status + ", the matrix " + (rule.admits(caller) ? "admits" : "refuses"));
                }
            }
        }
        assertThat(wrong).as("answers that disagree with the matrix").isEmpty();
        int calls = operations.size() * Caller.values().length;
        assertThat(refusals).as("most operations are for a few callers; every public one for all").isBetween(calls / 2, calls - 1);
    }

    @Test
    void theMatrixDeclaresEveryOperationOfTheApiAndNoOther() throws Exception {
        List<Operation> operations = operations();
        List<String> undeclared = operations.stream()
                .filter(o -> AuthorizationMatrix.ruleFor(o.method(), o.sample()).map(Rule::path)
                        .filter(p -> p.equals(o.path()) || !o.path().startsWith("/api/")).isEmpty())
                .map(Operation::toString).toList();
        assertThat(undeclared).as("operations without a row in AuthorizationMatrix.RULES (API operations: a row of their own)")
                .isEmpty();

        List<String> stale = AuthorizationMatrix.RULES.stream()
                .filter(r -> r.path().startsWith("/api/"))
                .filter(r -> operations.stream().noneMatch(o -> o.path().equals(r.path()) && r.method().matches(o.method())))
                .map(Rule::operation).toList();
        assertThat(stale).as("API rows of the matrix for operations that do not exist").isEmpty();
    }

    @Test
    void theDemoAccountsHoldTheRolesTheWalkCallsThemFor() {
        ACCOUNTS.forEach((role, username) -> {
            Api.Response opened = api(username).post("/api/v1/auth/session", "");
            assertThat(opened.status()).isEqualTo(201);
            assertThat(opened.text("role")).as(username).isEqualTo(role.name());
        });
        assertThat(ACCOUNTS.keySet()).containsExactlyInAnyOrder(StaffRole.values());
    }

    @Test
    void aJusticeOfficerReadsPersonsButChangesTheRegistryOnlyThroughApplications() {
        Api justice = api("tuphap.caugiay");
        assertThat(justice.get("/api/v1/registry/persons?name=nguyen").status()).isEqualTo(200);
        for (String change : List.of("/api/v1/registry/births", "/api/v1/registry/persons/001075503799/residences",
                "/api/v1/registry/persons/001075503799/death", "/api/v1/registry/persons/001075503799/name",
                "/api/v1/registry/persons/001075503799/cards", "/api/v1/registry/households")) {
            Api.Response refused = justice.post(change, Map.of());
            assertThat(refused.status()).as(change).isEqualTo(403);
            assertThat(refused.code()).as(change).isEqualTo("ROLE_CANNOT_CHANGE_PERSONS");
        }
        assertThat(api("congan.caugiay").post("/api/v1/registry/births", Map.of()).status())
                .as("the police still register births").isEqualTo(400);
    }

    @Test
    void aRefusalNamesTheRowsCodeAndAnUndeclaredOperationIsRefusedToEveryone() {
        assertThat(api("auditor").get("/api/v1/registry/persons/001075503799").code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
        assertThat(api("admin").post("/api/v1/applications", Map.of()).code()).isEqualTo("NOT_AN_OFFICER");
        assertThat(api("officer.hanoi").get("/api/v1/admin/members").code()).isEqualTo("FORBIDDEN");
        Api.Response undeclared = api("officer.central").post("/api/v1/worklist", Map.of());
        assertThat(undeclared.status()).isEqualTo(405);
        assertThat(undeclared.code()).isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(undeclared.contentType()).startsWith("application/problem+json");
        Api.Response nowhere = api("officer.central").get("/api/v1/registry/persons/");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.code()).isEqualTo("NOT_FOUND");
        assertThat(anonymous().get("/api/v1/nothing-here").status()).isEqualTo(401);
    }

    // --- the OpenAPI document

    private List<Operation> operations() throws IOException, InterruptedException {
        HttpResponse<String> docs = http.send(HttpRequest.newBuilder(URI.create(base() + "/v3/api-docs")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode paths = Api.JSON.readTree(docs.body()).path("paths");
        TreeSet<String> sorted = new TreeSet<>(paths.propertyNames());
        List<Operation> operations = new ArrayList<>();
        for (String path : sorted) {
            for (String method : METHODS) {
                if (paths.path(path).has(method)) {
                    operations.add(new Operation(method.toUpperCase(java.util.Locale.ROOT), path));
                }
            }
        }
        return operations;
    }

    // --- the callers

    private Map<Caller, Credentials> callers() throws IOException, InterruptedException {
        Map<Caller, Credentials> callers = new EnumMap<>(Caller.class);
        callers.put(Caller.ANONYMOUS, new Credentials(Optional.empty(), http));
        ACCOUNTS.forEach((role, username) -> callers.put(Caller.of(role), new Credentials(Optional.of("Basic "
                + Base64.getEncoder().encodeToString((username + ":dancu-demo").getBytes(StandardCharsets.UTF_8))), http)));
        callers.put(Caller.MEMBER, new Credentials(Optional.of("Bearer " + memberToken()), http));
        callers.put(Caller.CITIZEN, new Credentials(Optional.empty(), citizenSession()));
        return callers;
    }

    /** demo-ministry's API client, as a member calls (client_credentials, scope exchange). */
    private String memberToken() throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-ministry:dancu-demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return Api.JSON.readTree(token.body()).path("access_token").asString();
    }

    /** Trần Thị Bình (level 1, password only) logged in on the e-ID pages: her session cookie. */
    private HttpClient citizenSession() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
        String form = browser.send(HttpRequest.newBuilder(URI.create(base() + "/eid/login")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String csrf = form.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(base() + "/eid/login"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8)
                        + "&personalId=030178862050&password=dancu-demo")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.headers().firstValue("Location").orElse("")).as("the citizen is logged in").endsWith("/eid/account");
        return browser;
    }

    private int call(Operation operation, Credentials caller) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + operation.sample()))
                .header("Accept", "application/json").header("X-Purpose", "Kiem thu ma tran phan quyen");
        caller.header().ifPresent(h -> request.header("Authorization", h));
        HttpRequest.BodyPublisher body = operation.method().equals("GET") || operation.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        if (!operation.method().equals("GET") && !operation.method().equals("DELETE")) {
            request.header("Content-Type", "application/json");
        }
        return caller.client().send(request.method(operation.method(), body).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String base() {
        return "http://localhost:" + port;
    }
}
