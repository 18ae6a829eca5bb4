package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * Payments of fees and fines: paid once and only for the amount due, by the payer only, in cash at the
 * counter or on the local gateway's page, and refunded with a receipt when the application is refused.
 */
class PaymentsTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final String BINH = "030178862050";

    @Autowired
    JdbcClient jdbc;

    @Test
    void cashIsTakenOnceForTheAmountDueAndARefusalRefundsIt() {
        String driver = person("Quách Văn Phí", "MALE", "1983-02-02");
        Api police = api("congan.caugiay");
        Api.Response lodged = police.post("/api/v1/applications", map("appendixNo", 20, "applicantPersonalId", driver,
                "form", map("licenceNumber", "010199999999", "licenceClass", "A1", "licenceReason", "LOST"),
                "attachments", List.of(ProceduresApiTest.pdf("HEALTH_CERTIFICATE"))));
        String code = lodged.text("code");
        assertThat(lodged.text("status")).isEqualTo("AWAITING_PAYMENT");
        // nothing to decide before the fee is paid: the officers whose leg it will be are told so, the others learn nothing
        assertThat(api("officer.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("AWAITING_PAYMENT");
        assertThat(police.post(decision(code), map("approve", true)).code()).isEqualTo("AWAITING_PAYMENT");
        assertThat(api("officer.hcm").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(api("tuphap.caugiay").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(police.get("/api/v1/applications/" + code).text("status")).isEqualTo("AWAITING_PAYMENT");

        JsonNode payment = police.get("/api/v1/applications/" + code + "/payments").body().get(0);
        String cash = "/api/v1/applications/" + code + "/payments/" + payment.path("reference").asString() + "/cash";
        assertThat(police.post(cash, map("amount", 135_001)).fieldErrors()).containsExactly("amount:AMOUNT_MISMATCH");
        assertThat(police.post(cash, map()).fieldErrors()).containsExactly("amount:REQUIRED");
        assertThat(police.post("/api/v1/applications/" + code + "/payments/TT-2000-0000001/cash", map("amount", 135_000)).code())
                .isEqualTo("PAYMENT_NOT_FOUND");
        assertThat(api("congan.badinh").post(cash, map("amount", 135_000)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(api("congan.badinh").get("/api/v1/applications/" + code + "/payments").code()).isEqualTo("APPLICATION_NOT_FOUND");

        Api.Response receipt = police.post(cash, map("amount", 135_000));
        assertThat(receipt.status()).isEqualTo(201);
        assertThat(receipt.text("method")).isEqualTo("CASH");
        assertThat(receipt.text("payerPersonalId")).isEqualTo(driver);
        assertThat(receipt.text("issuedBy")).isEqualTo("congan.caugiay");
        assertThat(police.post(cash, map("amount", 135_000)).code()).isEqualTo("ALREADY_PAID");
        assertThat(receiptsOf(payment.path("reference").asString())).isEqualTo(1);

        Api.Response refused = police.post(decision(code), map("approve", false, "note", "Giấy khám sức khỏe đã quá hạn"));
        assertThat(refused.text("status")).isEqualTo("REJECTED");
        JsonNode refunded = police.get("/api/v1/applications/" + code + "/payments").body().get(0);
        assertThat(refunded.path("state").asString()).isEqualTo("REFUNDED");
        assertThat(refunded.path("receipts").toString()).contains("\"kind\":\"REFUND\"", "Giấy khám sức khỏe đã quá hạn");
        List<String> states = new java.util.ArrayList<>();
        refunded.path("events").forEach(e -> states.add(e.path("state").asString()));
        assertThat(states).containsExactly("AWAITING", "PAID", "REFUNDED");
        assertThat(police.post(cash, map("amount", 135_000)).code()).isEqualTo("ALREADY_REFUNDED");
        assertThat(jdbc.sql("select count(*) from procedures.notification n join procedures.application a on a.id = n.application_id"
                + " where a.code = ? and n.title_vi like 'Hoàn trả%'").param(code).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from procedures.step s join procedures.application a on a.id = s.application_id"
                + " where a.code = ? and s.action = 'REFUNDED'").param(code).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void receiptsAndPaymentEventsCannotBeChanged() {
        assertThat(updateRefused("update procedures.receipt set amount = 1")).isTrue();
        assertThat(updateRefused("delete from procedures.payment_event")).isTrue();
    }

    @Test
    void theCitizenPaysTheirFineOnThePaymentPageOnceAndForTheAmountShown() throws Exception {
        Citizen binh = new Citizen(BINH);
        HttpResponse<String> lodged = binh.post("/eid/procedures/8", Map.of("violationRecord", "CSGT-HN-2026-000101",
                "plateNumber", "30A-678.90"));
        assertThat(lodged.statusCode()).as(lodged.body()).isEqualTo(302);
        String applicationPage = URI.create(lodged.headers().firstValue("Location").orElseThrow()).getPath();
        String page = binh.get(applicationPage).body();
        assertThat(page).contains("900.000 đ");
        Matcher pay = Pattern.compile("href=\"(/eid/payments/TT-[0-9-]+)\"").matcher(page);
        assertThat(pay.find()).as(page).isTrue();
        String paymentPage = pay.group(1);

        String form = binh.get(paymentPage).body();
        assertThat(form).contains("900.000 đ", "Trần Thị Bình", "không thu thập thông tin thẻ");
        HttpResponse<String> tampered = binh.post(paymentPage, Map.of("amount", "9000"));
        assertThat(tampered.statusCode()).isEqualTo(400);
        assertThat(tampered.body()).contains("Số tiền không đúng số phải nộp");
        HttpResponse<String> paid = binh.post(paymentPage, Map.of("amount", "900000"));
        assertThat(paid.statusCode()).isEqualTo(302);
        String receipt = binh.get(paymentPage).body();
        assertThat(receipt).contains("Biên lai thu tiền", "BL-", "Trực tuyến");
        HttpResponse<String> twice = binh.post(paymentPage, Map.of("amount", "900000"));
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("Khoản này đã được thanh toán");
        assertThat(receiptsOf(paymentPage.substring(paymentPage.lastIndexOf('/') + 1))).isEqualTo(1);
        assertThat(binh.get(applicationPage).body()).contains("Đã thanh toán");

        // someone else's payment is not shown, nor paid
        String other = person("Khổng Văn Khác", "MALE", "1979-01-01");
        Api.Response theirs = api("congan.caugiay").post("/api/v1/applications", map("appendixNo", 20, "applicantPersonalId", other,
                "form", map("licenceNumber", "010188888888", "licenceClass", "B", "licenceReason", "EXPIRED"),
                "attachments", List.of(ProceduresApiTest.pdf("HEALTH_CERTIFICATE"))));
        String reference = api("congan.caugiay").get("/api/v1/applications/" + theirs.text("code") + "/payments").body().get(0)
                .path("reference").asString();
        assertThat(binh.get("/eid/payments/" + reference).statusCode()).isEqualTo(404);
        assertThat(binh.post("/eid/payments/" + reference, Map.of("amount", "135000")).statusCode()).isEqualTo(404);
        assertThat(receiptsOf(reference)).isZero();
    }

    @Test
    void aFeeLodgedOnlineIsPaidOnThePageAndTheSignedResultStatesIt() throws Exception {
        Citizen binh = new Citizen(BINH);
        HttpResponse<String> lodged = binh.post("/eid/procedures/20", Map.of("licenceNumber", "010178862050", "licenceClass", "B",
                "licenceReason", "DETAILS_CHANGED"));
        // the driver's health certificate is required: the form comes back with the error, nothing is lodged
        assertThat(lodged.statusCode()).isEqualTo(400);
        assertThat(lodged.body()).contains("Giấy khám sức khỏe của người lái xe");
        String code = api("officer.hanoi").post("/api/v1/applications", map("appendixNo", 20, "applicantPersonalId", BINH,
                "form", map("licenceNumber", "010178862050", "licenceClass", "B", "licenceReason", "DETAILS_CHANGED"),
                "attachments", List.of(ProceduresApiTest.pdf("HEALTH_CERTIFICATE")))).text("code");
        String page = binh.get("/eid/applications/" + code).body();
        assertThat(page).contains("Chờ thanh toán", "135.000 đ", "Thanh toán 135.000 đ");
        Matcher pay = Pattern.compile("href=\"(/eid/payments/TT-[0-9-]+)\"").matcher(page);
        assertThat(pay.find()).isTrue();
        assertThat(binh.post(pay.group(1), Map.of("amount", "135000")).statusCode()).isEqualTo(302);
        assertThat(binh.get("/eid/applications/" + code).body()).contains("Đang giải quyết", "Đã thanh toán");
        Api.Response done = api("officer.hanoi").post(decision(code), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        JsonNode fields = done.body().path("legs").get(0).path("result").path("fields");
        assertThat(fields.path("Lệ phí đã nộp").asString()).isEqualTo("135000 đồng");
        assertThat(fields.path("Số giấy phép lái xe").asString()).isEqualTo("010178862050");
    }

    // --- fixtures

    private boolean updateRefused(String sql) {
        try {
            jdbc.sql(sql).update();
            return false;
        } catch (org.springframework.dao.DataAccessException refused) {
            return true;
        }
    }

    private long receiptsOf(String reference) {
        return jdbc.sql("select count(*) from procedures.receipt r join procedures.payment p on p.id = r.payment_id where p.reference = ?")
                .param(reference).query(Long.class).single();
    }

    private static String decision(String code) {
        return "/api/v1/applications/" + code + "/legs/1/decision";
    }

    private String person(String name, String gender, String dob) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", "Số 9 phố Thanh Toán", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    /** A demo citizen logged in on the e-ID pages with the password (level 1): their session, and the page's CSRF token. */
    private final class Citizen {

        private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        private String csrf;

        Citizen(String personalId) throws IOException, InterruptedException {
            csrf = csrfOf(get("/eid/login").body());
            HttpResponse<String> login = post("/eid/login", Map.of("personalId", personalId, "password", "dancu-demo"));
            assertThat(login.headers().firstValue("Location").orElse("")).as("logged in").endsWith("/eid/account");
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html").header("Accept-Language", "vi").build(), HttpResponse.BodyHandlers.ofString());
            if (page.body().contains("name=\"_csrf\"")) {
                csrf = csrfOf(page.body());
            }
            return page;
        }

        HttpResponse<String> post(String path, Map<String, String> fields) throws IOException, InterruptedException {
            StringBuilder body = new StringBuilder("_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
            fields.forEach((k, v) -> body.append('&').append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .header("Accept-Language", "vi").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        private static String csrfOf(String html) {
            return html.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        }
    }
}
