package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.Browser;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.eid.CitizenSignedIn;
import vn.dancu.exchange.ExchangeMetered;
import vn.dancu.procedures.ApplicationCounted;

/**
 * The programme's indicators move with the changes that move them, in the same transaction, and
 * each family's recount finds again what the events kept: figures as the worker folds the journal.
 */
class KpiEventsTest extends IntegrationTest {

    static final String BINH = "030178862050";
    static final String AN = "001075503799";
    static final String CAU_GIAY = "00166";
    static final String REDIRECT = "https://rp.example.vn/callback";
    static final AtomicInteger SERIAL = new AtomicInteger();
    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    CitizenAccounts citizens;
    @Autowired
    List<Recount> recounts;
    @Autowired
    vn.dancu.MovableClock clock;
    @Autowired
    Tally tally;
    @Autowired
    Rebuild rebuild;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aLoginCountsForItsDayRelyingPartyAndLevel() {
        String today = today().toString();
        long ownPages = figure("logins", 0, today, "", "1");
        login(new Browser(port), BINH);
        assertThat(figure("logins", 0, today, "", "1")).isEqualTo(ownPages + 1);

        String clientId = "kpi-rp-" + SERIAL.incrementAndGet();
        relyingParty(clientId);
        String citizen = citizen();
        Browser browser = new Browser(port);
        Browser.Page toLogin = browser.get(authorizeUrl(clientId));
        assertThat(toLogin.location()).contains("/eid/login");
        Browser.Page back = login(browser, citizen);
        assertThat(back.location()).contains("/oauth2/authorize").contains("client_id=" + clientId);
        assertThat(figure("logins", 0, today, clientId, "1")).isEqualTo(1);
        assertThat(figure("logins", 0, today, "", "1")).as("not the citizen's own pages").isEqualTo(ownPages + 1);

        Browser.Page wrong = new Browser(port).post("/eid/login", "_csrf", new Browser(port).get("/eid/login").csrf(),
                "personalId", citizen, "password", "not the password");
        assertThat(wrong.status()).isNotEqualTo(302);
        assertThat(figure("logins", 0, today, clientId, "1")).as("a refused login counts nothing").isEqualTo(1);
    }

