package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.MovableClock;
import vn.dancu.OperatedIntegrationTest;
import vn.dancu.eid.Browser;
import vn.dancu.platform.Totp;

/**
 * Staff second factors outside demo mode: the first login enrols an authenticator app, every later
 * login uses it; wrong codes are refused and counted; HTTP Basic is refused; an API session takes
 * password and code; a staff application's token comes only after the second step and says so in
 * its amr; an administrator resets a lost factor, with a reason, recorded.
 */
class StaffSecondFactorTest extends OperatedIntegrationTest {

    private static final String PASSWORD = "a-long-enough-password";
    private static final String REDIRECT = "https://staff-app.example.vn/callback";

    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;

    /** The step of the platform's clock at the test's start, moved to the start of a step so that three codes in a row fit. */
    long step;

    @BeforeEach
    void startOfAStep() {
        step = Instant.now().getEpochSecond() / Totp.STEP_SECONDS + 1;
        clock.moveTo(Instant.ofEpochSecond(step * Totp.STEP_SECONDS + 1));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void theFirstLoginEnrolsAnAuthenticatorAppAndEveryLaterLoginUsesIt() {
        String officer = newAccount("so.officer", StaffRole.CENTRAL_OFFICER);
        Browser browser = new Browser(port);
        Browser.Page landed = login(browser, officer);
        assertThat(landed.location()).endsWith("/staff/persons");
        Browser.Page held = browser.get(landed.location());
        assertThat(held.location()).as("a page before the second step").endsWith("/login/second-factor");
        assertThat(browser.getJson("/api/v1/registry/persons?name=an").body()).as("the API before the second step")
                .contains("SECOND_FACTOR_REQUIRED");

        Browser.Page enrol = browser.get(held.location());
        assertThat(enrol.body()).contains("Thiết lập xác thực bước hai").contains("data:image/svg+xml;base64,");
        String secret = secretOn(enrol);
        assertThat(browser.post("/login/second-factor", "_csrf", enrol.csrf(), "code", "000000").body())
                .as("a wrong code").contains("Mã không đúng");
        assertThat(failedLogins(officer)).as("counted like a wrong password").isEqualTo(1);
        Browser.Page done = browser.post("/login/second-factor", "_csrf", enrol.csrf(), "code", code(secret, -1));
        assertThat(done.location()).as("back where the login was going").contains("/staff/persons");
        assertThat(browser.get("/staff/persons").status()).isEqualTo(200);
        assertThat(failedLogins(officer)).isZero();
        assertThat(browser.get("/staff/account/security").body()).contains("Cài đặt ứng dụng xác thực");

        Browser next = new Browser(port);
        Browser.Page again = next.get(next.get(login(next, officer).location()).location());
        assertThat(again.body()).as("the next login asks for a code, shows no new key").contains("Xác thực bước hai")
                .doesNotContain("totp-secret");
        Browser.Page addKey = next.post("/staff/account/passkeys/options", "_csrf", again.csrf());
        assertThat(addKey.location()).as("a password alone adds no factor to an account that has one")
                .endsWith("/login/second-factor");
        assertThat(next.post("/login/second-factor", "_csrf", again.csrf(), "code", code(secret, -1)).body())
                .as("a code works once").contains("Mã không đúng");
        assertThat(next.post("/login/second-factor", "_csrf", again.csrf(), "code", code(secret, 0)).location())
                .contains("/staff/persons");
        assertThat(next.getJson("/api/v1/registry/persons?name=an").body()).as("past the gate: only the purpose is missing")
                .doesNotContain("SECOND_FACTOR_REQUIRED").contains("PURPOSE_REQUIRED");
        Browser.Page security = next.get("/staff/account/security");
        assertThat(next.post("/staff/account/security/totp/remove", "_csrf", security.csrf()).body())
                .as("outside demo mode the last factor stays").contains("Cần giữ ít nhất một cách xác thực bước hai");
        assertThat(events(officer)).containsExactly("TOTP_ENROLLED");
    }

    @Test
    void wrongCodesLockTheAccountLikeWrongPasswords() {
        String officer = newAccount("so.locked", StaffRole.CENTRAL_OFFICER);
        Browser browser = new Browser(port);
        Browser.Page enrol = browser.get(browser.get(login(browser, officer).location()).location());
        String secret = secretOn(enrol);
        browser.post("/login/second-factor", "_csrf", enrol.csrf(), "code", code(secret, -1));

        Browser guesser = new Browser(port);
        Browser.Page step2 = guesser.get(guesser.get(login(guesser, officer).location()).location());
        for (int i = 0; i < 4; i++) {
            assertThat(guesser.post("/login/second-factor", "_csrf", step2.csrf(), "code", "123456").status()).isEqualTo(200);
        }
        Browser.Page locked = guesser.post("/login/second-factor", "_csrf", step2.csrf(), "code", "123456");
        assertThat(locked.location()).as("the fifth wrong code locks and ends the login").endsWith("/login?error");
        assertThat(jdbc.sql("select locked_until > now() from identity.staff_account where username = ?").param(officer)
                .query(Boolean.class).single()).isTrue();
        Browser later = new Browser(port);
        assertThat(login(later, officer).location()).as("even the right password").endsWith("/login?error");
    }

    @Test
    void basicIsRefusedOutsideDemoModeAndAnApiSessionTakesPasswordAndCode() throws Exception {
        String officer = newAccount("so.api", StaffRole.CENTRAL_OFFICER);
        Api.Response basic = new StaffLoginTest.ApiFor(port, officer, PASSWORD).api().get("/api/v1/registry/persons?name=an");
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.headers()).doesNotContainKey("www-authenticate");
        assertThat(basic.text("detail")).contains("one-time code").doesNotContain("HTTP Basic");

        assertThat(session(Map.of("username", officer, "password", PASSWORD, "code", "123456")).statusCode())
                .as("no factor enrolled yet: the pages enrol it first").isEqualTo(403);
        String secret = enrolByPages(officer);

        HttpResponse<String> noCode = session(Map.of("username", officer, "password", PASSWORD));
        assertThat(noCode.statusCode()).isEqualTo(400);
        assertThat(noCode.body()).contains("\"field\":\"code\"").contains("REQUIRED");
        assertThat(session(Map.of("username", officer, "password", PASSWORD, "code", "12ab")).body()).contains("INVALID_FORMAT");
        HttpResponse<String> wrongCode = session(Map.of("username", officer, "password", PASSWORD, "code", "000000"));
        HttpResponse<String> wrongPassword = session(Map.of("username", officer, "password", "not-it", "code", code(secret, 0)));
        assertThat(wrongCode.statusCode()).isEqualTo(401);
        assertThat(wrongPassword.statusCode()).isEqualTo(401);
        assertThat(code(wrongCode)).isEqualTo("UNAUTHENTICATED").isEqualTo(code(wrongPassword));
        assertThat(failedLogins(officer)).isEqualTo(2);
        assertThat(session(Map.of("username", officer)).statusCode()).isEqualTo(400);
        assertThat(post("/api/v1/auth/session", "application/json", "{not json").statusCode()).isEqualTo(400);

        HttpResponse<String> opened = session(Map.of("username", officer, "password", PASSWORD, "code", code(secret, 0)));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons?name=an"))
                .header("Cookie", cookie).header("X-Purpose", "Kiem thu").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        assertThat(session(Map.of("username", officer, "password", PASSWORD, "code", code(secret, 0))).statusCode())
                .as("the same code again").isEqualTo(401);
    }

