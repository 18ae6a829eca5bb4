package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.Fee;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;

/**
 * Procedure 20: exchanging (expired, damaged, details changed) or re-issuing (lost) a driving licence.
 * Since 1 March 2025 the police issue driving licences (Law on Road Traffic Order and Safety 2024;
 * Circular 35/2024/TT-BCA): the province police decide within 5 working days. The licence keeps its
 * number; its new validity follows its class (Art. 57: A1, A and B1 without term, B and C1 10 years,
 * the others 5 years), and it is recorded as the holder's integrated document (DRIVING_LICENCE).
 */
@Component
class DrivingLicenceRenewal implements Procedure<DrivingLicenceRenewal.Form> {

    static final Step LICENCE = new Step("DRIVING_LICENCE", Agency.POLICE, 5);
    static final String ISSUER = "Công an tỉnh, thành phố (Phòng Cảnh sát giao thông)";
    static final List<String> CLASSES = List.of("A1", "A", "B1", "B", "C1", "C", "D1", "D2", "D", "BE", "C1E", "CE", "D1E", "D2E", "DE");
    private static final Set<String> WITHOUT_TERM = Set.of("A1", "A", "B1");
    private static final Set<String> TEN_YEARS = Set.of("B", "C1");
    private static final Map<String, String> REASONS = Map.of("EXPIRED", "Cấp đổi do hết hạn", "DAMAGED", "Cấp đổi do hư hỏng",
            "DETAILS_CHANGED", "Cấp đổi do thay đổi thông tin", "LOST", "Cấp lại do bị mất");

    record Form(FormValues.Applicant applicant, String licenceNumber, String licenceClass, String reason) {
    }

    @Override
    public int appendixNo() {
        return 20;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("licenceNumber"), choice("licenceClass", CLASSES),
                choice("licenceReason", "EXPIRED", "DAMAGED", "DETAILS_CHANGED", "LOST")).with(attachment("HEALTH_CERTIFICATE"));
    }

    @Override
    public List<Step> steps() {
        return List.of(LICENCE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("licenceNumber"), v.text("licenceClass"), v.text("licenceReason"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.licenceNumber() != null && !form.licenceNumber().matches("[0-9]{12}")) {
            lodging.errors().add("licenceNumber", "INVALID_FORMAT", "A driving licence number has 12 digits");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(LICENCE, lodging.residenceUnit());
    }

    @Override
    public Optional<Fee> fee(Form form) {
        return Optional.of(Fee.of(PoliceFees.DRIVING_LICENCE, "Lệ phí cấp đổi, cấp lại giấy phép lái xe",
                "Driving licence exchange or re-issue fee", PoliceFees.LICENCE_SOURCE));
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String holder = a.applicantPersonalId();
        LocalDate validTo = validTo(form.licenceClass(), a.today());
        a.recordDocument(holder, new DocumentRecord(DocumentKind.DRIVING_LICENCE.name(), form.licenceNumber(), a.today().toString(),
                validTo == null ? null : validTo.toString(), Map.of("class", form.licenceClass())), ISSUER);
        return a.issue(holder, "Họ và tên", form.applicant().fullName(), "Ngày sinh", form.applicant().dateOfBirth().toString(),
                "Số giấy phép lái xe", form.licenceNumber(), "Hạng", form.licenceClass(), "Lý do", REASONS.get(form.reason()),
                "Ngày cấp", a.today().toString(), "Có giá trị đến", validTo == null ? "Không thời hạn" : validTo.toString(),
                "Cơ quan cấp", ISSUER);
    }

    /** A1, A and B1 have no term; B and C1 ten years; the others five (Law on Road Traffic Order and Safety 2024, Art. 57). */
    static LocalDate validTo(String licenceClass, LocalDate issued) {
        if (WITHOUT_TERM.contains(licenceClass)) {
            return null;
        }
        return issued.plusYears(TEN_YEARS.contains(licenceClass) ? 10 : 5);
    }
}
