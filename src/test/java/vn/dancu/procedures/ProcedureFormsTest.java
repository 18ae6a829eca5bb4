package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * What a newcomer met on the procedure forms (issue 13): values the registry refuses only at the
 * approval, one error at a time, worklists without names, and no warning for a child with a
 * sibling's name and date of birth.
 */
class ProcedureFormsTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;

    @Test
    void aBirthIsCheckedWithTheRegistrysOwnRulesAtLodgingAndEveryErrorComesAtOnce() {
        String mother = person("Đinh Thị Mai", "FEMALE", "1991-04-04", CAU_GIAY);
        String otherMother = person("Hà Thị Lụa", "FEMALE", "1990-01-01", CAU_GIAY);
        Api justice = api("tuphap.caugiay");
        Map<String, Object> bad = birth(mother, "<script>alert(1)</script>", today().minusDays(2), false);
        Map<String, Object> form = form(bad);
        form.put("child.ethnicity", "Viking");
        form.put("birthRegistrationUnit", "99999");
        form.put("otherParentPersonalId", otherMother);
        Api.Response refused = justice.post("/api/v1/applications", bad);
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.fieldErrors()).containsExactlyInAnyOrder(
                "child.fullName:INVALID_CHARACTERS",            // the registry's name rule, not the form's 300 characters
                "child.ethnicity:NOT_ALLOWED",                  // not one of the registry's 54 groups
                "birthRegistrationUnit:UNKNOWN_UNIT",
                "otherParentPersonalId:WRONG_GENDER",           // the applicant is the mother: the other parent is the father
                "attachments.BIRTH_CERTIFICATE:MISSING_ATTACHMENT");

        Map<String, Object> tooLong = birth(mother, "Nguyễn " + "Văn ".repeat(48) + "An", today().minusDays(2), true);
        Api.Response longName = justice.post("/api/v1/applications", tooLong);
        assertThat(longName.fieldErrors()).containsExactly("child.fullName:TOO_LONG");
        assertThat(longName.body().path("errors").get(0).path("message").asString()).contains("150");
        Map<String, Object> script = birth(mother, "<script>" + "a".repeat(377), today().minusDays(2), true);
        assertThat(form(script).get("child.fullName").toString()).hasSize(385);
        assertThat(justice.post("/api/v1/applications", script).fieldErrors()).containsExactly("child.fullName:TOO_LONG");
        assertThat(applications(mother)).as("nothing was lodged").isZero();

        Map<String, Object> good = birth(mother, "Lê Minh Khang", today().minusDays(2), true);
        form(good).put("child.ethnicity", "tày");
        Api.Response lodged = justice.post("/api/v1/applications", good);
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("form").path("child.ethnicity").asString()).as("the registry's spelling").isEqualTo("Tày");
    }

    @Test
    void aRegistryRefusalAtApprovalNamesTheApplicationsFieldAndTheLegCanStillBeRefused() {
        String mother = person("Trương Thị Hoa", "FEMALE", "1992-02-02", CAU_GIAY);
        Api justice = api("tuphap.caugiay");
        Api.Response lodged = justice.post("/api/v1/applications", birth(mother, "Lê Bảo Ngọc", today().minusDays(1), true));
        String code = lodged.text("code");
        // an application lodged before lodging applied the registry's rules
        jdbc.sql("update procedures.application set form = jsonb_set(form, '{child.fullName}', to_jsonb(?::text)) where code = ?")
                .params("<script>alert(1)</script>", code).update();

        Api.Response refused = justice.post("/api/v1/applications/" + code + "/legs/1/decision", map("approve", true));
        assertThat(refused.status()).as(refused.body().toString()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("REGISTRY_REFUSED");
        assertThat(refused.fieldErrors()).containsExactly("child.fullName:INVALID_CHARACTERS");
        assertThat(refused.text("detail")).contains("child.fullName").doesNotContain("note");
        Api.Response still = justice.get("/api/v1/applications/" + code);
        assertThat(still.body().path("legs").get(0).path("status").asString()).isEqualTo("PENDING");

        String page = pageAfterApproval(code);
        assertThat(page).contains("CSDLQGDC từ chối các thông tin dưới đây của hồ sơ", "Họ, chữ đệm, tên của trẻ: Nội dung có ký tự không hợp lệ.")
                .doesNotContain("Ghi chú:");

        Api.Response rejected = justice.post("/api/v1/applications/" + code + "/legs/1/decision",
                map("approve", false, "note", "Họ tên của trẻ có ký tự không hợp lệ; hãy nộp lại"));
        assertThat(rejected.text("status")).isEqualTo("REJECTED");
    }

    @Test
    void worklistsNameTheApplicantAndTheSubjectAndTheReadIsLogged() {
        String mother = person("Quách Thị Yến", "FEMALE", "1993-03-03", CAU_GIAY);
        Api justice = api("tuphap.caugiay");
        String birthCode = justice.post("/api/v1/applications", birth(mother, "Quách Gia Bảo", today().minusDays(1), true))
                .text("code");
        String deceased = person("Quách Văn Cả", "MALE", "1940-01-01", CAU_GIAY);
        Map<String, Object> death = map("appendixNo", 10, "applicantPersonalId", mother, "form", map("deceasedPersonalId", deceased,
                        "dateOfDeath", today().minusDays(1).toString(), "placeOfDeath", "Tại nhà", "relationship", "Con"),
                "attachments", List.of(ProceduresApiTest.pdf("DEATH_NOTICE")));
        Api.Response deathLodged = justice.post("/api/v1/applications", death);
        assertThat(deathLodged.status()).as(deathLodged.body().toString()).isEqualTo(201);
        String deathCode = deathLodged.text("code");

        JsonNode items = justice.get("/api/v1/worklist").body();
        JsonNode birthItem = item(items, birthCode);
        assertThat(birthItem.path("applicantName").asString()).isEqualTo("Quách Thị Yến");
        assertThat(birthItem.path("subjectName").asString()).isEqualTo("Quách Gia Bảo");
        assertThat(birthItem.path("subjectPersonalId").isNull() || birthItem.path("subjectPersonalId").isMissingNode())
                .as("the child has no number yet").isTrue();
        JsonNode deathItem = item(items, deathCode);
        assertThat(deathItem.path("subjectName").asString()).isEqualTo("Quách Văn Cả");
        assertThat(deathItem.path("subjectPersonalId").asString()).isEqualTo(deceased);
        assertThat(logged("tuphap.caugiay", mother, birthCode)).isEqualTo(1);
        assertThat(logged("tuphap.caugiay", deceased, deathCode)).isEqualTo(1);

        String page = justice.text("/staff/worklist");
        assertThat(page).contains("Người nộp: <strong>Quách Thị Yến</strong>", "Trẻ được khai sinh: <strong>Quách Gia Bảo</strong>",
                "Người chết: <strong>Quách Văn Cả</strong>");
        assertThat(logged("tuphap.caugiay", mother, birthCode)).as("the page's read too").isEqualTo(2);
    }

    @Test
    void aChildWithASiblingsNameAndBirthdayIsAWarningToConfirmAndTheOfficerSeesIt() {
        String mother = person("Khổng Thị Thu", "FEMALE", "1990-06-06", CAU_GIAY);
        LocalDate born = today().minusDays(4);
        String sibling = api("officer.central").post("/api/v1/registry/births", map("fullName", "Khổng Minh Anh", "gender", "MALE",
                "dateOfBirth", born.toString(), "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN",
                "ethnicity", "Kinh", "motherPersonalId", mother)).text("personalId");
        Api justice = api("tuphap.caugiay");

        Map<String, Object> twin = birth(mother, "khổng minh  anh", born, true);
        Api.Response warned = justice.post("/api/v1/applications", twin);
        assertThat(warned.status()).as(warned.body().toString()).isEqualTo(409);
        assertThat(warned.code()).isEqualTo("SAME_NAME_SIBLING");
        assertThat(warned.fieldErrors()).containsExactly("child.fullName:SAME_NAME_SIBLING");
        assertThat(warned.body().toString()).as("the sibling's number is not told to the applicant").doesNotContain(sibling);
        assertThat(jdbc.sql("select count(*) from audit.access_log where subject_personal_id = ? and actor = 'tuphap.caugiay'")
                .param(sibling).query(Integer.class).single()).as("the refused lodging still logs the sibling's read").isEqualTo(1);
        assertThat(applications(mother)).isZero();

        Map<String, Object> otherDay = birth(mother, "Khổng Minh Anh", born.minusDays(1), true);
        assertThat(justice.post("/api/v1/applications", otherDay).status()).as("another day is no sibling").isEqualTo(201);

        twin.put("confirmed", List.of("SAME_NAME_SIBLING"));
        Api.Response lodged = justice.post("/api/v1/applications", twin);
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("steps").toString()).contains("WARNING", "cùng họ tên và ngày sinh");
        String code = lodged.text("code");
        JsonNode warnings = justice.get("/api/v1/applications/" + code).body().path("warnings");
        assertThat(warnings.get(0).path("code").asString()).isEqualTo("SAME_NAME_SIBLING");
        assertThat(warnings.get(0).path("en").asString()).contains(sibling);
        String page = justice.text("/staff/applications/" + code);
        assertThat(page).contains("Cha hoặc mẹ đã có con cùng họ, chữ đệm, tên và ngày sinh trong CSDLQGDC: Khổng Minh Anh (" + sibling + ")");

        Api.Response approved = justice.post("/api/v1/applications/" + code + "/legs/1/decision", map("approve", true));
        assertThat(approved.text("status")).as("a warning is not a refusal: twins may share a name").isEqualTo("COMPLETED");
        assertThat(justice.get("/api/v1/applications/" + code).body().path("warnings").size())
                .as("once registered, the child is no sibling of itself").isZero();
    }

    @Test
    void theCommuneSearchFindsTodaysCommunesWithoutDiacritics() {
        Api justice = api("tuphap.caugiay");
        String found = justice.text("/staff/counter/communes?field=birthRegistrationUnit&q=cau%20giay");
        assertThat(found).contains("value=\"00166\"", "Phường Cầu Giấy", "Thành phố Hà Nội");
        assertThat(justice.text("/staff/counter/communes?field=unit&q=00166")).contains("value=\"00166\"");
        assertThat(justice.text("/staff/counter/communes?field=unit&q=zzzzqqq")).doesNotContain("type=\"radio\"");
        assertThat(justice.get("/staff/counter/communes?field=%3Cscript%3E&q=a").status()).isEqualTo(400);
    }

    // --- fixtures

    /** Today in Vietnam, where the registry's days are. */
    private static LocalDate today() {
        return LocalDate.now(WorkingCalendar.VIETNAM);
    }

    private String pageAfterApproval(String code) {
        // the officer's page posts the decision; HTTP Basic needs no CSRF token on a request it authenticates
        try {
            var http = java.net.http.HttpClient.newHttpClient();
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + "/staff/applications/"
                            + code + "/legs/1"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("tuphap.caugiay:dancu-demo".getBytes()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("approve=true")).build();
            var response = http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
            return response.body();
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private int logged(String actor, String subject, String code) {
        return jdbc.sql("select count(*) from audit.access_log where actor = ? and subject_personal_id = ? and case_ref = ? and purpose like ?")
                .params(actor, subject, code, "Danh sách hồ sơ cần xử lý%").query(Integer.class).single();
    }

    private static JsonNode item(JsonNode items, String code) {
        for (JsonNode item : items) {
            if (item.path("code").asString().equals(code)) {
                return item;
            }
        }
        throw new AssertionError("no worklist item " + code + " in " + items);
    }

    private int applications(String applicant) {
        return jdbc.sql("select count(*) from procedures.application where applicant_personal_id = ?").param(applicant)
                .query(Integer.class).single();
    }

    /** A new person with a permanent residence in the commune, registered by the central officer. */
    private String person(String name, String gender, String dob, String unit) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", unit, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", unit,
                "addressLine", "Số " + SERIAL.incrementAndGet() + " phố Biểu Mẫu", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private static Map<String, Object> birth(String mother, String childName, LocalDate born, boolean withCertificate) {
        Map<String, Object> form = map("child.fullName", childName, "child.gender", "MALE", "child.dateOfBirth", born.toString(),
                "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "child.ethnicity", "Kinh");
        return map("appendixNo", 9, "applicantPersonalId", mother, "form", form,
                "attachments", withCertificate ? List.of(ProceduresApiTest.pdf("BIRTH_CERTIFICATE")) : List.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> form(Map<String, Object> application) {
        return (Map<String, Object>) application.get("form");
    }
}
