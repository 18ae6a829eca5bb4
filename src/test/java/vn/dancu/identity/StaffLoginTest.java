package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.platform.ApiProblem;

class StaffLoginTest extends IntegrationTest {

    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @Test
    void passwordsAreStoredAsArgon2idHashes() {
        String hash = jdbc.sql("select password_hash from identity.staff_account where username = 'officer.hanoi'")
                .query(String.class).single();
        assertThat(hash).startsWith("$argon2id$");
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenAgainstTheRightOne() {
        accounts.create(new StaffAccounts.NewAccount("lock.test", "a-long-enough-password", "Lock test",
                StaffRole.CENTRAL_OFFICER, null));
        Api right = new ApiFor(port, "lock.test", "a-long-enough-password").api();
        assertThat(right.get("/api/v1/registry/persons?name=an").status()).isEqualTo(200);

        Api wrong = new ApiFor(port, "lock.test", "wrong").api();
        for (int i = 0; i < 4; i++) {
            assertThat(wrong.get("/api/v1/registry/persons?name=an").code()).isEqualTo("UNAUTHENTICATED");
        }
        assertThat(wrong.get("/api/v1/registry/persons?name=an").code()).isEqualTo("UNAUTHENTICATED");
        Api.Response locked = right.get("/api/v1/registry/persons?name=an");
        assertThat(locked.status()).as("the right password no longer opens a locked account").isEqualTo(401);
        assertThat(locked.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(jdbc.sql("select locked_until > now() from identity.staff_account where username = 'lock.test'")
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void unknownUsersAndWrongPasswordsGetTheSameAnswer() {
        Api.Response unknown = new ApiFor(port, "nobody.here", "whatever").api().get("/api/v1/registry/persons?name=an");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.code()).isEqualTo("UNAUTHENTICATED");
    }

    @Test
    void staffPasswordsFollowThePolicyAndOfficersNeedAJurisdiction() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create(new StaffAccounts.NewAccount(
                        "short.pw", "short", "x", StaffRole.ADMIN, null)))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("invalid fields");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> accounts.create(new StaffAccounts.NewAccount(
                        "no.unit", "a-long-enough-password", "x", StaffRole.PROVINCE_OFFICER, null)))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.errors()).extracting(ApiProblem.FieldProblem::code)
                        .contains("REQUIRED"));
    }

    @Test
    void everyRoleLandsOnAPageItMayOpen() throws Exception {
        for (var landing : java.util.Map.of("officer.hanoi", "/staff/persons", "auditor", "/staff/audit",
                "admin", "/staff/admin/relying-parties").entrySet()) {
            HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
            HttpResponse<String> login = signIn(http, landing.getKey());
            String location = login.headers().firstValue("Location").orElseThrow();
            assertThat(location).as(landing.getKey()).endsWith(landing.getValue());
            HttpResponse<String> landed = http.send(HttpRequest.newBuilder(URI.create(location)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(landed.statusCode()).as(landing.getKey() + " opens " + location).isEqualTo(200);
            assertThat(landed.body().contains("href=\"/staff/persons\"")).as(landing.getKey() + " is offered the person search")
                    .isEqualTo(landing.getKey().startsWith("officer"));
        }
    }

    /** The login form, as a browser fills it in: its CSRF token from the page, then the post. */
    private HttpResponse<String> signIn(HttpClient http, String username) throws Exception {
        String page = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String token = page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + username + "&password=dancu-demo&_csrf=" + token)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theLoginPageSignsInAndTheSessionCookieThenServesTheApi() throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> login = signIn(http, "officer.hanoi");
        assertThat(login.statusCode()).isEqualTo(302);
        assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/staff/persons");

        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/registry/persons?name=nguyen")).header("X-Purpose", "session").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/registry/births")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).as("a cookie-only POST without CSRF token").isEqualTo(403);
        assertThat(forged.body()).contains("CSRF_TOKEN_REQUIRED");
    }

    @Test
    void basicCallsOpenNoSessionButAnExplicitSessionServesLaterCalls() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("officer.hanoi:dancu-demo".getBytes());
        HttpResponse<String> plain = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/registry/persons?name=nguyen")).header("Authorization", basic).header("X-Purpose", "x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(plain.headers().firstValue("Set-Cookie")).as("no session per Basic call").isEmpty();

        HttpResponse<String> opened = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/session"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(opened.statusCode()).isEqualTo(201);
        assertThat(opened.body()).contains("\"role\":\"PROVINCE_OFFICER\"");
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> withCookie = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/registry/persons?name=nguyen")).header("Cookie", cookie).header("X-Purpose", "x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(withCookie.statusCode()).isEqualTo(200);
        // a change with the cookie alone needs the session's CSRF token, which opening the session returned
        String csrf = vn.dancu.Api.JSON.readTree(opened.body()).path("csrfToken").asString();
        HttpRequest.Builder change = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/applications"))
                .header("Cookie", cookie).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(http.send(change.build(), HttpResponse.BodyHandlers.ofString()).body()).contains("CSRF_TOKEN_REQUIRED");
        HttpResponse<String> withToken = http.send(change.header("X-CSRF-TOKEN", csrf).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(400); // past the CSRF check: an empty application

        HttpResponse<String> closed = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/session"))
                .header("Authorization", basic).header("Cookie", cookie).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(closed.statusCode()).isEqualTo(204);
        HttpResponse<String> afterClose = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/v1/registry/persons?name=nguyen")).header("Cookie", cookie).header("X-Purpose", "x").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(afterClose.statusCode()).isEqualTo(401);
    }

    /** An API client with arbitrary credentials. */
    record ApiFor(int port, String username, String password) {
        Api api() {
            return vn.dancu.TestApis.of(port, username, password);
        }
    }
}
