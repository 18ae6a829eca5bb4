package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** The members' API over real HTTP with the demo members: every path and the failures issue 5 lists. */
class ExchangeApiTest extends IntegrationTest {

    static final String AN = "001075503799";
    static final String BINH = "030178862050";
    static final String CHAU = "001306292530";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataConsents consents;
    @Autowired
    ChangeEvents events;
    @Autowired
    Webhooks webhooks;
    @Autowired
    Reconciliations reconciliations;
    @Autowired
    JWKSource<SecurityContext> providerKeys;

    private final HttpClient http = HttpClient.newHttpClient();

    String token(String client, String secret) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    Api member(String code) throws Exception {
        return Api.bearer(port, token(code, "dancu-demo"));
    }

    static Map<String, Object> check(Object... pairs) {
        return Api.map(pairs);
    }

    @Test
    void verifyAnswersYesOrNoPerAttributeAsThePolicyAllows() throws Exception {
        Api ministry = member("demo-ministry");
        Api.Response ok = ministry.post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "nguyễn  văn AN",
                "dateOfBirth", "1975-03-14", "gender", "MALE", "address", "So 12 pho Phan Dinh Phung, Quan Thanh, Ha Noi",
                "cardNumber", AN, "purpose", "ADMINISTRATIVE_PROCEDURE", "caseRef", "HS-VERIFY-1"));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(ok.body().path("found").asBoolean()).isTrue();
        assertThat(ok.body().path("alive").asBoolean()).isTrue();
        assertThat(ok.body().path("cardValid").asBoolean()).isTrue();
        assertThat(ok.body().path("matches").path("fullName").asBoolean()).as("case and spacing are forgiven").isTrue();
        assertThat(ok.body().path("matches").path("address").asBoolean()).as("the old ward's name, without marks").isTrue();
        assertThat(ok.body().path("matches").path("cardNumber").asBoolean()).isTrue();
        assertThat(ok.body().toString()).as("no registry value leaves").doesNotContain("Nguyễn Văn An").doesNotContain("Ba Đình");

        Api.Response lowerCase = ministry.post("/api/v1/exchange/verify", check("personalId", AN, "gender", "male",
                "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(lowerCase.body().path("matches").path("gender").asBoolean()).isTrue();

        Api.Response marks = ministry.post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "Nguyen Van An",
                "dateOfBirth", "1975-03-15", "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(marks.body().path("matches").path("fullName").asBoolean()).as("the ministry's policy keeps diacritics").isFalse();
        assertThat(marks.body().path("matches").path("dateOfBirth").asBoolean()).isFalse();
        Api.Response vss = member("demo-vss").post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "Nguyen Van An",
                "purpose", "SOCIAL_INSURANCE"));
        assertThat(vss.body().path("matches").path("fullName").asBoolean()).as("social insurance forgives diacritics").isTrue();

        Api.Response legacy = ministry.post("/api/v1/exchange/verify", check("legacyId", "012345678", "fullName", "Nguyễn Văn An",
                "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(legacy.body().path("legacyIdLinked").asBoolean()).isTrue();
        assertThat(legacy.body().path("matches").path("fullName").asBoolean()).isTrue();

        String hoa = jdbc.sql("select personal_id from registry.person where full_name = 'Lê Thị Hoa' and date_of_birth = '1946-01-15'").query(String.class).single();
        Api.Response dead = ministry.post("/api/v1/exchange/verify", check("personalId", hoa, "fullName", "Lê Thị Hoa",
                "purpose", "CIVIL_STATUS"));
        assertThat(dead.body().path("alive").asBoolean()).isFalse();
        assertThat(dead.body().path("cardValid").asBoolean()).isFalse();

        Api.Response nobody = ministry.post("/api/v1/exchange/verify", check("personalId", "001099999999", "fullName", "Ai Đó",
                "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(nobody.body().path("found").asBoolean()).isFalse();

        assertThat(jdbc.sql("select count(*) from audit.access_log where actor = 'demo-ministry' and case_ref = 'HS-VERIFY-1'"
                + " and subject_personal_id = ? and purpose_code = 'ADMINISTRATIVE_PROCEDURE'").param(AN).query(Long.class).single())
                .as("the check is in the access log with its case").isEqualTo(1);
        JsonNode statement = ministry.get("/api/v1/exchange/usage?month=" + YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh"))).body();
        assertThat(statement.path("calls").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(statement.path("feeVnd").asLong()).as("VND 1,000 per field returned").isEqualTo(statement.path("fields").asLong() * 1000);
    }

    @Test
    void aBurstOfCallsWithANewTokenIsAnsweredAndNoneFails() throws Exception {
        // More concurrent first uses of a token than the pool has connections: each check of the
        // stored token used to hold one connection while waiting for another.
        Api ministry = member("demo-ministry");
        Map<String, Object> body = check("personalId", AN, "fullName", "Nguyễn Văn An", "purpose", "ADMINISTRATIVE_PROCEDURE");
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<Integer>> calls = java.util.stream.IntStream.range(0, 80)
                    .mapToObj(i -> threads.submit(() -> ministry.post("/api/v1/exchange/verify", body).status())).toList();
            for (var call : calls) {
                assertThat(call.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        }
    }

    @Test
    void badCallsAreRefusedWithStableCodes() throws Exception {
        Api ministry = member("demo-ministry");
        Api.Response noPurpose = ministry.post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "Nguyễn Văn An"));
        assertThat(noPurpose.status()).isEqualTo(400);
        assertThat(noPurpose.fieldErrors()).contains("purpose:PURPOSE_REQUIRED");
        Api.Response badNumber = ministry.post("/api/v1/exchange/verify", check("personalId", "12ab", "dateOfBirth", "14/03/1975",
                "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(badNumber.fieldErrors()).contains("personalId:INVALID_PERSONAL_ID", "dateOfBirth:INVALID_DATE");
        Api.Response otherPurpose = ministry.post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "x",
                "purpose", "BANKING_KYC"));
        assertThat(otherPurpose.status()).isEqualTo(403);
        assertThat(otherPurpose.code()).isEqualTo("PURPOSE_NOT_ALLOWED");
        Api.Response malformed = ministry.post("/api/v1/exchange/verify", "{not json");
        assertThat(malformed.status()).isEqualTo(400);
        Api.Response wrongMethod = ministry.post("/api/v1/exchange/usage", Map.of());
        assertThat(wrongMethod.status()).as("no row of the authorisation matrix: refused to everyone").isEqualTo(403);
        assertThat(wrongMethod.code()).as("problem+json even where no handler ran").isEqualTo("FORBIDDEN");
        Api.Response nowhere = api("officer.hanoi").get("/api/v1/nowhere");
        assertThat(nowhere.status()).as("no row of the authorisation matrix: refused, as no such operation").isEqualTo(404);
        assertThat(nowhere.code()).isEqualTo("NOT_FOUND");
        assertThat(nowhere.contentType()).startsWith("application/problem+json");

        Api.Response outside = member("demo-bank").post("/api/v1/exchange/persons/query", check("personalId", AN,
                "products", List.of("household"), "purpose", "BANKING_KYC"));
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.code()).isEqualTo("PRODUCT_NOT_IN_POLICY");

        Api.Response none = Api.bearer(port, "").post("/api/v1/exchange/verify", check("personalId", AN));
        assertThat(none.status()).isEqualTo(401);
        Api.Response garbage = Api.bearer(port, "not-a-token").post("/api/v1/exchange/verify", check("personalId", AN));
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.code()).isEqualTo("INVALID_TOKEN");
        assertThat(garbage.headers().get("www-authenticate")).contains("invalid_token");
    }

    @Test
    void anExpiredTokenAndAnUnknownClientAreRefused() throws Exception {
        String kid = JWSObject.parse(token("demo-ministry", "dancu-demo")).getHeader().getKeyID();
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = new NimbusJwtEncoder(providerKeys).encode(JwtEncoderParameters.from(
                JwsHeader.with(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256).keyId(kid).build(),
                JwtClaimsSet.builder().subject("demo-ministry").issuedAt(past).expiresAt(past.plusSeconds(300))
                        .claim("scope", List.of("exchange")).claim("dancu_pt", "client").build())).getTokenValue();
        Api.Response refused = Api.bearer(port, expired).post("/api/v1/exchange/verify", check("personalId", AN, "fullName", "A",
                "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.code()).isEqualTo("INVALID_TOKEN");

        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("no-such-member:dancu-demo".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(unknown.body()).contains("invalid_client");

        // A token of an API client that belongs to no member.
        Api.Response notMember = Api.bearer(port, tokenWithScope("demo-api", "exchange.verify")).get("/api/v1/exchange/me");
        assertThat(notMember.status()).isEqualTo(401);
    }

    private String tokenWithScope(String client, String scope) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":dancu-demo").getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=" + scope)).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    @Test
    void aBusinessReadsOnlyWhatThePersonConsentedToAndARevocationCountsAtTheNextCall() throws Exception {
        Api bank = member("demo-bank");
        Api.Response seeded = bank.post("/api/v1/exchange/persons/query", check("personalId", AN,
                "products", List.of("identity-basic"), "purpose", "BANKING_KYC", "caseRef", "KYC-1"));
        assertThat(seeded.status()).as(seeded.body().toString()).isEqualTo(200);
        JsonNode name = seeded.body().path("fields").path("fullName");
        assertThat(name.path("value").asString()).isEqualTo("Nguyễn Văn An");
        assertThat(name.path("source").asString()).isEqualTo("CSDLQGDC");
        assertThat(name.path("updatedAt").asString()).isNotBlank();
        Api.Response notConsented = bank.post("/api/v1/exchange/persons/query", check("personalId", AN,
                "products", List.of("residence"), "purpose", "BANKING_KYC"));
        assertThat(notConsented.code()).isEqualTo("CONSENT_REQUIRED");

        Api.Response before = bank.post("/api/v1/exchange/verify", check("personalId", BINH, "fullName", "Trần Thị Bình",
                "purpose", "BANKING_KYC"));
        assertThat(before.code()).isEqualTo("CONSENT_REQUIRED");
        DataConsents.ConsentView consent = consents.grant(BINH, "demo-bank", List.of("verification", "residence"), "BANKING_KYC", 30, "WEB");
        assertThat(consent.statement()).contains("Ngân hàng Thương mại (demo)").contains("Thông tin cư trú");
        assertThat(consent.statementSha256()).hasSize(64);
        Api.Response allowed = bank.post("/api/v1/exchange/verify", check("personalId", BINH, "fullName", "Trần Thị Bình",
                "purpose", "BANKING_KYC"));
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.body().path("matches").path("fullName").asBoolean()).isTrue();
        Api.Response residence = bank.post("/api/v1/exchange/persons/query", check("personalId", BINH,
                "products", List.of("residence"), "purpose", "BANKING_KYC"));
        assertThat(residence.status()).isEqualTo(200);

        consents.revoke(BINH, consent.id());
        Api.Response after = bank.post("/api/v1/exchange/persons/query", check("personalId", BINH,
                "products", List.of("residence"), "purpose", "BANKING_KYC"));
        assertThat(after.status()).isEqualTo(403);
        assertThat(after.code()).isEqualTo("CONSENT_REQUIRED");
    }

    @Test
    void anAgencyQueriesWhatItsPolicyAllowsWithSourcesAndSectorDocuments() throws Exception {
        Api vss = member("demo-vss");
        Api.Response pushed = vss.post("/api/v1/exchange/documents", check("personalId", CHAU, "kind", "HEALTH_INSURANCE_CARD",
                "number", "HS4010123456789", "validFrom", "2026-01-01", "validTo", "2026-12-31", "details", Map.of("hospital", "Bạch Mai"),
                "purpose", "SOCIAL_INSURANCE"));
        assertThat(pushed.status()).as(pushed.body().toString()).isEqualTo(201);
        Api.Response notOwned = member("demo-bank").post("/api/v1/exchange/documents", check("personalId", CHAU,
                "kind", "HEALTH_INSURANCE_CARD", "number", "X", "purpose", "BANKING_KYC"));
        assertThat(notOwned.code()).isEqualTo("DOCUMENT_KIND_NOT_OWNED");
        Api.Response backwards = vss.post("/api/v1/exchange/documents", check("personalId", CHAU, "kind", "HEALTH_INSURANCE_CARD",
                "number", "HS2", "validFrom", "2026-12-31", "validTo", "2026-01-01", "purpose", "SOCIAL_INSURANCE"));
        assertThat(backwards.fieldErrors()).contains("validTo:BEFORE_VALID_FROM");
        Api.Response noPurpose = vss.post("/api/v1/exchange/documents", check("personalId", CHAU, "kind", "HEALTH_INSURANCE_CARD",
                "number", "HS3"));
        assertThat(noPurpose.fieldErrors()).contains("purpose:PURPOSE_REQUIRED");
        assertThat(jdbc.sql("select count(*) from audit.access_log where actor = 'demo-vss' and subject_personal_id = ?"
                + " and fields = array['personalId', 'document:HEALTH_INSURANCE_CARD']").param(CHAU).query(Long.class).single())
                .as("the person sees which agency added the document").isEqualTo(1);

        Api.Response read = member("demo-ministry").post("/api/v1/exchange/persons/query", check("personalId", CHAU,
                "products", List.of("identity-basic", "household", "documents"), "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(read.status()).as(read.body().toString()).isEqualTo(200);
        JsonNode documents = read.body().path("fields").path("documents");
        assertThat(documents.path("source").asString()).isEqualTo("demo-vss");
        assertThat(documents.path("value").get(0).path("number").asString()).isEqualTo("HS4010123456789");
        assertThat(read.body().path("fields").path("household").path("value").path("members").size()).isGreaterThan(1);
        assertThat(jdbc.sql("select count(*) from registry.person_change c join registry.person p on p.id = c.person_id"
                + " where p.personal_id = ? and c.change_type = 'DOCUMENT_RECORDED' and c.actor = 'demo-vss'").param(CHAU)
                .query(Long.class).single()).as("the document is in the person's history").isEqualTo(1);
        Api.Response unknownPerson = member("demo-ministry").post("/api/v1/exchange/persons/query", check("personalId", "001099999998",
                "products", List.of("identity-basic"), "purpose", "ADMINISTRATIVE_PROCEDURE"));
        assertThat(unknownPerson.status()).isEqualTo(404);
    }

    @Test
    void aQuotaOverrunAnswers429WithRetryAfterAndSuspensionStopsAtOnce() throws Exception {
        Api admin = api("admin");
        assertThat(admin.post("/api/v1/admin/members", check("code", "quota-bank", "name", "Ngân hàng Hạn mức", "kind", "BUSINESS",
                "sector", "BANK")).status()).isEqualTo(201);
        Api.Response noConsentBusiness = admin.post("/api/v1/admin/members/quota-bank/policies", check("products", List.of("verification"),
                "purposes", List.of("BANKING_KYC"), "legalBasis", "Thử nghiệm", "consentRequired", false, "dailyQuota", 2));
        assertThat(noConsentBusiness.fieldErrors()).contains("consentRequired:CONSENT_ALWAYS_REQUIRED");
        assertThat(admin.post("/api/v1/admin/members/quota-bank/policies", check("products", List.of("verification"),
                "purposes", List.of("BANKING_KYC"), "legalBasis", "Thử nghiệm", "dailyQuota", 2)).status()).isEqualTo(201);
        Api.Response client = admin.post("/api/v1/admin/members/quota-bank/clients", Map.of());
        assertThat(client.status()).as(client.body().toString()).isEqualTo(201);
        consents.grant(AN, "quota-bank", List.of("verification"), "BANKING_KYC", 1, "WEB");
        Api bank = Api.bearer(port, token(client.text("clientId"), client.text("secret")));
        Map<String, Object> body = check("personalId", AN, "fullName", "Nguyễn Văn An", "purpose", "BANKING_KYC");
        assertThat(bank.post("/api/v1/exchange/verify", body).status()).isEqualTo(200);
        assertThat(bank.post("/api/v1/exchange/verify", body).status()).isEqualTo(200);
        Api.Response over = bank.post("/api/v1/exchange/verify", body);
        assertThat(over.status()).isEqualTo(429);
        assertThat(over.code()).isEqualTo("QUOTA_EXCEEDED");
        assertThat(Long.parseLong(over.headers().get("retry-after"))).isBetween(1L, 86_400L);

        JsonNode member = admin.get("/api/v1/admin/members/quota-bank").body().path("member");
        Map<String, Object> suspended = check("name", member.path("name").asString(), "kind", "BUSINESS", "sector", "BANK",
                "state", "SUSPENDED");
        Api.Response put = admin.put("/api/v1/admin/members/quota-bank", member.path("version").asInt(), suspended);
        assertThat(put.status()).as(put.body().toString()).isEqualTo(200);
        Api.Response stopped = bank.get("/api/v1/exchange/me");
        assertThat(stopped.status()).isEqualTo(403);
        assertThat(stopped.code()).isEqualTo("MEMBER_SUSPENDED");
    }

    @Test
    void reconciliationReportsEachRecordAndBadRowsWithoutStoppingTheGoodOnes() throws Exception {
        String hoa = jdbc.sql("select personal_id from registry.person where full_name = 'Lê Thị Hoa' and date_of_birth = '1946-01-15'").query(String.class).single();
        String csv = """
                recordRef,personalId,legacyId,fullName,dateOfBirth,gender,address
                r1,%s,,NGUYEN VAN AN,1975-03-14,MALE,"Số 12 Phan Đình Phùng, Phường Ba Đình, Hà Nội"
                r2,%s,,Trần Thị Bích,1978-09-02,FEMALE,
                r3,,012345678,Nguyễn Văn An,,,
                r4,%s,,Lê Thị Hoa,,,
                r5,001099999997,,Không Có,,,
                r6,12345,,Sai Số,,,
                r7,%s,,Nguyễn Văn An,14/03/1975,,
                r8,too,few
                """.formatted(AN, BINH, hoa, AN);
        Api ministry = member("demo-ministry");
        Api.Response accepted = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE&caseRef=DS-2026",
                "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        JsonNode job = await(ministry, accepted.body().path("id").asLong());
        assertThat(job.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(job.path("records").asLong()).isEqualTo(8);
        assertThat(job.path("matched").asLong()).isEqualTo(1);
        assertThat(job.path("different").asLong()).isEqualTo(1);
        assertThat(job.path("superseded").asLong()).isEqualTo(1);
        assertThat(job.path("deceased").asLong()).isEqualTo(1);
        assertThat(job.path("notFound").asLong()).isEqualTo(1);
        assertThat(job.path("invalid").asLong()).isEqualTo(3);
        JsonNode results = ministry.get("/api/v1/exchange/reconciliations/" + job.path("id").asLong() + "/results").body();
        JsonNode r2 = results.get(1);
        assertThat(r2.path("outcome").asString()).isEqualTo("DIFFERENT");
        assertThat(r2.path("differences").get(0).path("field").asString()).isEqualTo("fullName");
        assertThat(r2.path("differences").get(0).path("registryValue").asString()).as("the ministry may read names").isEqualTo("Trần Thị Bình");
        assertThat(results.get(2).path("personalId").asString()).isEqualTo(AN);
        assertThat(results.get(6).path("error").asString()).contains("dateOfBirth");
        String report = ministry.text("/api/v1/exchange/reconciliations/" + job.path("id").asLong() + "/report");
        assertThat(report.lines().count()).isEqualTo(9);

        String jsonl = "{\"recordRef\":\"j1\",\"personalId\":\"" + AN + "\",\"fullName\":\"Nguyễn Văn An\"}\n{broken\n[1,2]\n";
        Api.Response lines = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE",
                "application/x-ndjson", jsonl.getBytes(StandardCharsets.UTF_8));
        JsonNode done = await(ministry, lines.body().path("id").asLong());
        assertThat(done.path("matched").asLong()).isEqualTo(1);
        assertThat(done.path("invalid").asLong()).isEqualTo(2);

        Api.Response badHeader = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE", "text/csv",
                "id,name\n1,x\n".getBytes(StandardCharsets.UTF_8));
        JsonNode failed = await(ministry, badHeader.body().path("id").asLong());
        assertThat(failed.path("state").asString()).isEqualTo("FAILED");
        assertThat(failed.path("error").asString()).contains("recordRef");
        byte[] latin1 = ("recordRef,personalId,fullName\nx1," + AN + ",Nguyen Van An\nx2," + AN + ",Tr\u00e2n\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        JsonNode mixed = await(ministry, ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE",
                "text/csv", latin1).body().path("id").asLong());
        assertThat(mixed.path("state").asString()).as("one bad byte does not stop the file").isEqualTo("COMPLETED");
        assertThat(mixed.path("matched").asLong()).isEqualTo(1);
        assertThat(mixed.path("invalid").asLong()).as("the row with a byte that is not UTF-8").isEqualTo(1);

        assertThat(ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE", "text/csv", new byte[0])
                .code()).isEqualTo("FILE_EMPTY");
        Api.Response wrongType = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE", "application/json",
                "[]".getBytes(StandardCharsets.UTF_8));
        assertThat(wrongType.status()).isEqualTo(415);
        Api.Response bank = member("demo-bank").post("/api/v1/exchange/reconciliations?purpose=BANKING_KYC", "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(bank.code()).as("a business has no blanket access").isEqualTo("CONSENT_REQUIRED");
    }

    @Test
    void aJobAStopInterruptedResumesAfterItsLastChunkAndAJobAnotherNodeHoldsIsLeftAlone() throws Exception {
        long member = jdbc.sql("select id from exchange.member where code = 'demo-ministry'").query(Long.class).single();
        java.util.UUID upload = java.util.UUID.randomUUID();
        // the upload in two parts, split inside a line: the parts are read back as one stream
        jdbc.sql("insert into exchange.reconciliation_upload values (?, 0, ?), (?, 1, ?)")
                .params(upload, ("recordRef,personalId\na," + AN + "\nb,").getBytes(StandardCharsets.UTF_8),
                        upload, (BINH + "\n").getBytes(StandardCharsets.UTF_8)).update();
        String insert = """
                insert into exchange.reconciliation (member_id, format, purpose_code, state, file, started_at, lease_until)
                values (?, 'CSV', 'ADMINISTRATIVE_PROCEDURE', 'RUNNING', ?, now(), now() + cast(? as interval)) returning id""";
        // Its node died: its lease ran out. Its only chunk had committed before.
        long interrupted = jdbc.sql(insert).params(member, "upload:" + upload, "-1 second").query(Long.class).single();
        jdbc.sql("insert into exchange.reconciliation_chunk values (?, 0, 2, 2, 0, 0, 0, 0, 0)").param(interrupted).update();
        long elsewhere = jdbc.sql(insert).params(member, "upload:" + java.util.UUID.randomUUID(), "1 hour").query(Long.class).single();

        reconciliations.resume();
        Api ministry = member("demo-ministry");
        JsonNode resumed = await(ministry, interrupted);
        assertThat(resumed.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(resumed.path("records").asLong()).as("the committed chunk is not done twice").isEqualTo(2);
        assertThat(jdbc.sql("select count(*) from exchange.reconciliation_upload where upload = ?").param(upload).query(Long.class).single())
                .as("the upload goes with its job").isZero();
        assertThat(ministry.get("/api/v1/exchange/reconciliations/" + elsewhere).body().path("state").asString()).isEqualTo("RUNNING");
        jdbc.sql("update exchange.reconciliation set state = 'FAILED' where id = ?").param(elsewhere).update();
    }

    @Test
    void anUploadIsKeptInPartsAndReadBackWhole() throws Exception {
        // more than one part: the records cross the parts' boundaries
        StringBuilder csv = new StringBuilder("recordRef,personalId,fullName\n");
        String padding = "x".repeat(90); // long references: fewer records to the megabyte
        while (csv.length() <= (1 << 20) + 1000) {
            csv.append(padding).append(csv.length()).append(',').append(AN).append(",Nguyễn Văn An\n");
        }
        long records = csv.chars().filter(c -> c == '\n').count() - 1;
        Api ministry = member("demo-ministry");
        Api.Response submitted = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE", "text/csv",
                csv.toString().getBytes(StandardCharsets.UTF_8));
        long id = submitted.body().path("id").asLong();
        String file = jdbc.sql("select file from exchange.reconciliation where id = ?").param(id).query(String.class).single();
        assertThat(file).startsWith("upload:");
        JsonNode done = await(ministry, id);
        assertThat(done.path("state").asString()).isEqualTo("COMPLETED");
        assertThat(done.path("records").asLong()).isEqualTo(records);
        assertThat(done.path("matched").asLong()).isEqualTo(records);
        assertThat(jdbc.sql("select count(*) from exchange.reconciliation_upload where upload = cast(? as uuid)")
                .param(file.substring("upload:".length())).query(Long.class).single()).isZero();
    }

    private JsonNode await(Api api, long id) throws InterruptedException {
        for (int i = 0; i < 200; i++) {
            JsonNode job = api.get("/api/v1/exchange/reconciliations/" + id).body();
            if (Set.of("COMPLETED", "FAILED").contains(job.path("state").asString())) {
                return job;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("reconciliation " + id + " did not finish");
    }

    @Test
    void eventsAreOrderedResumableFilteredAndLogged() throws Exception {
        Api ministry = member("demo-ministry");
        long start = ministry.get("/api/v1/exchange/events?purpose=CIVIL_STATUS&limit=1000&after=0").body().path("next").asLong();
        sequenced();
        long cursor = drain(ministry, start);
        String child = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Ngô Thị Sự Kiện", "gender", "FEMALE",
                "dateOfBirth", "2026-11-01", "placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "birthRegistrationUnit", "00004",
                "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        Api.Response renamed = api("officer.hanoi").post("/api/v1/registry/persons/" + child + "/name",
                check("fullName", "Ngô Thị Kiện", "sourceDocument", "Quyết định 12/QĐ-UBND"));
        assertThat(renamed.status()).as(renamed.body().toString()).isEqualTo(204);
        sequenced();
        JsonNode page = ministry.get("/api/v1/exchange/events?purpose=CIVIL_STATUS&after=" + cursor).body();
        assertThat(page.path("events").size()).isEqualTo(2);
        JsonNode born = page.path("events").get(0);
        JsonNode event = page.path("events").get(1);
        assertThat(born.path("type").asString()).isEqualTo("person.born");
        assertThat(event.path("type").asString()).isEqualTo("person.name_changed");
        assertThat(event.path("personalId").asString()).isEqualTo(child);
        assertThat(event.path("position").asLong()).isGreaterThan(born.path("position").asLong());
        assertThat(page.path("next").asLong()).isEqualTo(event.path("position").asLong());
        JsonNode resumed = ministry.get("/api/v1/exchange/events?purpose=CIVIL_STATUS&limit=1&after=" + cursor).body();
        assertThat(resumed.path("events").get(0).path("type").asString()).isEqualTo("person.born");
        assertThat(ministry.get("/api/v1/exchange/events?purpose=CIVIL_STATUS&after=" + resumed.path("next").asLong())
                .body().path("events").get(0).path("type").asString()).as("resumes after the cursor").isEqualTo("person.name_changed");
        assertThat(jdbc.sql("select count(*) from audit.access_log where actor = 'demo-ministry' and subject_personal_id = ?"
                + " and fields = array['event:person.name_changed']").param(child).query(Long.class).single()).isEqualTo(2);
        Api.Response bank = member("demo-bank").get("/api/v1/exchange/events?purpose=BANKING_KYC&after=" + cursor);
        assertThat(bank.body().path("events").size()).as("nobody consented to the bank for the child").isZero();
        // A consent to identity-basic gives the bank the child's identity events, not the residence ones.
        consents.grant(child, "demo-bank", List.of("identity-basic"), "BANKING_KYC", 30, "WEB");
        assertThat(api("officer.hanoi").post("/api/v1/registry/persons/" + child + "/residences", check("type", "PERMANENT",
                "unit", "00004", "addressLine", "Số 3 phố Hàng Bông", "from", "2026-11-02")).status()).isEqualTo(204);
        sequenced();
        JsonNode consented = member("demo-bank").get("/api/v1/exchange/events?purpose=BANKING_KYC&after=" + cursor).body();
        assertThat(consented.path("events").findValuesAsString("type")).containsExactly("person.born", "person.name_changed");
        Api.Response noPurpose = ministry.get("/api/v1/exchange/events?after=0");
        assertThat(noPurpose.fieldErrors()).contains("purpose:PURPOSE_REQUIRED");
    }

    /** Sequences and fans out now; the scheduled sequencer may hold the lock, so wait until everything is through. */
    private void sequenced() throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            events.sequence();
            boolean done = jdbc.sql("""
                    select not exists (select 1 from exchange.event where position is null)
                       and (select position from exchange.fanout) = (select coalesce(max(position), 0) from exchange.event)""")
                    .query(Boolean.class).single();
            if (done) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("events were not sequenced");
    }

    private static long drain(Api api, long from) {
        long cursor = from;
        while (true) {
            JsonNode page = api.get("/api/v1/exchange/events?purpose=CIVIL_STATUS&limit=1000&after=" + cursor).body();
            if (page.path("events").isEmpty()) {
                return cursor;
            }
            cursor = page.path("next").asLong();
        }
    }

    @Test
    void aWebhookThatIsDownGetsTheEventAfterRecoveryOnceAndSigned() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Set<String> applied = ConcurrentHashMap.newKeySet();
        List<String> seen = new CopyOnWriteArrayList<>();
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", exchange -> {
            String eventId = exchange.getRequestHeaders().getFirst("Dancu-Event-Id");
            seen.add(eventId);
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int call = calls.incrementAndGet();
            int status;
            if (call == 1) {
                status = 503;                      // down
            } else {
                applied.add(eventId);              // the receiver applies each event id once
                status = call == 2 ? 500 : 200;    // the second answer is lost: it will come again
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        try {
            Api vss = member("demo-vss");
            Api.Response hook = vss.post("/api/v1/exchange/webhooks", check("url", "http://127.0.0.1:" + receiver.getAddress().getPort()
                    + "/hook", "eventTypes", List.of("person.document_recorded"), "purpose", "SOCIAL_INSURANCE"));
            assertThat(hook.status()).as(hook.body().toString()).isEqualTo(201);
            long hookId = hook.body().path("id").asLong();
            vss.post("/api/v1/exchange/documents", check("personalId", BINH, "kind", "SOCIAL_INSURANCE_BOOK", "number", "0123456789",
                    "purpose", "SOCIAL_INSURANCE"));
            sequenced();
            Instant now = Instant.now();
            assertThat(webhooks.deliverDue(now)).isZero();
            assertThat(webhooks.deliverDue(now.plusSeconds(5))).as("not due before the backoff").isZero();
            assertThat(webhooks.deliverDue(now.plus(Webhooks.backoff(1)).plusSeconds(1))).isZero();
            assertThat(webhooks.deliverDue(now.plus(Duration.ofHours(2)))).isEqualTo(1);
            assertThat(webhooks.deliverDue(now.plus(Duration.ofHours(4)))).as("delivered means done").isZero();
            assertThat(seen).hasSize(3).containsOnly(seen.getFirst());
            assertThat(applied).hasSize(1);

            JsonNode deliveries = vss.get("/api/v1/exchange/webhooks/" + hookId + "/deliveries").body();
            assertThat(deliveries.get(0).path("state").asString()).isEqualTo("DELIVERED");
            assertThat(deliveries.get(0).path("attempts").asInt()).isEqualTo(3);

            JWKSet keys = JWKSet.parse(Api.JSON.writeValueAsString(Api.bearer(port, "").get("/api/v1/exchange/jwks").body()));
            JWSObject jws = JWSObject.parse(bodies.getLast());
            assertThat(jws.verify(new ECDSAVerifier((ECKey) keys.getKeyByKeyId(jws.getHeader().getKeyID())))).isTrue();
            assertThat(jws.getPayload().toJSONObject().get("personalId")).isEqualTo(BINH);
            assertThat(jws.getPayload().toJSONObject().get("eventId").toString()).isEqualTo(seen.getFirst());
            assertThat(vss.delete("/api/v1/exchange/webhooks/" + hookId).status()).isEqualTo(204);
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void aDeliveryThatKeepsFailingIsDeadUntilTheMemberRetriesIt() throws Exception {
        Api vss = member("demo-vss");
        Api.Response hook = vss.post("/api/v1/exchange/webhooks", check("url", "http://127.0.0.1:9/closed",
                "eventTypes", List.of("person.document_recorded"), "purpose", "SOCIAL_INSURANCE"));
        long hookId = hook.body().path("id").asLong();
        vss.post("/api/v1/exchange/documents", check("personalId", AN, "kind", "SOCIAL_INSURANCE_BOOK", "number", "9988776655",
                "purpose", "SOCIAL_INSURANCE"));
        sequenced();
        Instant at = Instant.now();
        for (int i = 0; i < Webhooks.MAX_ATTEMPTS; i++) {
            webhooks.deliverDue(at);
            at = at.plus(Webhooks.LONGEST_WAIT).plusSeconds(1);
        }
        JsonNode dead = vss.get("/api/v1/exchange/webhooks/" + hookId + "/deliveries?state=DEAD").body();
        assertThat(dead.size()).isEqualTo(1);
        assertThat(dead.get(0).path("lastError").asString()).isNotBlank();
        long deliveryId = dead.get(0).path("id").asLong();
        assertThat(vss.post("/api/v1/exchange/webhooks/" + hookId + "/deliveries/" + deliveryId + "/retry", Map.of()).status()).isEqualTo(202);
        assertThat(vss.get("/api/v1/exchange/webhooks/" + hookId + "/deliveries?state=PENDING").body().size()).isEqualTo(1);
        assertThat(vss.post("/api/v1/exchange/webhooks", check("url", "ftp://example.org/x", "purpose", "SOCIAL_INSURANCE"))
                .fieldErrors()).contains("url:INVALID_URL");
        assertThat(vss.delete("/api/v1/exchange/webhooks/" + hookId).status()).isEqualTo(204);
    }
}
