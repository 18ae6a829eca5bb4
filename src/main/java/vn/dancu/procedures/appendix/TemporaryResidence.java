package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.date;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.ResidenceType;

/**
 * Procedure 4: registering a temporary residence from today until a date at most two years ahead
 * (Law on Residence 2020, Art. 27-28: 3 working days).
 */
@Component
class TemporaryResidence implements Procedure<TemporaryResidence.Form> {

    static final Step REGISTRATION = new Step("TEMPORARY_RESIDENCE", Agency.POLICE, 3);

    record Form(FormValues.Applicant applicant, String unit, String addressLine, LocalDate to) {
    }

    @Override
    public int appendixNo() {
        return 4;
    }

    @Override
    public Forms.Declaration form() {
        return Residences.ADDRESS.and(Forms.Declaration.of(date("to").labelled("temporaryResidence")));
    }

    @Override
    public List<Step> steps() {
        return List.of(REGISTRATION);
    }

    @Override
    public Form read(FormValues values) {
        return new Form(values.applicant(), values.text("unit"), values.text("addressLine"), values.date("to"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Lodging.requireOrder("from", lodging.today(), "to", form.to());
        if (form.to().isAfter(lodging.today().plusYears(2))) {
            throw ApiProblem.invalidField("to", "TOO_LONG", "A temporary residence is registered for at most 2 years at a time");
        }
        return Plan.of(REGISTRATION, form.unit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        return Residences.register(approval, ResidenceType.TEMPORARY, form.applicant().fullName(), form.unit(), form.addressLine(), form.to());
    }
}
