package vn.dancu.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.Totp;

/**
 * The "done when" for credentials: a citizen at level 2 opens the wallet on a phone, issues
 * the ID card as a credential bound to a key her browser keeps, ticks only her name and "over 18" and
 * shows the QR code; the verifier page, loaded earlier and then cut off from the network, accepts it
 * and shows those two claims only, and refuses tampered copies for the same reasons as the server's
 * verifier; once the card is replaced, the verifier, online again, reports the credential revoked.
 * Screenshots in target/screenshots/credential-*.png.
 */
class CredentialBrowserTest extends IntegrationTest {

    static final String TOTP_KEY = "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU";
    static final int PHONE_WIDTH = 390;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    @Autowired
    CitizenAccounts citizens;

    @Test
    void aCredentialShownByQrIsAcceptedOfflineWithOnlyTheTickedClaimsAndRevokedOnceTheCardIsReplaced() throws Exception {
        String personalId = citizenWithCard();
        Page citizen = loggedIn(personalId);
        citizen.navigate(url("/eid/wallet"));
        citizen.locator("a[href^='/eid/wallet/credentials/card']").first().click();
        citizen.waitForURL("**/eid/wallet/credentials/card*");
        citizen.waitForFunction("() => document.getElementById('holder-key').value.length > 0");
        citizen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cấp chứng chỉ số")).click();
        citizen.locator("#credential").waitFor();
        citizen.locator("input[name=claim][value=name]").check();
        citizen.locator("input[name=claim][value=age_over_18]").check();
        citizen.locator("#present").click();
        citizen.waitForFunction("() => (document.getElementById('presentation-qr').getAttribute('src') || '').startsWith('data:')");
        Chromium.screenshot(citizen, "credential-qr-390");
        String presentation = citizen.locator("#presentation").inputValue();
        assertThat(decodedQr(citizen.locator("#presentation-qr"))).as("the QR code holds the presentation").isEqualTo(presentation);
        assertThat(presentation.split("~")).as("the JWT, two disclosures and the holder's signature").hasSize(4);
        assertThat(noWiderThanScreen(citizen)).isTrue();

        Page verifier = CHROMIUM.newPage(PHONE_WIDTH, 844);
        verifier.navigate(url("/verify/credential"));
        verifier.waitForFunction("() => Object.keys(JSON.parse(localStorage.getItem('dancu-verifier-lists') || '{}')).length > 0");
        verifier.waitForFunction("async () => (await caches.open('dancu-verifier').then(c => c.keys())).length > 3"
                + " && !!navigator.serviceWorker.controller");
        verifier.context().setOffline(true);
        verifier.reload();
        assertThat(verifier.locator("h1").textContent()).as("the page opens again offline, from its service worker").isEqualTo("Kiểm tra chứng chỉ số");
        assertThat(verify(verifier, presentation)).isEqualTo("VALID");
        assertThat(verifier.locator("#disclosed dd").all().stream().map(d -> d.getAttribute("data-claim")).toList())
                .containsExactlyInAnyOrder("name", "age_over_18");
        assertThat(verifier.locator("#disclosed").textContent()).contains("Phạm Thị Kiểm Tra").doesNotContain(personalId);
        assertThat(verifier.locator("#cache-state").textContent()).contains("không có mạng");
        Chromium.screenshot(verifier, "credential-verified-offline-390");

        for (Map.Entry<String, String> tampered : tamperedCopies(presentation).entrySet()) {
            assertThat(verify(verifier, tampered.getValue())).as(tampered.getKey()).isEqualTo("TAMPERED");
            List<String> inBrowser = verifier.locator("#reasons li").all().stream().map(l -> l.getAttribute("data-code")).toList();
            Api.Response onServer = anonymous().post("/api/v1/credentials/verifications", Map.of("presentation", tampered.getValue()));
            assertThat(onServer.text("outcome")).as(tampered.getKey()).isEqualTo("TAMPERED");
            List<String> serverReasons = java.util.stream.StreamSupport.stream(onServer.body().path("reasons").spliterator(), false)
                    .map(n -> n.asString()).toList();
            assertThat(inBrowser).as(tampered.getKey() + ": the browser's reasons are the server's").containsExactlyElementsOf(serverReasons);
        }

        Api.Response replaced = api("officer.hanoi").post("/api/v1/registry/persons/" + personalId + "/cards",
                Api.map("issueDate", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString(), "issuingAuthority",
                        "Cục Cảnh sát QLHC về TTXH", "reason", "Đổi thẻ"));
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(verify(verifier, presentation)).as("offline, the kept list does not know yet").isEqualTo("VALID");
        verifier.context().setOffline(false);
        verifier.locator("#refresh").click();
        verifier.waitForFunction("() => !document.getElementById('cache-state').textContent.includes('không có mạng')");
        assertThat(verify(verifier, presentation)).isEqualTo("REVOKED");
        Chromium.screenshot(verifier, "credential-revoked-390");

        citizen.navigate(url("/eid/wallet/credentials/card"));
        citizen.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Nhận vào ứng dụng ví khác (OID4VCI)")).click();
        citizen.locator("#tx-code").waitFor();
        assertThat(citizen.locator("#tx-code").textContent()).matches("\\d{6}");
        assertThat(citizen.locator("#offer-link").getAttribute("href")).startsWith("openid-credential-offer://?credential_offer=")
                .doesNotContain(citizen.locator("#tx-code").textContent());
        Chromium.screenshot(citizen, "credential-offer-390");
    }