    @Test
    void aFigureMovesOnlyWhenTheTransactionOfItsChangeCommits() {
        String day = "2026-01-02";
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new CitizenSignedIn(LocalDate.parse(day), "rolled-back", 2));
            events.publishEvent(new ExchangeMetered(List.of(new ExchangeMetered.Use("rolled-back", "verification", "X", 1, 1000))));
            events.publishEvent(new ApplicationCounted("RECEIVED", "rolled-back", 1, "2026-01", "ONLINE", null, 3, 2));
            tx.setRollbackOnly();
        });
        assertThat(figure("logins", 0, day, "rolled-back", "2")).isZero();
        assertThat(figure("exchange_calls", 0, "rolled-back", "verification", "X")).isZero();
        assertThat(figure("procedures_received", 1, "rolled-back", "2026-01", "ONLINE")).isZero();

        assertThat(jdbc.sql("select count(*) from statistics.journal where k1 = 'rolled-back' or k2 = 'rolled-back'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExchangeCallCountsItsCallAndFeeAndARefusedOneNothing() throws Exception {
        Api ministry = Api.bearer(port, token("demo-ministry"));
        long calls = figure("exchange_calls", 0, "demo-ministry", "verification", "ADMINISTRATIVE_PROCEDURE");
        long fees = figure("exchange_fees", 0, "demo-ministry", "verification", "ADMINISTRATIVE_PROCEDURE");
        Api.Response ok = ministry.post("/api/v1/exchange/verify", map("personalId", AN, "fullName", "Nguyễn Văn An",
                "dateOfBirth", "1975-03-14", "purpose", "ADMINISTRATIVE_PROCEDURE", "caseRef", "KPI-1"));
        assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);
        assertThat(figure("exchange_calls", 0, "demo-ministry", "verification", "ADMINISTRATIVE_PROCEDURE")).isEqualTo(calls + 1);
        long charged = jdbc.sql("""
                        select fee_vnd from exchange.usage where case_ref = 'KPI-1' and product = 'verification'""")
                .query(Long.class).single();
        assertThat(charged).isPositive();
        assertThat(figure("exchange_fees", 0, "demo-ministry", "verification", "ADMINISTRATIVE_PROCEDURE")).isEqualTo(fees + charged);

        Api.Response refused = ministry.post("/api/v1/exchange/verify", map("personalId", AN, "fullName", "Nguyễn Văn An",
                "purpose", "NOT_A_PURPOSE", "caseRef", "KPI-2"));
        assertThat(refused.status()).isBetween(400, 499);
        assertThat(figure("exchange_calls", 0, "demo-ministry", "verification", "ADMINISTRATIVE_PROCEDURE")).isEqualTo(calls + 1);
        assertThat(sumOf("exchange_calls", "NOT_A_PURPOSE")).isZero();
    }

    @Test
    void anApplicationCountsWhenReceivedWithItsFieldsAndWhenDecided() {
        String month = YearMonth.now(clock.withZone(VIETNAM)).toString();
        String mother = person("Đinh Thị Thu", "FEMALE", "1995-02-03");
        Api justice = api("tuphap.caugiay");
        Api.Response missing = justice.post("/api/v1/applications", birth(mother, false));
        assertThat(missing.status()).isEqualTo(400);

        Map<String, Long> before = byKey("procedures_received", "form_fields", "procedures_completed");
        Api.Response lodged = justice.post("/api/v1/applications", birth(mother, true));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        long unit = jdbc.sql("select unit_id from procedures.application where code = ?").param(lodged.text("code")).query(Long.class).single();
        int prefilled = lodged.body().path("prefilled").size();
        int fields = lodged.body().path("form").size();
        Map<String, Long> changed = difference(before, byKey("procedures_received", "form_fields", "procedures_completed"));
        assertThat(changed).as("at the commune, its province and the nation").hasSize(9)
                .containsEntry(key("procedures_received", 0, "birth-registration", month, "COUNTER"), 1L);
        assertThat(at(unit, changed)).containsOnly(
                Map.entry(key("procedures_received", unit, "birth-registration", month, "COUNTER"), 1L),
                Map.entry(key("form_fields", unit, "birth-registration", month, "PREFILLED"), (long) prefilled),
                Map.entry(key("form_fields", unit, "birth-registration", month, "TYPED"), (long) fields - prefilled));
        assertThat(prefilled).isPositive();

        Api.Response decided = justice.post("/api/v1/applications/" + lodged.text("code") + "/legs/1/decision", map("approve", true));
        assertThat(decided.text("status")).isEqualTo("COMPLETED");
        Map<String, Long> all = difference(before, byKey("procedures_received", "form_fields", "procedures_completed"));
        assertThat(at(unit, all)).containsEntry(key("procedures_completed", unit, "birth-registration", month, "ON_TIME"), 1L).hasSize(4);
        assertThat(all).hasSize(12);
    }

    @Test
    void eachRecountFindsAgainWhatTheEventsKeptAfterAMixedHistory() throws Exception {
        login(new Browser(port), BINH);
        login(new Browser(port), citizen());
        Api ministry = Api.bearer(port, token("demo-ministry"));
        ministry.post("/api/v1/exchange/verify", map("personalId", AN, "fullName", "Nguyễn Văn An", "purpose",
                "ADMINISTRATIVE_PROCEDURE", "caseRef", "KPI-MIX"));
        ministry.post("/api/v1/exchange/persons/query", map("personalId", AN, "products", List.of("identity-basic"),
                "purpose", "CIVIL_STATUS"));
        Api.bearer(port, token("demo-vss")).post("/api/v1/exchange/verify", map("personalId", AN, "fullName", "Nguyen Van An",
                "purpose", "SOCIAL_INSURANCE"));
        Api.Response reconciliation = ministry.post("/api/v1/exchange/reconciliations?purpose=ADMINISTRATIVE_PROCEDURE", "text/csv",
                ("recordRef,personalId,fullName,dateOfBirth\nk1," + person("Mạc Văn Lệch", "MALE", "1979-01-01")
                        + ",Mạc Văn Lệch,1979-01-02\n").getBytes(StandardCharsets.UTF_8));
        assertThat(reconciliation.status()).isEqualTo(202);
        for (int i = 0; i < 100 && !ministry.get("/api/v1/exchange/reconciliations/" + reconciliation.body().path("id").asLong())
                .text("state").equals("COMPLETED"); i++) {
            Thread.sleep(100);
        }
        String mother = person("Hà Thị Mai", "FEMALE", "1996-04-05");
        Api justice = api("tuphap.caugiay");
        String refusedLater = justice.post("/api/v1/applications", birth(mother, true)).text("code");
        justice.post("/api/v1/applications/" + refusedLater + "/legs/1/decision", map("approve", false, "note", "Thiếu giấy tờ"));
        justice.post("/api/v1/applications", birth(person("Lò Thị Xuân", "FEMALE", "1997-06-07"), true));

        assertThat(recounts.stream().flatMap(r -> r.facts().stream())).containsAll(KPI_FACTS);
        Map<String, Long> kept = byKey(KPI_FACTS.toArray(String[]::new));
        assertThat(kept.keySet().stream().map(k -> k.substring(0, k.indexOf('|'))).distinct()).containsExactlyInAnyOrderElementsOf(KPI_FACTS);
        Map<String, Long> persons = byKey("eid_accounts", "quality");
        persons.keySet().removeIf(k -> k.startsWith("quality|") && !k.contains("|open_difference|"));
        rebuild.run();
        assertThat(byKey(KPI_FACTS.toArray(String[]::new))).as("the figures the recounts count").isEqualTo(kept);
        Map<String, Long> recounted = byKey("eid_accounts", "quality");
        recounted.keySet().removeIf(k -> k.startsWith("quality|") && !k.contains("|open_difference|"));
        assertThat(recounted).as("e-ID accounts and open differences").isEqualTo(persons).isNotEmpty();
    }

    static final List<String> KPI_FACTS = List.of("logins", "exchange_calls", "exchange_fees", "procedures_received",
            "procedures_completed", "form_fields");

    // --- fixtures

    private LocalDate today() {
        return LocalDate.now(clock.withZone(VIETNAM));
    }

    /** The figure of one key once the worker has folded what is pending. */
    long figure(String fact, long unit, String k1, String k2, String k3) {
        settle();
        return jdbc.sql("select coalesce(sum(value), 0) from statistics.figure where fact = ? and unit_id = ? and k1 = ? and k2 = ? and k3 = ?")
                .params(fact, unit, k1, k2, k3).query(Long.class).single();
    }

    private long sumOf(String fact, String k3) {
        settle();
        return jdbc.sql("select coalesce(sum(value), 0) from statistics.figure where fact = ? and k3 = ?").params(fact, k3)
                .query(Long.class).single();
    }

    /** Folds the journal now, waiting for a fold under way. */
    private void settle() {
        tally.foldNow();
    }

    private Map<String, Long> byKey(String... facts) {
        settle();
        Map<String, Long> sums = new HashMap<>();
        jdbc.sql("select fact, unit_id, k1, k2, k3, value from statistics.figure where fact = any(?)")
                .param(facts)
                .query(rs -> {
                    long value = rs.getLong(6);
                    if (value != 0) {
                        sums.put(key(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5)), value);
                    }
                });
        return sums;
    }

    private static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new HashMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                changed.put(k, d);
            }
        });
        return changed;
    }

    private static Map<String, Long> at(long unit, Map<String, Long> figures) {
        Map<String, Long> of = new HashMap<>(figures);
        of.keySet().removeIf(k -> !k.split("\\|", -1)[1].equals(String.valueOf(unit)));
        return of;
    }

    private static String key(String fact, long unit, String k1, String k2, String k3) {
        return fact + "|" + unit + "|" + k1 + "|" + k2 + "|" + k3;
    }

    private Browser.Page login(Browser browser, String personalId) {
        Browser.Page form = browser.get("/eid/login");
        Browser.Page done = browser.post("/eid/login", "_csrf", form.csrf(), "personalId", personalId, "password", "dancu-demo");
        assertThat(done.status()).as(done.body()).isEqualTo(302);
        return done;
    }

    /** A living adult of Hà Nội with a level-1 account, password dancu-demo. */
    private String citizen() {
        int n = SERIAL.incrementAndGet();
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", map("fullName", "Trịnh Văn Đếm",
                "gender", "MALE", "dateOfBirth", "1988-03-" + String.format("%02d", 1 + n % 28), "placeOfBirth", "Hà Nội",
                "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        citizens.createDemoAccount(personalId, 1, String.format("09%08d", 20_000_000 + n * 7919 % 79_999_999), "dancu-demo", null);
        return personalId;
    }

    private void relyingParty(String clientId) {
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", map("clientId", clientId,
                "name", "Cổng thử nghiệm " + clientId, "kind", "RELYING_PARTY", "confidential", false, "authMethods", List.of(),
                "redirectUris", List.of(REDIRECT), "scopes", List.of("openid", "profile"), "claims", List.of(),
                "acrValues", List.of("urn:dancu:loa:1", "urn:dancu:loa:2"), "purpose", "Kiểm thử chỉ tiêu", "sector", "kpi.test"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
    }

    private static String authorizeUrl(String clientId) {
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]);
        String challenge;
        try {
            challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&nonce=n1&code_challenge=" + challenge
                + "&code_challenge_method=S256";
    }

    private String token(String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":dancu-demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    private String person(String name, String gender, String dob) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", "Số " + SERIAL.incrementAndGet() + " ngõ Chỉ Tiêu", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private Map<String, Object> birth(String mother, boolean withCertificate) {
        Map<String, Object> form = map("child.fullName", "Nguyễn Bé Đếm", "child.gender", "FEMALE",
                "child.dateOfBirth", today().minusDays(3).toString(), "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội",
                "child.ethnicity", "Kinh");
        Map<String, Object> certificate = map("kind", "BIRTH_CERTIFICATE", "filename", "gcs.pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString("%PDF-1.4\n%demo\n".getBytes(StandardCharsets.UTF_8)));
        return map("appendixNo", 9, "applicantPersonalId", mother, "form", form,
                "attachments", withCertificate ? List.of(certificate) : List.of());
    }
}
