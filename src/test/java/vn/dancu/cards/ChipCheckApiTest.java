package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The members' chip check end to end on the demo platform: make-chip's images of An's card, the
 * genuine one answered with a receipt that verifies with the published key, each forgery refused
 * with its code (and still recorded and charged), malformed input refused 400; the trust store's
 * administration with its refusals.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChipCheckApiTest extends IntegrationTest {

    static final String AN = "001075503799";
    static final String BINH = "030178862050";
    static final String CHECKS = "/api/v1/exchange/cards/chip-checks";

    private final HttpClient http = HttpClient.newHttpClient();
    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;
    private Map<String, JsonNode> chips;
    private Api bank;

    @BeforeAll
    void makeChips() throws Exception {
        Api.Response made = api("admin").post("/api/v1/admin/cards/demo-chips", Api.map("personalId", AN));
        assertThat(made.status()).as(made.body().toString()).isEqualTo(200);
        chips = new HashMap<>();
        made.body().path("files").forEach(f -> chips.put(f.path("variant").asString(), f));
        bank = Api.bearer(port, token("demo-bank"));
    }

    String token(String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":dancu-demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    static Map<String, Object> body(JsonNode chip) {
        Map<String, Object> body = new HashMap<>();
        for (String group : new String[] {"sod", "dg1", "dg2", "dg13", "dg14", "dg15"}) {
            body.put(group, chip.path(group).asString());
        }
        body.put("purpose", "BANKING_KYC");
        body.put("purposeDetail", "Mở tài khoản trực tuyến");
        return body;
    }

    @Test
    void aBankSendsAGenuineChipAndGetsAReceiptThatVerifiesWithThePublishedKey() throws Exception {
        JsonNode chip = chips.get("VALID");
        byte[] challenge = {9, 8, 7, 6, 5, 4, 3, 2};
        Map<String, Object> body = body(chip);
        body.put("activeAuthentication", Map.of("challenge", Base64.getEncoder().encodeToString(challenge),
                "response", Base64.getEncoder().encodeToString(answer(chip, challenge))));
        body.put("face", chip.path("livePhoto").asString());
        Api.Response answer = bank.post(CHECKS, body);
        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        JsonNode a = answer.body();
        assertThat(a.path("verdict").asString()).isEqualTo("AUTHENTIC");
        assertThat(a.path("passiveAuthentication").path("revocation").asString()).isEqualTo("NOT_REVOKED");
        assertThat(a.path("activeAuthentication").asString()).isEqualTo("VERIFIED");
        assertThat(a.path("mrz").path("personalId").asString()).isEqualTo(AN);
        assertThat(a.path("registry").path("found").asBoolean()).isTrue();
        assertThat(a.path("registry").path("matches").path("fullName").asString()).isEqualTo("MATCH");
        assertThat(a.path("registry").path("matches").path("dateOfBirth").asString()).isEqualTo("MATCH");
        assertThat(a.path("registry").path("allAgree").asBoolean()).as(a.path("registry").toString()).isTrue();
        assertThat(a.path("faceMatch").path("outcome").asString()).isEqualTo("MATCH");
        assertThat(a.path("faceMatch").path("reference").asString()).isEqualTo("DG2");

        JWSObject receipt = JWSObject.parse(a.path("receipt").asString());
        JWKSet keys = JWKSet.parse(anonymous().get("/api/v1/cards/receipt-keys").body().toString());
        ECKey key = (ECKey) keys.getKeyByKeyId(receipt.getHeader().getKeyID());
        assertThat(receipt.verify(new ECDSAVerifier(key))).isTrue();
        JsonNode claims = Api.JSON.readTree(receipt.getPayload().toString());
        assertThat(claims.path("sub").asString()).isEqualTo(AN);
        assertThat(claims.path("check").path("checkId").asLong()).isEqualTo(a.path("checkId").asLong());
        assertThat(claims.path("check").path("dataGroupSha256").path("dg13").asString())
                .isEqualTo(ChipChecks.sha256(Base64.getDecoder().decode(chip.path("dg13").asString())));
        assertThat(claims.path("check").path("checkedBy").asString()).isEqualTo("MEMBER:demo-bank");
    }

    @ParameterizedTest
    @EnumSource(value = ChipVariant.class, names = {"DG13_BYTE_CHANGED", "DG_HASH_MISMATCH", "UNTRUSTED_DSC", "EXPIRED_DSC",
            "REVOKED_DSC", "MRZ_CHECK_DIGIT"})
    void everyForgedChipIsRefusedWithItsCode(ChipVariant variant) {
        Api.Response refused = bank.post(CHECKS, body(chips.get(variant.name())));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(422);
        assertThat(refused.code()).isEqualTo(variant.expected.name());
        assertThat(refused.contentType()).contains("application/problem+json");
    }

    @Test
    void aChangedDg13IsRefusedNamingTheGroup() {
        Api.Response refused = bank.post(CHECKS, body(chips.get("DG13_BYTE_CHANGED")));
        assertThat(refused.fieldErrors()).containsExactly("dg13:DG_HASH_MISMATCH");
    }

    @Test
    void namesThatDifferFromTheRegistryAreAnsweredAsMismatches() {
        Api.Response answer = bank.post(CHECKS, body(chips.get("DG13_NAMES_DIFFER")));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("registry").path("matches").path("fullName").asString()).isEqualTo("MISMATCH");
        assertThat(answer.body().path("registry").path("allAgree").asBoolean()).isFalse();
    }

    @Test
    void malformedInputIsRefused400NeverAServerError() {
        Map<String, Object> notBase64 = body(chips.get("VALID"));
        notBase64.put("dg13", "not base64 at all!");
        Api.Response bad = bank.post(CHECKS, notBase64);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.fieldErrors()).contains("dg13:INVALID_BASE64");

        Map<String, Object> garbage = body(chips.get("VALID"));
        garbage.put("sod", Base64.getEncoder().encodeToString(new byte[] {0x77, 0x03, 0x30, 0x01, 0x00}));
        Api.Response sod = bank.post(CHECKS, garbage);
        assertThat(sod.status()).isEqualTo(400);
        assertThat(sod.fieldErrors()).containsExactly("sod:SOD_MALFORMED");

        Map<String, Object> missing = body(chips.get("VALID"));
        missing.remove("dg1");
        missing.remove("purpose");
        assertThat(bank.post(CHECKS, missing).fieldErrors()).contains("purpose:PURPOSE_REQUIRED");
        missing.put("purpose", "BANKING_KYC");
        assertThat(bank.post(CHECKS, missing).fieldErrors()).contains("dg1:REQUIRED");
        assertThat(bank.post(CHECKS, "application/json", "[1,2".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(400);
    }

    @Test
    void aHolderWhoDidNotConsentIsNotReadForABankThatNeedsConsent() {
        Api.Response made = api("admin").post("/api/v1/admin/cards/demo-chips", Api.map("personalId", BINH));
        JsonNode chip = made.body().path("files").get(0);
        Api.Response refused = bank.post(CHECKS, body(chip));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("CONSENT_REQUIRED");
    }

    @Test
    void aMemberWithoutTheProductIsRefused() throws Exception {
        Api.Response refused = Api.bearer(port, token("demo-vss")).post(CHECKS, body(chips.get("VALID")));
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void theTrustStoreIsAdministeredWithItsRefusals() {
        CscaAuthority other = CscaAuthority.generate(Instant.now().minus(Duration.ofDays(1)));
        Api admin = api("admin");
        String pem = pem("CERTIFICATE", TrustStore.der(other.csca().certificate()));
        Api.Response added = admin.post("/api/v1/admin/cards/cscas", Api.map("certificate", pem));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        long id = added.body().path("id").asLong();
        assertThat(admin.post("/api/v1/admin/cards/cscas", Api.map("certificate", pem)).code()).isEqualTo("CSCA_ALREADY_TRUSTED");
        assertThat(admin.post("/api/v1/admin/cards/cscas", Api.map("certificate",
                Base64.getEncoder().encodeToString(TrustStore.der(other.documentSigner().certificate())))).fieldErrors())
                .containsExactly("certificate:NOT_A_CA");
        assertThat(admin.post("/api/v1/admin/cards/cscas", Api.map("certificate", "AAAA")).fieldErrors())
                .containsExactly("certificate:CERTIFICATE_UNREADABLE");

        String crl = Base64.getEncoder().encodeToString(TrustStore.crlDer(other.crl(Instant.now(), Duration.ofDays(10))));
        Api.Response loaded = admin.post("/api/v1/admin/cards/crls", Api.map("crl", crl));
        assertThat(loaded.status()).as(loaded.body().toString()).isEqualTo(201);
        assertThat(loaded.body().path("revoked").asInt()).isEqualTo(1);
        assertThat(admin.post("/api/v1/admin/cards/crls", Api.map("crl", crl)).code()).isEqualTo("CRL_NOT_NEWER");
        CscaAuthority stranger = CscaAuthority.generate(Instant.now());
        assertThat(admin.post("/api/v1/admin/cards/crls", Api.map("crl",
                Base64.getEncoder().encodeToString(TrustStore.crlDer(stranger.crl(Instant.now(), Duration.ofDays(10)))))).fieldErrors())
                .containsExactly("crl:CRL_ISSUER_UNTRUSTED");

        assertThat(admin.post("/api/v1/admin/cards/cscas/" + id + "/deactivate", Map.of()).body().path("active").asBoolean()).isFalse();
        assertThat(admin.post("/api/v1/admin/cards/cscas/" + id + "/deactivate", Map.of()).code()).isEqualTo("CSCA_ALREADY_INACTIVE");
        assertThat(admin.post("/api/v1/admin/cards/cscas/999999/deactivate", Map.of()).code()).isEqualTo("CSCA_NOT_FOUND");

        JsonNode changes = api("auditor").get("/api/v1/admin/cards/trust-changes").body();
        assertThat(changes.toString()).contains("CSCA_DEACTIVATED").contains("CRL_ADDED").contains("\"actor\":\"admin\"");
    }

    @Test
    void otherRolesCannotChangeTheTrustStoreOrMakeChips() {
        assertThat(api("officer.hanoi").post("/api/v1/admin/cards/cscas", Api.map("certificate", "AAAA")).status()).isEqualTo(403);
        assertThat(api("auditor").post("/api/v1/admin/cards/crls", Api.map("crl", "AAAA")).status()).isEqualTo(403);
        assertThat(api("officer.hanoi").post("/api/v1/admin/cards/demo-chips", Api.map("personalId", AN)).status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/admin/cards/cscas").status()).isEqualTo(401);
    }

    @Test
    void chipChecksAreOnTheMembersStatement() {
        bank.post(CHECKS, body(chips.get("VALID")));
        String month = java.time.YearMonth.now(clock.withZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))).toString();
        JsonNode usage = bank.get("/api/v1/exchange/usage?month=" + month).body();
        assertThat(usage.toString()).contains("CARD_CHIP_CHECK").contains("chip-check");
    }

    private static byte[] answer(JsonNode chip, byte[] challenge) throws Exception {
        PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(chip.path("activeAuthenticationKey").asString())));
        return ChipMaker.answer(key, challenge);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
