package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.optionalAttachment;
import static vn.dancu.procedures.Forms.personalId;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonalIdNumber;

/**
 * Procedure 25: the applicant takes over an electricity purchase contract from its holder (who sold, let or left the
 * premises, or died). The previous holder is named by personal ID number and checked against the registry (a read in
 * their access log), and must hold the contract in force. The power company of the province decides within 3 working
 * days (EVN's service standard for changes during a contract): the previous holder's contract ends the day before
 * the approval and the applicant's new one starts that day, both recorded as {@code ELECTRICITY_CONTRACT} documents.
 */
@Component
class ElectricityContractChange implements Procedure<ElectricityContractChange.Form> {

    static final Step CHANGE = new Step("ELECTRICITY_CONTRACT_CHANGE", Agency.ELECTRICITY, 3).atProvince();

    /** {@code previousFullName}: the registry's name of the previous holder, recorded at lodging. */
    record Form(FormValues.Applicant applicant, String contractNumber, PersonalIdNumber previousHolder, String transferReason,
                String previousFullName) {
    }

    private final ElectricityContracts contracts;
    private final Options options;

    ElectricityContractChange(ElectricityContracts contracts, Options options) {
        this.contracts = contracts;
        this.options = options;
    }

    @Override
    public int appendixNo() {
        return 25;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("contractNumber"), personalId("previousHolderPersonalId"),
                choice("transferReason", "PURCHASE", "LEASE", "INHERITANCE", "GIFT", "OTHER")).with(optionalAttachment("PREMISES"));
    }

    @Override
    public List<Step> steps() {
        return List.of(CHANGE);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("contractNumber"), v.personalId("previousHolderPersonalId"), v.text("transferReason"),
                v.text("previousHolder.fullName"));
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        String previous = form.previousHolder().value();
        if (form.previousHolder().equals(form.applicant().personalId())) {
            throw ApiProblem.invalidField("previousHolderPersonalId", "SAME_PERSON", "The applicant already holds the contract");
        }
        record Found(PersonView holder, Document contract) {
        }
        Found found = lodging.checked(previous, () -> {
            PersonView holder = lodging.read(previous, "personalId", "fullName").orElseThrow(() -> ApiProblem.invalidField(
                    "previousHolderPersonalId", "PERSON_NOT_FOUND", "No person has this personal ID number"));
            return new Found(holder, contract(lodging.documents(previous, DocumentKind.ELECTRICITY_CONTRACT), form.contractNumber(),
                    lodging.today()));
        });
        Document contract = found.contract();
        String unit = contract.details().get("unit");
        String address = contract.details().get("address");
        if (!lodging.attached("PREMISES") && !ElectricityContracts.livesAt(lodging.applicant(), unit, address)) {
            throw ApiProblem.invalidField("attachments.PREMISES", "MISSING_ATTACHMENT",
                    "The registry does not show the applicant living at the contract's address: attach proof of the premises");
        }
        return Plan.builder().subject(previous).record("previousHolder.fullName", found.holder().fullName())
                .leg(CHANGE, unit != null ? unit : lodging.residenceUnit()).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String previous = form.previousHolder().value();
        PersonView holder = a.read(previous, "personalId", "fullName");
        Document old = contract(a.documents(previous, DocumentKind.ELECTRICITY_CONTRACT), form.contractNumber(), a.today());
        String company = "Công ty Điện lực " + a.province().name();
        LocalDate ends = old.validFrom() != null && !old.validFrom().isBefore(a.today()) ? a.today() : a.today().minusDays(1);
        Map<String, String> ended = new LinkedHashMap<>(old.details());
        ended.put("ended", ends + " " + a.applicationCode());
        a.recordDocument(previous, new DocumentRecord(DocumentKind.ELECTRICITY_CONTRACT.name(), old.number(), Iso.of(old.validFrom()),
                ends.toString(), ended), company);
        String number = contracts.newNumber(a.province().code());
        Map<String, String> details = new LinkedHashMap<>();
        for (String kept : List.of("address", "unit", "usage", "phases")) {
            if (old.details().get(kept) != null) {
                details.put(kept, old.details().get(kept));
            }
        }
        details.put("previousContract", old.number());
        details.put("application", a.applicationCode());
        a.recordDocument(a.applicantPersonalId(), new DocumentRecord(DocumentKind.ELECTRICITY_CONTRACT.name(), number, a.today().toString(),
                null, details), company);
        return a.issue(a.applicantPersonalId(), "Bên mua điện mới", form.applicant().fullName() + " (" + a.applicantPersonalId() + ")",
                "Bên mua điện trước", holder.fullName() + " (" + previous + ")", "Bên bán điện", company,
                "Hợp đồng chấm dứt", old.number() + ", ngày " + ends, "Hợp đồng mới", number + ", hiệu lực từ ngày " + a.today(),
                "Địa điểm sử dụng điện", details.getOrDefault("address", "") + ", " + a.communeName(details.get("unit")),
                "Lý do thay đổi", options.vi("transferReason", form.transferReason()));
    }

    /** The holder's contract of that number, in force; refused as the form's field otherwise. */
    private static Document contract(List<Document> documents, String number, LocalDate today) {
        return ElectricityContracts.inForce(documents, number, today).orElseThrow(() -> ApiProblem.invalidField("contractNumber",
                "CONTRACT_NOT_FOUND", "The person named holds no contract in force with this number"));
    }

    @Override
    public String subjectNameField() {
        return "previousHolder.fullName";
    }
}
