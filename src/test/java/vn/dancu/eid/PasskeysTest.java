package vn.dancu.eid;

import vn.dancu.platform.Totp;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.MovableClock;

/**
 * Citizens' passkeys over HTTP, with a software authenticator: who may add one and when, what a
 * passkey login gives (and does not give), and every malformed or replayed answer refused with a
 * problem, never a 500.
 */
class PasskeysTest extends IntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String KEY = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";
    private static final String BINH = "030178862050";
    private static final String REDIRECT = "https://rp.example.vn/passkeys";
    private static final String VERIFIER = "pk-verifier-of-the-passkey-test-0123456789abcdef";

    @Autowired
    CitizenAccounts citizens;
    @Autowired
    OutboxSmsGateway outbox;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;

    record Citizen(String personalId, String phone, long accountId) {
    }

    // --- fixtures

    /** A person of Hà Nội with a level-2 account, password dancu-demo and an authenticator app with {@link #KEY}. */
    private Citizen level2() {
        int n = SEQUENCE.incrementAndGet();
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Trần Khóa Truy Cập",
                "gender", "MALE", "dateOfBirth", "1988-02-" + String.format("%02d", 1 + n % 28), "placeOfBirth", "Hà Nội",
                "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        String phone = String.format("08%08d", 30_000_000 + n * 6421);
        citizens.createDemoAccount(personalId, 2, phone, "dancu-demo", KEY);
        long id = jdbc.sql("select id from eid.citizen_account where personal_id = ?").param(personalId).query(Long.class).single();
        return new Citizen(personalId, phone, id);
    }

    private String origin() {
        return "http://localhost:" + port;
    }

    /** Password and the app's code of this moment (the platform's clock), then the account page. */
    private Browser loggedIn(Citizen citizen, int stepsAhead) {
        Browser browser = new Browser(port);
        Browser.Page form = browser.get("/eid/login");
        assertThat(browser.post("/eid/login", "_csrf", form.csrf(), "personalId", citizen.personalId(), "password", "dancu-demo")
                .location()).endsWith("/eid/login/factor");
        Browser.Page factor = browser.get("/eid/login/factor");
        assertThat(browser.post("/eid/login/factor", "_csrf", factor.csrf(), "code", code(stepsAhead)).location()).endsWith("/eid/account");
        return browser;
    }

    private String code(int stepsAhead) {
        return Totp.code(Totp.fromBase32(KEY), clock.instant().getEpochSecond() / 30 + stepsAhead);
    }

    private static JsonNode json(Browser.Page page) {
        return Api.JSON.readTree(page.body().isBlank() ? "{}" : page.body());
    }

    /** Adds a passkey as the account page's script does; returns the answer to the registration. */
    private Browser.Page add(Browser browser, SoftwareAuthenticator key, String label) {
        String csrf = browser.get("/eid/account").csrf();
        Browser.Page options = browser.postJson(PasskeyCeremonies.REGISTER_OPTIONS, csrf, "");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return browser.postJson(PasskeyCeremonies.REGISTER, csrf, Api.JSON.writeValueAsString(key.create(json(options), label)));
    }

    /** Logs in with the passkey alone, as the login page's script does. */
    private Browser.Page passkeyLogin(Browser browser, SoftwareAuthenticator key) {
        String csrf = browser.get("/eid/login").csrf();
        Browser.Page options = browser.postJson(PasskeyCeremonies.AUTHENTICATE_OPTIONS, csrf, "");
        assertThat(options.status()).as(options.body()).isEqualTo(200);
        return browser.postJson(PasskeyCeremonies.LOGIN, csrf, Api.JSON.writeValueAsString(key.get(json(options))));
    }

    private String lastSessionAcr(Citizen citizen) {
        return jdbc.sql("select acr from eid.citizen_session where account_id = ? order by created_at desc, id limit 1")
                .param(citizen.accountId()).query(String.class).single();
    }

    private List<String> events(Citizen citizen) {
        return jdbc.sql("select type from eid.account_event where account_id = ? order by id").param(citizen.accountId())
                .query(String.class).list();
    }

    // --- adding

    @Test
    void aLevelTwoCitizenAddsAPasskeyRightAfterLoggingInAndThenLogsInWithItAloneAtLevelTwo() {
        Citizen citizen = level2();
        Browser browser = loggedIn(citizen, 0);
        Browser.Page account = browser.get("/eid/account");
        assertThat(account.body()).contains("id=\"passkey-add\"", "/js/passkeys.js");

        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        Browser.Page added = add(browser, key, "  Điện thoại   của tôi ");
        assertThat(added.status()).as(added.body()).isEqualTo(201);
        assertThat(json(added).path("label").asString()).isEqualTo("Điện thoại của tôi");
        assertThat(new String(key.userHandle(), StandardCharsets.ISO_8859_1)).doesNotContain(citizen.personalId());
        assertThat(key.userHandle()).hasSize(32);
        assertThat(jdbc.sql("select user_handle from eid.passkey_user where account_id = ?").param(citizen.accountId())
                .query(byte[].class).single()).isEqualTo(key.userHandle());
        assertThat(events(citizen)).contains("PASSKEY_ADDED");
        assertThat(outbox.latest(20)).anyMatch(m -> m.phone().equals(citizen.phone()) && m.body().contains("passkey"));
        assertThat(browser.get("/eid/account").body()).contains("Điện thoại của tôi", "Chưa dùng");

        Browser other = new Browser(port);
        Browser.Page login = passkeyLogin(other, key);
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        assertThat(json(login).path("redirectUrl").asString()).isEqualTo("/eid/account");
        assertThat(lastSessionAcr(citizen)).isEqualTo("urn:dancu:loa:2");
        Browser.Page page = other.get("/eid/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains(citizen.personalId()).doesNotContain("Chưa dùng");
        assertThat(jdbc.sql("select signature_count from eid.passkey where account_id = ?").param(citizen.accountId())
                .query(Long.class).single()).isEqualTo(1L);

        assertThat(passkeyLogin(new Browser(port), key).status()).as("the key logs in again, with new options").isEqualTo(200);
        assertThat(jdbc.sql("select signature_count from eid.passkey where account_id = ?").param(citizen.accountId())
                .query(Long.class).single()).isEqualTo(2L);
    }

    @Test
    void aLevelOneCitizenCannotAddAPasskey() {
        Browser browser = new Browser(port);
        Browser.Page form = browser.get("/eid/login");
        assertThat(browser.post("/eid/login", "_csrf", form.csrf(), "personalId", BINH, "password", "dancu-demo").location())
                .endsWith("/eid/account");
        Browser.Page account = browser.get("/eid/account");
        assertThat(account.body()).contains("Chỉ tài khoản mức 2 mới thêm được khóa truy cập").doesNotContain("id=\"passkey-add\"");
        Browser.Page refused = browser.postJson(PasskeyCeremonies.REGISTER_OPTIONS, account.csrf(), "");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(json(refused).path("code").asString()).isEqualTo("LEVEL_2_REQUIRED");
        Browser.Page confirm = browser.post("/eid/account/passkeys/confirm", "_csrf", account.csrf());
        assertThat(confirm.location()).as("no second factor to give: back to the account").endsWith("/eid/account#passkeys");
    }

    @Test
    void aSessionOlderThanFiveMinutesCannotAddAPasskeyUntilTheSecondFactorIsGivenAgain() {
        Citizen citizen = level2();
        Browser browser = loggedIn(citizen, 0);
        try {
            clock.moveTo(Instant.now().plus(Duration.ofMinutes(6)));
            Browser.Page account = browser.get("/eid/account");
            assertThat(account.body()).contains("/eid/account/passkeys/confirm").doesNotContain("id=\"passkey-add\"");
            Browser.Page stale = browser.postJson(PasskeyCeremonies.REGISTER_OPTIONS, account.csrf(), "");
            assertThat(stale.status()).isEqualTo(403);
            assertThat(json(stale).path("code").asString()).isEqualTo("REAUTHENTICATION_REQUIRED");

            Browser.Page confirm = browser.post("/eid/account/passkeys/confirm", "_csrf", account.csrf());
            assertThat(confirm.location()).endsWith("/eid/login/factor?reauth");
            Browser.Page factor = browser.get("/eid/login/factor?reauth");
            assertThat(factor.body()).contains("để thêm khóa truy cập");
            Browser.Page back = browser.post("/eid/login/factor", "_csrf", factor.csrf(), "code", code(0));
            assertThat(back.location()).endsWith("/eid/account#passkeys");
            Browser.Page added = add(browser, new SoftwareAuthenticator(origin()), "Máy tính");
            assertThat(added.status()).as(added.body()).isEqualTo(201);
        } finally {
            clock.reset();
        }
    }

    @Test
    void aPasskeyWithoutUserVerificationOrForAnotherOriginIsNotAdded() {
        Citizen citizen = level2();
        Browser browser = loggedIn(citizen, 0);
        SoftwareAuthenticator noVerification = new SoftwareAuthenticator(origin());
        noVerification.flags = SoftwareAuthenticator.UP;
        Browser.Page refused = add(browser, noVerification, "Khóa không xác minh");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(json(refused).path("code").asString()).isEqualTo("PASSKEY_NOT_ACCEPTED");
        Browser.Page phishing = add(browser, new SoftwareAuthenticator("https://dancu-gov.example"), "Trang giả");
        assertThat(phishing.status()).isEqualTo(400);
        assertThat(json(phishing).path("code").asString()).isEqualTo("PASSKEY_NOT_ACCEPTED");
        Browser.Page badName = add(browser, new SoftwareAuthenticator(origin()), "<script>");
        assertThat(badName.status()).isEqualTo(400);
        assertThat(json(badName).path("errors").get(0).path("code").asString()).isEqualTo("LABEL_INVALID");
        assertThat(jdbc.sql("select count(*) from eid.passkey where account_id = ?").param(citizen.accountId())
                .query(Integer.class).single()).isZero();
    }

    // --- malformed and replayed answers

    @Test
    void malformedOrReplayedCeremoniesAreRefusedWithAProblemAndNever500() {
        Citizen citizen = level2();
        Browser browser = loggedIn(citizen, 0);
        String csrf = browser.get("/eid/account").csrf();
        Browser.Page noOptions = browser.postJson(PasskeyCeremonies.REGISTER, csrf, Api.JSON.writeValueAsString(
                new SoftwareAuthenticator(origin()).create(Api.JSON.readTree("{\"challenge\":\"AAAA\",\"rp\":{\"id\":\"localhost\"},"
                        + "\"user\":{\"id\":\"AAAAAAAAAAAAAAAAAAAAAA\"}}"), "Khóa")));
        assertThat(noOptions.status()).as(noOptions.body()).isEqualTo(409);
        assertThat(json(noOptions).path("code").asString()).isEqualTo("PASSKEY_OPTIONS_EXPIRED");
        List<String> bodies = List.of("", "not json", "[]", "{}", "null", "{\"label\":\"x\"}", "{\"label\":\"x\",\"credential\":{}}",
                "{\"label\":\"x\",\"credential\":{\"id\":\"AA\",\"rawId\":\"!!!\",\"response\":{}}}",
                "{\"label\":\"x\",\"credential\":{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"type\":\"public-key\",\"response\":"
                        + "{\"attestationObject\":\"AAAA\",\"clientDataJSON\":\"AAAA\"}}}",
                "{\"label\":" + "9".repeat(400) + "}", "{\"label\":\"" + "x".repeat(70_000) + "\"}");
        for (String body : bodies) {
            browser.postJson(PasskeyCeremonies.REGISTER_OPTIONS, csrf, "");
            Browser.Page answer = browser.postJson(PasskeyCeremonies.REGISTER, csrf, body);
            assertThat(answer.status()).as(body.length() > 100 ? body.substring(0, 100) : body).isBetween(400, 499);
            assertThat(json(answer).path("code").asString()).as(body.length() > 100 ? body.substring(0, 100) : body).isNotBlank();
        }
        Browser.Page noCsrf = browser.postJson(PasskeyCeremonies.REGISTER_OPTIONS, null, "");
        assertThat(noCsrf.status()).isEqualTo(403);
        assertThat(json(noCsrf).path("code").asString()).isEqualTo("CSRF_TOKEN_REQUIRED");

        Browser stranger = new Browser(port);
        String strangerCsrf = stranger.get("/eid/login").csrf();
        Browser.Page anonymous = stranger.postJson(PasskeyCeremonies.REGISTER_OPTIONS, strangerCsrf, "");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(json(anonymous).path("code").asString()).isEqualTo("UNAUTHENTICATED");
        for (String body : List.of("", "garbage", "{}", "{\"rawId\":\"%%%\"}", "{\"id\":\"AAAA\",\"rawId\":\"AAAA\",\"response\":"
                + "{\"authenticatorData\":\"AAAA\",\"clientDataJSON\":\"AAAA\",\"signature\":\"AAAA\"}}")) {
            stranger.postJson(PasskeyCeremonies.AUTHENTICATE_OPTIONS, strangerCsrf, "");
            Browser.Page answer = stranger.postJson(PasskeyCeremonies.LOGIN, strangerCsrf, body);
            assertThat(answer.status()).as(body).isBetween(400, 499);
            assertThat(json(answer).path("code").asString()).as(body).isNotBlank();
        }

        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(loggedIn(citizen, 1), key, "Khóa thật").status()).isEqualTo(201);
        Browser.Page options = stranger.postJson(PasskeyCeremonies.AUTHENTICATE_OPTIONS, strangerCsrf, "");
        Map<String, Object> assertion = key.get(json(options));
        assertThat(stranger.postJson(PasskeyCeremonies.LOGIN, strangerCsrf, Api.JSON.writeValueAsString(assertion)).status())
                .isEqualTo(200);
        Browser thief = new Browser(port);
        String thiefCsrf = thief.get("/eid/login").csrf();
        thief.postJson(PasskeyCeremonies.AUTHENTICATE_OPTIONS, thiefCsrf, "");
        Browser.Page replay = thief.postJson(PasskeyCeremonies.LOGIN, thiefCsrf, Api.JSON.writeValueAsString(assertion));
        assertThat(replay.status()).as("an answer to another session's challenge").isEqualTo(401);
        assertThat(json(replay).path("code").asString()).isEqualTo("PASSKEY_NOT_ACCEPTED");
    }

    // --- what a passkey login gives

    @Test
    void aRemovedPasskeyNoLongerLogsIn() {
        Citizen citizen = level2();
        Browser browser = loggedIn(citizen, 0);
        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(browser, key, "Điện thoại cũ").status()).isEqualTo(201);
        long id = jdbc.sql("select id from eid.passkey where account_id = ?").param(citizen.accountId()).query(Long.class).single();

        Browser.Page confirm = browser.get("/eid/account/passkeys/" + id + "/remove");
        assertThat(confirm.body()).contains("Điện thoại cũ", "Xóa khóa này");
        Browser.Page noToken = browser.post("/eid/account/passkeys/" + id + "/remove");
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(new Browser(port).get("/eid/account/passkeys/" + id + "/remove").location()).as("someone else").endsWith("/eid/login");
        Browser.Page removed = browser.post("/eid/account/passkeys/" + id + "/remove", "_csrf", confirm.csrf());
        assertThat(removed.location()).endsWith("/eid/account?notice=passkeyRemoved#passkeys");
        assertThat(browser.get("/eid/account?notice=passkeyRemoved").body()).contains("Đã xóa khóa truy cập").doesNotContain("Điện thoại cũ</td>");
        assertThat(events(citizen)).contains("PASSKEY_REMOVED");
        assertThat(browser.post("/eid/account/passkeys/" + id + "/remove", "_csrf", confirm.csrf()).status()).isEqualTo(404);

        Browser.Page login = passkeyLogin(new Browser(port), key);
        assertThat(login.status()).isEqualTo(401);
        assertThat(json(login).path("code").asString()).isEqualTo("PASSKEY_NOT_RECOGNISED");
    }

    @Test
    void aPasskeyDoesNotGiveLevelTwoToAnAccountNoLongerAtLevelTwoNorOpenASuspendedOne() {
        Citizen citizen = level2();
        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(loggedIn(citizen, 0), key, "Điện thoại").status()).isEqualTo(201);

        jdbc.sql("update eid.citizen_account set level = 1 where id = ?").param(citizen.accountId()).update();
        Browser downgraded = new Browser(port);
        assertThat(passkeyLogin(downgraded, key).status()).isEqualTo(200);
        assertThat(lastSessionAcr(citizen)).isEqualTo("urn:dancu:loa:1");
        Browser.Page account = downgraded.get("/eid/account");
        assertThat(account.body()).contains("Chỉ tài khoản mức 2 mới thêm được khóa truy cập");
        assertThat(downgraded.postJson(PasskeyCeremonies.REGISTER_OPTIONS, account.csrf(), "").status()).isEqualTo(403);

        jdbc.sql("update eid.citizen_account set level = 2, state = 'SUSPENDED' where id = ?").param(citizen.accountId()).update();
        Browser.Page suspended = passkeyLogin(new Browser(port), key);
        assertThat(suspended.status()).isEqualTo(403);
        assertThat(json(suspended).path("code").asString()).isEqualTo("ACCOUNT_SUSPENDED");
        jdbc.sql("update eid.citizen_account set state = 'ACTIVE', locked_until = now() + interval '10 minutes' where id = ?")
                .param(citizen.accountId()).update();
        assertThat(json(passkeyLogin(new Browser(port), key)).path("code").asString()).isEqualTo("ACCOUNT_LOCKED");
    }

    @Test
    void aPasskeyLoginResumesTheRelyingPartysRequestForLevelTwoAndTheIdTokenSaysHow() throws Exception {
        String clientId = "passkey-rp-" + SEQUENCE.incrementAndGet();
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Cổng thử khóa truy cập", "kind", "RELYING_PARTY", "confidential", true,
                "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"),
                "claims", List.of(), "acrValues", List.of("urn:dancu:loa:1", "urn:dancu:loa:2"), "purpose", "Kiểm thử khóa truy cập",
                "sector", "gov.passkeys"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Citizen citizen = level2();
        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(loggedIn(citizen, 0), key, "Điện thoại").status()).isEqualTo(201);

        Browser browser = new Browser(port);
        String authorize = "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=st-pk&nonce=n-pk&acr_values="
                + URLEncoder.encode("urn:dancu:loa:2", StandardCharsets.UTF_8) + "&code_challenge="
                + Base64.getUrlEncoder().withoutPadding().encodeToString(java.security.MessageDigest.getInstance("SHA-256")
                .digest(VERIFIER.getBytes(StandardCharsets.US_ASCII))) + "&code_challenge_method=S256";
        assertThat(browser.get(authorize).location()).endsWith("/eid/login");
        Browser.Page login = passkeyLogin(browser, key);
        String next = json(login).path("redirectUrl").asString();
        // as after a password: the request as the relying party asked it (Spring's request cache marks it with "continue")
        assertThat(next).as("the pending request, as the relying party asked").contains(authorize + "&continue");

        Browser.Page page = browser.get(next);
        for (int i = 0; i < 5 && page.location() != null && !page.location().startsWith(REDIRECT); i++) {
            String to = page.location();
            Browser.Page consent = browser.get(to);
            page = to.contains("/oauth2/consent")
                    ? browser.post("/oauth2/authorize", "_csrf", consent.csrf(), "client_id", clientId, "state",
                    consent.field("state"), "scope", "openid")
                    : consent;
        }
        assertThat(page.location()).as(page.body()).startsWith(REDIRECT);
        String code = Browser.query(page.location()).get("code");
        HttpResponse<String> token = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + created.text("secret"))
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&code_verifier=" + VERIFIER)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String idToken = Api.JSON.readTree(token.body()).path("id_token").asString();
        JsonNode claims = Api.JSON.readTree(Base64.getUrlDecoder().decode(idToken.split("\\.")[1]));
        assertThat(claims.path("acr").asString()).isEqualTo("urn:dancu:loa:2");
        assertThat(claims.path("amr").toString()).isEqualTo("[\"hwk\",\"user\",\"mfa\"]");
    }

    @Test
    void credentialsResetAtTheCounterWithANewPhoneRemoveThePasskeysToo() {
        Citizen citizen = level2();
        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(loggedIn(citizen, 0), key, "Điện thoại bị mất").status()).isEqualTo(201);
        Api.Response reset = api("officer.hanoi").purpose("Kích hoạt lại tài khoản mức 2").post("/api/v1/eid/accounts/"
                + citizen.personalId() + "/level2", Api.map("evidenceRef", "Biên bản số 12/PK", "phone", "0387654321"));
        assertThat(reset.status()).as(reset.body().toString()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from eid.passkey where account_id = ?").param(citizen.accountId())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select actor from eid.account_event where account_id = ? and type = 'PASSKEYS_REMOVED'")
                .param(citizen.accountId()).query(String.class).single()).isEqualTo("officer.hanoi");
        assertThat(json(passkeyLogin(new Browser(port), key)).path("code").asString()).isEqualTo("PASSKEY_NOT_RECOGNISED");
    }

    // --- recovery

    @Test
    void recoveryKeepsThePasskeysAndTellsTheCitizenOnThePageAndBySms() {
        Citizen citizen = level2();
        SoftwareAuthenticator key = new SoftwareAuthenticator(origin());
        assertThat(add(loggedIn(citizen, 0), key, "Điện thoại").status()).isEqualTo(201);

        Browser browser = new Browser(port);
        Browser.Page start = browser.get("/eid/recover");
        browser.post("/eid/recover", "_csrf", start.csrf(), "personalId", citizen.personalId());
        String sms = outbox.latest(50).stream().filter(m -> m.phone().equals(citizen.phone()) && m.body().contains("khoi phuc"))
                .findFirst().orElseThrow().body();
        Browser.Page reset = browser.get("/eid/recover/reset");
        Browser.Page done = browser.post("/eid/recover/reset", "_csrf", reset.csrf(), "code", sms.replaceAll(".*la (\\d{6}).*", "$1"),
                "password", "mây trắng bay trên núi", "passwordConfirmation", "mây trắng bay trên núi");
        assertThat(done.location()).endsWith("/eid/login?notice=recoveredWithPasskeys");
        assertThat(browser.get(done.location()).body()).contains("khóa truy cập (passkey) của tài khoản vẫn dùng được");
        assertThat(outbox.latest(5)).anyMatch(m -> m.phone().equals(citizen.phone()) && m.body().contains("1 khoa truy cap (passkey)"));
        assertThat(jdbc.sql("select count(*) from eid.passkey where account_id = ?").param(citizen.accountId())
                .query(Integer.class).single()).isEqualTo(1);

        Browser again = new Browser(port);
        assertThat(passkeyLogin(again, key).status()).isEqualTo(200);
        Browser.Page account = again.get("/eid/account");
        assertThat(account.body()).contains("Tài khoản vừa được khôi phục qua số điện thoại");
        assertThat(again.post("/eid/account/passkeys/reviewed", "_csrf", account.csrf()).location()).endsWith("/eid/account#passkeys");
        assertThat(again.get("/eid/account").body()).doesNotContain("Tài khoản vừa được khôi phục qua số điện thoại");
        assertThat(events(citizen)).containsSubsequence("PASSKEY_ADDED", "RECOVERED", "PASSKEYS_REVIEWED");
    }
}
