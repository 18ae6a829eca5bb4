package vn.dancu.eid;

import vn.dancu.platform.Totp;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** The citizen's own pages over HTTP: registration against the registry, second factors, recovery, "my data". */
class CitizenPagesTest extends IntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(40);

    @Autowired
    CitizenAccounts citizens;
    @Autowired
    OutboxSmsGateway outbox;
    @Autowired
    JdbcClient jdbc;

    record Person(String personalId, String dateOfBirth, String cardNumber, String cardIssued) {
    }

    /** A person born in Hà Nội with an ID card, and no e-ID account. */
    private Person personWithCard(String dateOfBirth) {
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Đỗ Thị Đăng Ký",
                "gender", "FEMALE", "dateOfBirth", dateOfBirth, "placeOfBirth", "Hà Nội", "birthRegistrationUnit", "00070",
                "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        Api.Response card = api("officer.hanoi").post("/api/v1/registry/persons/" + personalId + "/cards",
                Api.map("issueDate", "2025-03-01", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH"));
        assertThat(card.status()).isEqualTo(201);
        return new Person(personalId, dateOfBirth, card.text("cardNumber"), "2025-03-01");
    }

    private String phone() {
        return String.format("03%08d", 20_000_000 + SEQUENCE.incrementAndGet() * 7_777);
    }

    private String code(String phone) {
        return outbox.latest(50).stream().filter(m -> m.phone().equals(phone)).findFirst()
                .map(m -> m.body().replaceAll(".*la (\\d{6}).*", "$1")).orElseThrow();
    }

    private Browser.Page register(Browser browser, Person p, String name, String dateOfBirth, String phone) {
        Browser.Page form = browser.get("/eid/register");
        return browser.post("/eid/register", "_csrf", form.csrf(), "personalId", p.personalId(), "fullName", name,
                "dateOfBirth", dateOfBirth, "cardNumber", p.cardNumber(), "cardIssueDate", p.cardIssued(), "phone", phone,
                "password", "hoa sen nở trong đầm", "passwordConfirmation", "hoa sen nở trong đầm");
    }

    private Browser.Page login(Browser browser, String personalId, String password) {
        Browser.Page form = browser.get("/eid/login");
        return browser.post("/eid/login", "_csrf", form.csrf(), "personalId", personalId, "password", password);
    }

    @Test
    void registrationMatchesTheRegistryAndConfirmsThePhoneWithACode() {
        Person p = personWithCard("1995-06-15");
        String phone = phone();
        Browser browser = new Browser(port);

        Browser.Page registered = register(browser, p, "đỗ  thị đăng ký", p.dateOfBirth(), phone);
        assertThat(registered.location()).endsWith("/eid/register/confirm");
        assertThat(login(new Browser(port), p.personalId(), "hoa sen nở trong đầm").body()).contains("chưa được kích hoạt");

        Browser.Page confirm = browser.get("/eid/register/confirm");
        Browser.Page wrong = browser.post("/eid/register/confirm", "_csrf", confirm.csrf(), "code", "000000");
        assertThat(wrong.status()).isEqualTo(400);
        Browser.Page right = browser.post("/eid/register/confirm", "_csrf", confirm.csrf(), "code", code(phone));
        assertThat(right.location()).endsWith("/eid/login?notice=registered");

        Browser.Page loggedIn = login(browser, p.personalId(), "hoa sen nở trong đầm");
        assertThat(loggedIn.location()).endsWith("/eid/account");
        Browser.Page account = browser.get("/eid/account");
        assertThat(account.body()).contains(p.personalId(), "Mức 1", "Đang hoạt động");
    }

    @Test
    void detailsThatDoNotMatchAreRefusedWithoutSayingWhichOne() {
        Person p = personWithCard("1996-02-20");
        Browser browser = new Browser(port);
        Browser.Page refused = register(browser, p, "Đỗ Thị Đăng Ký", "1996-02-21", phone());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("không khớp với Cơ sở dữ liệu quốc gia");
        Browser.Page wrongName = register(browser, p, "Do Thi Dang Ky", p.dateOfBirth(), phone());
        assertThat(wrongName.status()).isEqualTo(422);
        assertThat(jdbc.sql("select count(*) from eid.citizen_account where personal_id = ?").param(p.personalId())
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit.access_log where subject_personal_id = ? and actor = 'eid-registration'")
                .param(p.personalId()).query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void aChildCannotRegisterOnline() {
        Person child = personWithCard("2015-05-05");
        Browser.Page refused = register(new Browser(port), child, "Đỗ Thị Đăng Ký", child.dateOfBirth(), phone());
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("từ đủ 14 tuổi");
    }

    @Test
    void anAuthenticatorAppCodeLogsInOnceOnly() {
        Person p = personWithCard("1985-01-01");
        String key = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TF";
        citizens.createDemoAccount(p.personalId(), 2, phone(), "dancu-demo", key);
        Browser browser = new Browser(port);
        assertThat(login(browser, p.personalId(), "dancu-demo").location()).endsWith("/eid/login/factor");
        Browser.Page factor = browser.get("/eid/login/factor");
        assertThat(factor.body()).contains("ứng dụng xác thực");
        String code = Totp.code(Totp.fromBase32(key), java.time.Instant.now().getEpochSecond() / 30);
        assertThat(browser.post("/eid/login/factor", "_csrf", factor.csrf(), "code", code).location()).endsWith("/eid/account");

        Browser second = new Browser(port);
        login(second, p.personalId(), "dancu-demo");
        Browser.Page again = second.get("/eid/login/factor");
        Browser.Page replay = second.post("/eid/login/factor", "_csrf", again.csrf(), "code", code);
        assertThat(replay.status()).isEqualTo(400);
    }

    @Test
    void recoveryThroughThePhoneUnlocksAndEndsOtherSessions() {
        Person p = personWithCard("1980-08-08");
        String phone = phone();
        citizens.createDemoAccount(p.personalId(), 1, phone, "dancu-demo", null);
        Browser other = new Browser(port);
        assertThat(login(other, p.personalId(), "dancu-demo").location()).endsWith("/eid/account");
        for (int i = 0; i < 5; i++) {
            login(new Browser(port), p.personalId(), "wrong password");
        }
        assertThat(login(new Browser(port), p.personalId(), "dancu-demo").status()).isEqualTo(401);

        Browser browser = new Browser(port);
        Browser.Page start = browser.get("/eid/recover");
        assertThat(browser.post("/eid/recover", "_csrf", start.csrf(), "personalId", p.personalId()).location())
                .endsWith("/eid/recover/reset");
        Browser.Page reset = browser.get("/eid/recover/reset");
        Browser.Page done = browser.post("/eid/recover/reset", "_csrf", reset.csrf(), "code", code(phone),
                "password", "mây trắng bay về núi", "passwordConfirmation", "mây trắng bay về núi");
        assertThat(done.location()).endsWith("/eid/login?notice=recovered");

        assertThat(login(new Browser(port), p.personalId(), "mây trắng bay về núi").location()).endsWith("/eid/account");
        assertThat(other.get("/eid/account").location()).as("the session opened before recovery has ended").endsWith("/eid/login");
    }

    @Test
    void recoveryForANumberWithoutAccountLooksTheSame() {
        Browser browser = new Browser(port);
        Browser.Page start = browser.get("/eid/recover");
        assertThat(browser.post("/eid/recover", "_csrf", start.csrf(), "personalId", "001099999999").location())
                .endsWith("/eid/recover/reset");
        Browser.Page reset = browser.get("/eid/recover/reset");
        Browser.Page refused = browser.post("/eid/recover/reset", "_csrf", reset.csrf(), "code", "123456",
                "password", "mây trắng bay về núi", "passwordConfirmation", "mây trắng bay về núi");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("Mã không đúng hoặc đã hết hạn");
    }

    @Test
    void myDataIsRecordedAsAReadByMyself() {
        Person p = personWithCard("1979-09-09");
        citizens.createDemoAccount(p.personalId(), 1, phone(), "dancu-demo", null);
        Browser browser = new Browser(port);
        login(browser, p.personalId(), "dancu-demo");
        Browser.Page data = browser.get("/eid/account/data");
        assertThat(data.status()).isEqualTo(200);
        assertThat(data.body()).contains("Đỗ Thị Đăng Ký", p.cardNumber());
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log
                        where subject_personal_id = ? and actor_type = 'SELF' and channel = 'SELF'""")
                .param(p.personalId()).query(Integer.class).single()).isEqualTo(1);
        assertThat(new Browser(port).get("/eid/account/data").location()).endsWith("/eid/login");
    }

    @Test
    void levelTwoAtTheCounterIsForTheOfficersJurisdictionAndCreatesAPendingAccount() {
        Person p = personWithCard("1992-12-12");
        Api.Response outside = api("officer.hcm").post("/api/v1/eid/accounts/" + p.personalId() + "/level2",
                Api.map("evidenceRef", "BB-1", "phone", phone()));
        assertThat(outside.code()).isEqualTo("OUTSIDE_JURISDICTION");
        Api.Response noEvidence = api("officer.hanoi").post("/api/v1/eid/accounts/" + p.personalId() + "/level2", Api.map());
        assertThat(noEvidence.status()).isEqualTo(400);
        assertThat(noEvidence.fieldErrors()).contains("evidenceRef:REQUIRED");

        String phone = phone();
        Api.Response created = api("officer.hanoi").post("/api/v1/eid/accounts/" + p.personalId() + "/level2",
                Api.map("evidenceRef", "Biên bản 45/2026", "phone", phone));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.text("state")).isEqualTo("PENDING");
        assertThat(created.body().path("level").asInt()).isEqualTo(2);

        Api.Response suspended = api("officer.hanoi").post("/api/v1/eid/accounts/" + p.personalId() + "/state",
                Api.map("state", "SUSPENDED", "reason", "Mất điện thoại"));
        assertThat(suspended.text("state")).isEqualTo("SUSPENDED");
        Api.Response reinstated = api("officer.hanoi").post("/api/v1/eid/accounts/" + p.personalId() + "/state",
                Api.map("state", "ACTIVE", "reason", "Đã nhận lại điện thoại"));
        assertThat(reinstated.text("state")).isEqualTo("ACTIVE");
        Api.Response child = api("officer.hanoi").post("/api/v1/eid/accounts/" + personWithCard("2022-01-01").personalId()
                + "/level2", Api.map("evidenceRef", "BB-2", "phone", phone()));
        assertThat(child.code()).isEqualTo("NOT_ELIGIBLE_FOR_LEVEL_2");
    }

    @Test
    void anAdministratorRegistersARelyingPartyOnItsPageAndSeesTheSecretOnce() {
        Browser admin = new Browser(port);
        Browser.Page form = admin.get("/login");
        admin.post("/login", "_csrf", form.csrf(), "username", "admin", "password", "dancu-demo");
        Browser.Page list = admin.get("/staff/admin/relying-parties");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("demo-portal");
        Browser.Page created = admin.post("/staff/admin/relying-parties", "_csrf", list.csrf(), "clientId", "cong-tinh-thu",
                "name", "Cổng dịch vụ công tỉnh (thử)", "kind", "RELYING_PARTY", "confidential", "true",
                "authMethods", "client_secret_basic", "redirectUris", "https://dichvucong.tinh.example.vn/cb",
                "scopes", "openid profile", "claims", "name", "acrValues", "urn:dancu:loa:2", "purpose", "Nộp hồ sơ trực tuyến",
                "sector", "gov.tinh");
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.body()).contains("cong-tinh-thu", "chỉ hiển thị một lần");
        Browser.Page bad = admin.post("/staff/admin/relying-parties", "_csrf", list.csrf(), "clientId", "cong-tinh-thu",
                "name", "Trùng", "purpose", "x", "redirectUris", "https://x.example/cb", "scopes", "openid");
        assertThat(bad.status()).isEqualTo(400);

        Browser officer = new Browser(port);
        Browser.Page login = officer.get("/login");
        officer.post("/login", "_csrf", login.csrf(), "username", "officer.hanoi", "password", "dancu-demo");
        assertThat(officer.get("/staff/admin/relying-parties").status()).isEqualTo(403);
    }

    @Test
    void settingUpANewAppKeepsTheFactorInForceUntilACodeFromTheNewOneIsConfirmed() {
        Person p = personWithCard("1984-04-04");
        String key = "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U";
        citizens.createDemoAccount(p.personalId(), 1, phone(), "dancu-demo", key);
        Browser browser = new Browser(port);
        login(browser, p.personalId(), "dancu-demo");
        Browser.Page factor = browser.get("/eid/login/factor");
        long step = java.time.Instant.now().getEpochSecond() / 30;
        browser.post("/eid/login/factor", "_csrf", factor.csrf(), "code", Totp.code(Totp.fromBase32(key), step));

        Browser.Page setup = browser.get("/eid/account/totp");
        String pending = Browser.all(setup.body(), "<code>([A-Z2-7]+)</code>").getFirst();
        assertThat(pending).isNotEqualTo(key);
        String sql = "select totp_enabled from eid.citizen_account where personal_id = ?";
        assertThat(jdbc.sql(sql).param(p.personalId()).query(Boolean.class).single()).as("opening the page changes nothing").isTrue();
        Browser.Page wrong = browser.post("/eid/account/totp", "_csrf", setup.csrf(), "code", "000000");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.body()).as("the same pending secret, so the app already scanned still matches").contains(pending);

        Browser.Page confirmed = browser.post("/eid/account/totp", "_csrf", setup.csrf(), "code",
                Totp.code(Totp.fromBase32(pending), step));
        assertThat(confirmed.location()).endsWith("/eid/account");
        Browser next = new Browser(port);
        login(next, p.personalId(), "dancu-demo");
        Browser.Page again = next.get("/eid/login/factor");
        assertThat(next.post("/eid/login/factor", "_csrf", again.csrf(), "code", Totp.code(Totp.fromBase32(key), step + 1)).status())
                .as("the old app no longer works").isEqualTo(400);
        Browser.Page retry = next.get("/eid/login/factor");
        assertThat(next.post("/eid/login/factor", "_csrf", retry.csrf(), "code", Totp.code(Totp.fromBase32(pending), step + 1))
                .location()).endsWith("/eid/account");
    }

    @Test
    void levelTwoWithAnotherPhoneTakesTheAccountFromWhoeverRegisteredIt() {
        Person p = personWithCard("1987-07-07");
        citizens.createDemoAccount(p.personalId(), 1, phone(), "dancu-demo", null);
        Browser impostor = new Browser(port);
        assertThat(login(impostor, p.personalId(), "dancu-demo").location()).endsWith("/eid/account");

        Api.Response raised = api("officer.hanoi").post("/api/v1/eid/accounts/" + p.personalId() + "/level2",
                Api.map("evidenceRef", "Biên bản 99/2026", "phone", phone()));
        assertThat(raised.text("state")).isEqualTo("PENDING");
        assertThat(impostor.get("/eid/account").location()).endsWith("/eid/login");
        assertThat(login(new Browser(port), p.personalId(), "dancu-demo").status()).isEqualTo(401);
    }

    @Test
    void aShortNumberOnTheRegistrationFormIsAFieldErrorNotAServerError() {
        Browser browser = new Browser(port);
        Browser.Page form = browser.get("/eid/register");
        Browser.Page refused = browser.post("/eid/register", "_csrf", form.csrf(), "personalId", "123", "fullName", "A",
                "dateOfBirth", "1990-01-01", "cardNumber", "1", "cardIssueDate", "2020-01-01", "phone", "0912345678",
                "password", "hoa sen nở trong đầm", "passwordConfirmation", "hoa sen nở trong đầm");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("personalId");
    }

    @Test
    void theCitizenSeesWhoUsedTheirDataWithLawEnforcementReadsHiddenUntilTheirDate() {
        Person p = personWithCard("1977-07-17");
        citizens.createDemoAccount(p.personalId(), 1, phone(), "dancu-demo", null);
        assertThat(api("officer.hanoi").purpose("Giải quyết hồ sơ thường trú 15/2026").get("/api/v1/registry/persons/" + p.personalId())
                .status()).isEqualTo(200);
        assertThat(api("officer.hanoi").purpose("CRIMINAL_INVESTIGATION: Vụ án 12/2026").get("/api/v1/registry/persons/" + p.personalId())
                .status()).isEqualTo(200);
        Api.Response unknown = api("officer.hanoi").purpose("SPYING: tò mò").get("/api/v1/registry/persons/" + p.personalId());
        assertThat(unknown.code()).isEqualTo("PURPOSE_CODE_UNKNOWN");
        assertThat(api("officer.hanoi").purpose("SPYING: tò mò").get("/api/v1/registry/persons/001099999997").code())
                .as("the purpose is checked before the person is looked up").isEqualTo("PURPOSE_CODE_UNKNOWN");
        assertThat(api("officer.hanoi").purpose("SPYING: tò mò").get("/api/v1/registry/persons?name=nguyen").code())
                .isEqualTo("PURPOSE_CODE_UNKNOWN");

        Browser browser = new Browser(port);
        assertThat(browser.getJson("/api/v1/me/access-log").status()).isEqualTo(401);
        login(browser, p.personalId(), "dancu-demo");
        assertThat(browser.get("/api/v1/me/access-log").status()).as("a client that takes HTML only").isEqualTo(406);
        String body = browser.getJson("/api/v1/me/access-log").body();
        tools.jackson.databind.JsonNode log = Api.JSON.readTree(body);
        assertThat(log.path("items").size()).as(body).isGreaterThanOrEqualTo(2);
        var items = log.path("items");
        assertThat(items.get(0).path("hidden").asBoolean()).isTrue();
        assertThat(items.get(0).path("who").isNull()).isTrue();
        assertThat(items.get(0).path("purpose").isNull()).isTrue();
        assertThat(items.get(0).path("disclosedOn").asString())
                .isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).plusYears(1).toString());
        assertThat(items.get(1).path("who").asString()).isEqualTo("officer.hanoi");
        assertThat(items.get(1).path("purpose").asString()).isEqualTo("Giải quyết hồ sơ thường trú 15/2026");
        assertThat(items.toString()).doesNotContain("Vụ án 12/2026").doesNotContain("SPYING");

        Browser.Page page = browser.get("/eid/account/access-log");
        assertThat(page.body()).contains("Lượt truy cập phục vụ bảo vệ pháp luật", "Giải quyết hồ sơ thường trú 15/2026");
    }
}
