package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.date;
import static vn.dancu.procedures.Forms.personalId;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.ApplicationViews;
import vn.dancu.procedures.Applications;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Review;
import vn.dancu.procedures.Step;
import vn.dancu.registry.Gender;
import vn.dancu.registry.PersonalIdNumber;
import vn.dancu.registry.Registry;

/**
 * What registering a birth (9) and the linked procedure for a child under 6 (15) share: the child's
 * declaration, its checks (the registry's own rules for the registration the approval writes, at
 * lodging), the warning of a sibling with the same name and day, and the birth leg.
 */
final class Births {

    static final Step BIRTH = new Step("BIRTH", Agency.JUSTICE, 0);

    /** The child as declared; the applicant is the father or the mother by gender, the other parent is the one named. */
    static final Forms.Declaration CHILD = Forms.Declaration.of(
            text("child.fullName"), choice("child.gender", Gender.MALE.name(), Gender.FEMALE.name()), date("child.dateOfBirth"), text("child.placeOfBirth"),
            // the registry's list: the 54 ethnic groups and foreign-born persons, as the registry writes them
            choice("child.ethnicity", Registry.ethnicities()), personalId("otherParentPersonalId").optional(),
            commune("birthRegistrationUnit").optional()).with(attachment("BIRTH_CERTIFICATE"));

    /** The birth registration's fields of the registry, by the form's. */
    private static final Map<String, String> FORM_FIELDS = Map.of("fullName", "child.fullName", "gender", "child.gender",
            "dateOfBirth", "child.dateOfBirth", "placeOfBirth", "child.placeOfBirth", "ethnicity", "child.ethnicity",
            "birthRegistrationUnit", "birthRegistrationUnit");

    /**
     * {@code registrationUnit}: the commune the applicant chose, by default the commune of their residence.
     * {@code residenceUnit}, {@code residenceAddress}: the child's permanent residence (the parent's), linked procedure only.
     */
    record Child(FormValues.Applicant applicant, String fullName, Gender gender, LocalDate dateOfBirth, String placeOfBirth,
                 String ethnicity, PersonalIdNumber otherParent, String registrationUnit) {

        static Child read(FormValues v) {
            String chosen = v.text("birthRegistrationUnit");
            FormValues.Applicant applicant = v.applicant();
            return new Child(applicant, v.text("child.fullName"), v.gender("child.gender"), v.date("child.dateOfBirth"),
                    v.text("child.placeOfBirth"), v.text("child.ethnicity"), v.personalId("otherParentPersonalId"),
                    chosen != null ? chosen : applicant.residenceUnit());
        }

        String otherParentId() {
            return otherParent == null ? null : otherParent.value();
        }

        List<String> parents() {
            return Arrays.asList(applicant.personalId().value(), otherParentId());
        }
    }

    private Births() {
    }

    /** {@code linked}: the linked procedure, for children under 6 only. */
    static void check(Child child, boolean linked, Lodging lodging) {
        FieldErrors errors = lodging.errors();
        LocalDate born = child.dateOfBirth();
        LocalDate today = lodging.today();
        if (born == null) {
            // refused already by the form's rules
        } else if (born.isAfter(today)) {
            errors.add("child.dateOfBirth", "IN_FUTURE", "The date of birth is after today");
        } else if (!child.applicant().dateOfBirth().isBefore(born)) {
            errors.add("child.dateOfBirth", "BEFORE_PARENT", "The child is born before the applicant");
        } else if (linked && born.plusYears(6).isBefore(today.plusDays(1))) {
            errors.add("child.dateOfBirth", "NOT_UNDER_SIX", "The linked procedure is for children under 6");
        }
        if (child.otherParent() != null && child.otherParent().equals(child.applicant().personalId())) {
            errors.add("otherParentPersonalId", "SAME_PERSON", "The other parent is not the applicant");
        }
        registryRules(child, lodging);
    }

