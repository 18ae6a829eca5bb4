package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.personalId;

import java.util.List;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.MarriageRecord;
import vn.dancu.registry.PersonalIdNumber;

/**
 * Procedure 11: registering a marriage with the justice officers of a commune (by default the
 * applicant's). The registry checks the marriage rules (age, both unmarried, no close kinship) at approval.
 */
@Component
class MarriageRegistration implements Procedure<MarriageRegistration.Form> {

    static final Step MARRIAGE = new Step("MARRIAGE", Agency.JUSTICE, 0);

    /** {@code spouseFullName}: the registry's, recorded at lodging; {@code registrationUnit}: recorded at lodging. */
    record Form(FormValues.Applicant applicant, PersonalIdNumber spouse, String registrationUnit, String spouseFullName) {
    }

    @Override
    public int appendixNo() {
        return 11;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(personalId("spousePersonalId"), commune("registrationUnit").optional().labelled("marriage"));
    }

    @Override
    public List<Step> steps() {
        return List.of(MARRIAGE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.personalId("spousePersonalId"), v.text("registrationUnit"), v.text("spouse.fullName"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        String spouse = form.spouse().value();
        if (form.spouse().equals(form.applicant().personalId())) {
            throw ApiProblem.invalidField("spousePersonalId", "SAME_PERSON", "A person cannot marry themselves");
        }
        var found = lodging.checked(spouse, () -> lodging.read(spouse, "personalId", "fullName")
                .orElseThrow(() -> ApiProblem.invalidField("spousePersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number")));
        String unit = form.registrationUnit() != null ? form.registrationUnit() : lodging.residenceUnit();
        return Plan.builder().subject(spouse).record("spouse.fullName", found.fullName()).record("registrationUnit", unit)
                .leg(MARRIAGE, unit).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String applicant = a.applicantPersonalId();
        a.registry().registerMarriage(applicant, new MarriageRecord(form.spouse().value(), form.registrationUnit(),
                a.today().toString(), a.reason()));
        return a.issue(applicant, "Bên thứ nhất", form.applicant().fullName() + " (" + applicant + ")",
                "Bên thứ hai", form.spouseFullName() + " (" + form.spouse().value() + ")",
                "Ngày đăng ký", a.today().toString(), "Nơi đăng ký", a.communeName(form.registrationUnit()));
    }

    @Override
    public String subjectNameField() {
        return "spouse.fullName";
    }
}
