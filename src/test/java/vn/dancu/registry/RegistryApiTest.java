package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

class RegistryApiTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private String personalIdOf(String fullName) {
        JsonNode items = api("officer.central").get("/api/v1/registry/persons" + Api.query(Map.of("name", fullName))).body().path("items");
        for (JsonNode item : items) {
            if (item.path("fullName").asString().equals(fullName)) {
                return item.path("personalId").asString();
            }
        }
        throw new AssertionError("no demo person " + fullName);
    }

    private int persons() {
        return jdbc.sql("select count(*) from registry.person").query(Integer.class).single();
    }

    private static Map<String, Object> birth(String name, String gender, String dob, String unit) {
        return Api.map("fullName", name, "gender", gender, "dateOfBirth", dob, "placeOfBirth", "Bệnh viện Phụ sản Hà Nội",
                "birthRegistrationUnit", unit, "nationality", "VN", "ethnicity", "Kinh");
    }

    // --- births

    @Test
    void aBirthRegisteredInHanoiGetsANumberWithHanoisCodeGenderAndYear() {
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        Api.Response created = api("officer.hanoi").post("/api/v1/registry/births", birth("Vũ Thị Hạnh", "FEMALE", today, "00070"));

        assertThat(created.status()).isEqualTo(201);
        String number = created.text("personalId");
        assertThat(created.headers().get("location")).isEqualTo("/api/v1/registry/persons/" + number);
        assertThat(number).matches("0013" + today.substring(2, 4) + "[0-9]{6}");
        JsonNode person = api("officer.hanoi").get("/api/v1/registry/persons/" + number).body();
        assertThat(person.path("fullName").asString()).isEqualTo("Vũ Thị Hạnh");
        assertThat(person.path("birthRegistrationUnit").path("name").asString()).isEqualTo("Phường Hoàn Kiếm");
        assertThat(person.path("maritalStatus").asString()).isEqualTo("SINGLE");
    }

    @Test
    void aBirthWithParentsLinksThemAndRecordsTheHistory() {
        String father = personalIdOf("Nguyễn Văn An");
        String mother = personalIdOf("Trần Thị Bình");
        Map<String, Object> body = birth("Nguyễn An Khang", "MALE", "2026-11-01", "00004");
        body.put("fatherPersonalId", father);
        body.put("motherPersonalId", mother);
        String number = api("officer.hanoi").post("/api/v1/registry/births", body).text("personalId");

        JsonNode person = api("officer.hanoi").get("/api/v1/registry/persons/" + number).body();
        assertThat(person.path("father").path("personalId").asString()).isEqualTo(father);
        assertThat(person.path("mother").path("fullName").asString()).isEqualTo("Trần Thị Bình");
        JsonNode history = api("officer.hanoi").get("/api/v1/registry/persons/" + number + "/history").body();
        assertThat(history.get(0).path("changeType").asString()).isEqualTo("BIRTH_REGISTERED");
        assertThat(history.get(0).path("actor").asString()).isEqualTo("officer.hanoi");
        assertThat(history.get(0).path("reason").asString()).contains("Luật Hộ tịch");
        assertThat(history.get(0).path("changes").toString()).contains("\"field\":\"father\"", father);
    }

    @Test
    void aBirthWithWrongFieldsIsRefusedFieldByFieldAndWritesNothing() {
        int before = persons();
        Map<String, Object> body = birth("Nguyễn 3 Tí", "UNKNOWN", "2099-01-01", "99999");
        body.put("nationality", "XX");
        body.put("ethnicity", "Martian");

        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
        assertThat(response.fieldErrors()).contains("fullName:INVALID_CHARACTERS", "gender:NOT_ALLOWED",
                "dateOfBirth:IN_FUTURE", "birthRegistrationUnit:UNKNOWN_UNIT", "nationality:UNKNOWN_COUNTRY",
                "ethnicity:UNKNOWN_ETHNICITY");
        assertThat(persons()).isEqualTo(before);
    }

    @Test
    void aBirthWithNothingInItNamesEveryRequiredField() {
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", "{}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).contains("fullName:REQUIRED", "gender:REQUIRED", "dateOfBirth:REQUIRED",
                "placeOfBirth:REQUIRED", "birthRegistrationUnit:REQUIRED", "nationality:REQUIRED", "ethnicity:REQUIRED");
    }

    @Test
    void aParentBornAfterTheChildIsRefused() {
        Map<String, Object> body = birth("Nguyễn Văn Tèo", "MALE", "2010-01-01", "00004");
        body.put("fatherPersonalId", personalIdOf("Nguyễn Đức Dũng"));
        body.put("motherPersonalId", personalIdOf("Nguyễn Văn An"));
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).contains("fatherPersonalId:BORN_AFTER_CHILD", "motherPersonalId:WRONG_GENDER");
    }

    @Test
    void datesBeyondAnyLifeAreRefusedNotStored() {
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", birth("Lê Văn Xa", "MALE", "+10000-01-01", "00004"));
        assertThat(response.fieldErrors()).contains("dateOfBirth:INVALID_DATE");
        String chau = personalIdOf("Nguyễn Minh Châu");
        Api.Response stay = api("officer.hanoi").post("/api/v1/registry/persons/" + chau + "/residences",
                Api.map("type", "STAY_NOTIFICATION", "unit", "00004", "addressLine", "Khách sạn A", "from", "2026-11-20",
                        "to", "+999999999-12-31"));
        assertThat(stay.fieldErrors()).contains("to:INVALID_DATE");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?dateOfBirth=%2B6000000-01-01").fieldErrors())
                .contains("dateOfBirth:INVALID_DATE");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/" + chau).status()).isEqualTo(200);
    }

    @Test
    void aBirthCannotJoinAHouseholdOutsideTheJurisdiction() {
        long hcmHousehold = api("officer.hcm").get("/api/v1/registry/persons/" + personalIdOf("Lê Hoàng Long")).body()
                .path("household").path("id").asLong();
        Map<String, Object> body = birth("Nguyễn Văn Lạc", "MALE", "2026-11-02", "00004");
        body.put("householdId", String.valueOf(hcmHousehold));
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", body);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("OUTSIDE_JURISDICTION");
    }

    @Test
    void anOfficerOutsideTheJurisdictionLearnsNothingFromTheValidation() {
        String an = personalIdOf("Nguyễn Văn An");
        Api.Response death = api("officer.hcm").post("/api/v1/registry/persons/" + an + "/death",
                Api.map("dateOfDeath", "1900-01-01", "placeOfDeath", "x", "sourceDocument", "y"));
        assertThat(death.code()).isEqualTo("OUTSIDE_JURISDICTION");
        Api.Response card = api("auditor").post("/api/v1/registry/persons/" + an + "/cards",
                Api.map("issueDate", "1900-01-01", "issuingAuthority", "x"));
        assertThat(card.code()).isEqualTo("ROLE_CANNOT_CHANGE_PERSONS");
    }

    @Test
    void malformedJsonIsAProblemNotAnError() {
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/births", "{\"fullName\": ");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("MALFORMED_REQUEST");
    }

    @Test
    void anOfficerCannotRegisterABirthOutsideTheirJurisdiction() {
        Api.Response response = api("officer.hcm").post("/api/v1/registry/births", birth("Trần Văn Nam", "MALE", "2026-11-01", "00004"));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.code()).isEqualTo("OUTSIDE_JURISDICTION");
    }

    // --- reading persons: purpose, number format, jurisdiction, roles

    @Test
    void aReadWithoutPurposeIsRefused() {
        Api.Response response = api("officer.hanoi").purpose(null).get("/api/v1/registry/persons/" + personalIdOf("Nguyễn Văn An"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.code()).isEqualTo("PURPOSE_REQUIRED");
    }

    @Test
    void badPersonalIdNumbersAreRefusedAndUnknownOnesAreNotFound() {
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/00107550077A").code()).isEqualTo("INVALID_PERSONAL_ID");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/0010755007").status()).isEqualTo(400);
        Api.Response unknown = api("officer.hanoi").get("/api/v1/registry/persons/001099000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.code()).isEqualTo("PERSON_NOT_FOUND");
    }

    @Test
    void officersSeeOnlyPersonsBornOrLivingInTheirJurisdiction() {
        String an = personalIdOf("Nguyễn Văn An");           // born and living in Hà Nội
        String long_ = personalIdOf("Lê Hoàng Long");        // born in Hà Nội, living in TP Hồ Chí Minh
        String mai = personalIdOf("Huỳnh Thị Mai");          // born and living in TP Hồ Chí Minh

        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/" + an).status()).isEqualTo(200);
        Api.Response refused = api("officer.hcm").get("/api/v1/registry/persons/" + an);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("OUTSIDE_JURISDICTION");
        assertThat(api("officer.hcm").get("/api/v1/registry/persons/" + long_).status()).isEqualTo(200);
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/" + long_).status()).isEqualTo(200);
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons/" + mai).status()).isEqualTo(403);
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + mai).status()).isEqualTo(200);
    }

    @Test
    void aTemporaryRegistrationBringsThePersonIntoTheJurisdictionOfThePlaceTheyLiveIn() {
        String chau = personalIdOf("Nguyễn Minh Châu");
        assertThat(api("officer.hcm").get("/api/v1/registry/persons/" + chau).status()).isEqualTo(403);
        Api.Response registered = api("officer.hcm").post("/api/v1/registry/persons/" + chau + "/residences",
                Api.map("type", "TEMPORARY", "unit", "27073", "addressLine", "Ký túc xá số 2", "from", "2026-09-01", "to", "2027-08-31"));
        assertThat(registered.status()).isEqualTo(204);
        JsonNode person = api("officer.hcm").get("/api/v1/registry/persons/" + chau).body();
        assertThat(person.path("currentResidence").path("type").asString()).isEqualTo("TEMPORARY");
        assertThat(person.path("currentResidence").path("unit").path("name").asString()).isEqualTo("Phường Phú Nhuận");
    }

    @Test
    void theHouseholdMembersShownWithAPersonAreInTheAccessLogToo() {
        String an = personalIdOf("Nguyễn Văn An");
        String binh = personalIdOf("Trần Thị Bình");
        api("officer.hanoi").purpose("Xác minh hộ khẩu 7/2026").get("/api/v1/registry/persons/" + an);
        Map<String, Object> row = jdbc.sql("select fields::text as fields from audit.access_log where subject_personal_id = ? "
                + "and purpose = 'Xác minh hộ khẩu 7/2026'").param(binh).query().singleRow();
        assertThat(row.get("fields")).isEqualTo("{personalId,fullName}");
    }

    @Test
    void auditorsAndAdministratorsDoNotReadCitizensData() {
        String an = personalIdOf("Nguyễn Văn An");
        assertThat(api("auditor").get("/api/v1/registry/persons/" + an).code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
        assertThat(api("admin").get("/api/v1/registry/persons/" + an).status()).isEqualTo(403);
    }

    @Test
    void anonymousCallersAreAskedToAuthenticate() {
        Api.Response response = anonymous().get("/api/v1/registry/persons/001075500770");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(response.headers().get("www-authenticate")).startsWith("Basic");
    }

    @Test
    void everyReadIsInTheAccessLogWithItsPurpose() {
        String an = personalIdOf("Nguyễn Văn An");
        api("officer.hanoi").purpose("Hồ sơ thường trú số 42/2026").get("/api/v1/registry/persons/" + an);

        Map<String, Object> row = jdbc.sql("select actor, purpose, channel, fields from audit.access_log "
                + "where subject_personal_id = ? order by id desc limit 1").param(an).query().singleRow();
        assertThat(row.get("actor")).isEqualTo("officer.hanoi");
        assertThat(row.get("purpose")).isEqualTo("Hồ sơ thường trú số 42/2026");
        assertThat(row.get("channel")).isEqualTo("API");

        api("officer.hanoi").purpose("RESIDENCE_MANAGEMENT").get("/api/v1/registry/persons/" + an);
        assertThat(jdbc.sql("select purpose_code from audit.access_log where subject_personal_id = ? order by id desc limit 1")
                .param(an).query(String.class).single()).as("a known code stated alone is that code").isEqualTo("RESIDENCE_MANAGEMENT");
        api("officer.hanoi").purpose("KYC").get("/api/v1/registry/persons/" + an);
        assertThat(jdbc.sql("select purpose_code is null from audit.access_log where subject_personal_id = ? order by id desc limit 1")
                .param(an).query(Boolean.class).single()).as("other capitals alone are free text").isTrue();
    }

    @Test
    void theAccessLogRefusesEditsAndDeletes() {
        api("officer.hanoi").get("/api/v1/registry/persons/" + personalIdOf("Nguyễn Văn An"));
        // refused by privilege: the platform's role may only read and add rows (docs/database.md)
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("update audit.access_log set purpose = 'x'").update())
                .rootCause().hasMessageContaining("permission denied for table access_log");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> jdbc.sql("delete from audit.access_log").update())
                .rootCause().hasMessageContaining("permission denied for table access_log");
    }

    // --- search

    @Test
    void searchIgnoresCaseDiacriticsAndTheLetterD() {
        assertThat(names(api("officer.hanoi").get("/api/v1/registry/persons?name=nguyen%20van%20an"))).contains("Nguyễn Văn An");
        assertThat(names(api("officer.hanoi").get("/api/v1/registry/persons" + Api.query(Map.of("name", "NGUYỄN  văn an")))))
                .contains("Nguyễn Văn An");
        assertThat(names(api("officer.hanoi").get("/api/v1/registry/persons?name=dinh%20thi%20thi"))).containsExactly("Đinh Thị Thi");
    }

    @Test
    void searchStaysInsideTheJurisdictionAndLogsEveryPersonShown() {
        String an = personalIdOf("Nguyễn Văn An");
        assertThat(api("officer.hcm").get("/api/v1/registry/persons?name=nguyen%20van%20an").body().findValuesAsString("personalId"))
                .doesNotContain(an);
        assertThat(names(api("officer.hcm").get("/api/v1/registry/persons?name=le%20hoang"))).contains("Lê Hoàng Long", "Lê Hoàng Phúc");
        int logged = jdbc.sql("select count(*) from audit.access_log where actor = 'officer.hcm' and 'residence' = any(fields)")
                .query(Integer.class).single();
        assertThat(logged).isGreaterThanOrEqualTo(2);
    }

    @Test
    void searchByDateOfBirthAndUnit() {
        assertThat(names(api("officer.hanoi").get("/api/v1/registry/persons?dateOfBirth=1975-03-14"))).containsExactly("Nguyễn Văn An");
        assertThat(names(api("officer.central").get("/api/v1/registry/persons?unit=27154&name=le%20hoang"))).contains("Lê Hoàng Long");
        assertThat(names(api("officer.central").get("/api/v1/registry/persons?unit=27154&name=huynh%20thi%20mai"))).contains("Huỳnh Thị Mai");
    }

    @Test
    void searchNeedsCriteriaAndSaneParameters() {
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons").fieldErrors()).contains("name:CRITERIA_REQUIRED");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?name=a").fieldErrors()).contains("name:TOO_SHORT");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?name=an&size=1000").fieldErrors()).contains("size:OUT_OF_RANGE");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?dateOfBirth=14/03/1975").fieldErrors()).contains("dateOfBirth:INVALID_DATE");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?unit=99").fieldErrors()).contains("unit:UNKNOWN_UNIT");
        assertThat(api("officer.hanoi").get("/api/v1/registry/persons?name=an&page=x").fieldErrors()).contains("page:INVALID_FORMAT");
    }

    private static java.util.List<String> names(Api.Response response) {
        assertThat(response.status()).isEqualTo(200);
        java.util.List<String> names = new java.util.ArrayList<>();
        response.body().path("items").forEach(i -> names.add(i.path("fullName").asString()));
        return names;
    }

    // --- residences

    @Test
    void aNewPermanentResidenceClosesTheOldOne() {
        String hung = personalIdOf("Phạm Quốc Hùng");
        Api.Response moved = api("officer.hanoi").post("/api/v1/registry/persons/" + hung + "/residences",
                Api.map("type", "PERMANENT", "unit", "00082", "addressLine", "Số 3 phố Hàng Bông", "from", "2026-11-02"));
        assertThat(moved.status()).isEqualTo(204);

        JsonNode person = api("officer.hanoi").get("/api/v1/registry/persons/" + hung).body();
        assertThat(person.path("currentResidence").path("unit").path("name").asString()).isEqualTo("Phường Cửa Nam");
        JsonNode old = person.path("residences").get(1);
        assertThat(old.path("unit").path("name").asString()).isEqualTo("Phường Cầu Giấy");
        assertThat(old.path("to").asString()).isEqualTo("2026-11-01");
        assertThat(old.path("open").asBoolean()).isFalse();
        JsonNode change = api("officer.hanoi").get("/api/v1/registry/persons/" + hung + "/history").body().get(0);
        assertThat(change.path("changeType").asString()).isEqualTo("RESIDENCE_REGISTERED");
        assertThat(change.path("changes").toString()).contains("residence.PERMANENT.to", "2026-11-01");
    }

    @Test
    void aDeadPersonsResidenceCannotChange() {
        String hoa = personalIdOf("Lê Thị Hoa");
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/persons/" + hoa + "/residences",
                Api.map("type", "PERMANENT", "unit", "00004", "addressLine", "Số 1", "from", "2026-11-01"));
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.code()).isEqualTo("PERSON_DECEASED");
    }

    @Test
    void aResidenceWithWrongFieldsIsRefused() {
        String chau = personalIdOf("Nguyễn Minh Châu");
        Api.Response response = api("officer.hanoi").post("/api/v1/registry/persons/" + chau + "/residences",
                Api.map("type", "HOLIDAY", "unit", "0000A", "from", "2099-01-01"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.fieldErrors()).contains("type:NOT_ALLOWED", "addressLine:REQUIRED", "unit:INVALID_FORMAT");
        Api.Response dissolved = api("officer.hanoi").post("/api/v1/registry/persons/" + chau + "/residences",
                Api.map("type", "TEMPORARY", "unit", "00013", "addressLine", "Số 5", "from", "2026-11-01"));
        assertThat(dissolved.fieldErrors()).contains("unit:UNKNOWN_UNIT");
    }

    // --- death

    @Test
    void aDeathIsRecordedOnceAndNeverInTheFuture() {
        String number = api("officer.hanoi").post("/api/v1/registry/births", birth("Hoàng Văn Tư", "MALE", "1940-05-05", "00004"))
                .text("personalId");
        Api.Response future = api("officer.hanoi").post("/api/v1/registry/persons/" + number + "/death",
                Api.map("dateOfDeath", "2099-01-01", "placeOfDeath", "Hà Nội", "sourceDocument", "Giấy báo tử 1"));
        assertThat(future.fieldErrors()).contains("dateOfDeath:IN_FUTURE");

        Api.Response recorded = api("officer.hanoi").post("/api/v1/registry/persons/" + number + "/death",
                Api.map("dateOfDeath", "2026-11-10", "placeOfDeath", "Bệnh viện Việt Đức", "sourceDocument", "Giấy báo tử 77/GBT"));
        assertThat(recorded.status()).isEqualTo(204);
        JsonNode person = api("officer.hanoi").get("/api/v1/registry/persons/" + number).body();
        assertThat(person.path("status").asString()).isEqualTo("DECEASED");
        assertThat(person.path("dateOfDeath").asString()).isEqualTo("2026-11-10");

        Api.Response again = api("officer.hanoi").post("/api/v1/registry/persons/" + number + "/death",
                Api.map("dateOfDeath", "2026-11-10", "placeOfDeath", "x", "sourceDocument", "y"));
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.code()).isEqualTo("PERSON_DECEASED");
    }

    // --- old 9-digit numbers

    @Test
    void anOldNumberLeadsToTheNewOneAndCannotBeLinkedTwice() {
        String an = personalIdOf("Nguyễn Văn An");
        Api.Response found = api("officer.hanoi").get("/api/v1/registry/legacy-ids/012345678");
        assertThat(found.text("personalId")).isEqualTo(an);

        Api.Response duplicate = api("officer.hanoi").post("/api/v1/registry/persons/" + personalIdOf("Nguyễn Minh Châu") + "/legacy-ids",
                Api.map("number", "012345678"));
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.code()).isEqualTo("LEGACY_ID_TAKEN");
        assertThat(api("officer.hanoi").get("/api/v1/registry/legacy-ids/01234567X").code()).isEqualTo("INVALID_LEGACY_ID");
        assertThat(api("officer.hanoi").get("/api/v1/registry/legacy-ids/999999999").status()).isEqualTo(404);
        assertThat(api("officer.hanoi").post("/api/v1/registry/persons/" + an + "/legacy-ids", Api.map("number", "12345"))
                .fieldErrors()).contains("number:INVALID_FORMAT");
    }

    // --- decoding

    @Test
    void aNumberDecodesToItsProvinceTodayGenderAndYear() {
        JsonNode decoded = api("officer.hanoi").get("/api/v1/registry/personal-ids/030178123456/decode").body();
        assertThat(decoded.path("valid").asBoolean()).isTrue();
        assertThat(decoded.path("provinceCode").asString()).isEqualTo("030");
        assertThat(decoded.path("province").path("name").asString()).isEqualTo("Thành phố Hải Phòng");
        assertThat(decoded.path("gender").asString()).isEqualTo("FEMALE");
        assertThat(decoded.path("birthYear").asInt()).isEqualTo(1978);
        assertThat(decoded.path("century").asInt()).isEqualTo(20);
    }

    @Test
    void numbersThatDoNotDecodeAreRefused() {
        assertThat(api("officer.hanoi").get("/api/v1/registry/personal-ids/03017812345A/decode").code()).isEqualTo("INVALID_PERSONAL_ID");
        assertThat(api("officer.hanoi").get("/api/v1/registry/personal-ids/0301781234/decode").status()).isEqualTo(400);
        Api.Response unknownProvince = api("officer.hanoi").get("/api/v1/registry/personal-ids/003178123456/decode");
        assertThat(unknownProvince.status()).isEqualTo(422);
        assertThat(unknownProvince.code()).isEqualTo("PERSONAL_ID_NOT_DECODABLE");
        assertThat(api("officer.hanoi").get("/api/v1/registry/personal-ids/001399123456/decode").code()).isEqualTo("PERSONAL_ID_NOT_DECODABLE");
    }

    // --- cards and households

    @Test
    void aCardIssuedAtFourteenIsValidUntilTwentyFive() {
        String dung = personalIdOf("Nguyễn Đức Dũng"); // born 2012-04-05
        Api.Response card = api("officer.hanoi").post("/api/v1/registry/persons/" + dung + "/cards",
                Api.map("issueDate", "2026-11-02", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH"));
        assertThat(card.status()).isEqualTo(201);
        assertThat(card.text("expiryDate")).isEqualTo("2037-04-05");
    }

    @Test
    void aHouseholdListsItsMembersAndItsHeadCannotLeaveIt() {
        String an = personalIdOf("Nguyễn Văn An");
        long household = api("officer.hanoi").get("/api/v1/registry/persons/" + an).body().path("household").path("id").asLong();
        JsonNode view = api("officer.hanoi").get("/api/v1/registry/households/" + household).body();
        assertThat(view.path("headPersonalId").asString()).isEqualTo(an);
        assertThat(view.path("members").size()).isGreaterThanOrEqualTo(5);

        Api.Response leave = api("officer.hanoi").post("/api/v1/registry/households",
                Api.map("headPersonalId", an, "unit", "00070", "addressLine", "Số 9 Hàng Bạc"));
        assertThat(leave.status()).isEqualTo(409);
        assertThat(leave.code()).isEqualTo("HEAD_HAS_MEMBERS");
    }
}
