package vn.dancu.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.FilePayload;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.OperatedIntegrationTest;
import vn.dancu.identity.Staff;
import vn.dancu.identity.StaffAccounts;
import vn.dancu.identity.StaffRole;
import vn.dancu.platform.Totp;
import vn.dancu.registry.BirthRegistration;
import vn.dancu.registry.Registry;
import vn.dancu.registry.ResidenceRegistration;

/**
 * The platform as an operator first runs it, outside demo mode: from {@code ./dancu create-admin}
 * to an officer of Phường Cầu Giấy who signs in with password and authenticator app and registers
 * a birth, first through the pages only (in Chromium), then through the API with a bearer token
 * of a staff application. Nobody here exists but the administrator and the registered mother.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperatedPlatformTest extends OperatedIntegrationTest {

    private static final String CAU_GIAY = "00166";
    private static final String ADMIN = "quantri.vien";
    private static final String ADMIN_PASSWORD = "Sông Hồng chảy qua Thăng Long";
    private static final String OFFICER = "tuphap.caugiay";
    private static final String OFFICER_PASSWORD = "Hồ Gươm sáng mùa thu năm 2026";
    private static final String REDIRECT = "https://mot-cua.caugiay.example.vn/callback";

    @Autowired
    StaffAccounts accounts;
    @Autowired
    Registry registry;
    @Autowired
    Clock clock;

    @RegisterExtension
    static final Chromium CHROMIUM = new Chromium();

    /** The last time step whose code each account used: a code works once. */
    final Map<String, Long> lastStep = new HashMap<>();

    @Test
    void fromCreateAdminToAnOfficerOfCauGiayWhoRegistersABirthOnThePagesAndWithAToken() throws Exception {
        // ./dancu create-admin
        accounts.create(new StaffAccounts.NewAccount(ADMIN, ADMIN_PASSWORD, "Quản trị viên hệ thống", StaffRole.ADMIN, null));
        String mother = registeredMother();

        // The administrator's first login enrols an authenticator app, then creates the officer.
        Page admin = newPage();
        String adminKey = signInFirstTime(admin, ADMIN, ADMIN_PASSWORD);
        assertThat(admin.locator("h1")).containsText("Bên sử dụng định danh điện tử");
        admin.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Tài khoản cán bộ")).click();
        var create = admin.locator("form[action='/staff/admin/staff'][method='post']");
        create.locator("input[name=username]").fill(OFFICER);
        create.locator("input[name=displayName]").fill("Lê Thị Hộ Tịch");
        create.locator("select[name=role]").selectOption("JUSTICE_OFFICER");
        create.locator("input[name=jurisdiction]").pressSequentially("cau giay");
        assertThat(admin.locator("#staff-units option[value='" + CAU_GIAY + "']")).hasText("Phường Cầu Giấy, Thành phố Hà Nội");
        create.locator("input[name=jurisdiction]").fill(CAU_GIAY);
        create.locator("input[name=reason]").fill("Quyết định điều động số 21/QĐ-UBND");
        admin.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tạo tài khoản")).click();
        assertThat(admin.locator("dl.facts")).containsText("Phường Cầu Giấy");
        String oneTime = admin.locator("#one-time-password").textContent().strip();
        Chromium.screenshot(admin, "operated-admin-created-officer");

        // The officer: one-time password, an authenticator app, a password of their own, then the counter.
        Page officer = newPage();
        String officerKey = signInFirstTime(officer, OFFICER, oneTime);
        assertThat(officer.locator("h1")).hasText("Đổi mật khẩu");
        officer.getByLabel("Mật khẩu hiện tại").fill(oneTime);
        officer.getByLabel("Mật khẩu mới", new Page.GetByLabelOptions().setExact(true)).fill(OFFICER_PASSWORD);
        officer.getByLabel("Nhập lại mật khẩu mới").fill(OFFICER_PASSWORD);
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Đổi mật khẩu")).click();
        assertThat(officer.locator("h1")).hasText("Hồ sơ cần xử lý");

        officer.navigate(url("/staff/counter?applicant=" + mother + "&procedure=9"));
        officer.locator("input[name='child.fullName']").fill("Trần Minh Khôi");
        officer.locator("select[name='child.gender']").selectOption("MALE");
        officer.locator("input[name='child.dateOfBirth']").fill(LocalDate.now(clock).minusDays(2).toString());
        officer.locator("input[name='child.placeOfBirth']").fill("Bệnh viện Phụ sản Hà Nội");
        officer.locator("select[name='child.ethnicity']").selectOption("Kinh");
        officer.locator("input[type=file][name='attachments.BIRTH_CERTIFICATE']").setInputFiles(new FilePayload("giay-chung-sinh.pdf",
                "application/pdf", "%PDF-1.4\n%giay chung sinh\n".getBytes(StandardCharsets.UTF_8)));
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Tiếp nhận hồ sơ")).click();
        String code = officer.locator(".notice .mono").first().textContent().strip();
        officer.navigate(url("/staff/worklist"));
        assertThat(officer.locator("main")).containsText("Trần Minh Khôi");
        officer.getByText(code).click();
        officer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Phê duyệt và ký số")).click();
        assertThat(officer.locator("main")).containsText("Đã phê duyệt");
        Chromium.screenshot(officer, "operated-officer-registered-birth");
        assertThat(officer.locator("main").textContent()).containsPattern("[0-9]{12}");

        // The same officer through a staff application: a token after password and code, then the API.
        String token = staffApplicationToken(adminKey, officerKey);
        Api api = Api.bearer(port, token);
        String pdf = Base64.getEncoder().encodeToString("%PDF-1.4\n%giay chung sinh 2\n".getBytes(StandardCharsets.UTF_8));
        Api.Response lodged = api.post("/api/v1/applications", Api.map("appendixNo", 9, "applicantPersonalId", mother,
                "form", Api.map("child.fullName", "Trần Minh Khang", "child.gender", "MALE",
                        "child.dateOfBirth", LocalDate.now(clock).minusDays(2).toString(),
                        "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "child.ethnicity", "Kinh"),
                "attachments", List.of(Api.map("kind", "BIRTH_CERTIFICATE", "filename", "gcs.pdf", "contentType", "application/pdf",
                        "content", pdf))));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        Api.Response decided = api.post("/api/v1/applications/" + lodged.text("code") + "/legs/1/decision", Api.map("approve", true));
        assertThat(decided.status()).as(decided.body().toString()).isEqualTo(200);
        assertThat(decided.text("subjectPersonalId")).matches("[0-9]{12}");
        assertThat(Api.bearer(port, "not-a-token").get("/api/v1/worklist").status()).isEqualTo(401);
        assertThat(vn.dancu.TestApis.of(port, OFFICER, OFFICER_PASSWORD).get("/api/v1/worklist").status())
                .as("no password alone outside demo mode").isEqualTo(401);
    }

    /** The mother, as the population import or an officer registered her: a fixture, not part of the walk. */
    private String registeredMother() {
        Staff clerk = accounts.create(new StaffAccounts.NewAccount("nhap.lieu", ADMIN_PASSWORD + " nhập", "Cán bộ nhập liệu",
                StaffRole.CENTRAL_OFFICER, null));
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(clerk, null,
                List.of(new SimpleGrantedAuthority("ROLE_CENTRAL_OFFICER"), new SimpleGrantedAuthority(Staff.AUTHORITY))));
        try {
            String mother = registry.registerBirth(new BirthRegistration("Trần Thị Mai", "FEMALE", "1995-04-12", "Hà Nội", CAU_GIAY,
                    "VN", "Kinh", null, null, null, null, null, null, null, "Nhập dữ liệu dân cư"));
            registry.registerResidence(mother, new ResidenceRegistration("PERMANENT", CAU_GIAY, "Số 5 ngõ 68 Cầu Giấy",
                    "2020-01-01", null, "Đăng ký thường trú"));
            return mother;
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    /** Password, then the enrolment of an authenticator app with its first code; returns the app's key. */
    private String signInFirstTime(Page page, String username, String password) {
        page.navigate(url("/login"));
        page.getByLabel("Tên đăng nhập").fill(username);
        page.getByLabel("Mật khẩu").fill(password);
        page.locator("form.stack button").click();
        String key = page.locator("#totp-secret").textContent().strip();
        Chromium.screenshot(page, "operated-enrol-" + username);
        page.locator("form[action='/login/second-factor'] input[name=code]").fill(nextCode(username, key));
        page.locator("form[action='/login/second-factor'] button").click();
        return key;
    }

    /** A staff application of the administrator's making, and the officer's login to it with password and code. */
    private String staffApplicationToken(String adminKey, String officerKey) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> session = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/auth/session")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        Map.of("username", ADMIN, "password", ADMIN_PASSWORD, "code", nextCode(ADMIN, adminKey))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as(session.body()).isEqualTo(201);
        String cookie = session.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(url("/api/v1/admin/relying-parties")))
                .header("Cookie", cookie).header("X-CSRF-TOKEN", Api.JSON.readTree(session.body()).path("csrfToken").asString())
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(
                        Map.of("clientId", "mot-cua-caugiay", "name", "Phần mềm một cửa Phường Cầu Giấy", "kind", "STAFF_APP",
                                "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"),
                                "purpose", "Tiếp nhận và giải quyết hồ sơ", "sector", "staff")))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String secret = Api.JSON.readTree(created.body()).path("secret").asString();

        vn.dancu.eid.Browser officer = new vn.dancu.eid.Browser(port);
        String authorize = "/oauth2/authorize?response_type=code&client_id=mot-cua-caugiay&redirect_uri="
                + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8) + "&scope=openid&state=s1&nonce=n1";
        vn.dancu.eid.Browser.Page form = officer.get(officer.get(authorize).location());
        vn.dancu.eid.Browser.Page held = officer.get(officer.post("/login", "_csrf", form.csrf(), "username", OFFICER,
                "password", OFFICER_PASSWORD).location());
        vn.dancu.eid.Browser.Page step = officer.get(held.location());
        vn.dancu.eid.Browser.Page back = officer.post("/login/second-factor", "_csrf", step.csrf(), "code", nextCode(OFFICER, officerKey));
        String landing = officer.get(back.location()).location();
        assertThat(landing).startsWith(REDIRECT);
        String authorizationCode = landing.replaceAll(".*[?&]code=([^&]+).*", "$1");
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create(url("/oauth2/token")))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("mot-cua-caugiay:" + secret).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + authorizationCode + "&redirect_uri="
                        + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode body = Api.JSON.readTree(token.body());
        return body.path("access_token").asString();
    }

    /** The code of the app for the current time step, or the next one when this account already used the current one. */
    private String nextCode(String username, String key) {
        long now = clock.instant().getEpochSecond() / Totp.STEP_SECONDS;
        long step = Math.max(now, lastStep.getOrDefault(username, Long.MIN_VALUE) + 1);
        lastStep.put(username, step);
        return Totp.code(Totp.fromBase32(key), step);
    }

    private Page newPage() {
        return CHROMIUM.newPage(1280, 900);
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

}
