package vn.dancu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import vn.dancu.IntegrationTest;

/**
 * The citizen's pages on a phone (390 × 844 CSS pixels, an iPhone 12 to 14): nothing is wider than
 * the screen, however long a purpose or an address in the access log. Skipped without Chromium
 * as {@link BrowserTest} is.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MobileCitizenPagesTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    vn.dancu.exchange.DataConsents consents;

    static final String BINH = "030178862050";
    static final int WIDTH = 390;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Test
    void whoUsedMyDataAndTheOtherCitizenPagesFitA390PixelScreen() throws Exception {
        // Reads with what officers and systems really write: a long purpose with an unbroken case URL.
        readAs("officer.hanoi", "Giai quyet ho so dang ky thuong tru theo yeu cau cua Cong an phuong, doi chieu thong tin nhan than "
                + "va noi cu tru truoc khi trinh lanh dao ky duyet, ho so tai https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html"
                + "?ma-ho-so=HS-2026-0000001&nguoi-nop=030178862050&buoc=tham-dinh-ho-so-cu-tru-lan-thu-hai");
        readAs("officer.central", "KiemTraDoiSoatDuLieuDanCuVoiCoSoDuLieuChuyenNganhBaoHiemXaHoiTheoKeHoachSo123-2026-KH-BCA-C06");

        Page page = CHROMIUM.newPage(WIDTH, 844);
        page.navigate(url("/eid/login"));
        List<String> tooWide = new ArrayList<>();
        check(page, "eid-login", tooWide);
        page.getByLabel("Số định danh cá nhân").fill(BINH);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/account");

        // a consent, so that the sharing page has its table of consents too
        page.navigate(url("/eid/account/sharing"));
        page.locator("form.card").first().locator("input[name=products]").first().check();
        page.locator("form.card").first().getByRole(AriaRole.BUTTON).click();
        page.waitForURL("**/eid/account/sharing**");
        for (String path : List.of("/eid/account", "/eid/account/data", "/eid/account/access-log", "/eid/account/sharing",
                "/eid/procedures", "/eid/procedures/1", "/eid/account/totp", "/eid/account/access-log?lang=en")) {
            page.navigate(url(path));
            check(page, "mobile" + path.replace('/', '-').replace('?', '-').replace('=', '-'), tooWide);
        }
        page.navigate(url("/eid/account/access-log?lang=vi"));
        com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat(page.locator("main"))
                .containsText("dvc-tra-cuu-ho-so");
        page.locator("td:has-text('dvc-tra-cuu-ho-so')").first().scrollIntoViewIfNeeded();
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", "mobile-access-log-long-purpose.png")));
        assertThat(tooWide).as("pages wider than a %d-pixel screen", WIDTH).isEmpty();
    }

    /** The consent given for the sharing page's table is withdrawn: other tests count on Bình having none. */
    @AfterAll
    void withdrawTheConsent() {
        consents.of(BINH).stream().filter(c -> c.activeAt(java.time.Instant.now())).forEach(c -> consents.revoke(BINH, c.id()));
    }

    /**
     * Records the page when the document is wider than the screen, or when a box in it (a table
     * that scrolls in its own box) must be scrolled sideways to be read; keeps a screenshot either way.
     */
    private static void check(Page page, String name, List<String> tooWide) {
        int width = ((Number) page.evaluate("document.documentElement.scrollWidth")).intValue();
        if (width > WIDTH) {
            tooWide.add(name + " is " + width + " px wide");
        }
        Object sideways = page.evaluate("""
                () => [...document.querySelectorAll('main *')].filter(e => e.scrollWidth > e.clientWidth + 1
                        && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX))
                    .map(e => e.tagName.toLowerCase() + '.' + e.className + ' ' + e.scrollWidth + ' px').join(', ')""");
        if (!String.valueOf(sideways).isEmpty()) {
            tooWide.add(name + " scrolls sideways in " + sideways);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target", "screenshots", name + ".png")).setFullPage(true));
    }

    private void readAs(String username, String purpose) throws Exception {
        HttpResponse<String> read = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url("/api/v1/registry/persons/" + BINH)))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((username + ":dancu-demo")
                        .getBytes(StandardCharsets.UTF_8)))
                .header("X-Purpose", purpose).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
