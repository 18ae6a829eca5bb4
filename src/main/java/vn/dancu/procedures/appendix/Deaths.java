package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.date;
import static vn.dancu.procedures.Forms.personalId;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Prefill;
import vn.dancu.procedures.Step;
import vn.dancu.registry.DeathRecord;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonStatus;
import vn.dancu.registry.PersonalIdNumber;

/**
 * What registering a death (10) and the linked procedure after a death (16) share: the declaration,
 * the checks of the deceased, the commune competent to register it, and the death leg.
 */
final class Deaths {

    static final Step DEATH = new Step("DEATH", Agency.JUSTICE, 0);

    /** A death declared more than this many days after it is late (Law on Civil Status 2014, Art. 33). */
    static final int LATE_DAYS = 15;

    static final Forms.Declaration DECLARATION = Forms.Declaration.of(personalId("deceasedPersonalId"), date("dateOfDeath"),
            text("placeOfDeath"), text("relationship"), commune("registrationUnit").optional()).with(attachment("DEATH_NOTICE"));

    /**
     * {@code deceasedFullName}: the registry's, recorded at lodging; {@code registrationUnit}: the commune
     * the applicant chose, recorded at lodging as the deceased's when they left it.
     */
    record Death(FormValues.Applicant applicant, PersonalIdNumber deceased, LocalDate dateOfDeath, String placeOfDeath,
                 String relationship, String registrationUnit, String deceasedFullName) {

        static Death read(FormValues v) {
            return new Death(v.applicant(), v.personalId("deceasedPersonalId"), v.date("dateOfDeath"), v.text("placeOfDeath"),
                    v.text("relationship"), v.text("registrationUnit"), v.text("deceased.fullName"));
        }
    }

    /** Where the death is registered, and the deceased's last permanent residence (null if none). */
    record Competence(String registrationUnit, String home) {
    }

    private Deaths() {
    }

    /** The checks of the deceased and the death leg; the plan's subject is the deceased. */
    static Competence plan(Death death, Lodging lodging, Plan.Builder plan) {
        PersonView deceased = deceased(death, lodging, plan);
        plan.subject(deceased.personalId());
        String home = Prefill.permanent(deceased).map(r -> Prefill.inForce(r.unit())).orElse(null);
        String unit = death.registrationUnit() != null ? death.registrationUnit() : home;
        if (home != null && !home.equals(unit)) {
            // the commune of the last permanent residence registers the death (Luật Hộ tịch, Điều 32)
            throw ApiProblem.invalidField("registrationUnit", "NOT_COMPETENT",
                    "The commune of the deceased's permanent residence registers the death: leave the field empty");
        }
        if (unit == null) {
            throw ApiProblem.invalidField("registrationUnit", "REQUIRED",
                    "The deceased had no permanent residence: name the commune that registers the death");
        }
        plan.record("registrationUnit", unit).leg(DEATH, unit);
        return new Competence(unit, home);
    }

    private static PersonView deceased(Death death, Lodging lodging, Plan.Builder plan) {
        String id = death.deceased().value();
        if (death.deceased().equals(death.applicant().personalId())) {
            throw ApiProblem.invalidField("deceasedPersonalId", "SAME_PERSON", "The applicant declares someone else's death");
        }
        if (death.dateOfDeath().isAfter(lodging.today())) {
            throw ApiProblem.invalidField("dateOfDeath", "IN_FUTURE", "The date of death is after today");
        }
        PersonView deceased = lodging.checked(id, () -> {
            PersonView found = lodging.read(id, "personalId", "fullName", "status", "residences")
                    .orElseThrow(() -> ApiProblem.invalidField("deceasedPersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number"));
            if (!PersonStatus.ALIVE.name().equals(found.status()) && !PersonStatus.MISSING.name().equals(found.status())) {
                throw ApiProblem.invalidField("deceasedPersonalId", "DEATH_ALREADY_REGISTERED", "The death of this person is registered");
            }
            return found;
        });
        if (death.dateOfDeath().plusDays(LATE_DAYS).isBefore(lodging.today())) {
            plan.warning("Khai tử quá hạn 15 ngày kể từ ngày chết (Luật Hộ tịch, Điều 33)");
        }
        plan.record("deceased.fullName", deceased.fullName());
        return deceased;
    }

    /** Records the death in the registry, and the extract of the death register. */
    static Approval.Outcome register(Death death, Approval a) {
        String deceased = death.deceased().value();
        a.registry().recordDeath(deceased, new DeathRecord(Iso.of(death.dateOfDeath()), death.placeOfDeath(),
                "Giấy báo tử, hồ sơ " + a.applicationCode(), a.reason()));
        return a.issue(deceased, "Họ và tên người chết", death.deceasedFullName(),
                "Ngày chết", Iso.of(death.dateOfDeath()), "Nơi chết", death.placeOfDeath(),
                "Người đi khai tử", death.applicant().fullName() + " (" + death.relationship() + ")",
                "Nơi đăng ký", a.communeName(death.registrationUnit()));
    }
}
