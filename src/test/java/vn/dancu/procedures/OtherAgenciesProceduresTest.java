package vn.dancu.procedures;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import vn.dancu.TestApis;
import vn.dancu.eid.Browser;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.Registry;

/**
 * Procedures 17-25 over HTTP, from lodging to the signed result and its effect, with their refusals: lodged at the
 * one-stop counter (a justice officer of Cầu Giấy, who reads persons) or online by a citizen, and decided by the
 * officers of the other ministries and companies in their worklists.
 */
class OtherAgenciesProceduresTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final String HCM = "79";
    static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    Registry registry;

    // --- 17

    @Test
    void aHouseholdRenewsItsHealthInsuranceWithTheFamilyDiscount() {
        String head = person("Hà Văn Quý", "MALE", "1980-01-01");
        String spouse = person("Lưu Thị Hiền", "FEMALE", "1982-02-02");
        String teenager = person("Hà Minh Tâm", "MALE", "2010-03-03");
        String employee = person("Hà Thu Trà", "FEMALE", "2000-04-04");
        String toddler = person("Hà Bảo Ngọc", "FEMALE", LocalDate.now(WorkingCalendar.VIETNAM).minusYears(2).toString());
        household(head, Map.of(spouse, "SPOUSE", teenager, "CHILD", employee, "CHILD", toddler, "CHILD"));
        LocalDate current = today().plusDays(10);
        document(head, "HEALTH_INSURANCE_CARD", "GD4010000000001", today().minusYears(1).toString(), current.toString(), Map.of());

        Api counter = api("tuphap.caugiay");
        Map<String, Object> typed = application(17, head, map("months", "12", "household.members", "Hà Văn Quý"));
        assertThat(counter.post("/api/v1/applications", typed).fieldErrors()).contains("household.members:FROM_REGISTRY");
        assertThat(counter.post("/api/v1/applications", application(17, head, map("months", "7", "coveredElsewhere", "123")))
                .fieldErrors()).contains("months:NOT_ALLOWED", "coveredElsewhere:INVALID_PERSONAL_ID");
        assertThat(counter.post("/api/v1/applications", application(17, head, map("months", "6",
                "coveredElsewhere", person("Người Ngoài", "MALE", "1990-01-01")))).fieldErrors()).contains("coveredElsewhere:NOT_A_MEMBER");
        assertThat(counter.post("/api/v1/applications", application(17, person("Không Có Hộ", "MALE", "1970-01-01"),
                map("months", "6"))).code()).isEqualTo("NO_HOUSEHOLD");

        Api.Response lodged = counter.post("/api/v1/applications", application(17, head, map("months", "12", "coveredElsewhere", employee)));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("prefilled").toString()).contains("household.members");
        assertThat(lodged.body().path("form").path("household.members").asString()).contains("Lưu Thị Hiền (" + spouse + ")");
        JsonNode leg = leg(lodged, 1);
        assertThat(leg.path("agency").asString()).isEqualTo("SOCIAL_INSURANCE");
        assertThat(leg.path("unit").path("code").asString()).isEqualTo("01");
        String code = lodged.text("code");
        assertThat(dueDays(lodged)).isEqualTo(5);
        assertThat(counter.post(decision(code), map("approve", true)).code()).as("the counter that lodged it does not decide it")
                .isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(api("thue.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("SOCIAL_INSURANCE_OFFICER", HCM).post(decision(code), map("approve", true)).code())
                .isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(worklist(api("bhxh.hanoi"))).contains(code);

        Api.Response done = api("bhxh.hanoi").post(decision(code), map("approve", true));
        assertThat(done.text("status")).as(done.body().toString()).isEqualTo("COMPLETED");
        String fields = leg(done, 1).path("result").toString();
        // three members counted: 105,300 + 73,710 + 63,180 a month, for 12 months
        assertThat(fields).contains("2.906.280 đồng", "Hà Minh Tâm");
        Map<String, Object> card = documents(head, "HEALTH_INSURANCE_CARD").stream().filter(d -> !d.get("number").equals("GD4010000000001"))
                .findFirst().orElseThrow();
        assertThat(card.get("number")).isEqualTo("GD401" + head.substring(2));
        assertThat(card.get("valid_from").toString()).isEqualTo(current.plusDays(1).toString());
        assertThat(card.get("valid_to").toString()).isEqualTo(current.plusDays(1).plusMonths(12).minusDays(1).toString());
        assertThat(documents(teenager, "HEALTH_INSURANCE_CARD")).singleElement()
                .satisfies(d -> assertThat(d.get("valid_from").toString()).isEqualTo(today().toString()));
        assertThat(documents(toddler, "HEALTH_INSURANCE_CARD")).as("insured by the state").isEmpty();
        assertThat(documents(employee, "HEALTH_INSURANCE_CARD")).as("insured through work").isEmpty();
        assertThat(accessLog(teenager)).contains("tuphap.caugiay");
        assertThat(verifyResult(done, api("bhxh.hanoi")).path("code").asString()).isEqualTo("VALID");
    }

    // --- 18

    @Test
    void aTaxRegistrationRecordsThePersonalIdNumberAsTheTaxCode() {
        String citizen = person("Đào Văn Thuế", "MALE", "1991-05-05");
        Api counter = api("tuphap.caugiay");
        assertThat(counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "FIRST",
                "taxpayerType", "INDIVIDUAL", "taxCode", citizen))).fieldErrors()).contains("taxCode:FROM_REGISTRY");
        assertThat(counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "FIRST",
                "taxpayerType", "HOUSEHOLD_BUSINESS", "phone", "12", "email", "khong-hop-le"))).fieldErrors())
                .contains("businessName:REQUIRED", "businessUnit:REQUIRED", "businessAddress:REQUIRED", "phone:INVALID_FORMAT",
                        "email:INVALID_FORMAT");
        assertThat(counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "CHANGE",
                "taxpayerType", "INDIVIDUAL", "phone", "0912000111"))).fieldErrors()).contains("registrationType:NOT_REGISTERED");

        Api.Response lodged = counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "FIRST",
                "taxpayerType", "HOUSEHOLD_BUSINESS", "businessName", "Tạp hóa Thuế Đào", "businessUnit", CAU_GIAY,
                "businessAddress", "Số 5 ngõ 12 Trần Thái Tông", "phone", "0912000111")));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("form").path("taxCode").asString()).isEqualTo(citizen);
        String code = lodged.text("code");
        assertThat(leg(lodged, 1).path("agency").asString()).isEqualTo("TAX");
        assertThat(dueDays(lodged)).isEqualTo(3);
        assertThat(api("dienluc.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("TAX_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api tax = api("thue.hanoi");
        assertThat(worklist(tax)).contains(code);
        assertThat(tax.get("/api/v1/registry/persons/" + citizen).code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
        Api.Response done = tax.post(decision(code), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        assertThat(leg(done, 1).path("result").toString()).contains("Thông tư 86/2024/TT-BTC", "Tạp hóa Thuế Đào");
        JsonNode verdict = verifyResult(done, tax);
        assertThat(verdict.path("code").asString()).as("signed with the new agency's own certificate").isEqualTo("VALID");
        assertThat(verdict.path("agency").asString()).isEqualTo("TAX");
        assertThat(verdict.path("signer").asString()).contains("Bộ Tài chính");
        assertThat(documents(citizen, "TAX_CODE")).singleElement().satisfies(d -> {
            assertThat(d.get("number")).isEqualTo(citizen);
            assertThat(d.get("details").toString()).contains("Tạp hóa Thuế Đào", "0912000111");
        });

        assertThat(counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "FIRST",
                "taxpayerType", "INDIVIDUAL"))).fieldErrors()).contains("registrationType:ALREADY_REGISTERED");
        Api.Response change = counter.post("/api/v1/applications", application(18, citizen, map("registrationType", "CHANGE",
                "taxpayerType", "HOUSEHOLD_BUSINESS", "businessName", "Tạp hóa Thuế Đào", "businessUnit", CAU_GIAY,
                "businessAddress", "Số 5 ngõ 12 Trần Thái Tông", "email", "dao.thue@example.vn")));
        tax.post(decision(change.text("code")), map("approve", true));
        assertThat(documents(citizen, "TAX_CODE")).singleElement()
                .satisfies(d -> assertThat(d.get("details").toString()).contains("dao.thue@example.vn", "0912000111"));
    }

    // --- 19

    @Test
    void aLandCertificateTakesTheHoldersDetailsFromTheRegistry() {
        String holder = person("Tô Thị Đất", "FEMALE", "1965-06-06");
        document(holder, "LAND_USE_CERTIFICATE", "CS 012345", "2012-03-04", null, Map.of("parcel", "Thửa 45, tờ bản đồ 12",
                "address", "Phường Cầu Giấy, Hà Nội", "unit", CAU_GIAY, "holderName", "Tô Thị Đất", "holderIdNumber", "011223344",
                "holderAddress", "Số 1 phố Cũ, quận Cầu Giấy, Hà Nội"));
        Api counter = api("tuphap.caugiay");
        assertThat(counter.post("/api/v1/applications", application(19, holder, map("certificateNumber", "CS 012345")))
                .fieldErrors()).contains("certificateNumber:FROM_REGISTRY");
        assertThat(counter.post("/api/v1/applications", application(19, holder, map("holder.idNumber", "1")))
                .fieldErrors()).contains("holder.idNumber:FROM_REGISTRY");

        Api.Response lodged = counter.post("/api/v1/applications", application(19, holder, map()));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("form").path("certificateNumber").asString()).isEqualTo("CS 012345");
        assertThat(lodged.body().path("form").path("holder.idNumber").asString()).isEqualTo(holder);
        String code = lodged.text("code");
        assertThat(leg(lodged, 1).path("agency").asString()).isEqualTo("LAND");
        assertThat(dueDays(lodged)).isEqualTo(10);
        assertThat(api("giaoduc.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("LAND_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response done = api("datdai.hanoi").post(decision(code), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        assertThat(leg(done, 1).path("result").toString()).contains("011223344", holder);
        Map<String, Object> certificate = documents(holder, "LAND_USE_CERTIFICATE").getFirst();
        assertThat(certificate.get("details").toString()).contains("\"holderIdNumber\": \"" + holder + "\"", "Phường Cầu Giấy")
                .doesNotContain("011223344");

        assertThat(counter.post("/api/v1/applications", application(19, holder, map())).fieldErrors())
                .contains("certificateNumber:NOTHING_TO_CHANGE");
        document(holder, "LAND_USE_CERTIFICATE", "CS 099999", "2020-01-01", null, Map.of("holderName", "Tô Thị Đất"));
        assertThat(counter.post("/api/v1/applications", application(19, holder, map("certificateNumber", "CS 000000")))
                .fieldErrors()).contains("certificateNumber:CERTIFICATE_NOT_FOUND");
    }

    // --- 21

    @Test
    void anExamRegistrationGivesOneCandidateNumberAYear() {
        String student = person("Vũ Học Sinh", "FEMALE", "2008-09-09");
        Api counter = api("tuphap.caugiay");
        assertThat(counter.post("/api/v1/applications", application(21, student, map("school", "THPT Cầu Giấy",
                "candidateType", "STUDENT", "elective1", "PHYSICS", "elective2", "PHYSICS", "foreignLanguage", "ENGLISH")))
                .fieldErrors()).contains("elective2:SAME_SUBJECT", "foreignLanguage:NOT_CHOSEN");
        assertThat(counter.post("/api/v1/applications", application(21, student, map("school", "THPT Cầu Giấy",
                "candidateType", "PUPIL", "elective1", "FOREIGN_LANGUAGE", "elective2", "HISTORY"))).fieldErrors())
                .contains("candidateType:NOT_ALLOWED", "foreignLanguage:REQUIRED");
        Api.Response noElectives = counter.post("/api/v1/applications", application(21, student, map("school", "THPT Cầu Giấy",
                "candidateType", "STUDENT", "elective1", "PHYSICS")));
        assertThat(noElectives.status()).as(noElectives.body().toString()).isEqualTo(400);
        assertThat(noElectives.fieldErrors()).contains("elective2:REQUIRED");

        Map<String, Object> form = map("school", "THPT Cầu Giấy", "candidateType", "STUDENT", "elective1", "FOREIGN_LANGUAGE",
                "elective2", "HISTORY", "foreignLanguage", "ENGLISH", "admission", "true");
        Api.Response lodged = counter.post("/api/v1/applications", application(21, student, form));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        String code = lodged.text("code");
        assertThat(leg(lodged, 1).path("agency").asString()).isEqualTo("EDUCATION");
        assertThat(api("bhxh.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("EDUCATION_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response done = api("giaoduc.hanoi").post(decision(code), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        String number = jdbc.sql("select candidate_number from procedures.exam_registration where personal_id = ?").param(student)
                .query(String.class).single();
        assertThat(number).matches("01[0-9]{6}");
        assertThat(leg(done, 1).path("result").toString()).contains(number, "Tiếng Anh", "Lịch sử");
        assertThat(counter.post("/api/v1/applications", application(21, student, form)).code()).isEqualTo("ALREADY_REGISTERED");
    }

    // --- 22

    @Test
    void aCriminalRecordCertificatePrintsTheConvictionsItsFormShows() {
        String person = person("Lã Văn Án", "MALE", "1975-07-07");
        conviction(person, "12/2001/HSST", "2001-05-05", "Trộm cắp tài sản", "09 tháng tù", null, "2004-01-01");
        conviction(person, "45/2020/HSST", "2020-10-10", "Vi phạm quy định về tham gia giao thông đường bộ", "24 tháng cải tạo không giam giữ",
                "Cấm hành nghề lái xe 01 năm", null);
        Api counter = api("tuphap.caugiay");
        String other = person("Lã Thị Nhờ", "FEMALE", "1978-08-08");
        assertThat(counter.post("/api/v1/applications", application(22, other, map("certificateForm", "FORM_2",
                "subjectPersonalId", person, "purpose", "Xin việc"))).fieldErrors())
                .contains("subjectPersonalId:FORM_2_ONLY_FOR_ONESELF", "attachments.AUTHORISATION:MISSING_ATTACHMENT");
        assertThat(counter.post("/api/v1/applications", application(22, other, map("certificateForm", "FORM_1",
                "subjectPersonalId", "001099000000", "purpose", "Xin việc"), pdf("AUTHORISATION"))).fieldErrors())
                .contains("subjectPersonalId:PERSON_NOT_FOUND");

        Api.Response first = counter.post("/api/v1/applications", application(22, other, map("certificateForm", "FORM_1",
                "subjectPersonalId", person, "purpose", "Bổ sung hồ sơ xin việc", "includeBans", "true"), pdf("AUTHORISATION")));
        assertThat(first.status()).as(first.body().toString()).isEqualTo(201);
        String code = first.text("code");
        assertThat(first.text("subjectPersonalId")).isEqualTo(person);
        assertThat(leg(first, 1).path("agency").asString()).isEqualTo("JUSTICE");
        assertThat(leg(first, 1).path("unit").path("code").asString()).isEqualTo("01");
        assertThat(dueDays(first)).isEqualTo(10);
        assertThat(api("tuphap.badinh").post(decision(code), map("approve", true)).code())
                .as("a commune's justice officer does not issue certificates").isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("JUSTICE_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response formOne = api("tuphap.hanoi").post(decision(code), map("approve", true));
        assertThat(formOne.text("status")).isEqualTo("COMPLETED");
        assertThat(leg(formOne, 1).path("result").toString()).contains("45/2020/HSST", "Cấm hành nghề lái xe").doesNotContain("12/2001/HSST");

        Api.Response own = counter.post("/api/v1/applications", application(22, person, map("certificateForm", "FORM_2",
                "purpose", "Định cư nước ngoài")));
        Api.Response formTwo = api("tuphap.hanoi").post(decision(own.text("code")), map("approve", true));
        assertThat(leg(formTwo, 1).path("result").toString()).contains("12/2001/HSST", "đã được xóa án tích ngày 2004-01-01", "45/2020/HSST");
        assertThat(documents(person, "CRIMINAL_RECORD_CERTIFICATE")).hasSize(2);

        String clean = person("Sạch Văn Án", "MALE", "1990-09-09");
        Api.Response none = counter.post("/api/v1/applications", application(22, clean, map("certificateForm", "FORM_1", "purpose", "Học tập")));
        assertThat(leg(api("tuphap.hanoi").post(decision(none.text("code")), map("approve", true)), 1).path("result").toString())
                .contains("Không có án tích");
    }

    // --- 23

    @Test
    void anUnemploymentBenefitIsComputedFromTheSocialInsuranceBook() {
        String worker = person("Quách Văn Việc", "MALE", "1988-10-10");
        document(worker, "SOCIAL_INSURANCE_BOOK", "0112345678", "2015-01-01", null, Map.of("lastEmployer", "Công ty TNHH Cơ khí Đông Anh",
                "unemploymentInsuranceMonths", "50", "averageSalaryLast6Months", "12500000"));
        Api counter = api("tuphap.caugiay");
        String ended = today().minusDays(20).toString();
        assertThat(counter.post("/api/v1/applications", application(23, worker, map("contractEndedOn", ended, "averageSalary", "99000000"),
                pdf("CONTRACT_ENDED"))).fieldErrors()).contains("averageSalary:FROM_REGISTRY");
        assertThat(counter.post("/api/v1/applications", application(23, worker, map("contractEndedOn", ended))).fieldErrors())
                .contains("attachments.CONTRACT_ENDED:MISSING_ATTACHMENT");

        Api.Response lodged = counter.post("/api/v1/applications", application(23, worker, map("contractEndedOn", ended,
                "bankAccount", "0123456789"), pdf("CONTRACT_ENDED")));
        assertThat(lodged.status()).as(lodged.body().toString()).isEqualTo(201);
        assertThat(lodged.body().path("prefilled").toString()).contains("lastEmployer", "contributionMonths", "averageSalary");
        String code = lodged.text("code");
        assertThat(leg(lodged, 1).path("agency").asString()).isEqualTo("LABOUR");
        assertThat(dueDays(lodged)).isEqualTo(20);
        assertThat(api("laodong.caugiay").post(decision(code), map("approve", true)).code())
                .as("a commune's labour officer does not decide the benefit").isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("LABOUR_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api.Response done = api("vieclam.hanoi").post(decision(code), map("approve", true));
        assertThat(done.text("status")).isEqualTo("COMPLETED");
        // 60% of 12,500,000 for 4 months (50 months of contributions)
        assertThat(leg(done, 1).path("result").toString()).contains("7.500.000 đồng", "30.000.000 đồng", "Công ty TNHH Cơ khí Đông Anh");

        String declared = person("Mạc Thị Khai", "FEMALE", "1992-11-11");
        assertThat(counter.post("/api/v1/applications", application(23, declared, map("lastEmployer", "Cửa hàng Hoa Mai",
                "contributionMonths", "8", "averageSalary", "12.000.000", "contractEndedOn", today().minusMonths(4).toString()),
                pdf("CONTRACT_ENDED"))).fieldErrors()).contains("contributionMonths:NOT_ENOUGH_CONTRIBUTIONS",
                "averageSalary:INVALID_NUMBER", "contractEndedOn:TOO_LATE");
        assertThat(counter.post("/api/v1/applications", application(23, declared, map("lastEmployer", "Cửa hàng Hoa Mai",
                "contributionMonths", "30", "averageSalary", "80000000", "contractEndedOn", today().plusDays(3).toString()),
                pdf("CONTRACT_ENDED"))).fieldErrors()).contains("contractEndedOn:IN_FUTURE");
        Api.Response high = counter.post("/api/v1/applications", application(23, declared, map("lastEmployer", "Cửa hàng Hoa Mai",
                "contributionMonths", "30", "averageSalary", "80000000", "contractEndedOn", ended), pdf("CONTRACT_ENDED")));
        assertThat(leg(api("vieclam.hanoi").post(decision(high.text("code")), map("approve", true)), 1).path("result").toString())
                .contains("26.550.000 đồng", "5 lần mức lương tối thiểu vùng");
    }

    // --- 24 and 25

    @Test
    void aNewSupplyAndAChangeOfBuyerMoveTheElectricityContract() {
        String seller = person("Kim Văn Bán", "MALE", "1960-12-12");
        String address = addressOf(seller);
        Api counter = api("tuphap.caugiay");
        Map<String, Object> supply = map("supplyUnit", CAU_GIAY, "supplyAddress", "Số 99 phố Khác Hẳn", "usage", "DOMESTIC",
                "phases", "SINGLE_PHASE");
        assertThat(counter.post("/api/v1/applications", application(24, seller, supply)).fieldErrors())
                .contains("attachments.PREMISES:MISSING_ATTACHMENT");
        assertThat(counter.post("/api/v1/applications", application(24, seller, map("supplyUnit", "99999", "supplyAddress", "x",
                "usage", "FACTORY", "phases", "SINGLE_PHASE"))).fieldErrors()).contains("usage:NOT_ALLOWED");

        Api.Response lodged = counter.post("/api/v1/applications", application(24, seller, map("supplyUnit", CAU_GIAY,
                "supplyAddress", address.toUpperCase(), "usage", "DOMESTIC", "phases", "SINGLE_PHASE")));
        assertThat(lodged.status()).as("the registry shows him living there: no proof needed; " + lodged.body()).isEqualTo(201);
        String code = lodged.text("code");
        assertThat(leg(lodged, 1).path("agency").asString()).isEqualTo("ELECTRICITY");
        assertThat(dueDays(lodged)).isEqualTo(5);
        assertThat(api("datdai.hanoi").post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        assertThat(officer("ELECTRICITY_OFFICER", HCM).post(decision(code), map("approve", true)).code()).isEqualTo("APPLICATION_NOT_FOUND");
        Api power = api("dienluc.hanoi");
        Api.Response supplied = power.post(decision(code), map("approve", true));
        assertThat(supplied.text("status")).isEqualTo("COMPLETED");
        Map<String, Object> contract = documents(seller, "ELECTRICITY_CONTRACT").getFirst();
        String number = contract.get("number").toString();
        assertThat(number).matches("PD01[0-9]{8}");
        assertThat(contract.get("valid_to")).isNull();
        assertThat(counter.post("/api/v1/applications", application(24, seller, map("supplyUnit", CAU_GIAY, "supplyAddress", address,
                "usage", "DOMESTIC", "phases", "THREE_PHASE"))).fieldErrors()).contains("supplyAddress:ALREADY_SUPPLIED");

        String buyer = person("Kim Thị Mua", "FEMALE", "1985-01-13", address);
        assertThat(counter.post("/api/v1/applications", application(25, buyer, map("contractNumber", "PD0100000000",
                "previousHolderPersonalId", seller, "transferReason", "PURCHASE"))).fieldErrors()).contains("contractNumber:CONTRACT_NOT_FOUND");
        assertThat(counter.post("/api/v1/applications", application(25, buyer, map("contractNumber", number,
                "previousHolderPersonalId", buyer, "transferReason", "PURCHASE"))).fieldErrors()).contains("previousHolderPersonalId:SAME_PERSON");
        assertThat(counter.post("/api/v1/applications", application(25, buyer, map("contractNumber", number,
                "previousHolderPersonalId", seller, "transferReason", "THEFT"))).fieldErrors()).contains("transferReason:NOT_ALLOWED");

        Api.Response change = counter.post("/api/v1/applications", application(25, buyer, map("contractNumber", number,
                "previousHolderPersonalId", seller, "transferReason", "PURCHASE")));
        assertThat(change.status()).as(change.body().toString()).isEqualTo(201);
        assertThat(change.body().path("form").path("previousHolder.fullName").asString()).isEqualTo("Kim Văn Bán");
        assertThat(accessLog(seller)).contains("tuphap.caugiay");
        assertThat(dueDays(change)).isEqualTo(3);
        Api.Response changed = power.post(decision(change.text("code")), map("approve", true));
        assertThat(changed.text("status")).as(changed.body().toString()).isEqualTo("COMPLETED");
        Map<String, Object> ended = documents(seller, "ELECTRICITY_CONTRACT").getFirst();
        assertThat(ended.get("valid_to").toString()).isEqualTo(today().toString());
        Map<String, Object> taken = documents(buyer, "ELECTRICITY_CONTRACT").getFirst();
        assertThat(taken.get("valid_from").toString()).isEqualTo(today().toString());
        assertThat(taken.get("details").toString()).contains(number);
        assertThat(accessLog(seller)).contains("dienluc.hanoi");
    }

    // --- online

    @Test
    void aCitizenAppliesOnlineAndTheAgencyDecidesInItsWorklist() {
        Browser binh = citizen("030178862050");
        Browser.Page form = binh.get("/eid/procedures/22");
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.body()).contains("Trần Thị Bình");
        Browser.Page lodged = binh.post("/eid/procedures/22", "_csrf", form.csrf(), "certificateForm", "FORM_2", "purpose", "Xin thị thực");
        assertThat(lodged.location()).as(lodged.status() + " " + lodged.body()).contains("/eid/applications/HS-");
        String code = lodged.location().substring(lodged.location().lastIndexOf('/') + 1);
        assertThat(worklist(api("tuphap.hanoi"))).contains(code);
        assertThat(api("tuphap.hanoi").post(decision(code), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(binh.get("/eid/applications/" + code).body()).contains("Phiếu lý lịch tư pháp", "Không có án tích");

        // the page has no input for the tax code: one posted anyway is not taken, the registry's number is
        Browser.Page tax = binh.post("/eid/procedures/18", "_csrf", binh.get("/eid/procedures/18").csrf(), "registrationType", "FIRST",
                "taxpayerType", "INDIVIDUAL", "taxCode", "001099000001", "phone", "0987654321");
        assertThat(tax.location()).as(tax.status() + " " + tax.body()).contains("/eid/applications/HS-");
        String taxCode = tax.location().substring(tax.location().lastIndexOf('/') + 1);
        assertThat(api("thue.hanoi").post(decision(taxCode), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        assertThat(documents("030178862050", "TAX_CODE")).singleElement().satisfies(d -> assertThat(d.get("number")).isEqualTo("030178862050"));

        // her household (An, Bình, Châu, Dũng; the late Hoa is not counted) renews its cards for 6 months
        Browser.Page household = binh.get("/eid/procedures/17");
        assertThat(household.body()).contains("Nguyễn Đức Dũng").doesNotContain("Lê Thị Hoa");
        Browser.Page renewal = binh.post("/eid/procedures/17", "_csrf", household.csrf(), "months", "6");
        assertThat(renewal.location()).as(renewal.status() + " " + renewal.body()).contains("/eid/applications/HS-");
        String renewalCode = renewal.location().substring(renewal.location().lastIndexOf('/') + 1);
        assertThat(api("bhxh.hanoi").post(decision(renewalCode), map("approve", true)).text("status")).isEqualTo("COMPLETED");
        // 105,300 + 73,710 + 63,180 + 52,650 a month
        assertThat(binh.get("/eid/applications/" + renewalCode).body()).contains("1.769.040 đồng");
        LocalDate from = LocalDate.parse("2027-01-01").isAfter(today()) ? LocalDate.parse("2027-01-01") : today();
        assertThat(documents("001075503799", "HEALTH_INSURANCE_CARD")).anySatisfy(card -> {
            assertThat(card.get("number")).isEqualTo("GD4011075503799");
            assertThat(card.get("valid_from").toString()).isEqualTo(from.toString());
            assertThat(card.get("valid_to").toString()).isEqualTo(from.plusMonths(6).minusDays(1).toString());
        });
    }

    // --- fixtures

    /** A new adult with a permanent residence in Cầu Giấy, registered by the central officer. */
    private String person(String name, String gender, String dob) {
        return person(name, gender, dob, "Số " + SERIAL.incrementAndGet() + " ngõ Kiểm Thử");
    }

    private String person(String name, String gender, String dob, String addressLine) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", gender, "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", addressLine, "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private String addressOf(String personalId) {
        return jdbc.sql("""
                        select r.address_line from registry.residence r join registry.person p on p.id = r.person_id
                        where p.personal_id = ? and r.type = 'PERMANENT'""").param(personalId).query(String.class).single();
    }

    private void household(String head, Map<String, String> members) {
        Api central = api("officer.central");
        Api.Response created = central.post("/api/v1/registry/households", map("headPersonalId", head, "unit", CAU_GIAY,
                "addressLine", addressOf(head)));
        assertThat(created.status()).as(created.body().toString()).isLessThan(300);
        long id = created.body().path("householdId").asLong();
        members.forEach((member, relationship) -> assertThat(central.post("/api/v1/registry/households/" + id + "/members",
                map("personalId", member, "relationship", relationship)).status()).isLessThan(300));
    }

    private void document(String personalId, String kind, String number, String from, String to, Map<String, String> details) {
        registry.recordDocument(personalId, new DocumentRecord(kind, number, from, to, details), "Kiểm thử");
    }

    private List<Map<String, Object>> documents(String personalId, String kind) {
        return jdbc.sql("""
                        select d.number, d.valid_from, d.valid_to, d.details::text as details from registry.integrated_document d
                        join registry.person p on p.id = d.person_id where p.personal_id = ? and d.kind = ? order by d.id""")
                .params(personalId, kind).query().listOfRows();
    }

    private void conviction(String personalId, String judgment, String on, String offence, String sentence, String bans, String expunged) {
        jdbc.sql("""
                        insert into procedures.conviction (personal_id, judgment, judged_on, court, offence, sentence, bans, expunged_on)
                        values (?, ?, ?::date, 'Tòa án nhân dân quận Cầu Giấy', ?, ?, ?, ?::date)""")
                .params(personalId, judgment, on, offence, sentence, bans, expunged).update();
    }

    private String accessLog(String personalId) {
        return jdbc.sql("select string_agg(actor, ',') from audit.access_log where subject_personal_id = ?").param(personalId)
                .query(String.class).single();
    }

    /** An officer of the role in the unit, made by the administrator as any officer is. */
    private Api officer(String role, String unit) {
        String username = "kiemthu." + role.toLowerCase().replace("_officer", "") + "." + SERIAL.incrementAndGet();
        Api.Response created = api("admin").post("/api/v1/admin/staff", map("username", username, "displayName", "Nguyễn Văn Kiểm Thử",
                "role", role, "jurisdiction", unit, "reason", "Tuyển dụng theo quyết định số 7"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String oneTime = created.text("oneTimePassword");
        String password = "Sông Hồng chảy mãi 2026";
        assertThat(TestApis.of(port, username, oneTime).post("/api/v1/auth/password", map("currentPassword", oneTime,
                "newPassword", password, "newPasswordConfirmation", password)).status()).isEqualTo(204);
        return TestApis.of(port, username, password);
    }

    private Browser citizen(String personalId) {
        Browser browser = new Browser(port);
        Browser.Page login = browser.get("/eid/login");
        Browser.Page signedIn = browser.post("/eid/login", "_csrf", login.csrf(), "personalId", personalId, "password", "dancu-demo");
        assertThat(signedIn.location()).as(signedIn.status() + " " + signedIn.body()).endsWith("/eid/account");
        return browser;
    }

    @SafeVarargs
    private static Map<String, Object> application(int appendixNo, String applicant, Map<String, Object> form,
                                                   Map<String, Object>... attachments) {
        return map("appendixNo", appendixNo, "applicantPersonalId", applicant, "form", form, "attachments", List.of(attachments));
    }

    static Map<String, Object> pdf(String kind) {
        return map("kind", kind, "filename", kind.toLowerCase() + ".pdf", "contentType", "application/pdf",
                "content", Base64.getEncoder().encodeToString("%PDF-1.4\n%demo\n".getBytes(StandardCharsets.UTF_8)));
    }

    private static LocalDate today() {
        return LocalDate.now(WorkingCalendar.VIETNAM);
    }

    private static String decision(String code) {
        return "/api/v1/applications/" + code + "/legs/1/decision";
    }

    private static JsonNode leg(Api.Response application, int legNo) {
        return application.body().path("legs").get(legNo - 1);
    }

    /** The leg's working days, as it was lodged: its deadline counted again from its start. */
    private long dueDays(Api.Response application) {
        return jdbc.sql("select l.working_days from procedures.leg l join procedures.application a on a.id = l.application_id where a.code = ?")
                .param(application.text("code")).query(Long.class).single();
    }

    private static String worklist(Api officer) {
        return officer.get("/api/v1/worklist").body().toString();
    }

    /** The public check of the leg's signed PDF, fetched by an officer of the leg. */
    private JsonNode verifyResult(Api.Response application, Api officer) {
        String id = leg(application, 1).path("result").path("id").asString();
        byte[] pdf = officer.bytes("/api/v1/results/" + id + "/pdf");
        return anonymous().post("/api/v1/verify", "application/octet-stream", pdf).body();
    }
}
