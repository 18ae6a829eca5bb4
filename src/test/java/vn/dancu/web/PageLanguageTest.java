package vn.dancu.web;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.Browser;

/**
 * Every kind of user's pages, crawled over plain HTTP in Vietnamese and in English: no raw code
 * ({@code SINGLE}, {@code VN}, {@code card.issueDate}), no English message of the API, no ISO date on
 * a Vietnamese page, and no Vietnamese label on an English page where an English one exists.
 * Text inside {@code <code>} is an identifier a person copies (a client_id, a scope) and is not
 * checked for codes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageLanguageTest extends IntegrationTest {

    /** A demo citizen with a family, for the officers' pages. */
    static final String AN = "001075503799";
    /** The key of the citizen's authenticator app: level 2 without the SMS outbox, whose codes other tests also ask for. */
    static final String TOTP_KEY = "KRSXG5CTMVRXEZLUKN2XAZLSKNSWG4TG";
    static final String BA_DINH = "00004";

    /** Upper-case words that are Vietnamese or international abbreviations, not codes. */
    static final Set<String> ABBREVIATIONS = Set.of("CCCD", "CMND", "ID", "PDF", "JWS", "JSON", "SMS", "API", "ACR", "URI",
            "JWKS", "PKCE", "OIDC", "QR", "HTTP", "CSV", "BHYT", "CSDLQGDC", "NPD", "TP", "SHA", "UBND", "OK", "II", "QLHC", "TTXH",
            "AB", "MiB", "KiB", "TOTP", "PIN", "URL", "SSO", "README", "JPEG", "PNG", "VI", "VND",
            // bảo hiểm xã hội (social insurance, a document's source), trung học phổ thông (upper-secondary, procedure 21's name)
            "BHXH", "THPT",
            // the classes of driving licences as the law names them (hạng A1, B, C1E …: Law on Road Traffic Order and Safety 2024, Art. 57)
            "A1", "A", "B1", "B", "C1", "C", "D1", "D2", "D", "BE", "C1E", "CE", "D1E", "D2E", "DE");

    /** Fragments of the API's English messages (FieldErrors, ApiProblem.invalidField, the error page's refusals). */
    static final List<String> ENGLISH_MESSAGES = List.of("The request has invalid fields", " is required", "must have at most",
            "contains control characters", "must be a date written", "must be one of", "Page not found", "Something went wrong",
            "No such resource", "Sign in first");

    static final Pattern UPPER_TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}_/.:@-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*)(?![\\p{L}\\p{N}_/:@-])");
    static final Pattern KEY_TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}_@/.:-])([a-z][a-zA-Z0-9]*(?:[.:][a-zA-Z0-9_]+)+)(?![\\p{L}\\p{N}_@/-])");
    static final Pattern CAMEL_TOKEN = Pattern.compile("(?<![\\p{L}\\p{N}_@/.:-])([a-z]+[A-Z][a-zA-Z]*)(?![\\p{L}\\p{N}_@/.-])");
    static final Pattern ISO_DATE = Pattern.compile("\\b\\d{4}-\\d{2}-\\d{2}\\b");
    static final Pattern ENGLISH_WORD = Pattern.compile("\\b(the|is|are|must|has|have|was|not|this|with|of|and|required|invalid|cannot|does|no|be)\\b");

    @Autowired
    JdbcClient jdbc;
    @Autowired
    vn.dancu.eid.CitizenAccounts citizens;

    Properties vi;
    Properties en;
    Set<String> keyPrefixes = new TreeSet<>();
    Set<String> usernames;
    /**
     * A person with a household, a card, an old ID number and a changed name, who has an e-ID account
     * at level 2 and lodged applications; one whose death is registered.
     */
    String living;
    String deceased;
    /** Her applications by status. */
    Map<String, String> applications = new LinkedHashMap<>();
    /** The citizen, signed in once: a TOTP code counts once. */
    Browser an;
    /** Names of members and clients: data, in whatever language they were registered in. */
    List<String> names;

    @BeforeAll
    void fixtures() throws IOException {
        vi = load("messages.properties");
        en = load("messages_en.properties");
        for (String key : vi.stringPropertyNames()) {
            keyPrefixes.add(key.substring(0, key.indexOf('.') < 0 ? key.length() : key.indexOf('.')));
        }
        usernames = new TreeSet<>(jdbc.sql("select username from identity.staff_account").query(String.class).list());
        usernames.add("system.demo");
        names = jdbc.sql("select name from exchange.member union select name from eid.relying_party").query(String.class).list();

        Api central = api("officer.central");
        living = person(central, "Phạm Thị Ngôn Ngữ", "FEMALE", "1990-02-03");
        String husband = person(central, "Đặng Văn Nhãn", "MALE", "1988-07-08");
        assertThat(central.post("/api/v1/registry/persons/" + living + "/cards", map("issueDate", "2024-05-06",
                "issuingAuthority", "Cục Cảnh sát QLHC về TTXH")).status()).isEqualTo(201);
        assertThat(central.post("/api/v1/registry/persons/" + living + "/legacy-ids", map("number", "0123" + living.substring(7)))
                .status()).isLessThan(300);
        long household = central.post("/api/v1/registry/households", map("headPersonalId", husband, "unit", BA_DINH,
                "addressLine", "Số 7 phố Nhãn Mác")).body().path("householdId").asLong();
        assertThat(central.post("/api/v1/registry/households/" + household + "/members", map("personalId", living,
                "relationship", "SPOUSE")).status()).isLessThan(300);
        assertThat(central.post("/api/v1/registry/persons/" + living + "/name", map("fullName", "Phạm Thị Ngôn",
                "sourceDocument", "Quyết định 12/QĐ-UBND")).status()).isLessThan(300);
        deceased = person(central, "Vũ Văn Khuất", "MALE", "1931-01-01");
        assertThat(central.post("/api/v1/registry/persons/" + deceased + "/death", map("dateOfDeath", "2025-09-09",
                "placeOfDeath", "Tại nhà", "sourceDocument", "Giấy báo tử 5/2025")).status()).isLessThan(300);

        citizens.createDemoAccount(living, 2, "039" + living.substring(5), "dancu-demo", TOTP_KEY);

        // Her applications, lodged at the counter of Ba Đình: one of each status.
        Api justice = api("tuphap.badinh");
        applications.put("IN_PROGRESS", lodge(justice, birth(living, "Nguyễn Bé Ngữ")));
        String completed = lodge(justice, birth(living, "Nguyễn Bé Ngôn"));
        assertThat(justice.post(decision(completed, 1), map("approve", true)).status()).isEqualTo(200);
        applications.put("COMPLETED", completed);
        // each child a name of its own: a second child of the same name and birthday is a warning to confirm
        String rejected = lodge(justice, birth(living, "Nguyễn Bé Nghĩa"));
        assertThat(justice.post(decision(rejected, 1), map("approve", false, "note", "Giấy chứng sinh không rõ")).status()).isEqualTo(200);
        applications.put("REJECTED", rejected);
        String partly = lodge(justice, death(living, person(central, "Nguyễn Văn Cụ", "MALE", "1930-03-03")));
        assertThat(justice.post(decision(partly, 1), map("approve", true)).status()).isEqualTo(200);
        assertThat(api("congan.badinh").post(decision(partly, 2), map("approve", false, "note", "Cần xác minh nơi ở")).status())
                .isEqualTo(200);
        applications.put("PARTLY_COMPLETED", partly);
    }

    @Test
    void vietnamesePagesShowNoCodeNoEnglishMessageAndNoIsoDate() {
        Map<String, String> pages = crawl("vi");
        List<String> findings = new ArrayList<>();
        pages.forEach((name, html) -> findings.addAll(vietnameseFindings(name, html)));
        assertThat(pages).hasSizeGreaterThan(40);
        assertThat(findings).as("codes, keys, English messages or ISO dates on Vietnamese pages").isEmpty();
    }

    @Test
    void englishPagesShowNoVietnameseLabelThatHasAnEnglishOne() {
        Map<String, String> pages = crawl("en");
        Map<String, String> vietnameseOnly = vietnameseLabels();
        List<String> findings = new ArrayList<>();
        pages.forEach((name, html) -> findings.addAll(englishFindings(name, html, vietnameseOnly)));
        assertThat(vietnameseOnly).hasSizeGreaterThan(100);
        assertThat(findings).as("Vietnamese labels or raw codes on English pages").isEmpty();
    }

    @Test
    void theChecksFindWhatTheyLookFor() {
        String bad = "<html><body><dd>SINGLE</dd><li>card.issueDate: ∅ → 2024-05-06</li><li>fullName: fullName is required</li>"
                + "<p class=\"alert\" role=\"alert\">The request has invalid fields</p><dd>marital.ENGAGED</dd>"
                + "<code>exchange.verify RELYING_PARTY</code><p>Cục Cảnh sát QLHC về TTXH · 06/QĐ-TTg · 104/2022/NĐ-CP</p></body></html>";
        assertThat(String.join("\n", vietnameseFindings("sample", bad))).contains("SINGLE", "card.issueDate", "fullName",
                "The request has invalid fields", " is required", "2024-05-06", "marital.ENGAGED")
                .doesNotContain("key exchange.verify", "code RELYING_PARTY", "code QLHC", "code TTXH", "code CP");
        assertThat(vietnameseFindings("clean", "<html><p>Chưa kết hôn · 06/05/2024 · officer.hanoi · Cục Cảnh sát QLHC về TTXH</p></html>"))
                .isEmpty();
        assertThat(String.join("\n", vietnameseFindings("sample", "<html><h2>Attached documents</h2><p lang=\"en\">Application lodged.</p>"
                + "<span>Đang giải quyết</span><span>Partly completed</span></html>"))).contains("procedures.form.attachedDocuments",
                "procedures.status.PARTLY_COMPLETED").doesNotContain("Application lodged", "Đang giải quyết");
        Map<String, String> labels = vietnameseLabels();
        assertThat(String.join("\n", englishFindings("sample", "<html><dd>Chưa kết hôn</dd><dd>Chủ hộ</dd><dd>Đăng ký khai tử</dd></html>",
                labels))).contains("marital.SINGLE", "relationship.HEAD", "change.DEATH_REGISTERED");
        assertThat(englishFindings("clean", "<html><dd>Single</dd><dl lang=\"vi\"><dt>Tình trạng hôn nhân</dt><dd>Chưa kết hôn</dd></dl>"
                + "<td>Ngân hàng Thương mại (demo)</td></html>", labels)).isEmpty();
    }

    /** The genuine chip image of An's card, as make-chip writes it. */
    private String chipFile() {
        return api("admin").post("/api/v1/admin/cards/demo-chips", vn.dancu.Api.map("personalId", AN)).body().path("files").get(0)
                .toString();
    }

    // --- the crawl

    /** Every page the test reaches, by a name that says who saw what, in the language {@code lang}. */
    private Map<String, String> crawl(String lang) {
        Map<String, String> pages = new LinkedHashMap<>();

        Browser anonymous = browser(lang);
        for (String path : List.of("/", "/login", "/login?error", "/eid/login", "/eid/register", "/eid/recover", "/verify",
                "/verify/credential", "/no-such-page", "/staff/persons")) {
            pages.put("anonymous " + path, visit(anonymous, path));
        }
        Browser.Page register = anonymous.get("/eid/register");
        pages.put("anonymous register refused", anonymous.post("/eid/register", "_csrf", register.csrf(), "personalId", "12",
                "fullName", "", "dateOfBirth", "03/04/1990", "cardNumber", "", "cardIssueDate", "", "phone", "12",
                "password", "short", "passwordConfirmation", "other").body());
        Browser.Page login = anonymous.get("/eid/login");
        pages.put("anonymous wrong password", anonymous.post("/eid/login", "_csrf", login.csrf(), "personalId", "001099999999",
                "password", "not the password").body());

        an = an == null ? citizen(lang) : an;
        an.get("/eid/account?lang=" + lang);
        for (String path : List.of("/eid/account", "/eid/account/data", "/eid/account/access-log", "/eid/account/sharing",
                "/eid/procedures", "/eid/procedures/9", "/eid/account/totp", "/eid/wallet", "/eid/wallet/credentials/card")) {
            pages.put("citizen " + path, visit(an, path));
        }
        applications.forEach((status, code) -> pages.put("citizen's " + status + " application", visit(an, "/eid/applications/" + code)));
        Browser.Page form = an.get("/eid/procedures/9");
        pages.put("citizen's birth form refused", an.post("/eid/procedures/9", "_csrf", form.csrf(), "child.fullName", "",
                "child.dateOfBirth", "2099-01-01", "child.gender", "UNKNOWN").body());
        Browser.Page sharing = an.get("/eid/account/sharing");
        pages.put("citizen's consent refused", an.post("/eid/account/sharing", "_csrf", sharing.csrf(), "member", "demo-bank",
                "purpose", "BANKING_KYC", "days", "9999").body());

        Browser hanoi = staff("officer.hanoi", lang);
        String purpose = "purpose=" + java.net.URLEncoder.encode("Kiểm tra ngôn ngữ trang", StandardCharsets.UTF_8);
        pages.put("officer.hanoi search", visit(hanoi, "/staff/persons?name=nguyen+van+an&" + purpose));
        pages.put("officer.hanoi search without purpose", visit(hanoi, "/staff/persons?name=nguyen"));
        pages.put("officer.hanoi search bad date", visit(hanoi, "/staff/persons?dateOfBirth=1990-13-45&" + purpose));
        pages.put("officer.hanoi An", visit(hanoi, "/staff/persons/" + AN + "?" + purpose));
        pages.put("officer.hanoi household and card", visit(hanoi, "/staff/persons/" + living + "?" + purpose));
        pages.put("officer.hanoi death", visit(hanoi, "/staff/persons/" + deceased + "?" + purpose));
        pages.put("officer.hanoi outside", visit(hanoi, "/staff/persons/079000000000?" + purpose));
        Browser.Page cardCheck = hanoi.get("/staff/cards/qr-check");
        pages.put("officer.hanoi card check", cardCheck.body());
        String anQr = AN + "|012345678|Nguyễn Văn Anh|14031975|Nam|Số 12 phố Phan Đình Phùng, Phường Quán Thánh, Hà Nội|15062016";
        pages.put("officer.hanoi card checked", hanoi.post("/staff/cards/qr-check", "_csrf", cardCheck.csrf(),
                "purpose", "Kiểm tra ngôn ngữ trang", "qr", anQr).body());
        pages.put("officer.hanoi card malformed", hanoi.post("/staff/cards/qr-check", "_csrf", cardCheck.csrf(),
                "purpose", "", "qr", "00107550379X|x|||31022000|M|").body());
        Browser.Page chipCheck = hanoi.get("/staff/cards/chip-check");
        pages.put("officer.hanoi chip check", chipCheck.body());
        String chipPurpose = "/staff/cards/chip-check?purpose=" + java.net.URLEncoder.encode("Kiểm tra ngôn ngữ trang", StandardCharsets.UTF_8);
        pages.put("officer.hanoi chip checked", hanoi.postFile(chipPurpose, chipCheck.csrf(), "file", "chip-valid.json",
                "application/json", chipFile().getBytes(StandardCharsets.UTF_8)).body());
        pages.put("officer.hanoi chip refused", hanoi.postFile(chipPurpose, chipCheck.csrf(), "file", "chip.json", "application/json",
                "{}".getBytes(StandardCharsets.UTF_8)).body());
        pages.put("officer.hanoi worklist", visit(hanoi, "/staff/worklist"));
        Browser.Page reports = hanoi.get("/ioc/reports");
        hanoi.post("/ioc/reports", "_csrf", reports.csrf(), "month", java.time.YearMonth.now().minusMonths(1).toString(), "unit", "0");
        pages.put("officer.hanoi reports", visit(hanoi, "/ioc/reports?made"));
        pages.put("officer.hanoi report refused", hanoi.post("/ioc/reports", "_csrf", reports.csrf(), "month", "2099-01",
                "unit", "1").body());

        Browser justice = staff("tuphap.badinh", lang);
        pages.put("tuphap.badinh worklist", visit(justice, "/staff/worklist"));
        pages.put("tuphap.badinh counter", visit(justice, "/staff/counter"));
        pages.put("tuphap.badinh counter bad number", visit(justice, "/staff/counter?applicant=12&procedure=9"));
        pages.put("tuphap.badinh counter form", visit(justice, "/staff/counter?applicant=" + AN + "&procedure=9"));
        applications.forEach((status, code) -> pages.put("tuphap.badinh " + status, visit(justice, "/staff/applications/" + code)));
        Browser.Page pending = justice.get("/staff/applications/" + applications.get("IN_PROGRESS"));
        pages.put("tuphap.badinh refusal without reason", justice.post("/staff/applications/" + applications.get("IN_PROGRESS")
                + "/legs/1", "_csrf", pending.csrf(), "approve", "false", "note", "").body());
        pages.put("tuphap.badinh unknown application", visit(justice, "/staff/applications/HS-0000-0000000"));

        Browser police = staff("congan.badinh", lang);
        pages.put("congan.badinh worklist", visit(police, "/staff/worklist"));
        pages.put("congan.badinh PARTLY_COMPLETED", visit(police, "/staff/applications/" + applications.get("PARTLY_COMPLETED")));
        pages.put("bhxh.hanoi worklist", visit(staff("bhxh.hanoi", lang), "/staff/worklist"));

        Browser auditor = staff("auditor", lang);
        String inspection = "inspectionPurpose=" + java.net.URLEncoder.encode("Thanh tra định kỳ", StandardCharsets.UTF_8);
        pages.put("auditor", visit(auditor, "/staff/audit"));
        pages.put("auditor search", visit(auditor, "/staff/audit?actor=officer.hanoi&" + inspection));
        pages.put("auditor search by person", visit(auditor, "/staff/audit?subject=" + living + "&" + inspection));
        pages.put("auditor refused search", visit(auditor, "/staff/audit?subject=12&from=2026-02-01&to=2025-01-01"));
        pages.put("auditor forbidden page", visit(auditor, "/staff/persons"));

        Browser admin = staff("admin", lang);
        pages.put("admin relying parties", visit(admin, "/staff/admin/relying-parties"));
        pages.put("admin members", visit(admin, "/staff/admin/members"));
        pages.put("admin reports", visit(admin, "/ioc/reports"));
        Browser.Page parties = admin.get("/staff/admin/relying-parties");
        pages.put("admin relying party refused", admin.post("/staff/admin/relying-parties", "_csrf", parties.csrf(),
                "clientId", "Not Valid", "name", "", "kind", "RELYING_PARTY", "confidential", "true", "authMethods", "nope",
                "scopes", "profile", "purpose", "").body());
        Browser.Page members = admin.get("/staff/admin/members");
        pages.put("admin member refused", admin.post("/staff/admin/members", "_csrf", members.csrf(), "code", "X",
                "name", "", "kind", "BUSINESS", "sector", "BANK", "documentKinds", "TAX_CODE").body());
        pages.put("admin policy refused", admin.post("/staff/admin/members/demo-bank/policies", "_csrf", members.csrf(),
                "legalBasis", "", "dailyQuota", "0", "nameMatching", "SOUNDEX").body());
        Browser.Page trustStore = admin.get("/staff/admin/cards/trust-store");
        pages.put("admin chip trust store", trustStore.body());
        pages.put("admin chip trust store refused", admin.postFile("/staff/admin/cards/trust-store/cscas", trustStore.csrf(), "file",
                "not-a-certificate.pem", "application/x-pem-file", "hello".getBytes(StandardCharsets.UTF_8)).body());
        pages.put("admin staff accounts", visit(admin, "/staff/admin/staff?q=hanoi"));
        pages.put("admin staff account", visit(admin, "/staff/admin/staff/officer.hanoi"));
        pages.put("admin staff changes", visit(admin, "/staff/admin/staff-changes"));
        pages.put("admin staff import", visit(admin, "/staff/admin/staff-import"));
        Browser.Page accounts = admin.get("/staff/admin/staff");
        pages.put("admin staff account refused", admin.post("/staff/admin/staff", "_csrf", accounts.csrf(), "username", "x",
                "displayName", "", "role", "COMMUNE_OFFICER", "jurisdiction", "99999", "reason", "").body());
        pages.put("auditor staff changes", visit(auditor, "/staff/admin/staff-changes"));

        Browser leader = staff("leader.hanoi", lang);
        pages.put("leader ioc", visit(leader, "/ioc"));
        pages.put("leader ioc province", visit(leader, "/ioc/units/01"));
        pages.put("leader ioc commune", visit(leader, "/ioc/units/00166"));
        pages.put("leader ioc refused", visit(leader, "/ioc/units/79"));
        pages.put("leader ioc bad code", visit(leader, "/ioc/units/7x"));
        pages.put("admin boundaries", visit(admin, "/staff/admin/boundaries"));
        pages.put("admin boundaries refused", admin.post("/staff/admin/boundaries", "_csrf", admin.get("/staff/admin/boundaries").csrf(),
                "province", "01").body());

        pages.putAll(procedurePages(lang));

        pages.forEach((name, html) -> assertThat(html).as(name).contains("<html"));
        pages.forEach((name, html) -> keep(lang, name, html));
        return pages;
    }

    /**
     * The pages of every procedure the citizen can apply for, found on her procedures page (so a
     * procedure enabled later is crawled too): its form, the form refused with nothing typed (or,
     * where nothing is required, the application it lodged), the form at the counter of every role
     * that acts on applications, their worklists, each of the citizen's applications as she and as an
     * officer of each leg see them, and the public check of every signed result, by its page and by
     * upload.
     */
    private Map<String, String> procedurePages(String lang) {
        Map<String, String> pages = new LinkedHashMap<>();
        List<Integer> procedures = new ArrayList<>(new TreeSet<>(Pattern.compile("href=\"/eid/procedures/(\\d+)\"")
                .matcher(an.get("/eid/procedures").body()).results().map(m -> Integer.valueOf(m.group(1))).toList()));
        assertThat(procedures).as("the procedures the citizen can apply for").hasSizeGreaterThanOrEqualTo(10);
        for (int n : procedures) {
            pages.put("citizen form " + n, visit(an, "/eid/procedures/" + n));
            Browser.Page sent = an.post("/eid/procedures/" + n, "_csrf", an.get("/eid/procedures/" + n).csrf());
            pages.put("citizen form " + n + " sent empty", sent.location() == null ? sent.body() : visit(an, sent.location()));
        }

        // one officer of each role that acts on applications: the worklist, the counter's forms, the applications
        Set<Integer> atTheCounter = new TreeSet<>();
        List<String> demoAccounts = Pattern.compile("<li><code>([a-z0-9._-]+)</code>").matcher(browser(lang).get("/login").body())
                .results().map(m -> m.group(1)).toList();
        for (String officer : jdbc.sql("select distinct on (role) username from identity.staff_account where username = any(?) "
                + "and role not in ('ADMIN', 'AUDITOR', 'LEADER') order by role, username").param(demoAccounts.toArray(String[]::new))
                .query(String.class).list()) {
            Browser browser = staff(officer, lang);
            pages.put(officer + " worklist", visit(browser, "/staff/worklist"));
            for (int n : procedures) {
                Browser.Page counter = browser.get("/staff/counter/" + n + "?applicant=" + living);
                if (counter.status() == 200) {
                    atTheCounter.add(n);
                    pages.put(officer + " counter form " + n, counter.body());
                }
            }
            for (String code : jdbc.sql("select code from procedures.application where applicant_personal_id = ? order by code")
                    .param(living).query(String.class).list()) {
                Browser.Page view = browser.get("/staff/applications/" + code);
                if (view.status() == 200) {
                    pages.put(officer + " application " + code, view.body());
                }
            }
        }
        assertThat(atTheCounter).as("procedures some officer lodges at the counter").containsAll(procedures);
        for (String code : jdbc.sql("select code from procedures.application where applicant_personal_id = ? order by code")
                .param(living).query(String.class).list()) {
            pages.put("citizen's application " + code, visit(an, "/eid/applications/" + code));
        }

        Browser anonymous = browser(lang);
        // one result of each kind issued so far
        List<java.util.UUID> results = jdbc.sql("select distinct on (kind) id from procedures.result order by kind, issued_at")
                .query(java.util.UUID.class).list();
        assertThat(results).as("signed results to check").isNotEmpty();
        for (java.util.UUID id : results) {
            pages.put("check of result " + id, visit(anonymous, "/verify/" + id));
        }
        String csrf = anonymous.get("/verify").csrf();
        pages.put("check without a file", anonymous.post("/verify", "_csrf", csrf).body());
        pages.put("check of a file that is no document", anonymous.postFile("/verify", csrf, "file", "note.pdf", "application/pdf",
                "not a document".getBytes(StandardCharsets.UTF_8)).body());
        String own = jdbc.sql("""
                select r.id::text from procedures.result r join procedures.application a on a.id = r.application_id
                where a.applicant_personal_id = ? order by r.issued_at limit 1""").param(living).query(String.class).optional().orElseThrow();
        pages.put("check of a signed record", anonymous.postFile("/verify", csrf, "file", "result.jws", "application/jose",
                an.get("/eid/results/" + own + "/jws").body().getBytes(StandardCharsets.UTF_8)).body());
        return pages;
    }

    /** Each page in target/page-language, to read what a finding is about. */
    private static void keep(String lang, String name, String html) {
        try {
            java.nio.file.Path dir = java.nio.file.Path.of("target", "page-language", lang);
            java.nio.file.Files.createDirectories(dir);
            java.nio.file.Files.writeString(dir.resolve(name.replaceAll("[^A-Za-z0-9._-]+", "_") + ".html"), html);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The page at {@code path}, after the redirects inside the platform (to a login page, for instance). */
    private static String visit(Browser browser, String path) {
        Browser.Page page = browser.get(path);
        for (int i = 0; i < 3 && page.location() != null; i++) {
            page = browser.get(page.location());
        }
        assertThat(page.body()).as(path + " answers " + page.status()).contains("<html");
        return page.body();
    }

    private Browser browser(String lang) {
        Browser browser = new Browser(port);
        browser.get("/?lang=" + lang);
        return browser;
    }

    private Browser staff(String username, String lang) {
        Browser browser = browser(lang);
        Browser.Page form = browser.get("/login");
        Browser.Page signedIn = browser.post("/login", "_csrf", form.csrf(), "username", username, "password", "dancu-demo");
        assertThat(signedIn.location()).as(username + " signs in").doesNotContain("error");
        return browser;
    }

    /** The citizen at level 2: her password, then her authenticator app's code. */
    private Browser citizen(String lang) {
        Browser browser = browser(lang);
        Browser.Page form = browser.get("/eid/login");
        Browser.Page password = browser.post("/eid/login", "_csrf", form.csrf(), "personalId", living, "password", "dancu-demo");
        assertThat(password.location()).as(password.status() + " " + visibleText(password.body(), true)).endsWith("/eid/login/factor");
        Browser.Page factor = browser.get("/eid/login/factor");
        assertThat(browser.post("/eid/login/factor", "_csrf", factor.csrf(), "code", totp(TOTP_KEY)).location()).endsWith("/eid/account");
        return browser;
    }

    /** RFC 6238: HMAC-SHA1 of the current 30-second step, six digits. */
    private static String totp(String base32) {
        java.io.ByteArrayOutputStream key = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : base32.toCharArray()) {
            buffer = buffer << 5 | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                key.write(buffer >> (bits - 8) & 0xff);
                bits -= 8;
            }
        }
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA1");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.toByteArray(), "HmacSHA1"));
            byte[] hash = mac.doFinal(java.nio.ByteBuffer.allocate(8).putLong(java.time.Instant.now().getEpochSecond() / 30).array());
            int offset = hash[hash.length - 1] & 0xf;
            int binary = (hash[offset] & 0x7f) << 24 | (hash[offset + 1] & 0xff) << 16 | (hash[offset + 2] & 0xff) << 8 | hash[offset + 3] & 0xff;
            return String.format("%06d", binary % 1_000_000);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the checks

    List<String> vietnameseFindings(String name, String html) {
        List<String> findings = new ArrayList<>(keysAndCodes(name, html));
        String text = visibleText(html, true);
        String labelled = withoutData(html);
        englishLabels().forEach((key, label) -> {
            if (Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(label) + "(?![\\p{L}\\p{N}_])").matcher(labelled).find()) {
                findings.add(name + ": English \"" + label + "\" (" + key + ")");
            }
        });
        for (String message : ENGLISH_MESSAGES) {
            if (text.contains(message)) {
                findings.add(name + ": English message \"" + message + "\"");
            }
        }
        Matcher iso = ISO_DATE.matcher(text);
        while (iso.find()) {
            findings.add(name + ": ISO date " + iso.group());
        }
        // what the page says went wrong: an English sentence there is the API's message, untranslated
        Matcher alert = Pattern.compile("<(?:p|div|span|li)[^>]*(?:role=\"alert\"|class=\"field-error\")[^>]*>(.*?)</(?:p|div|span|li)>",
                Pattern.DOTALL).matcher(html);
        while (alert.find()) {
            String said = visibleText(alert.group(1), true);
            Set<String> words = new TreeSet<>();
            Matcher w = ENGLISH_WORD.matcher(said);
            while (w.find()) {
                words.add(w.group(1));
            }
            if (words.size() >= 2) {
                findings.add(name + ": English in an alert: " + said.strip());
            }
        }
        return findings;
    }

    /** Vietnamese labels on an English page, outside recorded Vietnamese text ({@code lang="vi"}) and names of members and clients. */
    List<String> englishFindings(String name, String html, Map<String, String> vietnameseOnly) {
        List<String> findings = new ArrayList<>();
        String checked = withoutData(html);
        vietnameseOnly.forEach((key, label) -> {
            if (Pattern.compile("(?<![\\p{L}])" + Pattern.quote(label) + "(?![\\p{L}])").matcher(checked).find()) {
                findings.add(name + ": \"" + label + "\" (" + key + ")");
            }
        });
        findings.addAll(keysAndCodes(name, html));
        return findings;
    }

    /** The upper-case words the texts of both languages hold. */
    private Set<String> wordsOfTheTexts() {
        if (wordsOfTheTexts == null) {
            Set<String> words = new TreeSet<>();
            for (Properties language : List.of(vi, en)) {
                language.stringPropertyNames().forEach(k -> UPPER_TOKEN.matcher(language.getProperty(k)).results()
                        .forEach(m -> words.add(m.group(1))));
            }
            wordsOfTheTexts = words;
        }
        return wordsOfTheTexts;
    }

    private Set<String> wordsOfTheTexts;

    /** The visible text without recorded text in a language of its own ({@code lang="…"}) and names of members and clients. */
    private String withoutData(String html) {
        String text = visibleText(html.replaceAll("(?is)<(?!html\\b)(\\w+)[^>]*\\slang=\"(?:vi|en)\"[^>]*>.*?</\\1>", " "), true);
        for (String data : names) {
            text = text.replace(data, " ");
        }
        return text;
    }

    /** Upper-case codes, message keys and field names, outside {@code <code>}. */
    List<String> keysAndCodes(String name, String html) {
        List<String> findings = new ArrayList<>();
        String text = visibleText(html, false);
        Matcher upper = UPPER_TOKEN.matcher(text);
        while (upper.find()) {
            // a run of six digits or more is a document's number (a health insurance card's), data as recorded; a word that
            // the texts themselves hold is a name ("Hạng B1", a driving licence's class), not a code
            if (upper.group(1).length() > 1 && !ABBREVIATIONS.contains(upper.group(1)) && !upper.group(1).matches(".*\\d{6,}.*")
                    && !wordsOfTheTexts().contains(upper.group(1))) {
                findings.add(name + ": code " + upper.group(1) + " in «" + around(text, upper.start()) + "»");
            }
        }
        Matcher key = KEY_TOKEN.matcher(text);
        while (key.find()) {
            String token = key.group(1);
            String[] segments = token.split("[.:]");
            boolean camelOrCode = java.util.Arrays.stream(segments).skip(1).anyMatch(s -> !s.equals(s.toLowerCase(java.util.Locale.ROOT)));
            if (!usernames.contains(token) && (camelOrCode || keyPrefixes.contains(segments[0]))) {
                findings.add(name + ": key " + token + " in «" + around(text, key.start()) + "»");
            }
        }
        Matcher camel = CAMEL_TOKEN.matcher(text);
        while (camel.find()) {
            findings.add(name + ": field name " + camel.group(1) + " in «" + around(text, camel.start()) + "»");
        }
        return findings;
    }

    /**
     * What a reader sees: the text of the page, and the titles, placeholders and captions
     * (data-label) that show too; without scripts and styles, and without {@code <code>} unless asked.
     */
    static String visibleText(String html, boolean withCode) {
        String s = html.replaceAll("(?is)<(script|style)[^>]*>.*?</\\1>", " ");
        if (!withCode) {
            s = s.replaceAll("(?is)<code[^>]*>.*?</code>", " ");
        }
        s = s.replaceAll("(?is)<[^>]*?\\s(?:title|placeholder|alt|data-label)=\"([^\"]*)\"[^>]*>", " $1 ");
        s = s.replaceAll("(?s)<[^>]*>", " ");
        s = s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#x27;", "'")
                .replace("&nbsp;", " ").replace("&amp;", "&");
        return s.replaceAll("\\s+", " ");
    }

    private static String around(String text, int at) {
        return text.substring(Math.max(0, at - 40), Math.min(text.length(), at + 40));
    }

    /**
     * English texts of two words or more that differ from their Vietnamese: on a Vietnamese page they
     * are untranslated. Memoized: the crawl checks hundreds of pages.
     */
    private Map<String, String> englishLabels() {
        if (englishLabels == null) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String key : new TreeSet<>(en.stringPropertyNames())) {
                String label = en.getProperty(key).strip().replaceAll("[.:]$", "");
                if (!label.equals(vi.getProperty(key)) && label.matches("[A-Za-z][A-Za-z' ,-]*[a-z]") && label.contains(" ")) {
                    labels.put(key, label);
                }
            }
            englishLabels = labels;
        }
        return englishLabels;
    }

    private Map<String, String> englishLabels;

    /** Vietnamese labels of codes, of two words or more, whose English differs: on an English page they are untranslated. */
    private Map<String, String> vietnameseLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        // not eid.actor ("Công dân"), exchange.sector ("Bảo hiểm xã hội") nor procedures.agency ("Công an"), nor the same words
        // under another key: everyday words of recorded purposes, legal bases and the names of staff and members
        Set<String> everyday = new TreeSet<>();
        vi.stringPropertyNames().stream().filter(k -> k.matches("(eid\\.actor|exchange\\.sector|procedures\\.agency)\\..+"))
                .forEach(k -> everyday.add(vi.getProperty(k)));
        for (String key : new TreeSet<>(vi.stringPropertyNames())) {
            String label = vi.getProperty(key);
            boolean code = key.matches("(marital|relationship|gender|status|card|change|history|residence|eid\\.state|eid\\.event"
                    + "|eid\\.clientKind|eid\\.clientStatus|audit\\.channel|audit\\.anomaly|exchange\\.kind"
                    + "|exchange\\.state|exchange\\.matching|exchange\\.product|field|problem|error\\.title"
                    + "|procedures\\.(?:status|leg|step|channel|verdict|problem)|staff\\.factorEvent|result|form)\\..+");
            if (code && !everyday.contains(label) && !label.equals(en.getProperty(key)) && label.contains(" ") && !label.contains("{")) {
                labels.put(key, label);
            }
        }
        return labels;
    }

    // --- fixtures

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (var in = new InputStreamReader(PageLanguageTest.class.getResourceAsStream("/" + name), StandardCharsets.UTF_8)) {
            properties.load(in);
        }
        return properties;
    }

    private static String person(Api central, String name, String gender, String dateOfBirth) {
        Api.Response born = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dateOfBirth,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", BA_DINH, "nationality", "VN", "ethnicity", "Kinh"));
        assertThat(born.status()).as(born.body().toString()).isEqualTo(201);
        String id = born.text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", BA_DINH,
                "addressLine", "Số 3 phố Ngôn Ngữ", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private static String lodge(Api officer, Map<String, Object> application) {
        Api.Response lodged = officer.post("/api/v1/applications", application);
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        return lodged.text("code");
    }

    private static Map<String, Object> birth(String parent, String childName) {
        Map<String, Object> form = map("child.fullName", childName, "child.gender", "FEMALE",
                "child.dateOfBirth", LocalDate.now().minusDays(3).toString(), "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội",
                "child.ethnicity", "Kinh");
        return map("appendixNo", 9, "applicantPersonalId", parent, "form", form, "attachments", List.of(pdf("BIRTH_CERTIFICATE")));
    }

    private static Map<String, Object> death(String applicant, String deceased) {
        Map<String, Object> form = map("deceasedPersonalId", deceased, "dateOfDeath", LocalDate.now().minusDays(2).toString(),
                "placeOfDeath", "Tại nhà", "relationship", "Con", "includeResidenceRemoval", "true", "includeFuneralAllowance", "true",
                "allowanceAgency", "LABOUR");
        return map("appendixNo", 16, "applicantPersonalId", applicant, "form", form, "attachments", List.of(pdf("DEATH_NOTICE")));
    }

    private static Map<String, Object> pdf(String kind) {
        return map("kind", kind, "filename", kind.toLowerCase(java.util.Locale.ROOT) + ".pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString("%PDF-1.4\n%demo\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static String decision(String code, int leg) {
        return "/api/v1/applications/" + code + "/legs/" + leg + "/decision";
    }
}
