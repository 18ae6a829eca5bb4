package vn.dancu.wallet;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.Totp;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.Registry;

/**
 * The wallet's pages and files as a citizen gets them: level 2 only, their own items only, each read in
 * the access log, the JSON files, and the card's QR code as a PNG that reads back in the card's format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WalletPagesTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final String TOTP_KEY = "KRUGS4ZAON2WE2LTMFWGY2LFOQWWC3DM";
    static final String PURPOSE = "Công dân xem ví giấy tờ của mình";

    @Autowired
    CitizenAccounts citizens;
    @Autowired
    Registry registry;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    Clock clock;

    String holder;
    String other;
    String levelOne;
    Session holderSession;

    @BeforeAll
    void citizens() {
        Api central = api("officer.central");
        holder = person(central, "Vũ Thị Ví", "FEMALE", "1992-04-05");
        card(central, holder, "2024-05-06");
        registry.recordDocument(holder, new DocumentRecord("DRIVING_LICENCE", "010192000111", "2012-01-10", "2022-01-10",
                Map.of("class", "B2")), "Cục Cảnh sát QLHC về TTXH");
        registry.recordDocument(holder, new DocumentRecord("HEALTH_INSURANCE_CARD", "DN4010192000111", "2026-01-01", "2099-12-31",
                Map.of("beneficiary", "DN")), "demo-vss");
        other = person(central, "Lò Văn Khác", "MALE", "1985-01-01");
        card(central, other, "2023-03-03");
        registry.recordDocument(other, new DocumentRecord("VEHICLE_REGISTRATION", "99-Z9 999.99", "2024-01-01", null,
                Map.of("brand", "Khác")), "Công an Thành phố Hà Nội");
        levelOne = person(central, "Hà Thị Một", "FEMALE", "1995-05-05");
        card(central, levelOne, "2024-06-06");
        citizens.createDemoAccount(holder, 2, "0398" + holder.substring(6), "dancu-demo", TOTP_KEY);
        citizens.createDemoAccount(other, 2, "0397" + other.substring(6), "dancu-demo", null);
        citizens.createDemoAccount(levelOne, 1, "0396" + levelOne.substring(6), "dancu-demo", null);
        holderSession = login(holder, true);
    }

    @Test
    void aLevelOneCitizenIsSentToTheLevelTwoPageAndNothingIsRead() {
        Session session = login(levelOne, false);
        long before = walletReads(levelOne);
        for (String path : new String[] {"/eid/wallet", "/eid/wallet/download", "/eid/wallet/card-qr.png", "/eid/wallet/items/card"}) {
            HttpResponse<byte[]> response = session.get(path);
            assertThat(response.statusCode()).as(path).isIn(302, 303);
            assertThat(response.headers().firstValue("Location").orElse("")).as(path).endsWith("/eid/level-2");
        }
        assertThat(walletReads(levelOne)).isEqualTo(before);
    }

    @Test
    void withoutALoginTheWalletAsksForOne() {
        HttpResponse<byte[]> response = new Session().get("/eid/wallet");
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElse("")).endsWith("/eid/login");
    }

    @Test
    void theWalletShowsTheCitizensOwnItemsAndRecordsTheRead() {
        long before = walletReads(holder);

        HttpResponse<byte[]> page = holderSession.get("/eid/wallet");

        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(html).contains("Vũ Thị Ví", holder, "010192000111", "DN4010192000111", "Hết hạn", "Còn hiệu lực",
                "data:image/png;base64,", "/eid/wallet/credentials/card:" + holder + ":2024-05-06");
        assertThat(html).doesNotContain(other, "99-Z9 999.99", "Lò Văn Khác");
        assertThat(walletReads(holder)).as("one read of the registry for the page").isEqualTo(before + 1);
        assertThat(walletReads(other)).isZero();
    }

    @Test
    void anotherCitizensItemIsNotFoundAndNotRead() {
        String theirs = ItemMapping.documentId("VEHICLE_REGISTRATION", "99-Z9 999.99");
        assertThat(holderSession.get("/eid/wallet/items/" + theirs).statusCode()).isEqualTo(404);
        assertThat(holderSession.get("/eid/wallet/items/card:" + other + ":2023-03-03").statusCode()).isEqualTo(404);
        assertThat(holderSession.get("/eid/wallet/items/nonsense").statusCode()).isEqualTo(404);
        assertThat(walletReads(other)).isZero();
    }

    @Test
    void theWholeWalletDownloadsAsJsonWithClaimsSourcesAndValidity() {
        HttpResponse<byte[]> file = holderSession.get("/eid/wallet/download");

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment").contains("wallet.json");
        JsonNode wallet = Api.JSON.readTree(file.body());
        assertThat(wallet.path("personalId").asString()).isEqualTo(holder);
        JsonNode items = wallet.path("items");
        assertThat(items.size()).isEqualTo(3);
        JsonNode card = items.get(0);
        assertThat(card.path("id").asString()).isEqualTo("card:" + holder + ":2024-05-06");
        assertThat(card.path("kind").asString()).isEqualTo("ID_CARD");
        assertThat(card.path("claims").path("name").asString()).isEqualTo("Vũ Thị Ví");
        assertThat(card.path("claims").path("birthdate").asString()).isEqualTo("1992-04-05");
        assertThat(card.path("claims").has("old_id_number")).isFalse();
        assertThat(card.path("validFrom").asString()).isEqualTo("2024-05-06");
        JsonNode licence = item(items, "DRIVING_LICENCE");
        assertThat(licence.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(licence.path("claims").path("class").asString()).isEqualTo("B2");
        assertThat(licence.path("source").path("name").asString()).isEqualTo("Cục Cảnh sát QLHC về TTXH");
        JsonNode insurance = item(items, "HEALTH_INSURANCE_CARD");
        assertThat(insurance.path("status").asString()).isEqualTo("VALID");
        assertThat(insurance.path("validUntil").asString()).isEqualTo("2099-12-31");
        assertThat(insurance.path("source").path("code").asString()).isEqualTo("demo-vss");
    }

    @Test
    void oneItemDownloadsAsJsonByItsId() {
        String id = ItemMapping.documentId("HEALTH_INSURANCE_CARD", "DN4010192000111");

        HttpResponse<byte[]> file = holderSession.get("/eid/wallet/items/" + id);

        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(file.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment");
        JsonNode item = Api.JSON.readTree(file.body());
        assertThat(item.path("id").asString()).isEqualTo(id);
        assertThat(item.path("claims").path("document_number").asString()).isEqualTo("DN4010192000111");
        assertThat(item.path("claims").path("beneficiary_code").asString()).isEqualTo("DN");
    }

    @Test
    void theCardsQrPngReadsBackInTheCardsFormatWithAnEmptyOldNumber() throws IOException {
        HttpResponse<byte[]> png = holderSession.get("/eid/wallet/card-qr.png");

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        String text = decode(png.body());
        assertThat(text).isEqualTo(holder + "||Vũ Thị Ví|05041992|Nữ|Số 1 phố Ví Giấy, Phường Cầu Giấy, Thành phố Hà Nội|06052024");
        String[] fields = text.split("\\|", -1);
        assertThat(fields).hasSize(7);
        assertThat(fields[1]).as("no old ID card number").isEmpty();
    }

    private static JsonNode item(JsonNode items, String type) {
        for (JsonNode item : items) {
            if (item.path("type").asString().equals(type)) {
                return item;
            }
        }
        throw new AssertionError("no item of type " + type + " in " + items);
    }

    private long walletReads(String personalId) {
        return jdbc.sql("""
                        select count(*) from audit.access_log where subject_personal_id = ? and actor_type = 'SELF'
                        and channel = 'SELF' and purpose = ? and 'documents' = any(fields)""")
                .params(personalId, PURPOSE).query(Long.class).single();
    }

    /** What ZXing reads from the image: the QR's text, its UTF-8 as written. */
    static String decode(byte[] png) throws IOException {
        BufferedImage image = javax.imageio.ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        try {
            return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                    new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
        } catch (com.google.zxing.ReaderException e) {
            throw new AssertionError("no QR code in the image", e);
        }
    }

    private static String person(Api central, String name, String gender, String dateOfBirth) {
        Api.Response born = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dateOfBirth,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh"));
        assertThat(born.status()).as(born.body().toString()).isEqualTo(201);
        String id = born.text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", "Số 1 phố Ví Giấy", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private static void card(Api central, String personalId, String issued) {
        assertThat(central.post("/api/v1/registry/persons/" + personalId + "/cards", map("issueDate", issued,
                "issuingAuthority", "Cục Cảnh sát QLHC về TTXH")).status()).isEqualTo(201);
    }

    /** A citizen logs in with password, and at level 2 with a code of their authenticator app. */
    private Session login(String personalId, boolean secondFactor) {
        Session session = new Session();
        String form = new String(session.get("/eid/login").body(), StandardCharsets.UTF_8);
        HttpResponse<byte[]> password = session.post("/eid/login", "_csrf", csrf(form), "personalId", personalId, "password", "dancu-demo");
        if (secondFactor) {
            assertThat(password.headers().firstValue("Location").orElse("")).endsWith("/eid/login/factor");
            String factor = new String(session.get("/eid/login/factor").body(), StandardCharsets.UTF_8);
            String code = Totp.code(Totp.fromBase32(TOTP_KEY), clock.instant().getEpochSecond() / Totp.STEP_SECONDS);
            password = session.post("/eid/login/factor", "_csrf", csrf(factor), "code", code);
        }
        assertThat(password.headers().firstValue("Location").orElse("")).as("logged in").endsWith("/eid/account");
        return session;
    }

    private static String csrf(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(html);
        assertThat(m.find()).as("a CSRF token in the form").isTrue();
        return m.group(1);
    }

    /** A user agent that keeps its cookies, follows no redirect and reads bodies as bytes (a PNG stays a PNG). */
    private class Session {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<byte[]> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html, */*;q=0.5").GET());
        }

        HttpResponse<byte[]> post(String path, String... fields) {
            StringBuilder form = new StringBuilder();
            for (int i = 0; i < fields.length; i += 2) {
                form.append(form.isEmpty() ? "" : "&").append(URLEncoder.encode(fields[i], StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
            }
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString())));
        }

        private URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        private HttpResponse<byte[]> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
