package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.IntegrationTest;

/** A province officer makes the month's report on a phone (390 px) and downloads it. Skipped without Chromium. */
class ReportsBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void aProvinceOfficerMakesAndDownloadsTheMonthlyReportOnAPhone() throws Exception {
        Page page = CHROMIUM.newPage(390, 844);
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill("officer.hanoi");
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.locator("form.stack button").click();
        page.navigate(url("/ioc/reports"));
        assertThat(page.locator("h1")).hasText("Báo cáo tháng Đề án 06");
        assertThat(page.locator("select[name=unit] option")).hasCount(2);
        page.locator("select[name=unit]").selectOption("0");
        page.locator("form.card button").click();
        assertThat(page.locator(".notice")).containsText("Đã lập báo cáo.");
        assertThat(page.locator("table.stacked tbody tr").first()).containsText("Toàn quốc");
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        org.assertj.core.api.Assertions.assertThat(width).as("the page fits a 390-pixel screen").isLessThanOrEqualTo(390);
        Chromium.screenshot(page, "ioc-reports-390");

        Download pdf = page.waitForDownload(() -> page.locator("table.stacked tbody tr").first().getByText("PDF").click());
        org.assertj.core.api.Assertions.assertThat(pdf.suggestedFilename()).matches("bao-cao-de-an-06-\\d{4}-\\d{2}-toan-quoc\\.pdf");
        org.assertj.core.api.Assertions.assertThat(new String(Files.readAllBytes(pdf.path()), 0, 5)).isEqualTo("%PDF-");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
