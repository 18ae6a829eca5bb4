package vn.dancu.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.TestApis;
import vn.dancu.platform.ApiProblem;

/** ADMIN's staff administration over the API, its refusals, and what a change does to the account's open logins. */
class StaffAdministrationTest extends IntegrationTest {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final String CAU_GIAY = "00166";

    @Autowired
    JdbcClient jdbc;
    @Autowired
    StaffAdministration administration;

    private static String username(String prefix) {
        return prefix + "." + System.nanoTime() % 1_000_000 + "." + NEXT.incrementAndGet();
    }

    /** A new account by admin; its one-time password. */
    private String create(String username, String role, String unit) {
        Api.Response created = api("admin").post("/api/v1/admin/staff", Api.map("username", username, "displayName", "Nguyễn Thị Kiểm Thử",
                "role", role, "jurisdiction", unit, "reason", "Tuyển dụng theo quyết định số 12"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("oneTimePassword");
    }

    /** Creates an officer and has them replace the one-time password with {@code password}. */
    private void officer(String username, String role, String unit, String password) {
        String oneTime = create(username, role, unit);
        Api.Response changed = TestApis.of(port, username, oneTime).post("/api/v1/auth/password",
                Api.map("currentPassword", oneTime, "newPassword", password, "newPasswordConfirmation", password));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(204);
    }

    @Test
    void anAdministratorCreatesAnOfficerWithAOneTimePasswordAndEveryChangeIsRecordedForAuditors() {
        String username = username("can.bo");
        Api.Response created = api("admin").post("/api/v1/admin/staff", Api.map("username", username.toUpperCase(), "displayName", "Trần Văn Bảo",
                "role", "COMMUNE_OFFICER", "jurisdiction", CAU_GIAY, "reason", "Điều động về Công an phường Cầu Giấy"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("oneTimePassword")).matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}");
        assertThat(created.body().path("account").path("username").asString()).isEqualTo(username);
        assertThat(created.body().path("account").path("jurisdiction").path("name").asString()).isEqualTo("Phường Cầu Giấy");
        assertThat(created.body().path("account").path("mustChangePassword").asBoolean()).isTrue();

        Api.Response changed = api("admin").put("/api/v1/admin/staff/" + username, Api.map("displayName", "Trần Văn Bảo",
                "role", "JUSTICE_OFFICER", "jurisdiction", CAU_GIAY, "reason", "Chuyển sang công chức tư pháp"));
        assertThat(changed.status()).as(changed.body().toString()).isEqualTo(200);
        assertThat(changed.text("role")).isEqualTo("JUSTICE_OFFICER");
        assertThat(api("admin").post("/api/v1/admin/staff/" + username + "/disable", Map.of("reason", "Nghỉ việc")).text("enabled"))
                .isEqualTo("false");
        assertThat(api("admin").post("/api/v1/admin/staff/" + username + "/disable", Map.of("reason", "Lần nữa")).code())
                .isEqualTo("ALREADY_DISABLED");
        assertThat(api("admin").post("/api/v1/admin/staff/" + username + "/enable", Map.of("reason", "Trở lại công tác")).text("enabled"))
                .isEqualTo("true");
        Api.Response reset = api("admin").post("/api/v1/admin/staff/" + username + "/password-reset", Map.of("reason", "Quên mật khẩu"));
        assertThat(reset.status()).isEqualTo(200);
        assertThat(reset.text("oneTimePassword")).isNotEqualTo(created.text("oneTimePassword"));

        Api.Response history = api("auditor").get("/api/v1/admin/staff/" + username + "/changes");
        assertThat(history.status()).isEqualTo(200);
        List<String> types = history.body().path("items").valueStream().map(c -> c.path("type").asString()).toList();
        assertThat(types).containsExactly("PASSWORD_RESET", "ENABLED", "DISABLED", "UPDATED", "CREATED");
        var updated = history.body().path("items").get(3);
        assertThat(updated.path("actor").asString()).isEqualTo("admin");
        assertThat(updated.path("reason").asString()).isEqualTo("Chuyển sang công chức tư pháp");
        assertThat(updated.path("before").path("role").asString()).isEqualTo("COMMUNE_OFFICER");
        assertThat(updated.path("after").path("role").asString()).isEqualTo("JUSTICE_OFFICER");
        assertThat(updated.path("before").has("displayName")).as("only what changed").isFalse();
        Api.Response all = api("auditor").get("/api/v1/admin/staff-changes?size=200");
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.body().path("items").valueStream().map(c -> c.path("username").asString())).contains(username);

        // the record is append-only for the platform's own database role
        assertThatThrownBy(() -> jdbc.sql("update identity.staff_change set reason = 'x'").update())
                .rootCause().hasMessageContaining("permission denied");
    }

    @Test
    void onlyAdministratorsAdministerAndAuditorsOnlyReadTheRecord() {
        for (String who : List.of("officer.hanoi", "auditor", "officer.central")) {
            Api.Response refused = api(who).post("/api/v1/admin/staff", Api.map("username", username("x"), "displayName", "X",
                    "role", "AUDITOR", "reason", "x"));
            assertThat(refused.status()).as(who).isEqualTo(403);
            assertThat(refused.code()).as(who).isEqualTo("FORBIDDEN");
            assertThat(api(who).get("/api/v1/admin/staff").status()).as(who).isEqualTo(403);
            assertThat(api(who).post("/api/v1/admin/staff/officer.hcm/disable", Map.of("reason", "x")).status()).as(who).isEqualTo(403);
        }
        assertThat(api("officer.hanoi").get("/api/v1/admin/staff-changes").status()).isEqualTo(403);
        assertThat(anonymous().get("/api/v1/admin/staff-changes").status()).isEqualTo(401);
    }

    @Test
    void wrongAccountsAreRefusedWithEveryFieldAtOnce() {
        Api admin = api("admin");
        Api.Response everything = admin.post("/api/v1/admin/staff", Api.map("username", "x", "displayName", " ", "role", "SHERIFF",
                "jurisdiction", "01"));
        assertThat(everything.status()).isEqualTo(400);
        assertThat(everything.contentType()).startsWith("application/problem+json");
        assertThat(everything.fieldErrors()).containsExactlyInAnyOrder("username:INVALID_FORMAT", "displayName:REQUIRED",
                "role:NOT_ALLOWED", "reason:REQUIRED");

        Map<String, List<String>> cases = Map.of(
                "99999", List.of("COMMUNE_OFFICER", "jurisdiction:UNKNOWN_UNIT"),
                "24160", List.of("COMMUNE_OFFICER", "jurisdiction:UNIT_NOT_IN_FORCE"),
                "30", List.of("PROVINCE_OFFICER", "jurisdiction:UNIT_NOT_IN_FORCE"),
                "01", List.of("COMMUNE_OFFICER", "jurisdiction:UNIT_LEVEL"),
                CAU_GIAY, List.of("PROVINCE_OFFICER", "jurisdiction:UNIT_LEVEL"),
                "1", List.of("JUSTICE_OFFICER", "jurisdiction:INVALID_FORMAT"),
                "79", List.of("CENTRAL_OFFICER", "jurisdiction:JURISDICTION_NOT_ALLOWED"),
                "", List.of("LABOUR_OFFICER", "jurisdiction:REQUIRED"));
        cases.forEach((unit, expected) -> {
            Api.Response refused = admin.post("/api/v1/admin/staff", Api.map("username", username("unit"), "displayName", "X",
                    "role", expected.get(0), "jurisdiction", unit, "reason", "thử"));
            assertThat(refused.fieldErrors()).as(unit + " for " + expected.get(0)).containsExactly(expected.get(1));
        });
        String taken = admin.post("/api/v1/admin/staff", Api.map("username", "Officer.Hanoi", "displayName", "X", "role", "AUDITOR",
                "reason", "thử")).code();
        assertThat(taken).isEqualTo("USERNAME_TAKEN");

        for (String body : List.of("{", "[]", "{\"username\":{\"a\":1}}", "")) {
            Api.Response malformed = admin.post("/api/v1/admin/staff", body);
            assertThat(malformed.status()).as(body).isEqualTo(400);
            assertThat(malformed.contentType()).as(body).startsWith("application/problem+json");
        }
        Api.Response noReason = admin.post("/api/v1/admin/staff/officer.hcm/disable", Map.of());
        assertThat(noReason.fieldErrors()).containsExactly("reason:REQUIRED");
        assertThat(admin.post("/api/v1/admin/staff/nobody.at.all/disable", Map.of("reason", "x")).code()).isEqualTo("STAFF_NOT_FOUND");
        assertThat(admin.get("/api/v1/admin/staff?role=KING&size=0").fieldErrors()).containsExactlyInAnyOrder("role:NOT_ALLOWED", "size:OUT_OF_RANGE");
    }

    @Test
    void accountsAreFoundByNameWithoutDiacriticsRoleAndUnit() {
        String username = username("tim.kiem");
        api("admin").post("/api/v1/admin/staff", Api.map("username", username, "displayName", "Đỗ Thị Hường",
                "role", "LABOUR_OFFICER", "jurisdiction", CAU_GIAY, "reason", "Tuyển dụng"));
        Api.Response byName = api("admin").get("/api/v1/admin/staff?q=do%20thi%20huong&role=LABOUR_OFFICER&unit=01");
        assertThat(byName.status()).isEqualTo(200);
        assertThat(byName.body().path("items").valueStream().map(s -> s.path("username").asString())).contains(username);
        Api.Response elsewhere = api("admin").get("/api/v1/admin/staff?q=do%20thi%20huong&unit=79");
        assertThat(elsewhere.body().path("total").asLong()).isZero();
        Api.Response page = api("admin").get("/api/v1/admin/staff?size=2&page=0");
        assertThat(page.body().path("items").size()).isEqualTo(2);
        assertThat(page.body().path("total").asLong()).isGreaterThan(10);
    }

    @Test
    void theJurisdictionFieldSuggestsUnitsInForceByNameWithoutDiacritics() {
        String communes = api("admin").text("/staff/admin/units?jurisdiction=cau%20giay");
        assertThat(communes).contains("<option value=\"" + CAU_GIAY + "\">Phường Cầu Giấy, Thành phố Hà Nội</option>");
        String provinces = api("admin").text("/staff/admin/units?jurisdiction=");
        assertThat(provinces).contains("<option value=\"01\">Thành phố Hà Nội</option>").doesNotContain(CAU_GIAY);
        assertThat(api("officer.hanoi").text("/staff/admin/units?jurisdiction=cau%20giay")).doesNotContain(CAU_GIAY);
    }

    @Test
    void anAdministratorCannotChangeTheirOwnRightsNorLeaveThePlatformWithoutAnEnabledAdministrator() {
        Api admin = api("admin");
        Api.Response demote = admin.put("/api/v1/admin/staff/admin", Api.map("displayName", "Quản trị", "role", "AUDITOR", "reason", "thử"));
        assertThat(demote.status()).isEqualTo(403);
        assertThat(demote.code()).isEqualTo("OWN_ACCOUNT");
        assertThat(admin.post("/api/v1/admin/staff/admin/disable", Map.of("reason", "thử")).code()).isEqualTo("OWN_ACCOUNT");
        assertThat(admin.post("/api/v1/admin/staff/admin/password-reset", Map.of("reason", "thử")).code()).isEqualTo("OWN_ACCOUNT");

        String first = username("qt.mot");
        String second = username("qt.hai");
        officer(first, "ADMIN", null, "Ngọn núi xanh thẳm 2026");
        officer(second, "ADMIN", null, "Dòng sông êm đềm 2026");
        Staff secondStaff = new Staff(administration.get(second).id(), second, "x", StaffRole.ADMIN, null);
        String[] others = onlyAdministrators(first, second);
        try {
            // the first disables the second: the first remains
            Api.Response disabled = TestApis.of(port, first, "Ngọn núi xanh thẳm 2026").post("/api/v1/admin/staff/" + second + "/disable",
                    Map.of("reason", "Hết nhiệm vụ"));
            assertThat(disabled.status()).as(disabled.body().toString()).isEqualTo(200);
            // the second's request had passed the login check before that: in the locked transaction the first is the last
            assertThatThrownBy(() -> administration.disable(secondStaff, first, new StaffAdministration.Reason("cùng lúc")))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("LAST_ADMIN"));
            assertThatThrownBy(() -> administration.change(secondStaff, first,
                    new StaffAdministration.Changes("X", "AUDITOR", null, "cùng lúc")))
                    .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.code()).isEqualTo("LAST_ADMIN"));
            assertThat(TestApis.of(port, second, "Dòng sông êm đềm 2026").get("/api/v1/admin/staff").status())
                    .as("a disabled administrator").isEqualTo(401);
        } finally {
            jdbc.sql("update identity.staff_account set enabled = true where username = any(?)").param(others).update();
        }
    }

    /** Disables every other enabled administrator (demo admin, those of earlier tests) for a while; returns them. */
    private String[] onlyAdministrators(String first, String second) {
        String[] others = jdbc.sql("select username from identity.staff_account where role = 'ADMIN' and enabled and username not in (?, ?)")
                .params(first, second).query(String.class).list().toArray(String[]::new);
        jdbc.sql("update identity.staff_account set enabled = false where username = any(?)").param(others).update();
        return others;
    }

    @Test
    void twoAdministratorsDisablingEachOtherAtOnceLeaveOneEnabled() throws Exception {
        String first = username("qt.ba");
        String second = username("qt.bon");
        officer(first, "ADMIN", null, "Biển xanh cát trắng 2026");
        officer(second, "ADMIN", null, "Rừng thông reo gió 2026");
        String[] others = onlyAdministrators(first, second);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var one = pool.submit(() -> TestApis.of(port, first, "Biển xanh cát trắng 2026").post("/api/v1/admin/staff/" + second + "/disable",
                    Map.of("reason", "cùng lúc")));
            var two = pool.submit(() -> TestApis.of(port, second, "Rừng thông reo gió 2026").post("/api/v1/admin/staff/" + first + "/disable",
                    Map.of("reason", "cùng lúc")));
            List<Integer> statuses = List.of(one.get().status(), two.get().status());
            assertThat(statuses).as("one wins; the other finds it is the last administrator, or is no longer signed in").contains(200)
                    .containsAnyOf(409, 401);
            assertThat(jdbc.sql("select count(*) from identity.staff_account where role = 'ADMIN' and enabled and username in (?, ?)")
                    .params(first, second).query(Integer.class).single()).isEqualTo(1);
        } finally {
            jdbc.sql("update identity.staff_account set enabled = true where username = any(?)").param(others).update();
        }
    }

    @Test
    void aOneTimePasswordOpensNothingButTheChangeAndTheNewPasswordFollowsThePolicy() throws Exception {
        String username = username("mat.khau");
        String oneTime = create(username, "COMMUNE_OFFICER", CAU_GIAY);
        Api first = TestApis.of(port, username, oneTime);
        Api.Response gated = first.get("/api/v1/registry/persons?name=nguyen");
        assertThat(gated.status()).isEqualTo(403);
        assertThat(gated.code()).isEqualTo("PASSWORD_CHANGE_REQUIRED");

        // pages lead to the password page, which refuses a reused, breached, personal or short password
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> login = signIn(http, username, oneTime);
        assertThat(login.statusCode()).isEqualTo(302);
        HttpResponse<String> persons = get(http, "/staff/persons");
        assertThat(persons.statusCode()).isEqualTo(302);
        assertThat(persons.headers().firstValue("Location").orElseThrow()).endsWith("/staff/password");
        String form = get(http, "/staff/password").body();
        assertThat(form).contains("mật khẩu dùng một lần");
        Map<String, String> refusals = Map.of(oneTime, "PASSWORD_REUSED", "qwertyuiop123", "PASSWORD_TOO_COMMON",
                "xx" + username + "yy", "PASSWORD_PERSONAL", "ngắn quá", "PASSWORD_TOO_SHORT");
        for (var refusal : refusals.entrySet()) {
            HttpResponse<String> refused = post(http, "/staff/password", csrf(form), "currentPassword", oneTime,
                    "newPassword", refusal.getKey(), "newPasswordConfirmation", refusal.getKey());
            assertThat(refused.statusCode()).as(refusal.getValue()).isEqualTo(400);
            assertThat(refused.body()).as(refusal.getValue()).contains(refusal.getValue());
        }
        HttpResponse<String> wrongCurrent = post(http, "/staff/password", csrf(form), "currentPassword", "not-it",
                "newPassword", "Hoa sen nở giữa hồ 2026", "newPasswordConfirmation", "Hoa sen nở giữa hồ 2026");
        assertThat(wrongCurrent.body()).contains("WRONG_PASSWORD");
        HttpResponse<String> changed = post(http, "/staff/password", csrf(form), "currentPassword", oneTime,
                "newPassword", "Hoa sen nở giữa hồ 2026", "newPasswordConfirmation", "Hoa sen nở giữa hồ 2026");
        assertThat(changed.statusCode()).isEqualTo(302);
        assertThat(changed.headers().firstValue("Location").orElseThrow()).contains("/staff/persons");
        assertThat(get(http, "/staff/persons").statusCode()).as("the same session goes on").isEqualTo(200);
        assertThat(first.get("/api/v1/registry/persons?name=nguyen").status()).as("the one-time password is gone").isEqualTo(401);

        // no reuse of the last five chosen passwords, over the API too
        Api now = TestApis.of(port, username, "Hoa sen nở giữa hồ 2026");
        assertThat(now.post("/api/v1/auth/password", Api.map("currentPassword", "Hoa sen nở giữa hồ 2026",
                "newPassword", "Trăng sáng trên đồi 2027", "newPasswordConfirmation", "Trăng sáng trên đồi 2027")).status()).isEqualTo(204);
        Api.Response reused = TestApis.of(port, username, "Trăng sáng trên đồi 2027").post("/api/v1/auth/password",
                Api.map("currentPassword", "Trăng sáng trên đồi 2027", "newPassword", "Hoa sen nở giữa hồ 2026",
                        "newPasswordConfirmation", "Hoa sen nở giữa hồ 2026"));
        assertThat(reused.fieldErrors()).containsExactly("newPassword:PASSWORD_REUSED");
        assertThat(get(http, "/staff/persons").statusCode()).as("a change of password elsewhere ends this session").isEqualTo(302);
    }

    @Test
    void aDisabledOfficerIsRefusedAtOnceOnPagesAndApiSessionsAndARoleChangeAppliesAtOnce() throws Exception {
        String username = username("nghi.viec");
        String password = "Cây đa đầu làng 2026";
        officer(username, "COMMUNE_OFFICER", CAU_GIAY, password);
        HttpClient pages = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        assertThat(signIn(pages, username, password).statusCode()).isEqualTo(302);
        assertThat(get(pages, "/staff/persons").statusCode()).isEqualTo(200);
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient raw = HttpClient.newHttpClient();
        HttpResponse<String> opened = raw.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/auth/session"))
                .header("Authorization", basic).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = opened.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        HttpRequest.Builder bySession = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/registry/persons?name=nguyen"))
                .header("Cookie", cookie).header("X-Purpose", "Kiem tra");
        assertThat(raw.send(bySession.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

        assertThat(api("admin").post("/api/v1/admin/staff/" + username + "/disable", Map.of("reason", "Thôi việc")).status()).isEqualTo(200);
        HttpResponse<String> page = get(pages, "/staff/persons");
        assertThat(page.statusCode()).as("the open page session").isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
        HttpResponse<String> session = raw.send(bySession.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(session.statusCode()).as("the open API session").isEqualTo(401);
        assertThat(TestApis.of(port, username, password).get("/api/v1/registry/persons?name=nguyen").status()).isEqualTo(401);

        // enabled again: a new role ends the session and applies from the next login
        api("admin").post("/api/v1/admin/staff/" + username + "/enable", Map.of("reason", "Trở lại"));
        assertThat(signIn(pages, username, password).statusCode()).isEqualTo(302);
        assertThat(get(pages, "/staff/persons").statusCode()).isEqualTo(200);
        api("admin").put("/api/v1/admin/staff/" + username, Api.map("displayName", "X", "role", "LABOUR_OFFICER",
                "jurisdiction", CAU_GIAY, "reason", "Chuyển công tác"));
        assertThat(get(pages, "/staff/persons").statusCode()).isEqualTo(302);
        Api.Response asLabour = TestApis.of(port, username, password).get("/api/v1/registry/persons?name=nguyen");
        assertThat(asLabour.status()).isEqualTo(403);
        assertThat(asLabour.code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
    }

    @Test
    void aProvincesOfficersAreImportedAllOrNothingWithEveryRowsErrors() {
        String a = username("nhap.a");
        String b = username("nhap.b");
        String bad = "username,displayName,role,unit\n"
                + a + ",Lê Văn A,COMMUNE_OFFICER," + CAU_GIAY + "\n"
                + a + ",Lê Văn A lần hai,JUSTICE_OFFICER," + CAU_GIAY + "\n"
                + "officer.hanoi,Trùng tên,PROVINCE_OFFICER,01\n"
                + "x,,SHERIFF,01\n"
                + b + ",Lê Thị B,COMMUNE_OFFICER,26944\n"
                + username("nhap.c") + ",Quản trị,ADMIN,\n"
                + username("nhap.d") + ",Phạm D,LABOUR_OFFICER,24160\n"
                + "\"broken,line\n";
        Api.Response refused = api("admin").post("/api/v1/admin/staff-imports?province=01&reason=" + "Danh%20s%C3%A1ch%20th%C3%A1ng%2012",
                "text/csv", bad.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.fieldErrors()).containsExactlyInAnyOrder(
                "lines[3].username:DUPLICATE_IN_FILE", "lines[4].username:USERNAME_TAKEN",
                "lines[5].username:INVALID_FORMAT", "lines[5].displayName:REQUIRED", "lines[5].role:NOT_ALLOWED",
                "lines[6].unit:OUTSIDE_PROVINCE", "lines[7].role:ROLE_NOT_PROVINCIAL", "lines[8].unit:UNIT_NOT_IN_FORCE",
                "lines[9]:MALFORMED_LINE");
        assertThat(api("admin").get("/api/v1/admin/staff/" + a).status()).as("nothing written").isEqualTo(404);

        String good = "username,displayName,role,unit\n" + a + ",Lê Văn A,COMMUNE_OFFICER," + CAU_GIAY + "\n"
                + b + ",\"Lê Thị B, phó trưởng\",PROVINCE_OFFICER,01\n";
        Api.Response imported = api("admin").post("/api/v1/admin/staff-imports?province=01&reason=Danh%20s%C3%A1ch", "text/csv",
                good.getBytes(StandardCharsets.UTF_8));
        assertThat(imported.status()).as(imported.body().toString()).isEqualTo(201);
        assertThat(imported.body().path("accounts").size()).isEqualTo(2);
        String oneTime = imported.body().path("accounts").get(0).path("oneTimePassword").asString();
        assertThat(TestApis.of(port, a, oneTime).get("/api/v1/registry/persons?name=an").code()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
        assertThat(api("admin").get("/api/v1/admin/staff/" + b).text("displayName")).isEqualTo("Lê Thị B, phó trưởng");

        assertThat(api("admin").post("/api/v1/admin/staff-imports?province=30&reason=x", "text/csv", good.getBytes(StandardCharsets.UTF_8))
                .fieldErrors()).containsExactly("province:UNIT_NOT_IN_FORCE");
        assertThat(api("admin").post("/api/v1/admin/staff-imports?province=01&reason=x", "text/csv", "a,b\n".getBytes(StandardCharsets.UTF_8))
                .fieldErrors()).containsExactly("file:BAD_HEADER");
        assertThat(api("admin").post("/api/v1/admin/staff-imports?province=01", "text/csv", new byte[] {(byte) 0xff, 'a'})
                .fieldErrors()).containsExactly("file:NOT_UTF8");
    }

    @Autowired
    StaffAccountRepository accounts;

    /** What every request of an open staff session pays for the check: one primary-key read. */
    @Test
    void theSessionCheckCostsOnePrimaryKeyRead() {
        long id = administration.get("officer.hanoi").id();
        for (int i = 0; i < 500; i++) {
            accounts.stamp(id);
        }
        int rounds = 2_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            assertThat(accounts.stamp(id)).isPresent();
        }
        double micros = (System.nanoTime() - start) / 1_000.0 / rounds;
        System.out.printf("session check: %.0f µs per request (%d reads)%n", micros, rounds);
        assertThat(micros).as("µs per check").isLessThan(5_000);
    }

    // --- a browser's login, as in StaffLoginTest

    private HttpResponse<String> signIn(HttpClient http, String username, String password) throws Exception {
        String form = get(http, "/login").body();
        return post(http, "/login", csrf(form), "username", username, "password", password);
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient http, String path, String csrf, String... fields) throws Exception {
        StringBuilder body = new StringBuilder("_csrf=" + csrf);
        for (int i = 0; i < fields.length; i += 2) {
            body.append('&').append(fields[i]).append('=').append(java.net.URLEncoder.encode(fields[i + 1], StandardCharsets.UTF_8));
        }
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(String page) {
        return page.replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
    }
}
