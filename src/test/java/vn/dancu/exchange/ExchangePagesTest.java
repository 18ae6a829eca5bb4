package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.Browser;

/** The citizen's data-sharing page and ADMIN's members page, as a browser without scripts uses them. */
class ExchangePagesTest extends IntegrationTest {

    static final String BINH = "030178862050";

    @Autowired
    DataConsents consents;
    @Autowired
    JdbcClient jdbc;

    private Browser citizen(String personalId) {
        Browser browser = new Browser(port);
        Browser.Page form = browser.get("/eid/login");
        Browser.Page done = browser.post("/eid/login", "_csrf", form.csrf(), "personalId", personalId, "password", "dancu-demo");
        assertThat(done.location()).endsWith("/eid/account");
        return browser;
    }

    @Test
    void aCitizenGivesAndWithdrawsAConsentOnTheAccountPages() {
        Browser browser = citizen(BINH);
        Browser.Page page = browser.get("/eid/account/sharing");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Ngân hàng Thương mại (demo)").contains("Thông tin nhân thân cơ bản")
                .doesNotContain("Bộ Tư pháp (demo)");

        Browser.Page nothingTicked = browser.post("/eid/account/sharing", "_csrf", page.csrf(), "member", "demo-bank",
                "purpose", "BANKING_KYC", "days", "90");
        assertThat(nothingTicked.status()).isEqualTo(400);
        Browser.Page tooLong = browser.post("/eid/account/sharing", "_csrf", page.csrf(), "member", "demo-bank",
                "products", "cards", "purpose", "BANKING_KYC", "days", "4000");
        assertThat(tooLong.status()).isEqualTo(400);

        Browser.Page granted = browser.post("/eid/account/sharing", "_csrf", page.csrf(), "member", "demo-bank",
                "products", "identity-basic", "products", "cards", "purpose", "BANKING_KYC", "days", "90");
        assertThat(granted.status()).isEqualTo(200);
        assertThat(granted.body()).contains("Đã ghi nhận sự đồng ý").contains(BINH).contains("SHA-256");
        Browser.Page listed = browser.getJson("/api/v1/me/consents");
        assertThat(listed.body()).contains("\"memberCode\":\"demo-bank\"").contains("\"cards\"");
        String id = listed.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");

        Browser.Page revoked = browser.post("/eid/account/sharing/" + id + "/revoke", "_csrf", granted.csrf());
        assertThat(revoked.location()).endsWith("/eid/account/sharing");
        assertThat(browser.get("/eid/account/sharing").body()).contains("Đã rút lại");
        Browser.Page twice = browser.post("/eid/account/sharing/" + id + "/revoke", "_csrf", granted.csrf());
        assertThat(twice.status()).isEqualTo(409);
        Browser.Page someoneElses = browser.post("/eid/account/sharing/999999/revoke", "_csrf", granted.csrf());
        assertThat(someoneElses.status()).isEqualTo(404);
    }

    @Test
    void aCitizenConsentsToABusinessDuringItsLoginAndWithdrawsOnTheAccountPage() throws Exception {
        String redirect = "https://ngan-hang.example.vn/cb";
        Api admin = api("admin");
        Api.Response registered = admin.post("/api/v1/admin/relying-parties", Api.map("clientId", "bank-web", "name",
                "Ngân hàng Thương mại (demo) – mở tài khoản", "kind", "RELYING_PARTY", "confidential", true,
                "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(redirect),
                "scopes", List.of("openid", "share:identity-basic", "share:residence"), "claims", List.of(),
                "acrValues", List.of("urn:dancu:loa:1", "urn:dancu:loa:2"), "purpose", "Mở tài khoản thanh toán trực tuyến",
                "sector", "bank.demo"));
        assertThat(registered.status()).as(registered.body().toString()).isEqualTo(201);
        assertThat(admin.put("/api/v1/admin/members/demo-bank/clients/bank-web", Map.of()).status()).isEqualTo(200);
        assertThat(admin.put("/api/v1/admin/members/demo-ministry/clients/bank-web", Map.of()).code()).isEqualTo("CLIENT_ALREADY_LINKED");

        Browser browser = citizen(BINH);
        Browser.Page authorize = browser.get("/oauth2/authorize?response_type=code&client_id=bank-web&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8) + "&scope=" + URLEncoder.encode("openid share:identity-basic share:residence",
                StandardCharsets.UTF_8) + "&state=s1&nonce=n1");
        assertThat(authorize.location()).contains("/oauth2/consent");
        Browser.Page consent = browser.get(authorize.location());
        assertThat(consent.body()).contains("Thông tin nhân thân cơ bản").contains("Thông tin cư trú").contains("Nơi ở hiện tại")
                .as("the purpose the consent is recorded for").contains("Nhận biết khách hàng (ngân hàng)");
        Browser.Page approved = browser.post("/oauth2/authorize", "_csrf", consent.csrf(), "client_id", "bank-web",
                "state", consent.field("state"), "scope", "share:identity-basic", "scope", "share:residence", "consent_action", "approve");
        assertThat(approved.location()).startsWith(redirect).contains("code=");
        DataConsents.ConsentView given = consents.of(BINH).stream().filter(c -> "OIDC".equals(c.channel()) && c.revokedAt() == null)
                .findFirst().orElseThrow();
        assertThat(given.memberCode()).isEqualTo("demo-bank");
        assertThat(given.products()).containsExactly("identity-basic", "residence");

