package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.flag;
import static vn.dancu.procedures.Forms.optionalAttachment;
import static vn.dancu.procedures.Forms.personalId;
import static vn.dancu.procedures.Forms.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Prefill;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonalIdNumber;

/**
 * Procedure 22: a criminal record certificate (Phiếu lý lịch tư pháp, Law on Judicial Records 28/2009/QH12), issued by
 * the department of justice of the province where the person it is about lives, within 10 working days (Art. 48).
 * Form 1 shows the convictions not expunged, and bans on holding positions only when asked (Art. 42); form 2 shows
 * every conviction, expunged ones included, and the bans (Art. 43), and is issued only to the person themself
 * (Art. 46). A person may ask for someone else's form 1 with that person's written authorisation (Art. 45). The
 * convictions come from {@link CriminalRecords}; the certificate is recorded as the person's document.
 */
@Component
class CriminalRecordCertificate implements Procedure<CriminalRecordCertificate.Form> {

    static final Step CERTIFICATE = new Step("CRIMINAL_RECORD_CERTIFICATE", Agency.JUSTICE, 10).atProvince();

    /**
     * {@code subject}: whom the certificate is about, the applicant unless they ask for someone who authorised them;
     * {@code subjectFullName}: the registry's, recorded at lodging.
     */
    record Form(FormValues.Applicant applicant, String certificateForm, PersonalIdNumber subject, String purpose,
                boolean includeBans, String subjectFullName) {

        boolean formTwo() {
            return "FORM_2".equals(certificateForm);
        }

        boolean forOther() {
            return subject != null && !subject.equals(applicant.personalId());
        }
    }

    private final CriminalRecords records;

    CriminalRecordCertificate(CriminalRecords records) {
        this.records = records;
    }

    @Override
    public int appendixNo() {
        return 22;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(choice("certificateForm", "FORM_1", "FORM_2"), personalId("subjectPersonalId").optional(),
                text("purpose"), flag("includeBans")).with(optionalAttachment("AUTHORISATION"));
    }

    @Override
    public List<Step> steps() {
        return List.of(CERTIFICATE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("certificateForm"), v.personalId("subjectPersonalId"), v.text("purpose"),
                v.flag("includeBans"), v.text("subject.fullName"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.forOther() && form.formTwo()) {
            lodging.errors().add("subjectPersonalId", "FORM_2_ONLY_FOR_ONESELF",
                    "Form 2 is issued only to the person it is about (Law on Judicial Records, Art. 46)");
        }
        if (form.forOther() && !lodging.attached("AUTHORISATION")) {
            lodging.errors().add("attachments.AUTHORISATION", "MISSING_ATTACHMENT",
                    "Asking for someone else's certificate needs their written authorisation");
        }
        if (form.formTwo() && form.includeBans()) {
            lodging.errors().add("includeBans", "NOT_CHOSEN", "Form 2 always shows the bans");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Plan.Builder plan = Plan.builder();
        PersonView subject = lodging.applicant();
        if (form.forOther()) {
            String id = form.subject().value();
            subject = lodging.checked(id, () -> lodging.read(id, "personalId", "fullName", "residences", "currentResidence")
                    .orElseThrow(() -> ApiProblem.invalidField("subjectPersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number")));
            plan.subject(id).record("subject.fullName", subject.fullName());
        }
        return plan.leg(CERTIFICATE, home(subject)).build();
    }

    /** The department of justice of the province of permanent residence issues it, else that of the current residence. */
    private static String home(PersonView person) {
        return Prefill.permanent(person).map(r -> Prefill.inForce(r.unit())).or(() -> Optional.ofNullable(person.currentResidence()).map(r -> Prefill.inForce(r.unit())))
                .orElseThrow(() -> ApiProblem.conflict("NO_RESIDENCE", "The registry has no residence for the person the certificate is about"));
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String subject = a.subjectPersonalId() != null ? a.subjectPersonalId() : a.applicantPersonalId();
        PersonView person = a.read(subject, "personalId", "fullName", "dateOfBirth", "gender", "placeOfBirth", "nationality", "residences");
        // form 1 shows the convictions not expunged, form 2 every one (Law on Judicial Records, Art. 42-43)
        List<CriminalRecords.Conviction> convictions = records.convictions(subject).stream()
                .filter(c -> form.formTwo() || !c.expunged()).toList();
        String number = a.applicationCode().replace("HS-", "LLTP-");
        List<String> lines = new ArrayList<>(List.of("Phiếu lý lịch tư pháp số", (form.formTwo() ? "2" : "1") + " - " + number,
                "Họ và tên", person.fullName(), "Ngày sinh", person.dateOfBirth().toString(), "Nơi sinh", person.placeOfBirth(),
                "Số định danh cá nhân", subject, "Nơi thường trú", Prefill.permanent(person).map(r -> r.formatted()).orElse("")));
        if (convictions.isEmpty()) {
            lines.addAll(List.of("Tình trạng án tích", "Không có án tích"));
        }
        for (int i = 0; i < convictions.size(); i++) {
            CriminalRecords.Conviction c = convictions.get(i);
            lines.addAll(List.of("Án tích " + (i + 1), "Bản án số " + c.judgment() + " ngày " + c.judgedOn() + " của " + c.court()
                    + ": " + c.offence() + "; " + c.sentence() + (c.expunged() ? "; đã được xóa án tích ngày " + c.expungedOn() : "")));
        }
        if (form.formTwo() || form.includeBans()) {
            String bans = convictions.stream().filter(c -> c.bans() != null)
                    .map(CriminalRecords.Conviction::bans).reduce((x, y) -> x + "; " + y)
                    .orElse("Không bị cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã");
            lines.addAll(List.of("Thông tin về cấm đảm nhiệm chức vụ, thành lập, quản lý doanh nghiệp, hợp tác xã", bans));
        }
        lines.addAll(List.of("Mục đích sử dụng", form.purpose(), "Cơ quan cấp", "Sở Tư pháp " + a.province().name(),
                "Ngày cấp", a.today().toString()));
        a.recordDocument(subject, new DocumentRecord(DocumentKind.CRIMINAL_RECORD_CERTIFICATE.name(), number, a.today().toString(), null,
                Map.of("form", form.formTwo() ? "2" : "1", "convictions", String.valueOf(convictions.size()),
                        "application", a.applicationCode())), "Sở Tư pháp " + a.province().name());
        return a.issue(subject, lines.toArray(String[]::new));
    }

    @Override
    public String subjectNameField() {
        return "subject.fullName";
    }
}