    /** The registry's rules for the registration the approval will write, on the form's fields. */
    private static void registryRules(Child child, Lodging lodging) {
        FieldErrors errors = lodging.errors();
        String other = child.otherParentId();
        boolean readOther = other != null && !errors.has("otherParentPersonalId");
        if (readOther) {
            // the registry's parent rules read the other parent's gender and dates: a read of them, in the access log
            lodging.read(other, "personalId", "gender", "dateOfBirth", "dateOfDeath");
        }
        String otherField = child.applicant().male() ? "motherPersonalId" : "fatherPersonalId";
        for (ApiProblem.FieldProblem p : lodging.registry().checkBirth(registration(child, null))) {
            String field = p.field().equals(otherField) ? "otherParentPersonalId"
                    : p.code().equals("BORN_AFTER_CHILD") ? "child.dateOfBirth"
                    : p.field().endsWith("PersonalId") ? "applicant.personalId"
                    : formField(p.field());
            if (!errors.has(field)) {
                errors.add(field, p.code(), p.message());
                if (readOther && field.equals("otherParentPersonalId")) {
                    lodging.refused(other, p.code());
                }
            }
        }
    }

    /** The birth leg, in the commune chosen or of the applicant's residence; after the sibling check. */
    static Plan.Builder plan(Child child, Lodging lodging) {
        Plan.Builder plan = Plan.builder();
        sameNameSibling(child, lodging, plan);
        String unit = child.registrationUnit() != null ? child.registrationUnit() : lodging.residenceUnit();
        return plan.record("birthRegistrationUnit", unit).leg(BIRTH, unit);
    }

    /**
     * A parent who already has a child of this name and date of birth: most likely the same child
     * registered again, but twins may lawfully be given the same name, so it is a warning the
     * applicant confirms past ({@link Applications#SAME_NAME_SIBLING}), not a refusal; the officer
     * sees it on the application and checks the hospital's birth certificates.
     */
    private static void sameNameSibling(Child child, Lodging lodging, Plan.Builder plan) {
        if (lodging.childrenNamed(child.fullName(), child.dateOfBirth(), child.parents()).isEmpty()) {
            return;
        }
        if (!lodging.confirmed(Applications.SAME_NAME_SIBLING)) {
            String message = "A parent already has a child of this name born on this day: confirm that this is another child (a twin)";
            throw new ApiProblem(HttpStatus.CONFLICT, Applications.SAME_NAME_SIBLING, message,
                    List.of(new ApiProblem.FieldProblem("child.fullName", Applications.SAME_NAME_SIBLING, message)));
        }
        plan.warning("Cha hoặc mẹ đã có con cùng họ tên và ngày sinh trong CSDLQGDC; người nộp xác nhận đây là trẻ khác (sinh đôi)");
    }

    /** While the birth is not registered: the children a parent already has under this name and day, read now. */
    static List<ApplicationViews.Warning> warnings(Child child, Review review) {
        if (!review.undecided(BIRTH)) {
            return List.of();
        }
        return review.childrenNamed(child.fullName(), child.dateOfBirth(), child.parents()).stream()
                .map(c -> review.warning(Applications.SAME_NAME_SIBLING, c.fullName(), c.personalId()))
                .toList();
    }

    /** Registers the birth: the child gets a personal ID number and becomes the application's subject. */
    static Approval.Outcome register(Child child, Approval a) {
        String number = a.registry().registerBirth(registration(child, a.reason()));
        return a.issueForNewPerson(number, "Họ, chữ đệm, tên", child.fullName(),
                "Giới tính", child.gender() == Gender.MALE ? "Nam" : "Nữ",
                "Ngày sinh", Iso.of(child.dateOfBirth()), "Nơi sinh", child.placeOfBirth(),
                "Dân tộc", child.ethnicity(), "Quốc tịch", "Việt Nam",
                child.applicant().male() ? "Họ tên cha" : "Họ tên mẹ", child.applicant().fullName(),
                "Nơi đăng ký khai sinh", a.communeName(child.registrationUnit()));
    }

    /** The registration the approval writes; lodging checks the same one with the registry's rules. */
    static vn.dancu.registry.BirthRegistration registration(Child child, String reason) {
        boolean applicantIsFather = child.applicant().male();
        String applicant = child.applicant().personalId().value();
        String other = child.otherParentId();
        String gender = child.gender() == null ? null : child.gender().name();
        return new vn.dancu.registry.BirthRegistration(child.fullName(), gender, Iso.of(child.dateOfBirth()), child.placeOfBirth(),
                child.registrationUnit(), "VN", child.ethnicity(), null, applicantIsFather ? applicant : other,
                applicantIsFather ? other : applicant, null, null, null, null, reason);
    }

    static String formField(String registryField) {
        return FORM_FIELDS.getOrDefault(registryField, registryField);
    }
}
