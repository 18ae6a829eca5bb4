package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.commune;
import static vn.dancu.procedures.Forms.fromRegistry;
import static vn.dancu.procedures.Forms.text;

import java.util.LinkedHashMap;
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
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.Document;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * Procedure 18: the first tax registration of an individual or a household business, or a change of its registered
 * details. Since 1 July 2025 the personal ID number is the tax code of individuals and household businesses
 * (Circular 86/2024/TT-BTC, Art. 5): nothing is issued but the registration itself, which the tax office of the
 * province records as the applicant's {@code TAX_CODE} document within 3 working days (Law on Tax Administration
 * 38/2019/QH14, Art. 34(2) and 36).
 */
@Component
class TaxRegistration implements Procedure<TaxRegistration.Form> {

    static final Step REGISTRATION = new Step("TAX_REGISTRATION", Agency.TAX, 3).atProvince();

    /** The details a registration records besides what the registry holds (name, birth, ID, residence). */
    static final List<String> DETAILS = List.of("businessName", "businessUnit", "businessAddress", "phone", "email", "bankAccount");

    record Form(FormValues.Applicant applicant, String registrationType, String taxpayerType, Map<String, String> details) {

        boolean householdBusiness() {
            return "HOUSEHOLD_BUSINESS".equals(taxpayerType);
        }
    }

    @Override
    public int appendixNo() {
        return 18;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistry("taxCode", Forms.Type.TEXT), choice("registrationType", "FIRST", "CHANGE"),
                choice("taxpayerType", "INDIVIDUAL", "HOUSEHOLD_BUSINESS"), text("businessName").optional(),
                commune("businessUnit").optional(), text("businessAddress").optional(), text("phone").optional(),
                text("email").optional(), text("bankAccount").optional().labelled("tax"));
    }

    @Override
    public List<Step> steps() {
        return List.of(REGISTRATION);
    }

    /** The tax code is the personal ID number (Circular 86/2024/TT-BTC): shown, never typed. */
    @Override
    public Map<String, String> prefill(PersonView applicant) {
        return Map.of("taxCode", applicant.personalId());
    }

    @Override
    public Form read(FormValues v) {
        Map<String, String> details = new LinkedHashMap<>();
        DETAILS.forEach(name -> Optional.ofNullable(v.text(name)).ifPresent(value -> details.put(name, value)));
        return new Form(v.applicant(), v.text("registrationType"), v.text("taxpayerType"), details);
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.householdBusiness()) {
            for (String name : List.of("businessName", "businessUnit", "businessAddress")) {
                if (!form.details().containsKey(name)) {
                    lodging.errors().add(name, "REQUIRED", "A household business registers its name and place of business");
                }
            }
        }
        Optional.ofNullable(form.details().get("phone")).filter(p -> !p.matches("\\+?[0-9]{9,15}"))
                .ifPresent(p -> lodging.errors().add("phone", "INVALID_FORMAT", "A phone number of 9 to 15 digits"));
        Optional.ofNullable(form.details().get("email")).filter(e -> !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+"))
                .ifPresent(e -> lodging.errors().add("email", "INVALID_FORMAT", "An e-mail address such as ten@example.vn"));
        Optional.ofNullable(form.details().get("bankAccount")).filter(b -> !b.matches("[0-9]{6,20}"))
                .ifPresent(b -> lodging.errors().add("bankAccount", "INVALID_FORMAT", "A bank account number of 6 to 20 digits"));
        if ("CHANGE".equals(form.registrationType()) && form.details().isEmpty()) {
            lodging.errors().add("registrationType", "NOTHING_TO_CHANGE", "Give the details that change");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        Optional<Document> registered = lodging.documents(lodging.applicant().personalId(), DocumentKind.TAX_CODE).stream().findFirst();
        if ("FIRST".equals(form.registrationType()) && registered.isPresent()) {
            throw ApiProblem.invalidField("registrationType", "ALREADY_REGISTERED", "The applicant is registered for tax: ask for a change");
        }
        if ("CHANGE".equals(form.registrationType()) && registered.isEmpty()) {
            throw ApiProblem.invalidField("registrationType", "NOT_REGISTERED", "The applicant is not registered for tax yet: ask for a first registration");
        }
        String unit = form.householdBusiness() ? form.details().get("businessUnit") : lodging.residenceUnit();
        return Plan.of(REGISTRATION, unit);
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String applicant = a.applicantPersonalId();
        Optional<Document> registered = a.documents(applicant, DocumentKind.TAX_CODE).stream().findFirst();
        Map<String, String> details = new LinkedHashMap<>(registered.map(Document::details).orElse(Map.of()));
        details.putAll(form.details());
        details.put("taxpayerType", form.taxpayerType());
        details.put("taxOffice", "Thuế " + a.province().name());
        String from = registered.map(d -> d.validFrom()).map(Object::toString).orElse(a.today().toString());
        a.recordDocument(applicant, new DocumentRecord(DocumentKind.TAX_CODE.name(), applicant, from, null, details),
                "Thuế " + a.province().name());
        return a.issue(applicant, "Người nộp thuế", form.applicant().fullName(),
                "Mã số thuế", applicant + " (số định danh cá nhân, Thông tư 86/2024/TT-BTC)",
                "Loại đăng ký", "FIRST".equals(form.registrationType()) ? "Đăng ký thuế lần đầu" : "Thay đổi thông tin đăng ký thuế",
                "Người nộp thuế là", form.householdBusiness() ? "Hộ kinh doanh " + form.details().get("businessName") : "Cá nhân",
                "Địa điểm kinh doanh", form.householdBusiness()
                        ? form.details().get("businessAddress") + ", " + a.communeName(form.details().get("businessUnit")) : "",
                "Cơ quan thuế quản lý", "Thuế " + a.province().name(), "Ngày đăng ký", a.today().toString());
    }
}
