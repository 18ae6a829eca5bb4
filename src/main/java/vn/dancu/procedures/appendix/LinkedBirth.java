package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.fromRegistry;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.ApplicationViews;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Prefill;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Review;
import vn.dancu.procedures.Step;
import vn.dancu.registry.AddressText;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.HouseholdMembership;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonFinder.ResidenceView;
import vn.dancu.registry.Relationship;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceType;
import vn.dancu.units.AdministrativeUnit;

/**
 * Procedure 15, linked (Decree 63/2024): a child under 6 is registered at birth, given the
 * permanent residence of the parent who applies (and joins their household), and a free health
 * insurance card. Run by the BPMN process {@code linkedBirth}: a refused leg ends the ones after it.
 */
@Component
class LinkedBirth implements Procedure<LinkedBirth.Form> {

    static final Step CHILD_RESIDENCE = new Step("CHILD_RESIDENCE", Agency.POLICE, 2);
    static final Step CHILD_HEALTH_INSURANCE = new Step("CHILD_HEALTH_INSURANCE", Agency.SOCIAL_INSURANCE, 2);

    /** {@code residenceUnit}, {@code residenceAddress}: the parent's permanent residence, where the child is registered. */
    record Form(Births.Child child, String residenceUnit, String residenceAddress) {
    }

    @Override
    public int appendixNo() {
        return 15;
    }

    @Override
    public Forms.Declaration form() {
        return Births.CHILD.and(Forms.Declaration.of(fromRegistry("residence.address", Forms.Type.TEXT),
                fromRegistry("residence.unit", Forms.Type.COMMUNE)));
    }

    @Override
    public List<Step> steps() {
        return List.of(Births.BIRTH, CHILD_RESIDENCE, CHILD_HEALTH_INSURANCE);
    }

    @Override
    public Map<String, String> prefill(PersonView applicant) {
        ResidenceView home = Prefill.permanent(applicant).orElseThrow(() -> ApiProblem.conflict("NO_PERMANENT_RESIDENCE",
                "The applicant has no permanent residence for the child to be registered at"));
        return Map.of("residence.address", home.addressLine(), "residence.unit", Prefill.inForce(home.unit()));
    }

    @Override
    public Form read(FormValues values) {
        return new Form(Births.Child.read(values), values.text("residence.unit"), values.text("residence.address"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        Births.check(form.child(), true, lodging);
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Births.plan(form.child(), lodging)
                .leg(CHILD_RESIDENCE, form.residenceUnit())
                .leg(CHILD_HEALTH_INSURANCE, form.residenceUnit())
                .build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        if (approval.is(CHILD_RESIDENCE)) {
            return residence(form, approval);
        }
        if (approval.is(CHILD_HEALTH_INSURANCE)) {
            return healthInsurance(form, approval);
        }
        return Births.register(form.child(), approval);
    }

    private Approval.Outcome residence(Form form, Approval a) {
        String child = a.subjectPersonalId();
        a.registry().registerResidence(child, new ResidenceRegistration(ResidenceType.PERMANENT.name(), form.residenceUnit(),
                form.residenceAddress(), a.today().toString(), null, a.reason()));
        PersonView parent = a.read(a.applicantPersonalId(), "personalId", "household");
        if (parent.household() != null) {
            a.registry().addHouseholdMember(parent.household().id(), new HouseholdMembership(child,
                    relationshipToHead(parent.relationshipToHead()), a.reason()));
        }
        return a.issue(child, "Họ và tên", form.child().fullName(),
                "Nơi thường trú", AddressText.of(form.residenceAddress(), a.communeName(form.residenceUnit())),
                "Chủ hộ", parent.household() == null ? "" : parent.household().headPersonalId());
    }

    /** The child is the head's child when the parent heads the household or is the head's spouse. */
    static String relationshipToHead(String parentRelationship) {
        Relationship parent = parentRelationship == null ? Relationship.HEAD : Relationship.valueOf(parentRelationship);
        Relationship child = switch (parent) {
            case HEAD, SPOUSE -> Relationship.CHILD;
            case CHILD -> Relationship.GRANDCHILD;
            default -> Relationship.OTHER_RELATIVE;
        };
        return child.name();
    }

    /**
     * A child under 6 gets a free card (Law on Health Insurance, Art. 12 and 16): code TE1, the
     * province's two digits and the last ten digits of the personal ID number; valid until the child
     * is 72 months old, or until 30 September of that year when the birthday falls before it.
     */
    private Approval.Outcome healthInsurance(Form form, Approval a) {
        String child = a.subjectPersonalId();
        LocalDate born = form.child().dateOfBirth();
        AdministrativeUnit province = a.province();
        String number = "TE1" + province.code() + child.substring(2);
        LocalDate validTo = validTo(born);
        a.recordDocument(child, new DocumentRecord(DocumentKind.HEALTH_INSURANCE_CARD.name(), number, born.toString(), validTo.toString(),
                Map.of("beneficiary", "TE", "application", a.applicationCode())), "BHXH " + province.name());
        return a.issue(child, "Họ và tên", form.child().fullName(), "Mã số thẻ", number,
                "Ngày sinh", born.toString(), "Giá trị sử dụng", born + " đến " + validTo,
                "Nơi đăng ký khám chữa bệnh ban đầu", "Trạm y tế " + a.communeName(form.residenceUnit()));
    }

    static LocalDate validTo(LocalDate born) {
        LocalDate sixth = born.plusYears(6);
        LocalDate schoolStart = MonthDay.of(9, 30).atYear(sixth.getYear());
        return sixth.isBefore(schoolStart) ? schoolStart : sixth.minusDays(1);
    }

    @Override
    public String formField(String registryField) {
        return Births.formField(registryField);
    }

    @Override
    public String linkedProcess() {
        return "linkedBirth";
    }

    @Override
    public String subjectNameField() {
        return "child.fullName";
    }

    @Override
    public List<ApplicationViews.Warning> warnings(Form form, Review review) {
        return Births.warnings(form.child(), review);
    }
}
