package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.Browser;

/** The citizen's data-sharing page and ADMIN's members page, as a browser without scripts uses them. */
class ExchangePagesTest extends IntegrationTest {

    static final String BINH = "030178862050";

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
