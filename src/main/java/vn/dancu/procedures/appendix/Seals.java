package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.text;

import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.registry.AddressText;

/**
 * What registering a seal (13) and a small, embossed or wax seal (14) share: the organisation that
 * will use it, at its seat, with its deed of establishment (Decree 99/2016/NĐ-CP on seals, as amended
 * by Decree 56/2023/NĐ-CP). They change no person's record: the result is the certificate of seal
 * sample registration, issued to the applicant for the organisation.
 */
final class Seals {

    static final Forms.Declaration ORGANISATION = Forms.Declaration.of(text("organisation"), text("establishmentDeed"),
            commune("organisationUnit"), text("organisationAddress")).with(attachment("ESTABLISHMENT"));
    static final String ISSUER = "Công an tỉnh, thành phố (Phòng Cảnh sát quản lý hành chính về trật tự xã hội)";

    /** The organisation as the form names it: its seat is where the police register its seal. */
    record Organisation(String name, String deed, String unit, String address) {

        static Organisation of(FormValues v) {
            return new Organisation(v.text("organisation"), v.text("establishmentDeed"), v.text("organisationUnit"),
                    v.text("organisationAddress"));
        }
    }

    private Seals() {
    }

    static Approval.Outcome certificate(Approval a, FormValues.Applicant applicant, Organisation o, String sealVi) {
        return a.issue(a.applicantPersonalId(), "Tên cơ quan, tổ chức", o.name(), "Văn bản thành lập", o.deed(),
                "Trụ sở", AddressText.of(o.address(), a.communeName(o.unit())), "Loại con dấu", sealVi,
                "Người nộp hồ sơ", applicant.fullName() + " (" + a.applicantPersonalId() + ")", "Ngày đăng ký", a.today().toString(),
                "Số giấy chứng nhận", a.applicationCode(), "Cơ quan cấp", ISSUER);
    }
}
