package vn.dancu.procedures.appendix;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;

/** Procedure 10: registering a death with the justice officers of the deceased's commune (the same day). */
@Component
class DeathRegistration implements Procedure<Deaths.Death> {

    @Override
    public int appendixNo() {
        return 10;
    }

    @Override
    public Forms.Declaration form() {
        return Deaths.DECLARATION;
    }

    @Override
    public List<Step> steps() {
        return List.of(Deaths.DEATH);
    }

    @Override
    public Deaths.Death read(FormValues values) {
        return Deaths.Death.read(values);
    }

    @Override
    public Plan plan(Deaths.Death death, Lodging lodging) {
        Plan.Builder plan = Plan.builder();
        Deaths.plan(death, lodging, plan);
        return plan.build();
    }

    @Override
    public Approval.Outcome approve(Deaths.Death death, Approval approval) {
        return Deaths.register(death, approval);
    }

    @Override
    public String subjectNameField() {
        return "deceased.fullName";
    }
}
