package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * Issue 15's chip: a bank (demo-bank) sends the chip image make-chip writes for An's card and gets a
 * receipt that verifies with the published key, and a DG13 changed by one byte is refused with its
 * code; at the counter an officer uploads the same files and sees the same; the administrator's
 * trust store page shows the demo CSCA with its revocation list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChipCheckBrowserTest extends IntegrationTest {

    static final String AN = "001075503799";

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, JsonNode> chips = new HashMap<>();

    @BeforeAll
    void makeChips() {
        // what ./dancu cards make-chip asks the platform for (CardsCommandTest runs the command itself)
        api("admin").post("/api/v1/admin/cards/demo-chips", Api.map("personalId", AN)).body().path("files")
                .forEach(f -> chips.put(f.path("variant").asString(), f));
    }

    @Test
    void aBankGetsASignedReceiptForAGenuineChipAndAChangedDg13IsRefusedWithItsCode() throws Exception {
        Api bank = Api.bearer(port, bankToken());
        Api.Response answer = bank.post("/api/v1/exchange/cards/chip-checks", body("VALID"));
        org.assertj.core.api.Assertions.assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JWSObject receipt = JWSObject.parse(answer.text("receipt"));
        JWKSet keys = JWKSet.parse(anonymous().get("/api/v1/cards/receipt-keys").body().toString());
        org.assertj.core.api.Assertions.assertThat(receipt.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(receipt.getHeader().getKeyID()))))
                .isTrue();
        org.assertj.core.api.Assertions.assertThat(receipt.getPayload().toString()).contains("\"verdict\":\"AUTHENTIC\"").contains(AN);

        Api.Response changed = bank.post("/api/v1/exchange/cards/chip-checks", body("DG13_BYTE_CHANGED"));
        org.assertj.core.api.Assertions.assertThat(changed.status()).isEqualTo(422);
        org.assertj.core.api.Assertions.assertThat(changed.code()).isEqualTo("DG_HASH_MISMATCH");
        org.assertj.core.api.Assertions.assertThat(changed.fieldErrors()).containsExactly("dg13:DG_HASH_MISMATCH");
    }

    @Test
    void anOfficerUploadsTheChipFileAtTheCounterAndSeesTheCheckThenTheForgeryRefused() {
        Page page = signedIn("officer.hanoi");
        page.locator("header a[href='/staff/cards/chip-check']").click();
        assertThat(page.locator("h1")).hasText("Kiểm tra chip thẻ căn cước");
        upload(page, "VALID");
        assertThat(page.locator("#chip-answer")).containsText("Dữ liệu chip xác thực");
        assertThat(page.locator("#chip-registry")).containsText("Họ và tên");
        assertThat(page.locator("#chip-registry td.mismatch")).hasCount(0);
        assertThat(page.locator("#chip-registry")).containsText("Khớp");
        assertThat(page.locator("#chip-receipt")).containsText(".");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/chip-check-authentic.png")).setFullPage(true));

        upload(page, "DG13_BYTE_CHANGED");
        assertThat(page.locator(".alert")).containsText("Nhóm dữ liệu đã bị thay đổi");
        assertThat(page.locator(".alert")).containsText("DG13");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/chip-check-dg13-changed.png")).setFullPage(true));
    }

    @Test
    void theAdministratorSeesTheDemoCscaWithItsRevocationListAndEnglishToo() {
        Page page = signedIn("admin");
        page.locator("header a[href='/staff/admin/cards/trust-store']").click();
        assertThat(page.locator("#cscas")).containsText("CSCA dancu demo");
        assertThat(page.locator("#cscas")).containsText("1 chứng thư bị thu hồi");
        assertThat(page.locator("#trust-changes")).containsText("Thêm CSCA");
        page.screenshot(new Page.ScreenshotOptions().setPath(Paths.get("target/screenshots/chip-trust-store.png")).setFullPage(true));
        page.locator("#upload-csca input[type=file]").setInputFiles(new FilePayload("not-a-cert.pem", "application/x-pem-file",
                "hello".getBytes(StandardCharsets.UTF_8)));
        page.locator("#upload-csca button").click();
        assertThat(page.locator(".alert")).containsText("Tệp không phải chứng thư X.509");
        page.navigate("http://localhost:" + port + "/staff/admin/cards/trust-store?lang=en");
        assertThat(page.locator("h1")).hasText("Chip check trust store (CSCA)");
    }

    private void upload(Page page, String variant) {
        page.locator("input[name=purpose]").fill("ADMINISTRATIVE_PROCEDURE: tiếp nhận hồ sơ tại bộ phận một cửa");
        page.locator("input[name=file]").setInputFiles(new FilePayload("chip-" + variant.toLowerCase() + ".json", "application/json",
                chips.get(variant).toString().getBytes(StandardCharsets.UTF_8)));
        page.locator("form[action='/staff/cards/chip-check'] button[type=submit]").click();
    }

    private Page signedIn(String username) {
        Page page = CHROMIUM.newPage(1280, 1000);
        page.navigate("http://localhost:" + port + "/login");
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill("dancu-demo");
        page.locator("form.stack button").click();
        assertThat(page.locator("header")).containsText(username);
        return page;
    }

    private Map<String, Object> body(String variant) {
        JsonNode chip = chips.get(variant);
        Map<String, Object> body = new HashMap<>();
        for (String group : new String[] {"sod", "dg1", "dg2", "dg13", "dg14", "dg15"}) {
            body.put(group, chip.path(group).asString());
        }
        body.put("face", chip.path("livePhoto").asString());
        body.put("purpose", "BANKING_KYC");
        return body;
    }

    private String bankToken() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-bank:dancu-demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }
}
