package vn.dancu.procedures.appendix;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.flag;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.ResidenceRemoval;
import vn.dancu.registry.ResidenceType;

/**
 * Procedure 16, linked (Decree 63/2024): a death is registered, and at the applicant's request the
 * deceased's permanent residence is removed and the funeral allowance decided, by social insurance
 * or by the labour office. Run by the BPMN process {@code linkedDeath}: a refused leg ends the ones after it.
 */
@Component
class LinkedDeath implements Procedure<LinkedDeath.Form> {

    static final Step RESIDENCE_REMOVAL = new Step("RESIDENCE_REMOVAL", Agency.POLICE, 1);
    static final Step FUNERAL_ALLOWANCE = new Step("FUNERAL_ALLOWANCE", Agency.SOCIAL_INSURANCE, 3);

    /** {@code allowanceAgency}: who pays the allowance, recorded at lodging (social insurance unless the applicant chose). */
    record Form(Deaths.Death death, boolean residenceRemoval, boolean funeralAllowance, String allowanceAgency, String bankAccount) {
    }

    private final long funeralSocialInsurance;
    private final long funeralWelfare;

    LinkedDeath(@Value("${dancu.procedures.funeral-allowance.social-insurance:23400000}") long funeralSocialInsurance,
                @Value("${dancu.procedures.funeral-allowance.welfare:10000000}") long funeralWelfare) {
        this.funeralSocialInsurance = funeralSocialInsurance;
        this.funeralWelfare = funeralWelfare;
    }

    @Override
    public int appendixNo() {
        return 16;
    }

    @Override
    public Forms.Declaration form() {
        return Deaths.DECLARATION.and(Forms.Declaration.of(flag("includeResidenceRemoval"), flag("includeFuneralAllowance"),
                choice("allowanceAgency", "SOCIAL_INSURANCE", "LABOUR").optional(), text("bankAccount").optional()));
    }

    @Override
    public List<Step> steps() {
        return List.of(Deaths.DEATH, RESIDENCE_REMOVAL, FUNERAL_ALLOWANCE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(Deaths.Death.read(v), v.flag("includeResidenceRemoval"), v.flag("includeFuneralAllowance"),
                v.text("allowanceAgency"), v.text("bankAccount"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Plan.Builder plan = Plan.builder();
        Deaths.Competence competence = Deaths.plan(form.death(), lodging, plan);
        if (form.residenceRemoval() && competence.home() == null) {
            throw ApiProblem.invalidField("includeResidenceRemoval", "NO_PERMANENT_RESIDENCE",
                    "The deceased has no permanent residence to remove");
        }
        String where = competence.home() != null ? competence.home() : competence.registrationUnit();
        if (form.residenceRemoval()) {
            plan.leg(RESIDENCE_REMOVAL, where);
        } else {
            plan.skipped(RESIDENCE_REMOVAL, where, RESIDENCE_REMOVAL.agency());
        }
        if (form.funeralAllowance()) {
            String payer = form.allowanceAgency() != null ? form.allowanceAgency() : Agency.SOCIAL_INSURANCE.name();
            plan.record("allowanceAgency", payer).leg(FUNERAL_ALLOWANCE, where, Agency.valueOf(payer));
        } else {
            plan.skipped(FUNERAL_ALLOWANCE, where, FUNERAL_ALLOWANCE.agency());
        }
        return plan.build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        if (approval.is(RESIDENCE_REMOVAL)) {
            return residenceRemoval(form.death(), approval);
        }
        if (approval.is(FUNERAL_ALLOWANCE)) {
            return funeralAllowance(form, approval);
        }
        return Deaths.register(form.death(), approval);
    }

    private static Approval.Outcome residenceRemoval(Deaths.Death death, Approval a) {
        String deceased = death.deceased().value();
        a.registry().removeResidence(deceased, new ResidenceRemoval(ResidenceType.PERMANENT.name(), a.today().toString(), a.reason()));
        return a.issue(deceased, "Họ và tên", death.deceasedFullName(),
                "Nội dung", "Xóa đăng ký thường trú do người đăng ký đã chết", "Ngày xóa", a.today().toString());
    }

    /** A decision with the amount of the day's rules; the payment itself is the paying agency's. */
    private Approval.Outcome funeralAllowance(Form form, Approval a) {
        Deaths.Death death = form.death();
        long amount = a.agency() == Agency.SOCIAL_INSURANCE ? funeralSocialInsurance : funeralWelfare;
        return a.issue(death.deceased().value(), "Người chết", death.deceasedFullName(),
                "Người nhận trợ cấp", death.applicant().fullName() + " (" + a.applicantPersonalId() + ")",
                "Số tiền", "%,d đồng".formatted(amount).replace(',', '.'),
                "Tài khoản nhận", form.bankAccount() != null ? form.bankAccount() : "Nhận tiền mặt tại cơ quan chi trả");
    }

    @Override
    public String linkedProcess() {
        return "linkedDeath";
    }

    @Override
    public String subjectNameField() {
        return "deceased.fullName";
    }
}
