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

/**
 * Procedure 13: a new seal and the certificate of its sample's registration, from the police of the
 * organisation's seat within 3 working days (Decree 99/2016/NĐ-CP, Art. 15, as amended by Decree 56/2023/NĐ-CP).
 */
@Component
class SealRegistration implements Procedure<SealRegistration.Form> {

    static final Step SEAL = new Step("SEAL_REGISTRATION", Agency.POLICE, 3);

    record Form(FormValues.Applicant applicant, Seals.Organisation organisation) {
    }

    @Override
    public int appendixNo() {
        return 13;
    }

    @Override
    public Forms.Declaration form() {
        return Seals.ORGANISATION;
    }

    @Override
    public List<Step> steps() {
        return List.of(SEAL);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), Seals.Organisation.of(v));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(SEAL, form.organisation().unit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        return Seals.certificate(a, form.applicant(), form.organisation(), "Con dấu có hình Quốc huy hoặc con dấu không có hình Quốc huy");
    }
}
