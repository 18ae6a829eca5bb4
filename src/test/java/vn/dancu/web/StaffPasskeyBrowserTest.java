package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.OperatedIntegrationTest;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;

/**
 * A staff passkey outside demo mode, in Debian's headless Chromium with its virtual authenticator
 * (DevTools protocol: a platform authenticator that keeps resident keys and verifies its user):
 * the first login registers it as the second factor, the next one uses it alone. Skipped without
 * Chromium as {@link BrowserTest} is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffPasskeyBrowserTest extends OperatedIntegrationTest {

    @Autowired
    StaffAccounts accounts;
    @Autowired
    JdbcClient jdbc;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void anOfficerRegistersAPasskeyAtTheFirstLoginAndThenSignsInWithItAlone() {
        accounts.create(new StaffAccounts.NewAccount("passkey.officer", "a-long-enough-password", "Trần Văn Khóa",
                StaffRole.CENTRAL_OFFICER, null));
        Page page = CHROMIUM.newPage(390, 844);
        Chromium.virtualAuthenticator(page);

        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill("passkey.officer");
        page.getByLabel("Mật khẩu").fill("a-long-enough-password");
        page.locator("form.stack button").click();
        assertThat(page.locator("h1")).hasText("Thiết lập xác thực bước hai");
        page.locator("#passkey-label").fill("Máy tính văn phòng");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-second-factor-enrol.png")).setFullPage(true));
        page.locator("[data-passkey-register]").click();
        assertThat(page.locator("h1")).hasText("Tra cứu công dân");
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
                        select label from identity.staff_passkey p join identity.staff_account a on a.id = p.staff_id
                        where a.username = 'passkey.officer'""").query(String.class).list()).containsExactly("Máy tính văn phòng");

        page.locator("form[action='/logout'] button").click();
        // the logout must be done before the next page: a login form fetched meanwhile would carry the old session's token
        page.waitForURL(url("/"));
        page.navigate(url("/login"));
        page.locator("[data-passkey-login]").click();
        assertThat(page.locator("h1")).hasText("Tra cứu công dân");
        page.navigate(url("/staff/account/security"));
        assertThat(page.locator("table.passkeys")).containsText("Máy tính văn phòng");
        assertThat(page.locator("ul.history")).containsText("Thêm khóa truy cập");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-security.png")).setFullPage(true));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
