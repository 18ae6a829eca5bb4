package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static vn.dancu.Api.map;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Files;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.platform.Totp;

/**
 * Lê Hoàng Long (a demo citizen at level 2, README) opens his wallet on a phone: his card with its
 * QR code, the documents the demo gives him, the result of a procedure, and the whole wallet as a file.
 * Skipped without Chromium as {@link BrowserTest} is.
 */
class WalletBrowserTest extends IntegrationTest {

    static final String LONG = "001082465834";
    static final String TOTP_KEY = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
    static final int WIDTH = 390;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Autowired
    Clock clock;

    @Test
    void aLevelTwoCitizenSeesHisCardDocumentsAndResultsOnAPhoneAndDownloadsTheWallet() throws Exception {
        String result = cardConvertedAtTheCounter();
        Page page = CHROMIUM.newPage(WIDTH, 844);
        login(page);

        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Ví giấy tờ").setExact(true)).first().click();
        page.waitForURL("**/eid/wallet");
        assertThat(page.locator("h1")).hasText("Ví giấy tờ");
        assertThat(page.locator("[data-claim=personal_id]").first()).hasText(LONG);
        assertThat(page.locator("[data-claim=name]").first()).hasText("Lê Hoàng Long");
        assertThat(page.locator(".wallet-qr img")).isVisible();
        org.assertj.core.api.Assertions.assertThat((Integer) page.evaluate("document.querySelector('.wallet-qr img').naturalWidth"))
                .as("the QR image decoded").isGreaterThan(200);
        assertThat(page.locator("#documents ~ article")).not().hasCount(0);
        assertThat(page.locator("main")).containsText("Thẻ bảo hiểm y tế");
        assertThat(page.locator("main")).containsText("Giấy phép lái xe");
        assertThat(page.locator("main")).containsText("51K-123.45");
        assertThat(page.locator("[data-item='result:" + result + "']")).containsText("Thông báo cấp thẻ căn cước");
        assertThat(page.locator("[data-item='result:" + result + "'] a[href$='/pdf']")).isVisible();
        org.assertj.core.api.Assertions.assertThat(((Number) page.evaluate("document.documentElement.scrollWidth")).intValue())
                .as("the wallet fits a %d-pixel screen", WIDTH).isLessThanOrEqualTo(WIDTH);
        Chromium.screenshot(page, "wallet-mobile");

        Download download = page.waitForDownload(() -> page.getByText("Tải toàn bộ ví (JSON)").click());
        JsonNode wallet = Api.JSON.readTree(Files.readAllBytes(download.path()));
        org.assertj.core.api.Assertions.assertThat(download.suggestedFilename()).isEqualTo("wallet.json");
        org.assertj.core.api.Assertions.assertThat(wallet.path("personalId").asString()).isEqualTo(LONG);
        List<String> types = new ArrayList<>();
        wallet.path("items").forEach(i -> types.add(i.path("type").asString()));
        org.assertj.core.api.Assertions.assertThat(types).startsWith("ID_CARD")
                .contains("HEALTH_INSURANCE_CARD", "DRIVING_LICENCE", "VEHICLE_REGISTRATION", "ID_CARD");

        page.navigate(url("/eid/wallet?lang=en"));
        assertThat(page.locator("h1")).hasText("Document wallet");
        Chromium.screenshot(page, "wallet-mobile-en");
        page.navigate(url("/eid/wallet?lang=vi"));
    }

    /**
     * Long's card exchanged at the police counter for the boundary change (free, procedure 2): the result is his,
     * signed, and his 2022 card is replaced by today's. Its id is returned.
     */
    private String cardConvertedAtTheCounter() {
        Api police = api("officer.hcm");
        Api.Response lodged = police.post("/api/v1/applications", map("appendixNo", 2, "applicantPersonalId", LONG,
                "form", map("reissueReason", "CONVERSION", "boundaryChange", "true"), "attachments", List.of()));
        org.assertj.core.api.Assertions.assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        Api.Response done = police.post("/api/v1/applications/" + lodged.text("code") + "/legs/1/decision", map("approve", true));
        org.assertj.core.api.Assertions.assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        return done.body().path("legs").get(0).path("result").path("id").asString();
    }

    private void login(Page page) {
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill(LONG);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/login/factor");
        page.locator("input[name=code]").fill(Totp.code(Totp.fromBase32(TOTP_KEY), clock.instant().getEpochSecond() / Totp.STEP_SECONDS));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận")).click();
        page.waitForURL("**/eid/account");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
