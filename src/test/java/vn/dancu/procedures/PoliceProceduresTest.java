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
 * The police's procedures 2, 7, 8, 12, 13, 14 and 20 over HTTP, lodged at the counter: each from
 * lodging through its payment (where it has a fee or a fine) to its signed result and its effect, and
 * its refusals.
 */
class PoliceProceduresTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final AtomicInteger SERIAL = new AtomicInteger(500);

    @Autowired
    JdbcClient jdbc;

    @Test
    void aLostCardIsReissuedOncePaidAndTheOldCardIsReplaced() {
        String citizen = person("Hà Văn Thẻ", "MALE", "1986-03-03");
        Api police = api("congan.caugiay");
        assertThat(api("officer.central").post("/api/v1/registry/persons/" + citizen + "/cards",
                map("issueDate", "2021-05-10", "issuingAuthority", "Cục Cảnh sát QLHC về TTXH")).status()).isLessThan(300);

        Api.Response typed = police.post("/api/v1/applications", lodge(2, citizen, map("reissueReason", "LOST", "card.issueDate", "2020-01-01")));
        assertThat(typed.fieldErrors()).contains("card.issueDate:FROM_REGISTRY");

        Api.Response lodged = police.post("/api/v1/applications", lodge(2, citizen, map("reissueReason", "LOST")));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("form").path("card.issueDate").asString()).isEqualTo("2021-05-10");
        String code = lodged.text("code");
        JsonNode payment = paid(police, code, 70_000);
        assertThat(payment.path("purpose").asString()).isEqualTo("FEE");

        Api.Response done = approve(police, code);
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        JsonNode cards = api("officer.central").get("/api/v1/registry/persons/" + citizen).body().path("cards");
        String issued = resultFields(done).path("Ngày cấp").asString();
        assertThat(cards.toString()).contains("REPLACED", "ACTIVE", issued);
        assertThat(resultFields(done).path("Lý do").asString()).isEqualTo("Cấp lại do bị mất");
        assertThat(resultFields(done).path("Lệ phí đã nộp").asString()).isEqualTo("70000 đồng");
        assertThat(resultFields(done).path("Biên lai thu tiền").asString()).matches("BL-[0-9]{4}-[0-9]{7}");
    }

    @Test
    void aCardIsNotReissuedWithoutOneAndRenewalAtAgeIsFree() {
        String citizen = person("Hà Thị Chưa Thẻ", "FEMALE", "1999-04-04");
        Api police = api("congan.caugiay");
        assertThat(police.post("/api/v1/applications", lodge(2, citizen, map("reissueReason", "DAMAGED"))).fieldErrors())
                .contains("reissueReason:NO_CARD");
        assertThat(police.post("/api/v1/applications", lodge(2, citizen, map("reissueReason", "STOLEN"))).fieldErrors())
                .contains("reissueReason:NOT_ALLOWED");
        // converting an old card needs none in the registry; exchanged for a boundary change, it is free
        Api.Response free = police.post("/api/v1/applications", lodge(2, citizen, map("reissueReason", "CONVERSION", "boundaryChange", "true")));
        assertThat(free.status()).as(free.body().toString()).isEqualTo(201);
        assertThat(free.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(police.get("/api/v1/applications/" + free.text("code") + "/payments").body().size()).isZero();
        assertThat(approve(police, free.text("code")).text("status")).isEqualTo("COMPLETED");
    }

    @Test
    void aMotorbikeGetsAUniquePlateOfItsProvinceAndItsRegistrationIsTheOwnersDocument() {
        String owner = person("Lý Văn Xe", "MALE", "1990-06-06");
        Api police = api("congan.caugiay");
        Map<String, Object> vehicle = map("brand", "Honda Vision", "engineNumber", "JF81E-1234567", "chassisNumber", "RLHJF8105PY123456",
                "colour", "Đỏ", "vehicleValue", "32000000");
        Api.Response bad = police.post("/api/v1/applications", map("appendixNo", 7, "applicantPersonalId", owner,
                "form", map("brand", "Honda", "engineNumber", "#1", "chassisNumber", "RLH", "colour", "Đỏ", "vehicleValue", "nhiều")));
        assertThat(bad.fieldErrors()).contains("engineNumber:INVALID_FORMAT", "chassisNumber:INVALID_FORMAT",
                "vehicleValue:INVALID_AMOUNT", "attachments.PURCHASE_INVOICE:MISSING_ATTACHMENT");

        Api.Response lodged = police.post("/api/v1/applications", lodge(7, owner, vehicle, "PURCHASE_INVOICE"));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        paid(police, lodged.text("code"), 2_000_000); // Hà Nội is area I; 15 to 40 million đồng
        Api.Response done = approve(police, lodged.text("code"));
        String plate = resultFields(done).path("Biển số").asString();
        assertThat(plate).matches("29-[A-Z][1-9] [0-9]{3}\\.[0-9]{2}");
        assertThat(documents(owner)).contains("VEHICLE_REGISTRATION " + plate);

        String other = person("Lý Thị Xe", "FEMALE", "1992-07-07");
        Api.Response again = police.post("/api/v1/applications", lodge(7, other, vehicle, "PURCHASE_INVOICE"));
        assertThat(again.fieldErrors()).contains("chassisNumber:CHASSIS_REGISTERED");
        vehicle.put("chassisNumber", "RLHJF8105PY654321");
        vehicle.put("engineNumber", "JF81E-7654321");
        Api.Response second = police.post("/api/v1/applications", lodge(7, other, vehicle, "PURCHASE_INVOICE"));
        paid(police, second.text("code"), 2_000_000);
        String secondPlate = resultFields(approve(police, second.text("code"))).path("Biển số").asString();
        assertThat(secondPlate).startsWith("29-").isNotEqualTo(plate);
    }

    @Test
    void aCameraFineIsPaidByItsOffenderOnceAndTheRecordIsClosed() {
        Api police = api("congan.caugiay");
        String trang = "001190318773";
        assertThat(police.post("/api/v1/applications", lodge(8, trang, fine("CSGT-HN-2026-000104", "29-E2 999.99"))).fieldErrors())
                .contains("violationRecord:OFFENCE_NOT_FOUND");
        assertThat(police.post("/api/v1/applications", lodge(8, trang, fine("CSGT-HN-2026-000102", "30A-678.90"))).fieldErrors())
                .contains("violationRecord:NOT_YOUR_FINE");

        Api.Response lodged = police.post("/api/v1/applications", lodge(8, trang, fine("CSGT-HN-2026-000104", "29e2 45678")));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        JsonNode payment = paid(police, lodged.text("code"), 500_000);
        assertThat(payment.path("purpose").asString()).isEqualTo("FINE");
        Api.Response done = approve(police, lodged.text("code"));
        assertThat(resultFields(done).toString()).contains("CSGT-HN-2026-000104", payment.path("reference").asString());
        assertThat(jdbc.sql("select state from procedures.traffic_offence where record_number = 'CSGT-HN-2026-000104'")
                .query(String.class).single()).isEqualTo("CLOSED");
        assertThat(police.post("/api/v1/applications", lodge(8, trang, fine("CSGT-HN-2026-000104", "29-E2 456.78"))).fieldErrors())
                .contains("violationRecord:FINE_ALREADY_PAID");
    }

    @Test
    void aPassportIsIssuedForTenYearsAndReplacesTheOneItRenews() {
        String holder = person("Đinh Văn Hộ", "MALE", "1980-08-08");
        Api police = api("congan.caugiay");
        assertThat(police.post("/api/v1/applications", lodge(12, holder, map("passportRequest", "FIRST", "previousPassport", "C1234567"),
                "PORTRAIT")).fieldErrors()).contains("previousPassport:NOT_ALLOWED");
        assertThat(police.post("/api/v1/applications", lodge(12, holder, map("passportRequest", "RENEWAL"), "PORTRAIT")).fieldErrors())
                .contains("previousPassport:REQUIRED");
        assertThat(police.post("/api/v1/applications", lodge(12, holder, map("passportRequest", "FIRST"))).fieldErrors())
                .contains("attachments.PORTRAIT:MISSING_ATTACHMENT");

        Api.Response lodged = police.post("/api/v1/applications", lodge(12, holder,
                map("passportRequest", "LOST_OR_DAMAGED", "previousPassport", "c1234567"), "PORTRAIT"));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        paid(police, lodged.text("code"), 400_000);
        Api.Response done = approve(api("officer.hanoi"), lodged.text("code"));
        String number = resultFields(done).path("Số hộ chiếu").asString();
        assertThat(number).matches("P[0-9]{7}");
        LocalDate issued = LocalDate.parse(resultFields(done).path("Ngày cấp").asString());
        assertThat(resultFields(done).path("Có giá trị đến").asString()).isEqualTo(issued.plusYears(10).toString());
        assertThat(documents(holder)).contains("PASSPORT " + number + " " + issued.plusYears(10), "PASSPORT C1234567 " + issued);
    }

    @Test
    void sealsAreRegisteredForTheOrganisationAtItsSeat() {
        String director = person("Tôn Văn Dấu", "MALE", "1975-09-09");
        Api police = api("congan.caugiay");
        Map<String, Object> organisation = map("organisation", "Công ty TNHH Thử Nghiệm", "establishmentDeed", "0109999999",
                "organisationUnit", CAU_GIAY, "organisationAddress", "Số 1 Trần Thái Tông");
        assertThat(police.post("/api/v1/applications", lodge(13, director, organisation)).fieldErrors())
                .contains("attachments.ESTABLISHMENT:MISSING_ATTACHMENT");
        Map<String, Object> elsewhere = new java.util.LinkedHashMap<>(organisation);
        elsewhere.put("organisationUnit", "99999");
        assertThat(police.post("/api/v1/applications", lodge(13, director, elsewhere, "ESTABLISHMENT")).fieldErrors())
                .contains("organisationUnit:UNKNOWN_UNIT");

        Api.Response seal = police.post("/api/v1/applications", lodge(13, director, organisation, "ESTABLISHMENT"));
        assertThat(seal.status()).as(seal.body().toString()).isEqualTo(201);
        assertThat(seal.text("status")).isEqualTo("IN_PROGRESS"); // no fee here
        assertThat(resultFields(approve(police, seal.text("code"))).toString()).contains("Công ty TNHH Thử Nghiệm", "0109999999");

        Map<String, Object> small = new java.util.LinkedHashMap<>(organisation);
        small.put("sealKind", "GOLD");
        assertThat(police.post("/api/v1/applications", lodge(14, director, small, "ESTABLISHMENT")).fieldErrors())
                .contains("sealKind:NOT_ALLOWED");
        small.put("sealKind", "EMBOSSED");
        Api.Response embossed = police.post("/api/v1/applications", lodge(14, director, small, "ESTABLISHMENT"));
        assertThat(resultFields(approve(police, embossed.text("code"))).toString()).contains("Con dấu nổi");
        assertThat(documents(director)).isEmpty();
    }

    @Test
    void aDrivingLicenceIsExchangedOncePaidWithTheValidityOfItsClass() {
        String driver = person("Mạc Văn Lái", "MALE", "1984-10-10");
        Api police = api("congan.caugiay");
        assertThat(police.post("/api/v1/applications", lodge(20, driver,
                map("licenceNumber", "12AB", "licenceClass", "B", "licenceReason", "EXPIRED"), "HEALTH_CERTIFICATE")).fieldErrors())
                .contains("licenceNumber:INVALID_FORMAT");
        Api.Response lodged = police.post("/api/v1/applications", lodge(20, driver,
                map("licenceNumber", "010123456789", "licenceClass", "B", "licenceReason", "EXPIRED"), "HEALTH_CERTIFICATE"));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        paid(police, lodged.text("code"), 135_000);
        Api.Response done = approve(api("officer.hanoi"), lodged.text("code"));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        LocalDate issued = LocalDate.parse(resultFields(done).path("Ngày cấp").asString());
        assertThat(documents(driver)).contains("DRIVING_LICENCE 010123456789 " + issued.plusYears(10));
    }

    // --- fixtures

    /** Pays the application's payment in cash at the counter: answers the payment, PAID, and the first leg started. */
    private JsonNode paid(Api officer, String code, long amount) {
        Api.Response awaiting = officer.get("/api/v1/applications/" + code);
        assertThat(awaiting.text("status")).isEqualTo("AWAITING_PAYMENT");
        assertThat(awaiting.body().path("legs").get(0).path("status").asString()).isEqualTo("WAITING");
        JsonNode payment = officer.get("/api/v1/applications/" + code + "/payments").body().get(0);
        assertThat(payment.path("amount").asLong()).isEqualTo(amount);
        Api.Response receipt = officer.post("/api/v1/applications/" + code + "/payments/" + payment.path("reference").asString() + "/cash",
                map("amount", amount));
        assertThat(receipt.status()).as(receipt.body().toString()).isEqualTo(201);
        assertThat(receipt.text("number")).matches("BL-[0-9]{4}-[0-9]{7}");
        Api.Response running = officer.get("/api/v1/applications/" + code);
        assertThat(running.text("status")).isEqualTo("IN_PROGRESS");
        assertThat(running.body().path("legs").get(0).path("status").asString()).isEqualTo("PENDING");
        return payment;
    }

    private static Api.Response approve(Api officer, String code) {
        Api.Response done = officer.post("/api/v1/applications/" + code + "/legs/1/decision", map("approve", true));
        assertThat(done.status()).as(done.body().toString()).isEqualTo(200);
        return done;
    }

    private static JsonNode resultFields(Api.Response application) {
        return application.body().path("legs").get(0).path("result").path("fields");
    }

    /** The person's integrated documents as "KIND number validTo". */
    private List<String> documents(String personalId) {
        return jdbc.sql("""
                        select d.kind || ' ' || d.number || coalesce(' ' || d.valid_to, '') from registry.integrated_document d
                        join registry.person p on p.id = d.person_id where p.personal_id = ? order by d.id""")
                .param(personalId).query(String.class).list();
    }

    private static Map<String, Object> lodge(int appendixNo, String applicant, Map<String, Object> form, String... attachments) {
        return map("appendixNo", appendixNo, "applicantPersonalId", applicant, "form", form,
                "attachments", java.util.Arrays.stream(attachments).map(ProceduresApiTest::pdf).toList());
    }

    private static Map<String, Object> fine(String record, String plate) {
        return map("violationRecord", record, "plateNumber", plate);
    }

    /** A new person with a permanent residence in Phường Cầu Giấy, registered by the central officer. */
    private String person(String name, String gender, String dob) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", "Số " + SERIAL.incrementAndGet() + " phố Cảnh Sát", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }
}
