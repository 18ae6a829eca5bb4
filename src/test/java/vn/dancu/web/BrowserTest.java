package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.IntegrationTest;

/**
 * The pages as an officer uses them, in Debian's headless Chromium. Without Chromium the tests
 * are skipped with a message, except on CI (CI=true), where a missing browser is a failure.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private Page newPage() {
        return CHROMIUM.newPage(390, 844);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    void anOfficerFindsAPersonTypedWithoutDiacriticsAndOpensTheDetail() {
        Page page = newPage();
        page.navigate(url("/"));
        assertThat(page.locator("h1")).containsText("Cơ sở dữ liệu quốc gia về dân cư");
        page.getByText("Đăng nhập dành cho cán bộ").click();

        page.getByLabel("Tên đăng nhập").fill("officer.hanoi");
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        assertThat(page.locator("h1")).hasText("Tra cứu công dân");

        page.getByLabel("Họ và tên").fill("nguyen van an");
        page.getByLabel("Mục đích tra cứu").fill("Giải quyết hồ sơ thường trú số 15/2026");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Tìm kiếm")).click();
        assertThat(page.locator("table.results")).containsText("Nguyễn Văn An");

        page.locator("table.results tr", new Page.LocatorOptions().setHasText("Nguyễn Văn An")).locator("a").click();
        assertThat(page.locator("h1")).containsText("Nguyễn Văn An");
        assertThat(page.locator("body")).containsText("Phường Ba Đình");
        assertThat(page.locator("body")).containsText("Nguyễn Minh Châu");
        assertThat(page.locator("ol.history")).containsText("Đăng ký khai sinh");
        assertThat(page.locator("body")).containsText("Giải quyết hồ sơ thường trú số 15/2026");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/person-detail.png")).setFullPage(true));
    }

    @Test
    void aSearchWithoutPurposeIsRefusedOnThePageToo() {
        Page page = newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill("officer.hanoi");
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.locator("form.stack button").click();
        page.navigate(url("/staff/persons?name=nguyen"));
        assertThat(page.locator(".alert")).containsText("mục đích");
    }

    @Test
    void theEnglishSwitchTranslatesThePage() {
        Page page = newPage();
        page.navigate(url("/?lang=en"));
        assertThat(page.locator("h1")).containsText("National population database");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/home-en.png")));
    }

    @Test
    void aWrongPasswordSaysSo() {
        Page page = newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill("officer.hcm");
        page.getByLabel("Mật khẩu").fill("not-the-password");
        page.locator("form.stack button").click();
        assertThat(page.locator(".alert")).containsText("Sai tên đăng nhập hoặc mật khẩu");
    }

    @Test
    void aCitizenRegistersAtLevelOneAndLogsInToTheDemoPortal() {
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", vn.dancu.Api.map("fullName", "Vương Thị Trình Duyệt",
                "gender", "FEMALE", "dateOfBirth", "1993-04-30", "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00070",
                "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        String cardNumber = api("officer.hanoi").post("/api/v1/registry/persons/" + personalId + "/cards",
                vn.dancu.Api.map("issueDate", "2025-05-05", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH")).text("cardNumber");
        org.assertj.core.api.Assertions.assertThat(api("officer.hanoi").post("/api/v1/registry/persons/" + personalId + "/residences",
                Map.of("type", "PERMANENT", "unit", "00070", "addressLine", "Số 8 ngõ Trình Duyệt", "from", "2025-06-01")).status())
                .isEqualTo(204);
        Page page = newPage();
        page.navigate(url("/demo/portal"));
        page.locator("a.btn").click();
        assertThat(page.locator("h1")).hasText("Đăng nhập bằng tài khoản định danh điện tử");
        page.getByText("Đăng ký tài khoản mức 1").click();
        assertThat(page.locator("h1")).hasText("Đăng ký tài khoản định danh điện tử mức 1");

        page.getByLabel("Số định danh cá nhân").fill(personalId);
        page.getByLabel("Họ, chữ đệm và tên (như trên thẻ)").fill("Vương Thị Trình Duyệt");
        page.getByLabel("Ngày sinh").fill("1993-04-30");
        page.getByLabel("Số thẻ căn cước").fill(cardNumber);
        page.getByLabel("Ngày cấp thẻ").fill("2025-05-05");
        page.getByLabel("Số điện thoại di động").fill("0399888777");
        page.getByLabel("Mật khẩu (ít nhất 10 ký tự)").fill("trăng rằm tháng tám");
        page.getByLabel("Nhập lại mật khẩu").fill("trăng rằm tháng tám");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng ký")).click();
        try {
            page.waitForURL("**/eid/register/confirm", new Page.WaitForURLOptions().setTimeout(15_000));
        } catch (com.microsoft.playwright.TimeoutError e) {
            Chromium.screenshot(page, "register-failed");
            throw new AssertionError("Registration did not reach the confirmation: " + page.locator("main").textContent(), e);
        }
        assertThat(page.locator("h1")).hasText("Xác nhận số điện thoại");

        Page outbox = page.context().newPage();
        outbox.navigate(url("/eid/outbox"));
        String sms = outbox.locator("tr:has-text('0399888777') td.sms").first().textContent();
        String code = sms.replaceAll(".*la (\\d{6}).*", "$1");
        outbox.close();
        page.getByLabel("Mã xác nhận").fill(code);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận")).click();
        assertThat(page.locator(".notice")).containsText("Tài khoản mức 1 đã sẵn sàng");

        page.getByLabel("Số định danh cá nhân").fill(personalId);
        page.getByLabel("Mật khẩu").fill("trăng rằm tháng tám");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        assertThat(page.locator("h1")).containsText("Chia sẻ thông tin với Cổng Dịch vụ công quốc gia (demo)");
        assertThat(page.locator("main form").first()).containsText("Số định danh cá nhân");
        Chromium.screenshot(page, "consent");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đồng ý").setExact(true)).click();

        assertThat(page.locator("#welcome")).containsText("Vương Thị Trình Duyệt");
        assertThat(page.locator("#claims")).containsText(personalId);
        assertThat(page.locator("#claims")).containsText("urn:dancu:loa:1");
        assertThat(page.locator("#claims")).containsText("1993-04-30");
        assertThat(page.locator("#claims tr:has-text('address') td")).containsText("Số 8 ngõ Trình Duyệt");
        assertThat(page.locator("#claims")).not().containsText("{");
        assertThat(page.locator("#claims")).not().containsText("[");
        Chromium.screenshot(page, "demo-portal-claims");

        page.navigate(url("/eid/account"));
        assertThat(page.locator("main")).containsText("Cổng Dịch vụ công quốc gia (demo)");
        assertThat(page.locator("main")).containsText("Mức 1");
        Chromium.screenshot(page, "eid-account");

        page.getByText("Ai đã sử dụng thông tin của tôi").click();
        assertThat(page.locator("main")).containsText("Cổng Dịch vụ công quốc gia (demo)");
        Chromium.screenshot(page, "eid-access-log");
    }

    @Test
    void aCitizenConsentsThatABankUsesHerDataAndWithdrawsIt() {
        Page page = newPage();
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill("030178862050");
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/account");
        page.getByText("Chia sẻ thông tin với doanh nghiệp").click();
        assertThat(page.locator("h1")).hasText("Chia sẻ thông tin của tôi với doanh nghiệp");
        var bank = page.locator("form.card:has-text('Ngân hàng Thương mại (demo)')");
        bank.getByLabel("Thẻ căn cước và số CMND cũ").check();
        bank.getByLabel("Thời hạn").selectOption("90");
        bank.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Tôi đồng ý")).click();
        assertThat(page.locator(".notice")).containsText("Đã ghi nhận sự đồng ý");
        assertThat(page.locator("pre.statement")).containsText("Số CMND cũ");
        Chromium.screenshot(page, "data-sharing-granted");

        page.locator("tr:has-text('Thẻ căn cước và số CMND cũ') button:has-text('Rút lại')").first().click();
        assertThat(page.locator("tr:has-text('Thẻ căn cước và số CMND cũ')").first()).containsText("Đã rút lại");
        Chromium.screenshot(page, "data-sharing-withdrawn");
    }

    @Test
    void anAuditorSearchesTheAccessLog() {
        Page page = newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill("auditor");
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.navigate(url("/staff/audit"));
        assertThat(page.locator("h1")).hasText("Thanh tra nhật ký truy cập");
        page.getByLabel("Cán bộ hoặc đơn vị khai thác").fill("system.demo");
        page.getByLabel("Căn cứ, mục đích thanh tra").fill("Kế hoạch thanh tra năm 2026");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tra cứu")).click();
        page.waitForURL("**/staff/audit?**");
        assertThat(page.locator("main")).containsText("Dấu hiệu bất thường");
        Chromium.screenshot(page, "inspection");
    }

    /** Đỗ Thu Trang, a level-2 demo account in Phường Cầu Giấy (the demo's numbers are the same on every installation). */
    static final String TRANG = "001190318773";
    static final String BINH = "030178862050";

    @Test
    void theLinkedBirthRunsFromTheMotherThroughThreeAgenciesToTheCard() {
        Page citizen = citizenLogin(TRANG, "0934567890");
        citizen.navigate(url("/eid/procedures/15"));
        assertThat(citizen.locator("main")).containsText("Đã xác thực");
        citizen.getByLabel("Họ, chữ đệm, tên của trẻ").fill("Phạm Gia Minh");
        citizen.locator("select[name='child.gender']").selectOption("MALE");
        citizen.locator("input[name='child.dateOfBirth']").fill(java.time.LocalDate.now().minusDays(3).toString());
        citizen.locator("input[name='child.placeOfBirth']").fill("Bệnh viện Phụ sản Hà Nội");
        citizen.getByLabel("Dân tộc").selectOption("Kinh");
        citizen.locator("input[type=file][name='attachments.BIRTH_CERTIFICATE']").setInputFiles(new com.microsoft.playwright.options.FilePayload(
                "giay-chung-sinh.pdf", "application/pdf", "%PDF-1.4\n%giay chung sinh\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Chromium.screenshot(citizen, "linked-birth-form");
        citizen.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nộp hồ sơ")).click();
        assertThat(citizen.locator(".notice")).containsText("Đã nộp hồ sơ");
        String code = citizen.locator(".notice .mono").textContent().strip();

        approve("tuphap.caugiay", code);
        approve("congan.caugiay", code);
        approve("bhxh.hanoi", code);

        citizen.navigate(url("/eid/applications/" + code));
        assertThat(citizen.locator(".badge").first()).containsText("Đã có kết quả");
        String child = citizen.locator(".child-id").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(child).matches("[0-9]{12}");
        assertThat(citizen.locator(".result-fields").last()).containsText("TE101" + child.substring(2));
        Chromium.screenshot(citizen, "linked-birth-done");
        citizen.navigate(url("/eid/procedures"));
        assertThat(citizen.locator("main")).containsText("Thẻ bảo hiểm y tế");
    }

    @Test
    void theLinkedDeathRunsTheLegsTheApplicantChose() {
        var central = api("officer.central");
        String deceased = central.post("/api/v1/registry/births", Map.of("fullName", "Trần Văn Cụ", "gender", "MALE",
                "dateOfBirth", "1938-02-02", "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00004", "nationality", "VN",
                "ethnicity", "Kinh")).text("personalId");
        central.post("/api/v1/registry/persons/" + deceased + "/residences", Map.of("type", "PERMANENT", "unit", "00004",
                "addressLine", "Số 3 phố Đội Cấn", "from", "2025-08-01"));
        Page citizen = citizenLogin(BINH, null);
        citizen.navigate(url("/eid/procedures/16"));
        citizen.getByLabel("Số định danh cá nhân của người chết").fill(deceased);
        citizen.getByLabel("Ngày chết").fill(java.time.LocalDate.now().minusDays(1).toString());
        citizen.getByLabel("Nơi chết").fill("Tại nhà riêng");
        citizen.getByLabel("Quan hệ với người chết").fill("Cháu");
        citizen.getByLabel("Đề nghị xóa đăng ký thường trú").check();
        citizen.locator("input[type=file][name='attachments.DEATH_NOTICE']").setInputFiles(new com.microsoft.playwright.options.FilePayload(
                "giay-bao-tu.pdf", "application/pdf", "%PDF-1.4\n%giay bao tu\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        citizen.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nộp hồ sơ")).click();
        String code = citizen.locator(".notice .mono").textContent().strip();
        assertThat(citizen.locator("ol.legs li").nth(2)).containsText("Không yêu cầu");

        approve("tuphap.badinh", code);
        approve("congan.badinh", code);
        citizen.navigate(url("/eid/applications/" + code));
        assertThat(citizen.locator(".badge").first()).containsText("Đã có kết quả");
        assertThat(citizen.locator("ol.legs li").nth(1)).containsText("Xóa đăng ký thường trú");
        Chromium.screenshot(citizen, "linked-death-done");
    }

    @Test
    void everyWorkingProcedureOpensItsFormPrefilledOnAPhone() {
        Page citizen = citizenLogin(BINH, null);
        for (int n : List.of(1, 3, 4, 5, 6, 9, 10, 11, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25)) {
            citizen.navigate(url("/eid/procedures/" + n));
            assertThat(citizen.locator("h1")).not().isEmpty();
            assertThat(citizen.locator("main")).containsText("Đã xác thực từ CSDLQGDC");
            assertThat(citizen.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                    new Page.GetByRoleOptions().setName("Nộp hồ sơ"))).isVisible();
            org.assertj.core.api.Assertions.assertThat((Integer) citizen.evaluate("document.documentElement.scrollWidth"))
                    .as("procedure %d fits a phone's width", n).isLessThanOrEqualTo(390);
        }
        Chromium.screenshot(citizen, "form-16");
    }

    /** A citizen logged in; {@code phone}: the level-2 account's phone, whose code is read from the demo SMS outbox. */
    private Page citizenLogin(String personalId, String phone) {
        Page page = newPage();
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill(personalId);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        if (phone != null) {
            page.waitForURL("**/eid/login/factor");
            Page outbox = page.context().newPage();
            outbox.navigate(url("/eid/outbox"));
            String sms = outbox.locator("tr:has-text('" + phone + "') td.sms").first().textContent();
            outbox.close();
            page.locator("input[name=code]").fill(sms.replaceAll(".*la (\\d{6}).*", "$1"));
            page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận")).click();
        }
        page.waitForURL("**/eid/account");
        return page;
    }

    /** An officer logs in, finds the application on their worklist and approves their leg. */
    private void approve(String officer, String code) {
        Page page = newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill(officer);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.navigate(url("/staff/worklist"));
        page.getByText(code).click();
        Chromium.screenshot(page, "worklist-" + officer);
        page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phê duyệt và ký số")).click();
        assertThat(page.locator("main")).containsText("Đã phê duyệt");
        page.context().close();
    }

}
