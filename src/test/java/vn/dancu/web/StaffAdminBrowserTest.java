package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.IntegrationTest;

/**
 * An administrator creates an officer of Phường Cầu Giấy on the pages; the officer signs in with
 * the one-time password and must choose a password of their own before anything else.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAdminBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private Page newPage() {
        return CHROMIUM.newPage(1280, 900);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.locator("form.stack button").click();
    }

    @Test
    void anAdministratorCreatesAnOfficerOfCauGiayWhoMustChangeTheOneTimePasswordAtTheFirstLogin() {
        String username = "congan.caugiay." + System.nanoTime() % 100_000;
        Page admin = newPage();
        signIn(admin, "admin", "dancu-demo");
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tài khoản cán bộ")).click();
        assertThat(admin.locator("h1")).hasText("Tài khoản cán bộ");
        admin.locator("form[action='/staff/admin/staff'][method='post'] input[name=username]").fill(username);
        admin.locator("form[action='/staff/admin/staff'][method='post'] input[name=displayName]").fill("Phạm Quốc Huy");
        admin.locator("form[action='/staff/admin/staff'][method='post'] select[name=role]").selectOption("COMMUNE_OFFICER");
        admin.locator("form[action='/staff/admin/staff'][method='post'] input[name=jurisdiction]").fill("00166");
        admin.locator("form[action='/staff/admin/staff'][method='post'] input[name=reason]").fill("Điều động theo quyết định 15/QĐ");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo tài khoản")).click();
        assertThat(admin.locator(".notice")).containsText("Đã tạo tài khoản");
        assertThat(admin.locator("dl.facts")).containsText("Phường Cầu Giấy");
        assertThat(admin.locator("table.list")).containsText("Điều động theo quyết định 15/QĐ");
        String oneTime = admin.locator("#one-time-password").textContent().strip();
        admin.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-admin-created.png")).setFullPage(true));

        Page officer = newPage();
        signIn(officer, username, oneTime);
        assertThat(officer.locator("h1")).hasText("Đổi mật khẩu");
        officer.navigate(url("/staff/worklist"));
        assertThat(officer.locator("h1")).hasText("Đổi mật khẩu");
        officer.getByLabel("Mật khẩu hiện tại").fill(oneTime);
        officer.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("password1234");
        officer.getByLabel("Nhập lại mật khẩu mới").fill("password1234");
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đổi mật khẩu")).click();
        assertThat(officer.locator(".alert")).containsText("đã bị lộ");
        officer.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-password-refused.png")).setFullPage(true));
        officer.getByLabel("Mật khẩu hiện tại").fill(oneTime);
        officer.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill("Phố cổ Hà Nội mùa thu 2026");
        officer.getByLabel("Nhập lại mật khẩu mới").fill("Phố cổ Hà Nội mùa thu 2026");
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đổi mật khẩu")).click();
        assertThat(officer.locator("h1")).hasText("Tra cứu công dân");
        assertThat(officer.locator("header")).containsText(username);

        admin.navigate(url("/staff/admin/staff/" + username));
        assertThat(admin.locator("table.list")).containsText("Cán bộ tự đổi mật khẩu");
        admin.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-admin-account.png")).setFullPage(true));
    }

    @Test
    void anImportWithWrongRowsShowsEveryRowsErrorAndCreatesNothing() throws Exception {
        Page admin = newPage();
        signIn(admin, "admin", "dancu-demo");
        admin.navigate(url("/staff/admin/staff-import"));
        admin.locator("select[name=province]").selectOption("01");
        admin.locator("input[name=reason]").fill("Danh sách cán bộ tháng 12");
        admin.locator("input[name=file]").setInputFiles(new com.microsoft.playwright.options.FilePayload("can-bo.csv", "text/csv",
                ("username,displayName,role,unit\nnhap.mot,Nguyễn Văn Một,COMMUNE_OFFICER,00166\n"
                        + "nhap.hai,,COMMUNE_OFFICER,99999\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nhập danh sách")).click();
        assertThat(admin.locator(".alert")).containsText("chưa tạo tài khoản nào");
        assertThat(admin.locator("table.import-errors")).containsText("displayName");
        assertThat(admin.locator("table.import-errors")).containsText("Không có đơn vị hành chính với mã này");
        admin.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/staff-import-errors.png")).setFullPage(true));
        admin.navigate(url("/staff/admin/staff?q=nhap.mot"));
        assertThat(admin.locator("body")).containsText("Tổng số: 0");
    }
}
