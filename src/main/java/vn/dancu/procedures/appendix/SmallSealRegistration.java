package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;

import java.util.List;
import java.util.Map;
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
 * Procedure 14: a small-sized, embossed or wax seal and the certificate of its sample's registration,
 * from the police of the organisation's seat within 3 working days (Decree 99/2016/NĐ-CP, Art. 15, as
 * amended by Decree 56/2023/NĐ-CP).
 */
@Component
class SmallSealRegistration implements Procedure<SmallSealRegistration.Form> {

    static final Step SEAL = new Step("SMALL_SEAL_REGISTRATION", Agency.POLICE, 3);
    private static final Map<String, String> KINDS = Map.of("SMALL", "Con dấu thu nhỏ", "EMBOSSED", "Con dấu nổi", "WAX", "Con dấu xi");

    record Form(FormValues.Applicant applicant, Seals.Organisation organisation, String sealKind) {
    }

    @Override
    public int appendixNo() {
        return 14;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(choice("sealKind", "SMALL", "EMBOSSED", "WAX")).and(Seals.ORGANISATION);
    }

    @Override
    public List<Step> steps() {
        return List.of(SEAL);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), Seals.Organisation.of(v), v.text("sealKind"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(SEAL, form.organisation().unit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        return Seals.certificate(a, form.applicant(), form.organisation(), KINDS.get(form.sealKind()));
    }
}
