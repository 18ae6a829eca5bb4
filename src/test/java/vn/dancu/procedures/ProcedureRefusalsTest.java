package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The refusals each procedure class makes at lodging, under the codes and field names the API has
 * always used: what the applicant gets wrong, and what the registry does not hold for them.
 */
class ProcedureRefusalsTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final AtomicInteger SERIAL = new AtomicInteger();

    @Test
    void aTemporaryResidenceEndsAfterTodayAndWithinTwoYears() {
        String citizen = resident("Phan Văn Trọ", "MALE", "1990-01-01");
        Api police = api("congan.caugiay");
        assertThat(police.post("/api/v1/applications", temporaryResidence(citizen, today().plusYears(2).plusDays(1))).fieldErrors())
                .containsExactly("to:TOO_LONG");
        assertThat(police.post("/api/v1/applications", temporaryResidence(citizen, today().minusDays(1))).fieldErrors())
                .containsExactly("to:BEFORE_START");
        assertThat(police.post("/api/v1/applications", temporaryResidence(citizen, today().plusYears(2))).status()).isEqualTo(201);
    }

    @Test
    void aBirthIsRefusedForAChildBornBeforeTheApplicantOrInTheFutureOrWithTheApplicantAsTheOtherParent() {
        String mother = resident("Đoàn Thị Mẹ", "FEMALE", "1993-03-03");
        Api justice = api("tuphap.caugiay");
        Map<String, Object> before = birth(9, mother, LocalDate.parse("1990-01-01"));
        form(before).put("otherParentPersonalId", mother);
        assertThat(justice.post("/api/v1/applications", before).fieldErrors())
                .contains("child.dateOfBirth:BEFORE_PARENT", "otherParentPersonalId:SAME_PERSON");
        assertThat(justice.post("/api/v1/applications", birth(9, mother, today().plusDays(1))).fieldErrors())
                .contains("child.dateOfBirth:IN_FUTURE");
    }

    @Test
    void theLinkedBirthIsForChildrenUnderSixOfAParentWithAPermanentResidence() {
        String mother = resident("Vũ Thị Sáu", "FEMALE", "1988-08-08");
        Api justice = api("tuphap.caugiay");
        assertThat(justice.post("/api/v1/applications", birth(15, mother, today().minusYears(6))).fieldErrors())
                .contains("child.dateOfBirth:NOT_UNDER_SIX");
        String homeless = person("Lý Thị Chưa", "FEMALE", "1991-01-01");
        Api.Response refused = api("officer.central").post("/api/v1/applications", birth(15, homeless, today().minusDays(2)));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.code()).isEqualTo("NO_PERMANENT_RESIDENCE");
    }

    @Test
    void aMarriageNamesAnotherPersonTheRegistryHoldsAndACommune() {
        String bride = resident("Cao Thị Dâu", "FEMALE", "1995-05-05");
        Api justice = api("tuphap.caugiay");
        assertThat(justice.post("/api/v1/applications", marriage(bride, bride)).fieldErrors()).containsExactly("spousePersonalId:SAME_PERSON");
        assertThat(justice.post("/api/v1/applications", marriage(bride, "001099000001")).fieldErrors())
                .containsExactly("spousePersonalId:PERSON_NOT_FOUND");
        String groom = resident("Cao Văn Rể", "MALE", "1994-04-04");
        String homeless = person("Đỗ Thị Vãng", "FEMALE", "1996-06-06");
        Api.Response noCommune = api("officer.central").post("/api/v1/applications", marriage(homeless, groom));
        assertThat(noCommune.status()).isEqualTo(409);
        assertThat(noCommune.code()).isEqualTo("NO_RESIDENCE");
        Api.Response named = api("officer.central").post("/api/v1/applications", map("appendixNo", 11, "applicantPersonalId", homeless,
                "form", map("spousePersonalId", groom, "registrationUnit", CAU_GIAY)));
        assertThat(named.status()).as(named.body().toString()).isEqualTo(201);
        assertThat(named.body().path("form").path("spouse.fullName").asString()).isEqualTo("Cao Văn Rể");
    }

    @Test
    void aDeathIsSomeoneElsesInThePastAndOnlyAPermanentResidenceIsRemoved() {
        String child = resident("Hồ Văn Con", "MALE", "1970-07-07");
        Api justice = api("tuphap.caugiay");
        assertThat(justice.post("/api/v1/applications", death(10, child, child, today().minusDays(1))).fieldErrors())
                .containsExactly("deceasedPersonalId:SAME_PERSON");
        String parent = resident("Hồ Văn Cha", "MALE", "1940-04-04");
        assertThat(justice.post("/api/v1/applications", death(10, child, parent, today().plusDays(1))).fieldErrors())
                .containsExactly("dateOfDeath:IN_FUTURE");

        String lodger = person("Hồ Thị Trọ", "FEMALE", "1945-05-05");
        Map<String, Object> removal = death(16, child, lodger, today().minusDays(1));
        form(removal).put("includeResidenceRemoval", "true");
        assertThat(justice.post("/api/v1/applications", removal).fieldErrors()).containsExactly("registrationUnit:REQUIRED");
        form(removal).put("registrationUnit", CAU_GIAY);
        assertThat(justice.post("/api/v1/applications", removal).fieldErrors())
                .containsExactly("includeResidenceRemoval:NO_PERMANENT_RESIDENCE");

        Api.Response late = justice.post("/api/v1/applications", death(10, child, parent, today().minusDays(20)));
        assertThat(late.status()).as(late.body().toString()).isEqualTo(201);
        assertThat(late.body().path("form").path("registrationUnit").asString()).as("the deceased's commune").isEqualTo(CAU_GIAY);
        assertThat(late.body().path("steps").toString()).contains("WARNING", "Khai tử quá hạn 15 ngày");
    }

    // --- fixtures

    /** A new person with a permanent residence in Cầu Giấy. */
    private String resident(String name, String gender, String dob) {
        String id = person(name, gender, dob);
        assertThat(api("officer.central").post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT",
                "unit", CAU_GIAY, "addressLine", "Số " + SERIAL.incrementAndGet() + " ngõ Từ Chối", "from", "2025-08-01")).status())
                .isLessThan(300);
        return id;
    }

    /** A new person the registry holds no residence for. */
    private String person(String name, String gender, String dob) {
        return api("officer.central").post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
    }

    private static Map<String, Object> temporaryResidence(String citizen, LocalDate to) {
        return map("appendixNo", 4, "applicantPersonalId", citizen, "form", map("unit", CAU_GIAY, "addressLine", "Phòng 9 nhà trọ",
                "to", to.toString()), "attachments", List.of(ProceduresApiTest.pdf("LAWFUL_RESIDENCE")));
    }

    private static Map<String, Object> birth(int appendixNo, String mother, LocalDate born) {
        return map("appendixNo", appendixNo, "applicantPersonalId", mother, "form", map("child.fullName", "Trần Bé " + SERIAL.incrementAndGet(),
                "child.gender", "MALE", "child.dateOfBirth", born.toString(), "child.placeOfBirth", "Bệnh viện Bạch Mai",
                "child.ethnicity", "Kinh"), "attachments", List.of(ProceduresApiTest.pdf("BIRTH_CERTIFICATE")));
    }

    private static Map<String, Object> marriage(String applicant, String spouse) {
        return map("appendixNo", 11, "applicantPersonalId", applicant, "form", map("spousePersonalId", spouse));
    }

    private static Map<String, Object> death(int appendixNo, String applicant, String deceased, LocalDate died) {
        return map("appendixNo", appendixNo, "applicantPersonalId", applicant, "form", map("deceasedPersonalId", deceased,
                "dateOfDeath", died.toString(), "placeOfDeath", "Tại nhà", "relationship", "Con"),
                "attachments", List.of(ProceduresApiTest.pdf("DEATH_NOTICE")));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> form(Map<String, Object> application) {
        return (Map<String, Object>) application.get("form");
    }

    private static LocalDate today() {
        return LocalDate.now(WorkingCalendar.VIETNAM);
    }
}
