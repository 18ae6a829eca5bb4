package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;
import vn.dancu.cards.CardPhotos;

/**
 * At the one-stop counter an officer photographs the QR code of the card a citizen presents, uploads
 * the photo and sees what the card states beside the registry's yes/no. The photos are made here:
 * the code rendered with ZXing as cards print it, on a card turned on a wooden counter, with noise, as JPEG.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardCounterBrowserTest extends IntegrationTest {

    static final String AN = "001075503799";
    /** An's current card (issued 10 May 2021) with the address it printed then, before the 2025 reform. */
    static final String AN_QR = AN + "|012345678|Nguyễn Văn An|14031975|Nam|Số 12 phố Phan Đình Phùng, Phường Quán Thánh, "
            + "Quận Ba Đình, Thành phố Hà Nội|10052021";

    /** The camera at the counter sees the QR code of An's card (Chromium's fake camera plays it). */
    static final java.nio.file.Path CAMERA = CameraVideo.ofQr(AN_QR, "camera-an-card");

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
            "--use-file-for-fake-video-capture=" + CAMERA);

    @Autowired
    JdbcClient jdbc;

    private Page signedIn(String username) {
        Page page = CHROMIUM.newPage(1280, 1000);
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.locator("form.stack button").click();
        assertThat(page.locator("header")).containsText(username);
        return page;
    }

    private void check(Page page, String purpose, byte[] photo) {
        page.locator("header a[href='/staff/cards/qr-check']").click();
        assertThat(page.locator("h1")).hasText("Kiểm tra mã QR trên thẻ căn cước");
        page.locator("input[name=purpose]").fill(purpose);
        page.locator("input[name=photo]").setInputFiles(new FilePayload("the-qr.jpg", "image/jpeg", photo));
        page.locator("#qr-form button[type=submit]").click();
    }

    @Test
    void anOfficerUploadsAPhotoOfAnsCardAndSeesThatTheRegistryAgrees() {
        Page page = signedIn("officer.hanoi");
        check(page, "ADMINISTRATIVE_PROCEDURE: hồ sơ một cửa số 15/2026", CardPhotos.photo(AN_QR, 8, 15));
        assertThat(page.locator("#verdict")).hasAttribute("data-verdict", "AGREES");
        assertThat(page.locator("#person-status")).hasAttribute("data-status", "ALIVE");
        assertThat(page.locator("#card-status")).hasText("Thẻ hiện hành, còn hạn");
        assertThat(page.locator("tr[data-field=fullName]")).hasAttribute("data-result", "MATCH");
        assertThat(page.locator("tr[data-field=fullName]")).containsText("Nguyễn Văn An");
        assertThat(page.locator("tr[data-field=permanentAddress]")).hasAttribute("data-result", "MATCH");
        assertThat(page.locator("tr[data-field=issueDate]")).containsText("10/05/2021");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-qr-check-agrees.png")).setFullPage(true));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("""
                        select count(*) from audit.access_log where actor = 'officer.hanoi' and subject_personal_id = ? and channel = 'WEB'
                        and purpose_code = 'ADMINISTRATIVE_PROCEDURE' and purpose like '%15/2026'""").param(AN).query(Long.class).single())
                .as("the check is in the access log with the officer's purpose").isEqualTo(1);
    }

    /** Reached from the menu, as officers do: the page must be a document of its own for its camera permission. */
    @Test
    void anOfficerHoldsTheCardBeforeTheCameraAndTheCheckIsSentOnceTheCodeIsRead() {
        Page page = signedIn("officer.hanoi");
        page.locator("header a[href='/staff/cards/qr-check']").click();
        page.locator("input[name=purpose]").fill("ADMINISTRATIVE_PROCEDURE: hồ sơ một cửa số 16/2026");
        page.locator("#camera-start").click();
        page.locator("#verdict").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(30_000));
        assertThat(page.locator("#verdict")).hasAttribute("data-verdict", "AGREES");
        assertThat(page.locator("tr[data-field=fullName]")).containsText("Nguyễn Văn An");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-qr-check-camera.png")).setFullPage(true));
    }

    @Test
    void onlyTheCardCheckMayOpenTheCameraAndOnlyOnThePlatformsOrigin() {
        Page page = signedIn("officer.hanoi");
        com.microsoft.playwright.Response checkPage = page.navigate("http://localhost:" + port + "/staff/cards/qr-check");
        org.assertj.core.api.Assertions.assertThat(checkPage.headers().get("permissions-policy")).contains("camera=(self)")
                .contains("microphone=()");
        com.microsoft.playwright.Response persons = page.navigate("http://localhost:" + port + "/staff/persons");
        org.assertj.core.api.Assertions.assertThat(persons.headers().get("permissions-policy")).contains("camera=()");
    }

    @Test
    void anOfficerOfAnotherWardSeesACardWithAnotherNameAndAReplacedIssueDateDiffer() {
        String forged = AN_QR.replace("Nguyễn Văn An", "Nguyễn Văn Anh").replace("10052021", "15062016");
        Page page = signedIn("congan.caugiay");
        check(page, "Kiểm tra giấy tờ khi tiếp nhận hồ sơ", CardPhotos.photo(forged, -11, 16));
        assertThat(page.locator("#verdict")).hasAttribute("data-verdict", "DIFFERS");
        assertThat(page.locator("#card-status")).hasAttribute("data-status", "REPLACED");
        assertThat(page.locator("tr[data-field=fullName]")).hasAttribute("data-result", "MISMATCH");
        assertThat(page.locator("tr[data-field=fullName] td.differs")).hasText("Không khớp");
        assertThat(page.locator("tr[data-field=issueDate]")).hasAttribute("data-result", "MISMATCH");
        assertThat(page.locator("tr[data-field=dateOfBirth]")).hasAttribute("data-result", "MATCH");
        assertThat(page.locator("tr[data-field=fullName] td").nth(1)).hasText("Nguyễn Văn Anh");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-qr-check-differs.png")).setFullPage(true));
    }

    @Test
    void aPhotoWithoutACodeAndAPastedTextThatIsNoCardSayWhyInEitherLanguage() {
        Page page = signedIn("officer.hanoi");
        byte[] blank = CardPhotos.bytes(CardPhotos.scene(new java.awt.image.BufferedImage(8, 8, 1), 4, 3), "jpg");
        check(page, "ADMINISTRATIVE_PROCEDURE", blank);
        assertThat(page.locator("#photo-problem")).containsText("Không tìm thấy mã QR trong ảnh");

        page.navigate("http://localhost:" + port + "/staff/cards/qr-check?lang=en");
        page.locator("input[name=purpose]").fill("ADMINISTRATIVE_PROCEDURE");
        page.locator("textarea[name=qr]").fill(AN_QR.replace("14031975", "31021975"));
        page.locator("#qr-form button[type=submit]").click();
        assertThat(page.locator("#qr-problems li[data-code=INVALID_DATE]")).containsText("Date of birth");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/card-qr-check-malformed-en.png")).setFullPage(true));
    }
}
