package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.date;
import static vn.dancu.procedures.Forms.personalId;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Text;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.AddressText;
import vn.dancu.registry.PersonalIdNumber;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceType;

/**
 * Procedure 6: a host or an accommodation notifies the stay of a guest. The guest is named by the
 * host: the name must match the registry's for the number, and the registry's is not shown.
 */
@Component
class StayNotification implements Procedure<StayNotification.Form> {

    static final Step NOTIFICATION = new Step("STAY_NOTIFICATION", Agency.POLICE, 0);

    record Form(FormValues.Applicant applicant, String hostType, String accommodationName, PersonalIdNumber guest,
                String guestFullName, String unit, String addressLine, LocalDate from, LocalDate to) {
    }

    @Override
    public int appendixNo() {
        return 6;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(choice("hostType", "HOST", "ACCOMMODATION"), text("accommodationName").optional(),
                personalId("guestPersonalId"), text("guestFullName"), commune("unit").labelled("stay"),
                text("addressLine").labelled("stay"), date("from").labelled("stay"), date("to").labelled("stay"));
    }

    @Override
    public List<Step> steps() {
        return List.of(NOTIFICATION);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("hostType"), v.text("accommodationName"), v.personalId("guestPersonalId"),
                v.text("guestFullName"), v.text("unit"), v.text("addressLine"), v.date("from"), v.date("to"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Lodging.requireOrder("from", form.from(), "to", form.to());
        String guest = form.guest().value();
        lodging.checked(guest, () -> {
            var found = lodging.read(guest, "personalId", "fullName");
            if (found.isEmpty() || !Text.searchKey(found.get().fullName()).equals(Text.searchKey(form.guestFullName()))) {
                throw ApiProblem.invalidField("guestFullName", "GUEST_MISMATCH",
                        "The personal ID number and the name do not belong to the same person");
            }
            return guest;
        });
        return Plan.builder().leg(NOTIFICATION, form.unit()).subject(guest).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval approval) {
        String guest = form.guest().value();
        approval.registry().registerResidence(guest, new ResidenceRegistration(ResidenceType.STAY_NOTIFICATION.name(), form.unit(),
                form.addressLine(), Iso.of(form.from()), Iso.of(form.to()), approval.reason()));
        return approval.issue(guest, "Người lưu trú", form.guestFullName(),
                "Nơi lưu trú", AddressText.of(form.addressLine(), approval.communeName(form.unit())),
                "Từ ngày", Iso.of(form.from()), "Đến ngày", Iso.of(form.to()), "Người thông báo", form.applicant().fullName());
    }

    @Override
    public String subjectNameField() {
        return "guestFullName";
    }
}
