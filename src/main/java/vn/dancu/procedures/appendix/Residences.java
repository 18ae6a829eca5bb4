package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.text;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.Forms;
import vn.dancu.registry.AddressText;
import vn.dancu.registry.ResidenceRegistration;
import vn.dancu.registry.ResidenceType;

/** What registering a permanent (3) or a temporary (4) residence share: the address and its registration. */
final class Residences {

    /** The new residence: the commune (whose police register it) and the address line. */
    static final Forms.Declaration ADDRESS = Forms.Declaration.of(commune("unit"), text("addressLine"))
            .with(attachment("LAWFUL_RESIDENCE"));

    private Residences() {
    }

    /** Registers the applicant's residence of {@code type} from today, and the notice of it. */
    static Approval.Outcome register(Approval a, ResidenceType type, String fullName, String unit, String addressLine, LocalDate to) {
        a.registry().registerResidence(a.applicantPersonalId(), new ResidenceRegistration(type.name(), unit, addressLine,
                a.today().toString(), Iso.of(to), a.reason()));
        return a.issue(a.applicantPersonalId(), "Họ và tên", fullName,
                "Nơi đăng ký", AddressText.of(addressLine, a.communeName(unit)),
                "Từ ngày", a.today().toString(), "Đến ngày", to == null ? "" : to.toString());
    }
}
