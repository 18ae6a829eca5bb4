package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.IntegrationTest;

/**
 * The birth form as a citizen fills it on a phone, in Debian's headless Chromium: the commune found
 * by name, the ethnic group chosen from the list, every error at once next to its field with the
 * file kept, the warning for a sibling's name and birthday, and the officer's worklist with names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcedureFormsBrowserTest extends IntegrationTest {

    static final String BINH = "030178862050";

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void aBirthFormRefusedForTheRegistrysRulesKeepsTheFileAndIsLodgedOnceCorrected() {
        Page citizen = citizenLogin(BINH);
        citizen.navigate(url("/eid/procedures/9"));
        String born = LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(2).toString();
        citizen.getByLabel("Họ, chữ đệm, tên của trẻ").fill("<script>alert(1)</script>");
        citizen.locator("select[name='child.gender']").selectOption("FEMALE");
        citizen.locator("input[name='child.dateOfBirth']").fill(born);
        citizen.locator("input[name='child.placeOfBirth']").fill("Bệnh viện Phụ sản Hà Nội");
        org.assertj.core.api.Assertions.assertThat(citizen.locator("select[name='child.ethnicity'] option").count())
                .as("the 54 groups, foreigners, and the empty choice").isEqualTo(56);
        citizen.getByLabel("Dân tộc").selectOption("Mường");
        // the commune is found by its name typed without diacritics, then chosen
        citizen.locator("#f-birthRegistrationUnit").fill("cau giay");
        citizen.locator("#f-birthRegistrationUnit-options input[value='00166']").check();
        Chromium.screenshot(citizen, "birth-form-commune-search");
        citizen.locator("input[type=file][name='attachments.BIRTH_CERTIFICATE']").setInputFiles(new FilePayload(
                "giay-chung-sinh-be-na.pdf", "application/pdf", "%PDF-1.4\n%giay chung sinh\n".getBytes(StandardCharsets.UTF_8)));
        citizen.getByLabel("Số định danh cá nhân của cha hoặc mẹ còn lại").fill(BINH);
        lodge(citizen);

        assertThat(citizen.locator("#problems")).containsText("Hồ sơ chưa được nộp");
        assertThat(citizen.locator("#f-child-fullName-error")).hasText("Nội dung có ký tự không hợp lệ.");
        assertThat(citizen.locator("#f-otherParentPersonalId-error")).hasText("Không thể là chính người nộp hồ sơ.");
        assertThat(citizen.locator("#a-BIRTH_CERTIFICATE-attached")).containsText("giay-chung-sinh-be-na.pdf");
        assertThat(citizen.locator("#f-birthRegistrationUnit-options input[value='00166']")).isChecked();
        assertThat(citizen.getByLabel("Dân tộc")).hasValue("Mường");
        assertThat(citizen.locator("main")).not().containsText("Hãy chọn lại tệp");
        Chromium.screenshot(citizen, "birth-form-errors");

        citizen.getByLabel("Họ, chữ đệm, tên của trẻ").fill("Trần Bảo Ngọc");
        citizen.getByLabel("Số định danh cá nhân của cha hoặc mẹ còn lại").fill("");
        lodge(citizen);
        assertThat(citizen.locator(".notice")).containsText("Đã nộp hồ sơ");
        String code = citizen.locator(".notice .mono").textContent().strip();
        org.assertj.core.api.Assertions.assertThat(api("tuphap.caugiay").get("/api/v1/applications/" + code).body()
                .path("attachments").get(0).path("filename").asString()).isEqualTo("giay-chung-sinh-be-na.pdf");

        // the officer's worklist names the applicant and the child; approved, the child is in the registry
        Page officer = officerLogin("tuphap.caugiay");
        officer.navigate(url("/staff/worklist"));
        assertThat(officer.locator("li:has-text('" + code + "')")).containsText("Người nộp: Trần Thị Bình");
        assertThat(officer.locator("li:has-text('" + code + "')")).containsText("Trẻ được khai sinh: Trần Bảo Ngọc");
        officer.locator("li:has-text('" + code + "')").scrollIntoViewIfNeeded();
        Chromium.screenshot(officer, "worklist-names");
        officer.getByText(code).click();
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phê duyệt và ký số")).click();
        assertThat(officer.locator("main")).containsText("Đã phê duyệt");

        // the same name and birthday again: a warning the citizen confirms past, and the officer sees
        citizen.navigate(url("/eid/procedures/9"));
        citizen.getByLabel("Họ, chữ đệm, tên của trẻ").fill("Trần Bảo Ngọc");
        citizen.locator("select[name='child.gender']").selectOption("FEMALE");
        citizen.locator("input[name='child.dateOfBirth']").fill(born);
        citizen.locator("input[name='child.placeOfBirth']").fill("Bệnh viện Phụ sản Hà Nội");
        citizen.getByLabel("Dân tộc").selectOption("Mường");
        citizen.locator("#f-birthRegistrationUnit").fill("00166");
        citizen.locator("#f-birthRegistrationUnit-options input[value='00166']").check();
        citizen.locator("input[type=file][name='attachments.BIRTH_CERTIFICATE']").setInputFiles(new FilePayload(
                "giay-chung-sinh-song-sinh.pdf", "application/pdf", "%PDF-1.4\n%song sinh\n".getBytes(StandardCharsets.UTF_8)));
        lodge(citizen);
        assertThat(citizen.locator("#confirm")).containsText("Cha hoặc mẹ đã có con cùng họ, chữ đệm, tên và ngày sinh này");
        assertThat(citizen.locator("#a-BIRTH_CERTIFICATE-attached")).containsText("giay-chung-sinh-song-sinh.pdf");
        Chromium.screenshot(citizen, "birth-form-sibling-warning");
        citizen.getByLabel("Tôi xác nhận đây là một trẻ khác (ví dụ: sinh đôi).").check();
        lodge(citizen);
        assertThat(citizen.locator(".notice")).containsText("Đã nộp hồ sơ");
        String twin = citizen.locator(".notice .mono").textContent().strip();
        officer.navigate(url("/staff/applications/" + twin));
        assertThat(officer.locator("#warnings")).containsText("Cha hoặc mẹ đã có con cùng họ, chữ đệm, tên và ngày sinh trong CSDLQGDC: Trần Bảo Ngọc");
        Chromium.screenshot(officer, "officer-sibling-warning");
    }

    @Test
    void theBirthFormInEnglishNamesItsErrorsInEnglish() {
        Page citizen = citizenLogin(BINH);
        citizen.navigate(url("/eid/procedures/9?lang=en"));
        citizen.getByLabel("Child's full name").fill("Trần " + "Văn ".repeat(40) + "An");
        citizen.locator("select[name='child.gender']").selectOption("MALE");
        citizen.locator("input[name='child.dateOfBirth']").fill(LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(3).toString());
        citizen.locator("input[name='child.placeOfBirth']").fill("Hà Nội");
        citizen.getByLabel("Ethnic group").selectOption("Người nước ngoài");
        citizen.locator("input[type=file][name='attachments.BIRTH_CERTIFICATE']").setInputFiles(new FilePayload(
                "not-a-pdf.pdf", "application/pdf", "hello".getBytes(StandardCharsets.UTF_8)));
        citizen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Lodge the application")).click();
        assertThat(citizen.locator("#f-child-fullName-error")).hasText("Too long: at most 150 characters.");
        assertThat(citizen.locator("#f-child-dateOfBirth-error")).containsText("after today");
        assertThat(citizen.locator("#a-BIRTH_CERTIFICATE-error")).hasText("The file's content does not match its type.");
        assertThat(citizen.locator("#a-BIRTH_CERTIFICATE-attached")).hasCount(0);
        assertThat(citizen.locator("select[name='child.ethnicity'] option[value='Người nước ngoài']")).hasText("Foreign national");
        Chromium.screenshot(citizen, "birth-form-errors-en");
    }

    private void lodge(Page citizen) {
        citizen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nộp hồ sơ")).click();
        citizen.waitForLoadState();
    }

    private Page newPage() {
        return CHROMIUM.newPage(390, 844);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private Page citizenLogin(String personalId) {
        Page page = newPage();
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill(personalId);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/account");
        return page;
    }

    private Page officerLogin(String officer) {
        Page page = newPage();
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill(officer);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        return page;
    }

}
