package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
 * The working procedures over HTTP, as officers use them: lodged at the counter, acted on by the
 * officers of each agency, with their refusals, missing attachments, deadlines, and the signed
 * results checked by the public verification.
 */
class ProceduresApiTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final String BA_DINH = "00004";
    static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    DeadlineWatch deadlines;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    vn.dancu.MovableClock clock;

    @Test
    void birthRegistrationIssuesTheNumberAndASignedResult() {
        String mother = person("Võ Thị Hạnh", "FEMALE", "1994-05-06", CAU_GIAY);
        Api justice = api("tuphap.caugiay");
        Api.Response lodged = justice.post("/api/v1/applications", birth(9, mother, true));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        String code = lodged.text("code");
        assertThat(lodged.body().path("prefilled").toString()).contains("applicant.fullName", "applicant.residenceUnit");
        assertThat(lodged.body().path("form").path("applicant.fullName").asString()).isEqualTo("Võ Thị Hạnh");
        assertThat(leg(lodged, 1).path("status").asString()).isEqualTo("PENDING");
        assertThat(worklist(justice)).contains(code);
        assertThat(worklist(api("tuphap.badinh"))).doesNotContain(code);
        assertThat(api("tuphap.badinh").post(decision(code, 1), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(api("congan.caugiay").post(decision(code, 1), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(api("tuphap.badinh").get("/api/v1/applications/" + code).code()).isEqualTo("APPLICATION_NOT_FOUND");

        Api.Response done = justice.post(decision(code, 1), map("approve", true));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        String child = done.text("subjectPersonalId");
        assertThat(child).matches("[0-9]{12}");
        assertThat(justice.post(decision(code, 1), map("approve", true)).code()).isEqualTo("LEG_NOT_PENDING");

        JsonNode history = api("officer.central").get("/api/v1/registry/persons/" + child + "/history").body();
        assertThat(history.get(0).path("reason").asString()).contains("Thủ tục 9", code);

        String resultId = leg(done, 1).path("result").path("id").asString();
        byte[] pdf = justice.bytes("/api/v1/results/" + resultId + "/pdf");
        assertThat(verify(pdf).path("code").asString()).isEqualTo("VALID");
        byte[] changed = pdf.clone();
        changed[pdf.length / 3] ^= 0x01;
        assertThat(verify(changed).path("valid").asBoolean()).isFalse();
        assertThat(anonymous().post("/api/v1/verify", "application/pdf", new byte[11 * 1024 * 1024]).code()).isEqualTo("FILE_TOO_LARGE");
        String jws = justice.text("/api/v1/results/" + resultId + "/jws");
        JsonNode verdict = verify(jws.getBytes(StandardCharsets.UTF_8));
        assertThat(verdict.path("code").asString()).isEqualTo("VALID");
        assertThat(verdict.path("payload").path("personalId").asString()).isEqualTo(child);
        String[] parts = jws.split("\\.");
        String forged = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace(child, "001099000001");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        assertThat(verify(tampered.getBytes(StandardCharsets.UTF_8)).path("valid").asBoolean()).isFalse();
        assertThat(api("tuphap.badinh").get("/api/v1/results/" + resultId + "/pdf").status()).isEqualTo(404);
    }

    @Test
    void badApplicationsAreRefusedWithTheirFields() {
        String mother = person("Lý Thị Nga", "FEMALE", "1992-01-02", CAU_GIAY);
        Api justice = api("tuphap.caugiay");
        Api.Response missing = justice.post("/api/v1/applications", birth(9, mother, false));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.fieldErrors()).contains("attachments.BIRTH_CERTIFICATE:MISSING_ATTACHMENT");

        Map<String, Object> typed = birth(9, mother, true);
        @SuppressWarnings("unchecked") Map<String, Object> form = (Map<String, Object>) typed.get("form");
        form.put("applicant.fullName", "Tên khác");
        form.remove("child.fullName");
        form.put("child.dateOfBirth", "2026-13-01");
        form.put("nickname", "x");
        Api.Response refused = justice.post("/api/v1/applications", typed);
        assertThat(refused.fieldErrors()).contains("applicant.fullName:FROM_REGISTRY", "child.fullName:REQUIRED",
                "child.dateOfBirth:INVALID_DATE", "nickname:UNKNOWN_FIELD");

        Map<String, Object> fake = birth(9, mother, true);
        fake.put("attachments", List.of(map("kind", "BIRTH_CERTIFICATE", "filename", "a.pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString("not a pdf".getBytes(StandardCharsets.UTF_8)))));
        assertThat(justice.post("/api/v1/applications", fake).fieldErrors()).contains("attachments.BIRTH_CERTIFICATE:CONTENT_MISMATCH");
        fake.put("attachments", List.of(map("kind", "BIRTH_CERTIFICATE", "contentType", "application/pdf", "content", "%%%")));
        assertThat(justice.post("/api/v1/applications", fake).fieldErrors()).contains("attachments[0].content:INVALID_BASE64");

        assertThat(justice.post("/api/v1/applications", map("appendixNo", 99, "applicantPersonalId", mother)).fieldErrors())
                .contains("appendixNo:PROCEDURE_NOT_FOUND");
        assertThat(justice.post("/api/v1/applications", map("appendixNo", 9, "applicantPersonalId", "123")).fieldErrors())
                .contains("applicantPersonalId:INVALID_PERSONAL_ID");
        assertThat(api("auditor").post("/api/v1/applications", birth(9, mother, true)).code()).isEqualTo("NOT_AN_OFFICER");
        assertThat(anonymous().post("/api/v1/applications", birth(9, mother, true)).status()).isIn(401, 403);
        assertThat(justice.post(decision("HS-2026-9999999", 1), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(jdbc.sql("select count(*) from procedures.application where applicant_personal_id = ?").param(mother)
                .query(Integer.class).single()).as("nothing was lodged").isZero();
    }

    @Test
    void theLinkedBirthRunsThroughJusticePoliceAndSocialInsurance() {
        String father = person("Trịnh Văn Tài", "MALE", "1990-03-03", CAU_GIAY);
        String mother = person("Mai Thị Lan", "FEMALE", "1993-08-08", CAU_GIAY);
        long household = api("officer.central").post("/api/v1/registry/households", map("headPersonalId", father, "unit", CAU_GIAY,
                "addressLine", "Số 3 ngõ 1 Trần Thái Tông")).body().path("householdId").asLong();
        assertThat(api("officer.central").post("/api/v1/registry/households/" + household + "/members",
                map("personalId", mother, "relationship", "SPOUSE")).status()).isLessThan(300);
        Map<String, Object> application = birth(15, mother, true);
        @SuppressWarnings("unchecked") Map<String, Object> form = (Map<String, Object>) application.get("form");
        form.put("otherParentPersonalId", father);
        Api.Response lodged = api("tuphap.caugiay").post("/api/v1/applications", application);
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        String code = lodged.text("code");
        assertThat(statuses(lodged)).containsExactly("PENDING", "WAITING", "WAITING");
        assertThat(lodged.body().path("prefilled").toString()).contains("residence.unit");

        assertThat(api("congan.caugiay").get("/api/v1/applications/" + code).code())
                .as("the police leg has not started: its officers do not read the application yet").isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response afterBirth = api("tuphap.caugiay").post(decision(code, 1), map("approve", true));
        assertThat(statuses(afterBirth)).containsExactly("APPROVED", "PENDING", "WAITING");
        assertThat(api("tuphap.caugiay").post(decision(code, 2), map("approve", true)).code()).isEqualTo("NOT_YOUR_LEG");
        assertThat(worklist(api("congan.caugiay"))).contains(code);
        assertThat(api("bhxh.hanoi").get("/api/v1/applications/" + code).code())
                .as("the social insurance leg is waiting: its officers do not read the application yet").isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response afterResidence = api("congan.caugiay").post(decision(code, 2), map("approve", true));
        assertThat(statuses(afterResidence)).containsExactly("APPROVED", "APPROVED", "PENDING");
        assertThat(worklist(api("bhxh.hanoi"))).contains(code);
        assertThat(api("bhxh.hanoi").get("/api/v1/applications/" + code).status()).as("their leg has started").isEqualTo(200);
        Api.Response done = api("bhxh.hanoi").post(decision(code, 3), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");

        String child = done.text("subjectPersonalId");
        JsonNode person = api("officer.central").get("/api/v1/registry/persons/" + child).body();
        assertThat(person.path("mother").path("personalId").asString()).isEqualTo(mother);
        assertThat(person.path("father").path("personalId").asString()).isEqualTo(father);
        assertThat(person.path("currentResidence").path("type").asString()).isEqualTo("PERMANENT");
        assertThat(person.path("household").path("id").asLong()).isEqualTo(household);
        String card = jdbc.sql("""
                        select d.number from registry.integrated_document d join registry.person p on p.id = d.person_id
                        where p.personal_id = ? and d.kind = 'HEALTH_INSURANCE_CARD'""").param(child).query(String.class).single();
        assertThat(card).isEqualTo("TE101" + child.substring(2));
        assertThat(jdbc.sql("select count(*) from procedures.result r join procedures.application a on a.id = r.application_id where a.code = ?")
                .param(code).query(Integer.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("select count(*) from flowable.act_ru_execution where business_key_ = ?").param(code)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aRefusedLaterLegKeepsTheEarlierResults() {
        String deceased = person("Hoàng Văn Thọ", "MALE", "1940-01-01", BA_DINH);
        String son = person("Hoàng Văn Phú", "MALE", "1970-02-02", BA_DINH);
        Api.Response lodged = api("tuphap.badinh").post("/api/v1/applications", death(16, son, deceased, true, true));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        String code = lodged.text("code");
        assertThat(statuses(lodged)).containsExactly("PENDING", "WAITING", "WAITING");
        assertThat(leg(lodged, 3).path("agency").asString()).isEqualTo("LABOUR");

        api("tuphap.badinh").post(decision(code, 1), map("approve", true));
        Api.Response refusedWithoutNote = api("congan.badinh").post(decision(code, 2), map("approve", false));
        assertThat(refusedWithoutNote.fieldErrors()).contains("note:REQUIRED");
        Api.Response refused = api("congan.badinh").post(decision(code, 2), map("approve", false, "note", "Cần xác minh nơi ở"));
        assertThat(refused.text("status")).isEqualTo("PARTLY_COMPLETED");
        assertThat(statuses(refused)).containsExactly("APPROVED", "REJECTED", "CANCELLED");
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + deceased).body().path("status").asString()).isEqualTo("DECEASED");
        String deathResult = leg(refused, 1).path("result").path("id").asString();
        assertThat(verify(api("tuphap.badinh").bytes("/api/v1/results/" + deathResult + "/pdf")).path("code").asString()).isEqualTo("VALID");
        assertThat(jdbc.sql("select body_vi from procedures.notification n join procedures.application a on a.id = n.application_id "
                + "where a.code = ? order by n.id desc limit 1").param(code).query(String.class).single()).contains("vẫn có giá trị");

        String alone = person("Hoàng Văn Một", "MALE", "1939-03-03", BA_DINH);
        Api.Response death = api("tuphap.badinh").post("/api/v1/applications", death(10, son, alone, false, false));
        assertThat(statuses(death)).containsExactly("PENDING");
        assertThat(api("tuphap.badinh").post(decision(death.text("code"), 1), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + alone + "/history").body().get(0).path("reason").asString())
                .contains("Thủ tục 10", death.text("code"));
        String other = person("Hoàng Thị Yến", "FEMALE", "1945-05-05", BA_DINH);
        Api.Response deathOnly = api("tuphap.badinh").post("/api/v1/applications", death(16, son, other, false, false));
        assertThat(statuses(deathOnly)).containsExactly("PENDING", "SKIPPED", "SKIPPED");
        assertThat(api("tuphap.badinh").post(decision(deathOnly.text("code"), 1), map("approve", true)).text("status"))
                .isEqualTo("COMPLETED");
        assertThat(api("tuphap.badinh").post("/api/v1/applications", death(10, son, other, false, false)).fieldErrors())
                .contains("deceasedPersonalId:DEATH_ALREADY_REGISTERED");
        assertThat(jdbc.sql("select count(*) from audit.refused_access where subject_personal_id = ?").param(other)
                .query(Integer.class).single()).as("the refused check of someone else is kept").isEqualTo(1);
        Map<String, Object> elsewhere = death(10, son, person("Hoàng Văn Xa", "MALE", "1941-01-01", BA_DINH), false, false);
        @SuppressWarnings("unchecked") Map<String, Object> elsewhereForm = (Map<String, Object>) elsewhere.get("form");
        elsewhereForm.put("registrationUnit", CAU_GIAY);
        assertThat(api("tuphap.badinh").post("/api/v1/applications", elsewhere).fieldErrors()).contains("registrationUnit:NOT_COMPETENT");
    }

    @Test
    void marriageChangesBothRecordsAndTheRegistryRefusesTheUnderAge() {
        String man = person("Đặng Văn Khoa", "MALE", "1996-06-06", BA_DINH);
        String woman = person("Bùi Thị Mơ", "FEMALE", "1998-07-07", BA_DINH);
        Api.Response lodged = api("tuphap.badinh").post("/api/v1/applications",
                map("appendixNo", 11, "applicantPersonalId", woman, "form", map("spousePersonalId", man)));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("form").path("spouse.fullName").asString()).isEqualTo("Đặng Văn Khoa");
        api("tuphap.badinh").post(decision(lodged.text("code"), 1), map("approve", true));
        for (String id : List.of(man, woman)) {
            JsonNode p = api("officer.central").get("/api/v1/registry/persons/" + id).body();
            assertThat(p.path("maritalStatus").asString()).isEqualTo("MARRIED");
            assertThat(p.path("spouse").path("personalId").asString()).isEqualTo(id.equals(man) ? woman : man);
        }
        String boy = person("Đặng Văn Nhỏ", "MALE", "2008-01-01", BA_DINH);
        String girl = person("Bùi Thị Nhỏ", "FEMALE", "2000-01-01", BA_DINH);
        Api.Response young = api("tuphap.badinh").post("/api/v1/applications",
                map("appendixNo", 11, "applicantPersonalId", girl, "form", map("spousePersonalId", boy)));
        Api.Response underAge = api("tuphap.badinh").post(decision(young.text("code"), 1), map("approve", true));
        assertThat(underAge.fieldErrors()).contains("spousePersonalId:UNDER_AGE");
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + girl).body().path("maritalStatus").asString()).isEqualTo("SINGLE");
    }

    @Test
    void residenceProceduresAndTheOldNumberChangeTheRegistry() {
        String citizen = person("Tạ Văn Định", "MALE", "1985-09-09", BA_DINH);
        Api police = api("congan.caugiay");
        Map<String, Object> moveForm = map("appendixNo", 3, "applicantPersonalId", citizen,
                "form", map("unit", CAU_GIAY, "addressLine", "Số 20 Xuân Thủy"), "attachments", List.of(pdf("LAWFUL_RESIDENCE")));
        assertThat(police.post("/api/v1/applications", moveForm).code())
                .as("a counter reads only the persons of its jurisdiction").isEqualTo("OUTSIDE_JURISDICTION");
        assertThat(api("bhxh.hanoi").post("/api/v1/applications", moveForm).code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
        Api.Response move = api("congan.badinh").post("/api/v1/applications", moveForm);
        assertThat(move.status()).as(move.body().toString()).isEqualTo(201);
        police.post(decision(move.text("code"), 1), map("approve", true));
        JsonNode moved = api("officer.central").get("/api/v1/registry/persons/" + citizen).body();
        assertThat(moved.path("currentResidence").path("addressLine").asString()).isEqualTo("Số 20 Xuân Thủy");

        Api.Response stayWrong = police.post("/api/v1/applications", map("appendixNo", 6, "applicantPersonalId", citizen,
                "form", stay(citizen, "Người Khác")));
        assertThat(stayWrong.fieldErrors()).contains("guestFullName:GUEST_MISMATCH");
        String guest = person("Kiều Thị Khách", "FEMALE", "1999-09-09", BA_DINH);
        Api.Response stay = police.post("/api/v1/applications", map("appendixNo", 6, "applicantPersonalId", citizen,
                "form", stay(guest, "kiều thị khách")));
        assertThat(stay.status()).as(stay.body().toString()).isEqualTo(201);
        assertThat(police.post(decision(stay.text("code"), 1), map("approve", true)).text("status")).isEqualTo("COMPLETED");

        Api.Response absence = api("congan.badinh").post("/api/v1/applications", map("appendixNo", 5, "applicantPersonalId", guest,
                "form", map("destination", "Đà Nẵng", "from", inMonths(1), "to", inMonths(0), "reasonText", "Công tác")));
        assertThat(absence.fieldErrors()).contains("to:BEFORE_START");
        Api.Response away = api("congan.badinh").post("/api/v1/applications", map("appendixNo", 5, "applicantPersonalId", guest,
                "form", map("destination", "Đà Nẵng", "from", inMonths(1), "to", inMonths(2), "reasonText", "Công tác")));
        assertThat(api("congan.badinh").post(decision(away.text("code"), 1), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + guest).body().path("residences").toString())
                .contains("TEMPORARY_ABSENCE", "STAY_NOTIFICATION");

        assertThat(police.post("/api/v1/applications", map("appendixNo", 1, "applicantPersonalId", citizen,
                "form", map("legacyId", "12345"))).fieldErrors()).contains("legacyId:INVALID_FORMAT");
        Api.Response legacy = api("congan.caugiay").post("/api/v1/applications", map("appendixNo", 1, "applicantPersonalId", citizen,
                "form", map("legacyId", String.valueOf(200000000 + SERIAL.incrementAndGet() * 7919L))));
        assertThat(legacy.status()).as(legacy.body().toString()).isEqualTo(201);
        assertThat(api("congan.caugiay").post(decision(legacy.text("code"), 1), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + citizen).body().path("legacyIds").size()).isEqualTo(1);
        Api.Response known = api("congan.caugiay").post("/api/v1/applications", map("appendixNo", 1, "applicantPersonalId", citizen,
                "form", map("legacyId", "111111111")));
        assertThat(known.fieldErrors()).contains("legacyId:FROM_REGISTRY");
        // digitised once: the officer of a later application sees the applicant's earlier signed results
        Api.Response later = api("congan.caugiay").post("/api/v1/applications", map("appendixNo", 4, "applicantPersonalId", citizen,
                "form", map("unit", CAU_GIAY, "addressLine", "Phòng 2 nhà trọ", "to", inMonths(3)),
                "attachments", List.of(pdf("LAWFUL_RESIDENCE"))));
        assertThat(api("congan.caugiay").get("/api/v1/applications/" + later.text("code")).body().path("applicantDocuments").toString())
                .contains(move.text("code"), legacy.text("code"), "Giấy xác nhận số Chứng minh nhân dân");
    }

    @Test
    void deadlinesWarnOnTheDayAndEscalateAfter() {
        String citizen = person("Lâm Văn Hạn", "MALE", "1980-10-10", CAU_GIAY);
        Api.Response lodged = api("congan.caugiay").post("/api/v1/applications", map("appendixNo", 4, "applicantPersonalId", citizen,
                "form", map("unit", CAU_GIAY, "addressLine", "Phòng 5 ký túc xá", "to", inMonths(7)),
                "attachments", List.of(pdf("LAWFUL_RESIDENCE"))));
        String code = lodged.text("code");
        Instant due = Instant.parse(leg(lodged, 1).path("dueAt").asString());
        try {
            clock.moveTo(due.minusSeconds(3600));
            deadlines.run(clock.instant());
            clock.moveTo(due.plusSeconds(86400));
            deadlines.run(clock.instant());
            lateDecision(code);
        } finally {
            clock.reset();
        }
    }

    private void lateDecision(String code) {
        Api.Response late = api("congan.caugiay").get("/api/v1/applications/" + code);
        assertThat(late.body().path("steps").toString()).contains("DEADLINE_WARNING", "ESCALATED");
        assertThat(worklist(api("officer.hanoi"))).contains(code); // escalated to the province
        assertThat(jdbc.sql("select count(*) from procedures.notification n join procedures.application a on a.id = n.application_id "
                + "where a.code = ? and n.title_vi like '%quá hạn%'").param(code).query(Integer.class).single()).isEqualTo(1);
        deadlines.run(clock.instant().plusSeconds(86400));
        assertThat(jdbc.sql("select count(*) from procedures.step s join procedures.application a on a.id = s.application_id "
                + "where a.code = ? and s.action = 'ESCALATED'").param(code).query(Integer.class).single()).isEqualTo(1);
        assertThat(api("congan.caugiay").post(decision(code, 1), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(jdbc.sql("select count(*) from procedures.kpi_event k join procedures.application a on a.id = k.application_id "
                + "where a.code = ?").param(code).query(Integer.class).single()).isEqualTo(2);

        String today = java.time.LocalDate.now(WorkingCalendar.VIETNAM).toString();
        String decided = java.time.LocalDate.ofInstant(clock.instant(), WorkingCalendar.VIETNAM).toString();
        JsonNode statistics = anonymous().get("/api/v1/procedures/statistics?from=" + today + "&to=" + decided).body();
        JsonNode temporary = null;
        for (JsonNode row : statistics) {
            temporary = row.path("appendixNo").asInt() == 4 ? row : temporary;
        }
        assertThat(temporary).isNotNull();
        assertThat(temporary.path("late").asLong()).isPositive();
        assertThat(temporary.path("prefilledFields").asLong()).isPositive();
        assertThat(statistics.toString()).doesNotContain(late.text("applicantPersonalId"));
        assertThat(anonymous().get("/api/v1/procedures/statistics?from=" + today + "&to=2020-01-01").code()).isEqualTo("INVALID_PERIOD");
        assertThat(anonymous().get("/api/v1/procedures/statistics?from=x&to=y").fieldErrors()).contains("from:INVALID_DATE");
    }

    // --- fixtures

    /** A new person with a permanent residence in the commune, registered by the central officer. */
    private String person(String name, String gender, String dob, String unit) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", unit, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", unit,
                "addressLine", "Số " + SERIAL.incrementAndGet() + " phố Thử Nghiệm", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private static Map<String, Object> birth(int appendixNo, String mother, boolean withCertificate) {
        Map<String, Object> form = map("child.fullName", "Nguyễn Bé Na", "child.gender", "FEMALE",
                "child.dateOfBirth", java.time.LocalDate.now(WorkingCalendar.VIETNAM).minusDays(3).toString(),
                "child.placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "child.ethnicity", "Kinh");
        return map("appendixNo", appendixNo, "applicantPersonalId", mother, "form", form,
                "attachments", withCertificate ? List.of(pdf("BIRTH_CERTIFICATE")) : List.of());
    }

    private static Map<String, Object> death(int appendixNo, String applicant, String deceased, boolean removal, boolean allowance) {
        Map<String, Object> form = map("deceasedPersonalId", deceased,
                "dateOfDeath", java.time.LocalDate.now(WorkingCalendar.VIETNAM).minusDays(2).toString(), "placeOfDeath", "Tại nhà",
                "relationship", "Con");
        if (appendixNo == 16) {
            form.put("includeResidenceRemoval", String.valueOf(removal));
            form.put("includeFuneralAllowance", String.valueOf(allowance));
            if (allowance) {
                form.put("allowanceAgency", "LABOUR");
            }
        }
        return map("appendixNo", appendixNo, "applicantPersonalId", applicant, "form", form, "attachments", List.of(pdf("DEATH_NOTICE")));
    }

    private static Map<String, Object> stay(String guest, String name) {
        return map("hostType", "HOST", "guestPersonalId", guest, "guestFullName", name, "unit", CAU_GIAY,
                "addressLine", "Số 20 Xuân Thủy", "from", inMonths(1), "to", inMonths(1).replaceFirst("..$", "28"));
    }

    /** A day some months from today (tests run on any date). */
    static String inMonths(int months) {
        return java.time.LocalDate.now(WorkingCalendar.VIETNAM).plusMonths(months).withDayOfMonth(1).plusDays(months == 0 ? 0 : 1).toString();
    }

    static Map<String, Object> pdf(String kind) {
        return map("kind", kind, "filename", kind.toLowerCase() + ".pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString("%PDF-1.4\n%demo\n".getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode verify(byte[] content) {
        return anonymous().post("/api/v1/verify", "application/octet-stream", content).body();
    }

    private static String decision(String code, int leg) {
        return "/api/v1/applications/" + code + "/legs/" + leg + "/decision";
    }

    private static JsonNode leg(Api.Response application, int legNo) {
        return application.body().path("legs").get(legNo - 1);
    }

    private static List<String> statuses(Api.Response application) {
        List<String> statuses = new java.util.ArrayList<>();
        application.body().path("legs").forEach(l -> statuses.add(l.path("status").asString()));
        return statuses;
    }

    private static String worklist(Api officer) {
        return officer.get("/api/v1/worklist").body().toString();
    }
}