    /** Copies of the presentation a forger would make, by the reason both verifiers must give. */
    private static Map<String, String> tamperedCopies(String presentation) {
        String[] parts = presentation.split("~");
        String jwt = parts[0];
        String signature = jwt.substring(jwt.lastIndexOf('.') + 1);
        String flipped = jwt.substring(0, jwt.lastIndexOf('.') + 1) + signature.substring(0, 5)
                + (signature.charAt(5) == 'A' ? 'B' : 'A') + signature.substring(6);
        String forged = new com.authlete.sd.Disclosure("AAAAAAAAAAAAAAAAAAAAAA", "age_over_18", true).getDisclosure();
        return Map.of(
                "an altered disclosure", presentation.replace(parts[2], forged),
                "a disclosure removed after the holder signed", parts[0] + "~" + parts[1] + "~" + parts[3],
                "the issuer's signature changed", presentation.replace(jwt, flipped),
                "the holder's signature missing", parts[0] + "~" + parts[1] + "~" + parts[2] + "~");
    }

    private String verify(Page verifier, String presentation) {
        verifier.locator("#presentation-in").fill(presentation);
        verifier.evaluate("() => document.getElementById('outcome').removeAttribute('data-outcome')");
        verifier.locator("#verify").click();
        verifier.waitForFunction("() => document.getElementById('outcome').hasAttribute('data-outcome')");
        return verifier.locator("#outcome").getAttribute("data-outcome");
    }

    /** The QR code the page shows, read from its image as a scanner reads it. */
    private static String decodedQr(Locator image) throws Exception {
        String src = image.getAttribute("src");
        BufferedImage shot = ImageIO.read(new ByteArrayInputStream(java.util.Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
        int[] pixels = shot.getRGB(0, 0, shot.getWidth(), shot.getHeight(), null, 0, shot.getWidth());
        BinaryBitmap bitmap = new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(shot.getWidth(), shot.getHeight(), pixels)));
        return new QRCodeReader().decode(bitmap, Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE)).getText();
    }

    private static boolean noWiderThanScreen(Page page) {
        return (Boolean) page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth");
    }

    /** A person with a card and a level-2 account whose second factor is an authenticator app. */
    private String citizenWithCard() {
        Api police = api("officer.hanoi");
        String personalId = police.post("/api/v1/registry/births", Api.map("fullName", "Phạm Thị Kiểm Tra", "gender", "FEMALE",
                "dateOfBirth", "1994-05-17", "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00070", "nationality", "VN",
                "ethnicity", "Kinh")).text("personalId");
        assertThat(police.post("/api/v1/registry/persons/" + personalId + "/cards",
                Api.map("issueDate", "2025-03-01", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH")).status()).isEqualTo(201);
        citizens.createDemoAccount(personalId, 2, "0398765432", "dancu-demo", TOTP_KEY);
        return personalId;
    }

    private Page loggedIn(String personalId) {
        Page page = CHROMIUM.newPage(PHONE_WIDTH, 844);
        page.navigate(url("/eid/login"));
        page.getByLabel("Số định danh cá nhân").fill(personalId);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đăng nhập")).click();
        page.waitForURL("**/eid/login/factor");
        page.locator("input[name=code]").fill(Totp.code(Totp.fromBase32(TOTP_KEY), java.time.Instant.now().getEpochSecond() / 30));
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Xác nhận")).click();
        page.waitForURL("**/eid/account");
        return page;
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }
}