    @Test
    void anAdministratorResetsALostFactorWithAReasonAndTheNextLoginEnrolsAgain() throws Exception {
        String admin = newAccount("so.admin", StaffRole.ADMIN);
        String officer = newAccount("so.lost", StaffRole.CENTRAL_OFFICER);
        String adminSecret = enrolByPages(admin);
        String officerSecret = enrolByPages(officer);
        String cookie = sessionCookie(admin, code(adminSecret, 0));
        String officerCookie = sessionCookie(officer, code(officerSecret, 0));
        assertThat(call("GET", "/api/v1/admin/staff-changes", officerCookie, "-", null).statusCode()).as("signed in").isEqualTo(403);
        String csrf = csrfOf(cookie);

        HttpResponse<String> noReason = call("DELETE", "/api/v1/admin/staff/" + officer + "/second-factors", cookie, csrf, "{}");
        assertThat(noReason.statusCode()).isEqualTo(400);
        assertThat(noReason.body()).contains("\"field\":\"reason\"");
        assertThat(call("DELETE", "/api/v1/admin/staff/nobody.here/second-factors", cookie, csrf, "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/admin/staff/" + admin + "/second-factors", cookie, csrf, "{\"reason\":\"x\"}").body())
                .contains("OWN_SECOND_FACTORS");
        HttpResponse<String> reset = call("DELETE", "/api/v1/admin/staff/" + officer + "/second-factors", cookie, csrf,
                "{\"reason\":\"Mất điện thoại, phiếu yêu cầu số 12\"}");
        assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
        assertThat(reset.body()).contains("\"removed\":1");
        assertThat(call("GET", "/api/v1/admin/staff-changes", officerCookie, "-", null).statusCode())
                .as("whoever holds the lost factor is signed out at once").isEqualTo(401);
        assertThat(call("GET", "/api/v1/admin/staff/" + officer + "/changes", cookie, csrf, null).body())
                .as("in the staff change log").contains("SECOND_FACTORS_RESET").contains("Mất điện thoại, phiếu yêu cầu số 12");

        HttpResponse<String> history = call("GET", "/api/v1/admin/staff/" + officer + "/second-factors", cookie, csrf, null);
        JsonNode body = Api.JSON.readTree(history.body());
        assertThat(body.path("totp").asBoolean()).isFalse();
        JsonNode last = body.path("history").get(body.path("history").size() - 1);
        assertThat(last.path("event").asString()).isEqualTo("RESET");
        assertThat(last.path("actor").asString()).isEqualTo(admin);
        assertThat(last.path("reason").asString()).isEqualTo("Mất điện thoại, phiếu yêu cầu số 12");
        assertThat(jdbc.sql("select count(*) from identity.staff_factor_event where event = 'RESET'").query(Integer.class).single())
                .isEqualTo(1);

        Browser browser = new Browser(port);
        Browser.Page step2 = browser.get(browser.get(login(browser, officer).location()).location());
        assertThat(step2.body()).as("the next login enrols a new factor").contains("totp-secret");
        assertThat(new StaffLoginTest.ApiFor(port, officer, PASSWORD).api().delete("/api/v1/admin/staff/" + admin + "/second-factors")
                .status()).as("no Basic, and no reset by a non-administrator").isEqualTo(401);
    }

