package vn.dancu.procedures.appendix;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.ApplicationViews;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Review;
import vn.dancu.procedures.Step;

/** Procedure 9: registering a birth with the commune's justice officers (Law on Civil Status 2014, Art. 16: the same day). */
@Component
class BirthRegistration implements Procedure<Births.Child> {

    @Override
    public int appendixNo() {
        return 9;
    }

    @Override
    public Forms.Declaration form() {
        return Births.CHILD;
    }

    @Override
    public List<Step> steps() {
        return List.of(Births.BIRTH);
    }

    @Override
    public Births.Child read(FormValues values) {
        return Births.Child.read(values);
    }

    @Override
    public void check(Births.Child child, Lodging lodging) {
        Births.check(child, false, lodging);
    }

    @Override
    public Plan plan(Births.Child child, Lodging lodging) {
        return Births.plan(child, lodging).build();
    }

    @Override
    public Approval.Outcome approve(Births.Child child, Approval approval) {
        return Births.register(child, approval);
    }

    @Override
    public String formField(String registryField) {
        return Births.formField(registryField);
    }

    @Override
    public String subjectNameField() {
        return "child.fullName";
    }

    @Override
    public List<ApplicationViews.Warning> warnings(Births.Child child, Review review) {
        return Births.warnings(child, review);
    }
}
