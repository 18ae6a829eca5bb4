package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.text;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.Fee;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.procedures.payments.PaymentOrder;
import vn.dancu.procedures.traffic.TrafficOffences;

/**
 * Procedure 8: paying a fine for a road traffic offence caught by a camera ("phạt nguội"). The offence
 * is looked up in the traffic police's record ({@link TrafficOffences}) by the number of its record and the
 * plate; only the offender named there pays it, and only while it is open. The fine is paid through the
 * payment gateway before the police see the application; their approval closes the record the same
 * working day and issues the receipt of the fine (Law on Handling Administrative Violations 2012, Art. 78).
 */
@Component
class TrafficFinePayment implements Procedure<TrafficFinePayment.Form> {

    static final Step FINE = new Step("TRAFFIC_FINE", Agency.POLICE, 0);

    record Form(FormValues.Applicant applicant, String recordNumber, String plateNumber) {
    }

    private final TrafficOffences offences;

    TrafficFinePayment(TrafficOffences offences) {
        this.offences = offences;
    }

    @Override
    public int appendixNo() {
        return 8;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("violationRecord"), text("plateNumber"));
    }

    @Override
    public List<Step> steps() {
        return List.of(FINE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("violationRecord"), v.text("plateNumber"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.recordNumber() == null || form.plateNumber() == null) {
            return; // refused already as required
        }
        Optional<TrafficOffences.Offence> offence = offences.find(form.recordNumber(), form.plateNumber());
        if (offence.isEmpty()) {
            lodging.errors().add("violationRecord", "OFFENCE_NOT_FOUND", "No offence record has this number and plate");
        } else if (!offence.get().offenderPersonalId().equals(form.applicant().personalId().value())) {
            lodging.errors().add("violationRecord", "NOT_YOUR_FINE", "The offence record names another person");
        } else if (!offence.get().open()) {
            lodging.errors().add("violationRecord", "FINE_ALREADY_PAID", "The fine of this record is paid already");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(FINE, lodging.residenceUnit());
    }

    @Override
    public Optional<Fee> fee(Form form) {
        TrafficOffences.Offence offence = offence(form);
        return Optional.of(new Fee(offence.fine(), PaymentOrder.Purpose.FINE,
                "Nộp phạt vi phạm giao thông, biên bản " + offence.recordNumber(),
                "Traffic fine, record " + offence.recordNumber(), "Nghị định 168/2024/NĐ-CP"));
    }

    /** Closes the record with the payment, and issues the receipt of the fine. */
    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        TrafficOffences.Offence offence = offence(form);
        String reference = a.paymentReference()
                .orElseThrow(() -> ApiProblem.conflict("NOT_PAID", "The fine of application " + a.applicationCode() + " is not paid"));
        offences.close(offence.recordNumber(), reference, a.now());
        return a.issue(a.applicantPersonalId(), "Người nộp phạt", form.applicant().fullName() + " (" + a.applicantPersonalId() + ")",
                "Biên bản vi phạm", offence.recordNumber(), "Biển số xe", offence.plateNumber(), "Hành vi vi phạm", offence.offenceVi(),
                "Địa điểm", offence.place(), "Thời điểm vi phạm", offence.detectedAt().toString(), "Mã thanh toán", reference,
                "Tình trạng", "Đã nộp phạt, biên bản đã đóng");
    }

    private TrafficOffences.Offence offence(Form form) {
        return offences.find(form.recordNumber(), form.plateNumber())
                .orElseThrow(() -> ApiProblem.invalidField("violationRecord", "OFFENCE_NOT_FOUND", "No offence record has this number and plate"));
    }
}