    @Test
    void aStaffApplicationsTokenComesAfterTheSecondStepAndNamesItsFactors() throws Exception {
        String admin = newAccount("so.rp.admin", StaffRole.ADMIN);
        String officer = newAccount("so.rp.officer", StaffRole.CENTRAL_OFFICER);
        String adminSecret = enrolByPages(admin);
        String cookie = sessionCookie(admin, code(adminSecret, 0));
        HttpResponse<String> created = call("POST", "/api/v1/admin/relying-parties", cookie, csrfOf(cookie), Api.JSON.writeValueAsString(
                Map.of("clientId", "staff-app-2fa", "name", "Phần mềm một cửa (thử)", "kind", "STAFF_APP",
                        "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"),
                        "purpose", "Tiếp nhận hồ sơ", "sector", "staff")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String clientSecret = Api.JSON.readTree(created.body()).path("secret").asString();

        Browser browser = new Browser(port);
        String authorize = "/oauth2/authorize?response_type=code&client_id=staff-app-2fa&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&nonce=n1";
        Browser.Page toLogin = browser.get(authorize);
        assertThat(toLogin.location()).endsWith("/login");
        Browser.Page form = browser.get(toLogin.location());
        Browser.Page afterPassword = browser.post("/login", "_csrf", form.csrf(), "username", officer, "password", PASSWORD);
        Browser.Page held = browser.get(afterPassword.location());
        assertThat(held.location()).as("no code for the application before the second step").endsWith("/login/second-factor");
        Browser.Page enrol = browser.get(held.location());
        Browser.Page back = browser.post("/login/second-factor", "_csrf", enrol.csrf(), "code", code(secretOn(enrol), -1));
        assertThat(back.location()).contains("/oauth2/authorize");
        Browser.Page toApp = browser.get(back.location());
        assertThat(toApp.location()).startsWith(REDIRECT);
        String authorizationCode = toApp.location().replaceAll(".*[?&]code=([^&]+).*", "$1");

        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("staff-app-2fa:" + clientSecret).getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + authorizationCode + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String accessToken = Api.JSON.readTree(token.body()).path("access_token").asString();
        String claims = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
        assertThat(Api.JSON.readTree(claims).path("amr").toString()).isEqualTo("[\"pwd\",\"otp\",\"mfa\"]");
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons?name=an"))
                .header("Authorization", "Bearer " + accessToken).header("X-Purpose", "Kiem thu").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    // --- fixtures

    private String newAccount(String username, StaffRole role) {
        accounts.create(new StaffAccounts.NewAccount(username, PASSWORD, "Cán bộ " + username, role, null));
        return username;
    }

    private Browser.Page login(Browser browser, String username) {
        Browser.Page form = browser.get("/login");
        return browser.post("/login", "_csrf", form.csrf(), "username", username, "password", PASSWORD);
    }

    /** The first login through the pages, confirming the app with the step before this one; returns the app's key. */
    private String enrolByPages(String username) {
        Browser browser = new Browser(port);
        Browser.Page enrol = browser.get(browser.get(login(browser, username).location()).location());
        String secret = secretOn(enrol);
        assertThat(browser.post("/login/second-factor", "_csrf", enrol.csrf(), "code", code(secret, -1)).status()).isEqualTo(302);
        return secret;
    }

    private static String secretOn(Browser.Page page) {
        Matcher m = Pattern.compile("id=\"totp-secret\">([A-Z2-7]+)<").matcher(page.body());
        assertThat(m.find()).as("the key is shown").isTrue();
        return m.group(1);
    }

    private String code(String secret, int offset) {
        return Totp.code(Totp.fromBase32(secret), step + offset);
    }

    private int failedLogins(String username) {
        return jdbc.sql("select failed_logins from identity.staff_account where username = ?").param(username).query(Integer.class).single();
    }

    private List<String> events(String username) {
        return jdbc.sql("""
                        select e.event from identity.staff_factor_event e join identity.staff_account a on a.id = e.staff_id
                        where a.username = ? order by e.id""").param(username).query(String.class).list();
    }

    private String base() {
        return "http://localhost:" + port;
    }

    private HttpResponse<String> session(Map<String, String> body) throws Exception {
        return post("/api/v1/auth/session", "application/json", Api.JSON.writeValueAsString(body));
    }

    private HttpResponse<String> post(String path, String type, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base() + path)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String code(HttpResponse<String> response) {
        return Api.JSON.readTree(response.body()).path("code").asString();
    }

    private final Map<String, String> csrfTokens = new java.util.HashMap<>();

    private String sessionCookie(String username, String code) throws Exception {
        HttpResponse<String> opened = session(Map.of("username", username, "password", PASSWORD, "code", code));
        assertThat(opened.statusCode()).as(opened.body()).isEqualTo(201);
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        csrfTokens.put(cookie, Api.JSON.readTree(opened.body()).path("csrfToken").asString());
        return cookie;
    }

    private String csrfOf(String cookie) {
        return csrfTokens.get(cookie);
    }

    private HttpResponse<String> call(String method, String path, String cookie, String csrf, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).header("Cookie", cookie)
                .header("X-CSRF-TOKEN", csrf).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