        Api bank = Api.bearer(port, bankToken());
        Map<String, Object> query = Api.map("personalId", BINH, "products", List.of("residence"), "purpose", "BANKING_KYC");
        assertThat(bank.post("/api/v1/exchange/persons/query", query).status()).isEqualTo(200);

        String rpId = jdbc.sql("select id from eid.relying_party where client_id = 'bank-web'").query(String.class).single();
        Browser.Page account = browser.get("/eid/account");
        browser.post("/eid/account/consents/" + rpId + "/revoke", "_csrf", account.csrf());
        Api.Response after = bank.post("/api/v1/exchange/persons/query", query);
        assertThat(after.code()).as("withdrawing the login consent withdraws the sharing").isEqualTo("CONSENT_REQUIRED");
    }

    private String bankToken() throws Exception {
        java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("demo-bank:dancu-demo".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    @Test
    void theSharingPageNeedsALoggedInCitizen() {
        Browser.Page anonymous = new Browser(port).get("/eid/account/sharing");
        assertThat(anonymous.location()).endsWith("/eid/login");
    }

    @Test
    void adminRegistersAMemberGivesItAPolicyAndAClient() {
        Browser admin = new Browser(port);
        Browser.Page form = admin.get("/login");
        admin.post("/login", "_csrf", form.csrf(), "username", "admin", "password", "dancu-demo");
        Browser.Page list = admin.get("/staff/admin/members");
        assertThat(list.body()).contains("demo-ministry").contains("demo-vss").contains("demo-bank");

        Browser.Page created = admin.post("/staff/admin/members", "_csrf", list.csrf(), "code", "so-tu-phap-hn",
                "name", "Sở Tư pháp Hà Nội", "kind", "AGENCY", "sector", "PROVINCE", "documentKinds", "");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("so-tu-phap-hn");
        Browser.Page policy = admin.post("/staff/admin/members/so-tu-phap-hn/policies", "_csrf", list.csrf(),
                "products", "verification", "products", "civil-status", "purposes", "CIVIL_STATUS",
                "legalBasis", "Luật Hộ tịch 2014", "dailyQuota", "5000", "nameMatching", "EXACT");
        assertThat(policy.status()).isEqualTo(200);
        assertThat(policy.body()).contains("phiên bản 1");
        Browser.Page client = admin.post("/staff/admin/members/so-tu-phap-hn/clients", "_csrf", list.csrf());
        assertThat(client.body()).contains("so-tu-phap-hn-1").contains("khóa bí mật");

        Browser.Page duplicate = admin.post("/staff/admin/members", "_csrf", list.csrf(), "code", "so-tu-phap-hn",
                "name", "x", "kind", "AGENCY", "sector", "PROVINCE");
        assertThat(duplicate.status()).isEqualTo(409);
        Browser.Page badPolicy = admin.post("/staff/admin/members/so-tu-phap-hn/policies", "_csrf", list.csrf(),
                "products", "nonsense", "purposes", "CRIMINAL_INVESTIGATION", "legalBasis", "", "dailyQuota", "0");
        assertThat(badPolicy.status()).isEqualTo(400);

        Browser officer = new Browser(port);
        Browser.Page login = officer.get("/login");
        officer.post("/login", "_csrf", login.csrf(), "username", "officer.hanoi", "password", "dancu-demo");
        assertThat(officer.get("/staff/admin/members").status()).isEqualTo(403);
    }
}
