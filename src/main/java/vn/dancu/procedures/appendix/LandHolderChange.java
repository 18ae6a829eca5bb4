package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.fromRegistry;
import static vn.dancu.procedures.Forms.fromRegistryOrApplicant;
import static vn.dancu.procedures.Forms.optionalAttachment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Text;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Prefill;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * Procedure 19: registering a change on a land use certificate because the holder's details changed (name, ID papers,
 * address). The certificate is one of the applicant's documents in the registry, and so are the new details: the
 * applicant names the certificate (the registry fills it when they hold only one), the platform compares the holder's
 * details on it with the registry's, and the land registration office of the province writes the registry's onto it
 * within 10 working days (Decree 101/2024/NĐ-CP on land registration, Art. 22; <em>unconfirmed</em>: docs/procedures.md).
 */
@Component
class LandHolderChange implements Procedure<LandHolderChange.Form> {

    static final Step CHANGE = new Step("LAND_HOLDER_CHANGE", Agency.LAND, 10).atProvince();

    /** The holder's details a certificate carries, with the registry's value each is compared with. */
    enum Detail {
        holderName("Họ và tên người sử dụng đất"), holderIdNumber("Giấy tờ nhân thân (số)"), holderAddress("Địa chỉ");

        final String labelVi;

        Detail(String labelVi) {
            this.labelVi = labelVi;
        }

        String of(PersonView person) {
            return switch (this) {
                case holderName -> person.fullName();
                case holderIdNumber -> person.personalId();
                case holderAddress -> Prefill.permanent(person).map(r -> r.formatted()).orElse(null);
            };
        }
    }

    record Form(FormValues.Applicant applicant, String certificateNumber) {
    }

    @Override
    public int appendixNo() {
        return 19;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistryOrApplicant("certificateNumber", Forms.Type.TEXT),
                fromRegistry("holder.fullName", Forms.Type.TEXT), fromRegistry("holder.idNumber", Forms.Type.TEXT),
                fromRegistry("holder.address", Forms.Type.TEXT)).with(optionalAttachment("LAND_CERTIFICATE"));
    }

    @Override
    public List<Step> steps() {
        return List.of(CHANGE);
    }

    @Override
    public Set<DocumentKind> prefillDocuments() {
        return Set.of(DocumentKind.LAND_USE_CERTIFICATE);
    }

    /** The details the certificate will carry are the registry's; the certificate too, when the applicant holds one. */
    @Override
    public Map<String, String> prefill(PersonView applicant, List<Document> documents) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("holder.fullName", Detail.holderName.of(applicant));
        values.put("holder.idNumber", Detail.holderIdNumber.of(applicant));
        values.put("holder.address", Detail.holderAddress.of(applicant));
        List<Document> certificates = documents.stream().filter(d -> d.kind().equals(DocumentKind.LAND_USE_CERTIFICATE.name())).toList();
        if (certificates.size() == 1) {
            values.put("certificateNumber", certificates.getFirst().number());
        }
        values.values().removeIf(v -> v == null);
        return values;
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("certificateNumber"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Document certificate = certificate(lodging.documents(lodging.applicant().personalId(), DocumentKind.LAND_USE_CERTIFICATE),
                form.certificateNumber());
        List<Detail> changed = changes(certificate, lodging.applicant());
        if (changed.isEmpty()) {
            throw ApiProblem.invalidField("certificateNumber", "NOTHING_TO_CHANGE",
                    "The holder's details on this certificate are the registry's already");
        }
        String parcelUnit = certificate.details().get("unit");
        return Plan.builder().record("changes", String.join(",", changed.stream().map(Enum::name).toList()))
                .leg(CHANGE, parcelUnit != null ? parcelUnit : lodging.residenceUnit()).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String applicant = a.applicantPersonalId();
        PersonView holder = a.read(applicant, "personalId", "fullName", "residences");
        Document certificate = certificate(a.documents(applicant, DocumentKind.LAND_USE_CERTIFICATE), form.certificateNumber());
        Map<String, String> details = new LinkedHashMap<>(certificate.details());
        List<String> lines = new ArrayList<>(List.of("Giấy chứng nhận số", certificate.number(),
                "Thửa đất", details.getOrDefault("parcel", "") + ", " + details.getOrDefault("address", "")));
        for (Detail detail : changes(certificate, holder)) {
            lines.addAll(List.of(detail.labelVi, "từ \"" + details.getOrDefault(detail.name(), "") + "\" thành \"" + detail.of(holder) + "\""));
            details.put(detail.name(), detail.of(holder));
        }
        details.put("changeRegistered", a.today() + " " + a.applicationCode());
        a.recordDocument(applicant, new DocumentRecord(DocumentKind.LAND_USE_CERTIFICATE.name(), certificate.number(),
                Iso.of(certificate.validFrom()), Iso.of(certificate.validTo()), details), "Văn phòng đăng ký đất đai " + a.province().name());
        lines.addAll(List.of("Nội dung biến động", "Thay đổi thông tin về người được cấp Giấy chứng nhận theo Cơ sở dữ liệu quốc gia về dân cư",
                "Ngày đăng ký biến động", a.today().toString()));
        return a.issue(applicant, lines.toArray(String[]::new));
    }

    private static Document certificate(List<Document> certificates, String number) {
        return certificates.stream().filter(d -> d.number().equals(number)).findFirst()
                .orElseThrow(() -> ApiProblem.invalidField("certificateNumber", "CERTIFICATE_NOT_FOUND",
                        "The registry has no land use certificate of the applicant with this number"));
    }

    /** The details on the certificate that differ from the registry's, ignoring case, spacing and diacritics. */
    static List<Detail> changes(Document certificate, PersonView holder) {
        List<Detail> changed = new ArrayList<>();
        for (Detail detail : Detail.values()) {
            String now = detail.of(holder);
            if (now != null && !Text.searchKey(now).equals(Text.searchKey(certificate.details().getOrDefault(detail.name(), "")))) {
                changed.add(detail);
            }
        }
        return changed;
    }
}
