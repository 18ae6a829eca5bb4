package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.date;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceType;

/** Procedure 5: declaring a temporary absence, with the police of the commune of residence (1 working day). */
@Component
class TemporaryAbsence implements Procedure<TemporaryAbsence.Form> {

    static final Step DECLARATION = new Step("TEMPORARY_ABSENCE", Agency.POLICE, 1);

    /** The registry's command holds the destination as its address line, in the commune of residence. */
    private static final Map<String, String> FORM_FIELDS = Map.of("addressLine", "destination", "unit", "applicant.residenceUnit");

    record Form(FormValues.Applicant applicant, String destination, LocalDate from, LocalDate to, String reasonText) {
    }

    @Override
    public int appendixNo() {
        return 5;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("destination"), date("from"), date("to"), text("reasonText"));
    }

    @Override
    public List<Step> steps() {
        return List.of(DECLARATION);
    }

    @Override
    public Form read(FormValues values) {
        return new Form(values.applicant(), values.text("destination"), values.date("from"), values.date("to"),
                values.text("reasonText"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Lodging.requireOrder("from", form.from(), "to", form.to());
        return Plan.of(DECLARATION, lodging.residenceUnit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        approval.registry().registerResidence(approval.applicantPersonalId(), new ResidenceRegistration(ResidenceType.TEMPORARY_ABSENCE.name(),
                form.applicant().residenceUnit(), form.destination(), Iso.of(form.from()), Iso.of(form.to()), approval.reason()));
        return approval.issue(approval.applicantPersonalId(), "Họ và tên", form.applicant().fullName(), "Nơi đến", form.destination(),
                "Từ ngày", Iso.of(form.from()), "Đến ngày", Iso.of(form.to()), "Lý do", form.reasonText());
    }

    @Override
    public String formField(String registryField) {
        return FORM_FIELDS.getOrDefault(registryField, registryField);
    }
}
