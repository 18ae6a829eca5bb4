package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/**
 * A citizen's passkey in Debian's headless Chromium, with Chromium's virtual authenticator (a
 * platform authenticator with resident keys and user verification, driven over the DevTools
 * protocol): Nguyễn Văn An adds one on his account page right after a level-2 login, then logs in
 * to the demo portal's level-2 service with the passkey alone. Skipped without Chromium, except
 * on CI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasskeyBrowserTest extends IntegrationTest {

    static final String AN = "001075503799";

    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    /** localhost, not 127.0.0.1: an IP address cannot be a WebAuthn relying party. */
    private String url(String path) {
        return "http://localhost:" + port + path;
    }


    /** The code of An's login, from the SMS outbox; a code sent less than a minute ago (by another test) is waited out. */
    private void secondFactorBySms(Page page) {
        String phone = jdbc.sql("select phone from eid.citizen_account where personal_id = ?").param(AN).query(String.class).single();
        if (page.locator(".alert").count() > 0) {
            page.waitForTimeout(61_000);
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Gửi lại mã")).click();
        }
        String sms = jdbc.sql("select body from eid.sms_outbox where phone = ? and body like '%dang nhap%' order by id desc limit 1")
                .param(phone).query(String.class).single();
        page.getByLabel("Mã 6 số gửi qua SMS tới", new Page.GetByLabelOptions()).fill(sms.replaceAll(".*la (\\d{6}).*", "$1"));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận").setExact(true)).click();
    }

    @Test
    void anAddsAPasskeyAndLogsInToALevelTwoServiceWithItAlone() {
        Page page = CHROMIUM.newPage(390, 844);
        Chromium.virtualAuthenticator(page);

        page.navigate(url("/eid/login"));
        assertThat(page.locator("#passkey-login")).isVisible();
        Chromium.screenshot(page, "eid-login-passkey");
        page.getByLabel("Số định danh cá nhân").fill(AN);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập").setExact(true)).click();
        page.waitForURL("**/eid/login/factor");
        secondFactorBySms(page);
        page.waitForURL("**/eid/account");

        page.getByLabel("Tên khóa (ví dụ: Điện thoại của tôi)").fill("Điện thoại của An");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Thêm khóa truy cập")).click();
        page.waitForURL("**/eid/account?notice=passkeyAdded**");
        assertThat(page.locator(".notice")).containsText("Đã thêm khóa truy cập");
        assertThat(page.locator("table.passkeys")).containsText("Điện thoại của An");
        Chromium.screenshot(page, "eid-account-passkeys");

        page.locator("header form button").click();
        page.waitForURL("**/eid/login?notice=loggedOut");

        page.navigate(url("/demo/portal"));
        page.getByText("Đăng nhập mức 2").click();
        page.waitForURL("**/eid/login**");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Dùng khóa truy cập (passkey)")).click();
        page.waitForURL(u -> u.contains("/oauth2/consent") || u.contains("/demo/portal"));
        if (page.url().contains("/oauth2/consent")) {
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đồng ý").setExact(true)).click();
        }
        assertThat(page.locator("#welcome")).containsText("Nguyễn Văn An");
        assertThat(page.locator("#claims tr:has(th:text-is('acr')) td")).hasText("urn:dancu:loa:2");
        assertThat(page.locator("#claims tr:has(th:text-is('amr')) td")).containsText("hwk");
        Chromium.screenshot(page, "demo-portal-passkey-level2");

        page.navigate(url("/eid/account"));
        assertThat(page.locator("table.passkeys")).not().containsText("Chưa dùng");
        assertThat(page.locator("main")).containsText("Thêm khóa truy cập (passkey)");

        page.locator("table.passkeys tr:has-text('Điện thoại của An')").getByText("Xóa").click();
        assertThat(page.locator("h1")).hasText("Xóa khóa truy cập");
        Chromium.screenshot(page, "eid-passkey-remove");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xóa khóa này")).click();
        assertThat(page.locator(".notice")).containsText("Đã xóa khóa truy cập");
        assertThat(page.locator("main")).containsText("Chưa có khóa truy cập nào.");
    }
}
