package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancu.IntegrationTest;
import vn.dancu.units.Units;

/**
 * Issue 14's "done when": a leader of Hà Nội opens the IOC, sees the map, opens Phường Cầu Giấy;
 * an officer registers a birth there through the registry's API, and the commune's births of the
 * month move on the open page within 5 seconds, without a reload. Also the IOC on a 390 px phone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IocBrowserTest extends IntegrationTest {

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    static final String CAU_GIAY = "00166";

    @Autowired
    Units units;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private void signIn(Page page, String username) {
        page.navigate(url("/login"));
        page.locator("input[name=username]").fill(username);
        page.locator("input[name=password]").fill("dancu-demo");
        page.locator("form.stack button[type=submit]").click();
    }

    /** The charts drawn from their JSON, and their animation over. */
    private static void drawn(Page page) {
        page.waitForSelector("#ioc[data-drawn]");
        page.waitForTimeout(1200);
    }

    @Test
    void aLeaderOfHanoiSeesABirthInCauGiayOnTheOpenPageWithinFiveSeconds() {
        Page leader = CHROMIUM.newPage(1280, 900);
        signIn(leader, "leader.hanoi");
        assertThat(leader).hasURL(url("/ioc"));
        assertThat(leader.locator("h1")).hasText("Cả nước");
        assertThat(leader.locator("#chart-map canvas")).isVisible();
        drawn(leader);
        Chromium.screenshot(leader, "ioc-nation");

        leader.locator(".ioc-crumbs .ioc-home").click();
        assertThat(leader.locator("h1")).hasText("Thành phố Hà Nội");
        drawn(leader);
        Chromium.screenshot(leader, "ioc-hanoi");
        leader.locator("#communes a", new Page.LocatorOptions().setHasText("Phường Cầu Giấy")).click();
        assertThat(leader.locator("h1")).hasText("Phường Cầu Giấy");
        drawn(leader);

        Locator births = leader.locator("[data-kpi=births] .ioc-value");
        long before = Long.parseLong(births.textContent().replace(".", "").strip());
        String expected = String.format(java.util.Locale.ROOT, "%,d", before + 1).replace(',', '.');
        String latest = leader.locator("#latest-change").textContent();
        leader.evaluate("() => { window.notReloaded = true; }");

        long registered = System.nanoTime();
        var born = vn.dancu.TestApis.of(port, "officer.hanoi", "dancu-demo").post("/api/v1/registry/births", vn.dancu.Api.map(
                "fullName", "Trịnh Thị Tin Nhanh", "gender", "FEMALE", "dateOfBirth", units.today().toString(),
                "placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh"));
        assertThat(born.status()).as(born.body().toString()).isEqualTo(201);

        assertThat(births).hasText(expected, new com.microsoft.playwright.assertions.LocatorAssertions.HasTextOptions()
                .setTimeout(5000));
        long millis = (System.nanoTime() - registered) / 1_000_000;
        assertThat(millis).as("from the registration to the figure on screen, ms").isLessThan(5000);
        assertThat(leader.evaluate("() => window.notReloaded === true")).as("the page was not reloaded").isEqualTo(true);
        assertThat(leader.locator("#latest-change")).not().hasText(latest);
        drawn(leader);
        Chromium.screenshot(leader, "ioc-cau-giay");
        System.out.println("IOC: a birth in Cầu Giấy reached the open page in " + millis + " ms");
    }

    @Test
    void theIocFitsAPhone() {
        Page phone = CHROMIUM.newPage(390, 844);
        signIn(phone, "leader.hanoi");
        phone.navigate(url("/ioc/units/01"));
        drawn(phone);
        Chromium.screenshot(phone, "ioc-hanoi-390");
        phone.locator(".ioc-mapgrid").screenshot(new Locator.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots/ioc-hanoi-map-390.png")));
        phone.locator("#communes").screenshot(new Locator.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots/ioc-hanoi-communes-390.png")));
        assertThat((Integer) phone.evaluate("() => document.documentElement.scrollWidth")).as("no sideways scrolling").isLessThanOrEqualTo(390);
        phone.navigate(url("/ioc"));
        drawn(phone);
        Chromium.screenshot(phone, "ioc-nation-390");
        phone.locator("#chart-map").screenshot(new Locator.ScreenshotOptions().setPath(java.nio.file.Paths.get("target/screenshots/ioc-nation-map-390.png")));
        assertThat((Integer) phone.evaluate("() => document.documentElement.scrollWidth")).isLessThanOrEqualTo(390);
        assertThat(phone.locator("#chart-map canvas")).isVisible();
    }

    @Test
    void aLeaderOutsideHisProvinceGetsARefusalPage() {
        Page leader = CHROMIUM.newPage(1280, 900);
        signIn(leader, "leader.hanoi");
        var answer = leader.navigate(url("/ioc/units/79"));
        assertThat(answer.status()).isEqualTo(403);
        assertThat(leader.locator("h1")).hasText("Ngoài địa bàn của bạn");
    }
}
