package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** {@code POST /api/v1/exchange/cards/qr-checks} with the demo members: the answers, and every refusal. */
class CardQrChecksApiTest extends IntegrationTest {

    static final String PATH = "/api/v1/exchange/cards/qr-checks";
    static final String AN = "001075503799";
    /** Trang has a card of 2016, replaced by one of 2024. */
    static final String TRANG = "001190318773";
    /** An's card as issued on 10 May 2021, with his address of then: Phường Quán Thánh, which the 2025 reform merged into Ba Đình. */
    static final String AN_QR = AN + "|012345678|Nguyễn Văn An|14031975|Nam|Số 12 phố Phan Đình Phùng, Phường Quán Thánh, "
            + "Quận Ba Đình, Thành phố Hà Nội|10052021";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    vn.dancu.wallet.Wallet wallet;

    private final HttpClient http = HttpClient.newHttpClient();

    Api member(String code) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((code + ":dancu-demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.bearer(port, Api.JSON.readTree(response.body()).path("access_token").asString());
    }

    static Map<String, Object> body(String qr, String purpose, String caseRef) {
        Map<String, Object> body = new HashMap<>();
        body.put("qr", qr);
        body.put("purpose", purpose);
        body.put("caseRef", caseRef);
        return body;
    }

    @Test
    void aMinistryChecksAnsCardAndLearnsOnlyThatEveryFieldAgrees() throws Exception {
        Api.Response ok = member("demo-ministry").post(PATH, body(AN_QR, "ADMINISTRATIVE_PROCEDURE", "HS-QR-1"));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(ok.body().path("found").asBoolean()).isTrue();
        assertThat(ok.body().path("alive").asBoolean()).isTrue();
        assertThat(ok.body().path("cardStatus").asString()).isEqualTo("VALID");
        assertThat(ok.body().path("allAgree").asBoolean()).isTrue();
        assertThat(ok.body().path("card").path("layout").asString()).isEqualTo("SEVEN_FIELDS");
        assertThat(ok.body().path("card").path("dateOfBirth").asString()).isEqualTo("1975-03-14");
        Map<String, String> matches = new HashMap<>();
        ok.body().path("matches").properties().forEach(e -> matches.put(e.getKey(), e.getValue().asString()));
        assertThat(matches).containsOnlyKeys("legacyId", "fullName", "dateOfBirth", "gender", "permanentAddress", "issueDate")
                .allSatisfy((field, result) -> assertThat(result).as(field).isEqualTo("MATCH"));
        assertThat(ok.body().path("fieldsCharged").asInt()).isEqualTo(8);
        assertThat(ok.body().toString()).as("no registry value leaves: An's address today is Phường Ba Đình")
                .doesNotContain("Phường Ba Đình,").doesNotContain("00004");
        assertThat(jdbc.sql("select count(*) from audit.access_log where actor = 'demo-ministry' and case_ref = 'HS-QR-1'"
                        + " and subject_personal_id = ? and purpose_code = 'ADMINISTRATIVE_PROCEDURE' and channel = 'API'"
                        + " and fields @> array['fullName', 'residences', 'cards', 'legacyIds']::text[]")
                .param(AN).query(Long.class).single()).as("the read is in the access log with its case").isEqualTo(1);
        assertThat(jdbc.sql("select fields from exchange.usage where case_ref = 'HS-QR-1' and operation = 'CARD_QR_CHECK'"
                + " and product = 'card-check' and fee_vnd = 8000").query(Integer.class).single()).isEqualTo(8);
    }

    @Test
    void aWrongNameAndAReplacedCardsIssueDateAreMismatches() throws Exception {
        Api ministry = member("demo-ministry");
        Api.Response wrongName = ministry.post(PATH, body(AN_QR.replace("Nguyễn Văn An", "Nguyễn Văn Anh"), "ADMINISTRATIVE_PROCEDURE", null));
        assertThat(wrongName.status()).isEqualTo(200);
        assertThat(wrongName.body().path("matches").path("fullName").asString()).isEqualTo("MISMATCH");
        assertThat(wrongName.body().path("allAgree").asBoolean()).isFalse();

        Api.Response replaced = ministry.post(PATH, body(AN_QR.replace("10052021", "15062016"), "ADMINISTRATIVE_PROCEDURE", null));
        assertThat(replaced.body().path("cardStatus").asString()).isEqualTo("REPLACED");
        assertThat(replaced.body().path("matches").path("issueDate").asString()).isEqualTo("MISMATCH");

        Api.Response sixFields = ministry.post(PATH, body(AN_QR.replace("|012345678|", "|") + "||||", "ADMINISTRATIVE_PROCEDURE", null));
        assertThat(sixFields.body().path("card").path("layout").asString()).isEqualTo("SIX_FIELDS");
        assertThat(sixFields.body().path("allAgree").asBoolean()).isTrue();

        Api.Response nobody = ministry.post(PATH, body(AN_QR.replace(AN, "001075999999"), "ADMINISTRATIVE_PROCEDURE", null));
        assertThat(nobody.status()).isEqualTo(200);
        assertThat(nobody.body().path("found").asBoolean()).isFalse();
        assertThat(nobody.body().path("matches").isEmpty()).isTrue();
        assertThat(nobody.body().path("fieldsCharged").asInt()).isZero();
    }

    /** The wallet shows each card's QR in the card's own format (DOMAIN.md §3): a verifier reads it as the printed one. */
    @Test
    void theQrOfAWalletsCardsIsCheckedAsACardsOwn() throws Exception {
        Api ministry = member("demo-ministry");
        for (String holder : List.of(AN, TRANG)) {
            List<vn.dancu.wallet.WalletItem> cards = wallet.itemsOf(holder, vn.dancu.wallet.Wallet.self("test:card-qr")).stream()
                    .filter(i -> i.kind() == vn.dancu.wallet.WalletItem.Kind.ID_CARD).toList();
            assertThat(cards).as(holder + "'s cards").isNotEmpty();
            for (vn.dancu.wallet.WalletItem card : cards) {
                Api.Response checked = ministry.post(PATH, body(vn.dancu.wallet.Wallet.cardQrText(card), "ADMINISTRATIVE_PROCEDURE", null));
                assertThat(checked.status()).as(checked.body().toString()).isEqualTo(200);
                String expected = card.status() == vn.dancu.wallet.WalletItem.Status.REPLACED ? "REPLACED" : "VALID";
                assertThat(checked.body().path("cardStatus").asString()).as(card.id()).isEqualTo(expected);
                assertThat(checked.body().path("matches").path("fullName").asString()).isEqualTo("MATCH");
                assertThat(checked.body().path("matches").path("permanentAddress").asString()).isEqualTo("MATCH");
                assertThat(checked.body().path("allAgree").asBoolean()).isEqualTo(expected.equals("VALID"));
            }
        }
    }

    @Test
    void theDeadAreFoundButNotAlive() throws Exception {
        String hoa = jdbc.sql("select personal_id from registry.person where full_name = 'Lê Thị Hoa' and date_of_birth = '1946-01-15'")
                .query(String.class).single();
        String qr = hoa + "||Lê Thị Hoa|15011946|Nữ|Số 12 phố Phan Đình Phùng, Phường Quán Thánh, Hà Nội|01012020";
        Api.Response dead = member("demo-ministry").post(PATH, body(qr, "CIVIL_STATUS", null));
        assertThat(dead.status()).as(dead.body().toString()).isEqualTo(200);
        assertThat(dead.body().path("alive").asBoolean()).isFalse();
        assertThat(dead.body().path("cardStatus").asString()).isEqualTo("NOT_ISSUED");
    }

    @Test
    void aBankChecksOnlyTheCardsOfThoseWhoConsented() throws Exception {
        Api bank = member("demo-bank");
        Api.Response an = bank.post(PATH, body(AN_QR, "BANKING_KYC", "KYC-1"));
        assertThat(an.status()).as(an.body().toString()).isEqualTo(200);
        assertThat(an.body().path("allAgree").asBoolean()).isTrue();
        String binhQr = "030178862050|142345679|Trần Thị Bình|02091978|Nữ|Số 12 phố Phan Đình Phùng, Phường Ba Đình, Hà Nội|15062021";
        Api.Response binh = bank.post(PATH, body(binhQr, "BANKING_KYC", null));
        assertThat(binh.status()).isEqualTo(403);
        assertThat(binh.code()).isEqualTo("CONSENT_REQUIRED");
    }

    @Test
    void aMemberWithoutTheProductOrThePurposeIsRefused() throws Exception {
        Api.Response vss = member("demo-vss").post(PATH, body(AN_QR, "SOCIAL_INSURANCE", null));
        assertThat(vss.status()).isEqualTo(403);
        assertThat(vss.code()).isEqualTo("PRODUCT_NOT_IN_POLICY");
        Api.Response notAllowed = member("demo-ministry").post(PATH, body(AN_QR, "BANKING_KYC", null));
        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(notAllowed.code()).isEqualTo("PURPOSE_NOT_ALLOWED");
        Api.Response noToken = anonymous().post(PATH, body(AN_QR, "ADMINISTRATIVE_PROCEDURE", null));
        assertThat(noToken.status()).isEqualTo(401);
    }

    @Test
    void aMissingOrUnknownPurposeIsAFieldError() throws Exception {
        Api ministry = member("demo-ministry");
        Api.Response none = ministry.post(PATH, body(AN_QR, null, null));
        assertThat(none.status()).isEqualTo(400);
        assertThat(none.fieldErrors()).contains("purpose:PURPOSE_REQUIRED");
        Api.Response unknown = ministry.post(PATH, body(AN_QR, "CURIOSITY", null));
        assertThat(unknown.fieldErrors()).contains("purpose:PURPOSE_CODE_UNKNOWN");
        Api.Response both = ministry.post(PATH, body("", "CURIOSITY", null));
        assertThat(both.fieldErrors()).as("every problem at once").contains("purpose:PURPOSE_CODE_UNKNOWN", "qr:QR_EMPTY");
    }

    @Test
    void everyKindOfMalformedQrIsAProblemWithItsCodeNeverA5xx() throws Exception {
        Api ministry = member("demo-ministry");
        long charged = usageRows();
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put("", "qr:QR_EMPTY");
        cases.put("x".repeat(20_000), "qr:QR_TOO_LONG");
        cases.put("001075503799|Nguyễn Văn An", "qr:QR_FIELD_COUNT");
        cases.put(AN_QR + "|extra", "qr:QR_FIELD_COUNT");
        cases.put(AN_QR.replace("|Nam|", "|Nam\u0000|"), "qr:QR_INVALID_CHARACTERS");
        cases.put(AN_QR.replace(AN, "00107550379X"), "personalId:INVALID_PERSONAL_ID");
        cases.put(AN_QR.replace(AN, "999075503799"), "personalId:UNKNOWN_ISSUING_CODE");
        cases.put(AN_QR.replace(AN, "001175503799"), "personalId:PERSONAL_ID_CONTRADICTS_CARD");
        cases.put(AN_QR.replace("012345678", "01234567"), "legacyId:INVALID_LEGACY_ID");
        cases.put(AN_QR.replace("Nguyễn Văn An", " "), "fullName:NAME_REQUIRED");
        cases.put(AN_QR.replace("14031975", "31021975"), "dateOfBirth:INVALID_DATE");
        cases.put(AN_QR.replace("|Nam|", "|M|"), "gender:INVALID_GENDER");
        cases.put(AN_QR.replace("10052021", "01012099"), "issueDate:DATE_IN_FUTURE");
        cases.put(AN_QR.replace("10052021", "01011970"), "issueDate:ISSUED_BEFORE_BIRTH");
        for (var c : cases.entrySet()) {
            Api.Response refused = ministry.post(PATH, body(c.getKey(), "ADMINISTRATIVE_PROCEDURE", null));
            assertThat(refused.status()).as(c.getValue()).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.fieldErrors()).as(c.getKey().length() > 100 ? c.getValue() : c.getKey()).contains(c.getValue());
        }
        Api.Response noQr = ministry.post(PATH, Map.of("purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(noQr.fieldErrors()).contains("qr:QR_EMPTY");
        Api.Response notJson = ministry.post(PATH, "application/json", "{\"qr\": ".getBytes(StandardCharsets.UTF_8));
        assertThat(notJson.status()).isEqualTo(400);
        Api.Response wrongType = ministry.post(PATH, Map.of("qr", List.of(1, 2), "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(usageRows()).as("no refused check is metered").isEqualTo(charged);
    }

    private long usageRows() {
        return jdbc.sql("select count(*) from exchange.usage where operation = 'CARD_QR_CHECK'").query(Long.class).single();
    }
}
