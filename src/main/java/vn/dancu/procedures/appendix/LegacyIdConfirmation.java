package vn.dancu.procedures.appendix;

import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.fromRegistryOrApplicant;
import static vn.dancu.procedures.Forms.optionalAttachment;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.LegacyIdNumber;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * Procedure 1: confirming the number of the old 9-digit ID card (CMND) a citizen held, so that
 * documents issued under it stay theirs. The registry fills the number when it knows it; otherwise
 * the applicant types it and the police check it against the old card before it is linked.
 */
@Component
class LegacyIdConfirmation implements Procedure<LegacyIdConfirmation.Form> {

    static final Step CONFIRMATION = new Step("LEGACY_ID_CONFIRMATION", Agency.POLICE, 3);

    /** {@code legacyId}: null when the number typed is not one (9 digits). */
    record Form(FormValues.Applicant applicant, LegacyIdNumber legacyId) {
    }

    @Override
    public int appendixNo() {
        return 1;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistryOrApplicant("legacyId", Forms.Type.TEXT)).with(optionalAttachment("LEGACY_ID_CARD"));
    }

    @Override
    public List<Step> steps() {
        return List.of(CONFIRMATION);
    }

    @Override
    public Map<String, String> prefill(PersonView applicant) {
        return applicant.legacyIds().isEmpty() ? Map.of() : Map.of("legacyId", applicant.legacyIds().getFirst());
    }

    @Override
    public Form read(FormValues values) {
        return new Form(values.applicant(), LegacyIdNumber.parse(values.text("legacyId")).orElse(null));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        if (form.legacyId() == null) { // required: typed, but not an old ID number
            throw ApiProblem.invalidField("legacyId", "INVALID_FORMAT", "An old ID card (CMND) number has exactly 9 digits");
        }
        return Plan.of(CONFIRMATION, lodging.residenceUnit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        String applicant = approval.applicantPersonalId();
        PersonView person = approval.read(applicant, "personalId", "fullName", "dateOfBirth", "legacyIds");
        String number = form.legacyId().value();
        if (!person.legacyIds().contains(number)) {
            // checked by the officer against the old card
            approval.registry().linkLegacyId(applicant, number, approval.reason());
        }
        return approval.issue(applicant, "Họ và tên", person.fullName(), "Ngày sinh", person.dateOfBirth().toString(),
                "Số Chứng minh nhân dân đã cấp", number, "Số định danh cá nhân (số thẻ Căn cước)", applicant);
    }
}
