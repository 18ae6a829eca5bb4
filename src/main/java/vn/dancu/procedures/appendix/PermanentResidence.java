package vn.dancu.procedures.appendix;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.ResidenceType;

/** Procedure 3: registering a permanent residence, with the police of the commune (Law on Residence 2020, Art. 22: 7 working days). */
@Component
class PermanentResidence implements Procedure<PermanentResidence.Form> {

    static final Step REGISTRATION = new Step("PERMANENT_RESIDENCE", Agency.POLICE, 7);

    record Form(FormValues.Applicant applicant, String unit, String addressLine) {
    }

    @Override
    public int appendixNo() {
        return 3;
    }

    @Override
    public Forms.Declaration form() {
        return Residences.ADDRESS;
    }

    @Override
    public List<Step> steps() {
        return List.of(REGISTRATION);
    }

    @Override
    public Form read(FormValues values) {
        return new Form(values.applicant(), values.text("unit"), values.text("addressLine"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(REGISTRATION, form.unit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        return Residences.register(approval, ResidenceType.PERMANENT, form.applicant().fullName(), form.unit(), form.addressLine(), null);
    }
}
