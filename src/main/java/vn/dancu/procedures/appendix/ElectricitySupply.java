package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.optionalAttachment;
import static vn.dancu.procedures.Forms.text;

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
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;

/**
 * Procedure 24: a new supply from the low-voltage grid (220/380 V). The power company of the province connects the
 * premises and signs the electricity purchase contract within 5 working days (EVN's service standard for new
 * low-voltage supply, under Circular 42/2022/TT-BCT on the electricity retail market): its approval records the
 * contract as the applicant's {@code ELECTRICITY_CONTRACT} document. Proof of the premises is asked for only when the
 * registry does not show the applicant living there.
 */
@Component
class ElectricitySupply implements Procedure<ElectricitySupply.Form> {

    static final Step SUPPLY = new Step("ELECTRICITY_SUPPLY", Agency.ELECTRICITY, 5).atProvince();

    record Form(FormValues.Applicant applicant, String supplyUnit, String supplyAddress, String usage, String phases) {
    }

    private final ElectricityContracts contracts;
    private final Options options;

    ElectricitySupply(ElectricityContracts contracts, Options options) {
        this.contracts = contracts;
        this.options = options;
    }

    @Override
    public int appendixNo() {
        return 24;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(commune("supplyUnit"), text("supplyAddress"), choice("usage", "DOMESTIC", "NON_DOMESTIC"),
                choice("phases", "SINGLE_PHASE", "THREE_PHASE")).with(optionalAttachment("PREMISES"));
    }

    @Override
    public List<Step> steps() {
        return List.of(SUPPLY);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("supplyUnit"), v.text("supplyAddress"), v.text("usage"), v.text("phases"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.supplyUnit() != null && form.supplyAddress() != null && !lodging.attached("PREMISES")
                && !ElectricityContracts.livesAt(lodging.applicant(), form.supplyUnit(), form.supplyAddress())) {
            lodging.errors().add("attachments.PREMISES", "MISSING_ATTACHMENT",
                    "The registry does not show the applicant living at this address: attach proof of the premises");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        boolean supplied = ElectricityContracts.inForce(lodging.documents(lodging.applicant().personalId(), DocumentKind.ELECTRICITY_CONTRACT),
                lodging.today()).stream().anyMatch(d -> ElectricityContracts.samePlace(d.details().get("unit"), d.details().get("address"),
                form.supplyUnit(), form.supplyAddress()));
        if (supplied) {
            throw ApiProblem.invalidField("supplyAddress", "ALREADY_SUPPLIED", "The applicant already buys electricity at this address");
        }
        return Plan.of(SUPPLY, form.supplyUnit());
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String company = "Công ty Điện lực " + a.province().name();
        String number = contracts.newNumber(a.province().code());
        a.recordDocument(a.applicantPersonalId(), new DocumentRecord(DocumentKind.ELECTRICITY_CONTRACT.name(), number, a.today().toString(),
                null, Map.of("address", form.supplyAddress(), "unit", form.supplyUnit(), "usage", form.usage(), "phases", form.phases(),
                        "application", a.applicationCode())), company);
        return a.issue(a.applicantPersonalId(), "Bên mua điện", form.applicant().fullName() + " (" + a.applicantPersonalId() + ")",
                "Bên bán điện", company, "Số hợp đồng mua bán điện", number,
                "Địa điểm sử dụng điện", form.supplyAddress() + ", " + a.communeName(form.supplyUnit()),
                "Mục đích sử dụng", options.vi("usage", form.usage()), "Công tơ", options.vi("phases", form.phases()),
                "Hiệu lực từ ngày", a.today().toString());
    }
}
