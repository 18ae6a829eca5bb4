package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.date;
import static vn.dancu.procedures.Forms.fromRegistryOrApplicant;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
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
import vn.dancu.registry.PersonFinder.PersonView;

/**
 * Procedure 23: the unemployment benefit. The worker applies within 3 months of the end of their contract
 * (Law on Employment 38/2013/QH13, Art. 46(1)) at the employment service centre of their province, which decides
 * within 20 working days (Art. 46(3); Decree 28/2015/NĐ-CP, Art. 18): the benefit of {@link UnemploymentBenefitRule},
 * paid monthly by social insurance from the 16th day after the application (Art. 50(3)). The last employer, the
 * months of contributions and the average salary of the last 6 months come from the social insurance book when the
 * registry holds it, and are declared otherwise.
 */
@Component
class UnemploymentBenefit implements Procedure<UnemploymentBenefit.Form> {

    static final Step DECISION = new Step("UNEMPLOYMENT_BENEFIT", Agency.LABOUR, 20).atProvince();
    static final int MONTHS_TO_APPLY = 3;
    /** The benefit is paid from this day after the application, counted as its first. */
    static final int FIRST_DAY_PAID = 16;
    static final long MOST_SALARY = 1_000_000_000;
    static final int MOST_MONTHS = 600;

    /** The social insurance book's details that fill the form, by the form's field. */
    static final Map<String, String> FROM_BOOK = Map.of("lastEmployer", "lastEmployer",
            "contributionMonths", "unemploymentInsuranceMonths", "averageSalary", "averageSalaryLast6Months");

    record Form(FormValues.Applicant applicant, String lastEmployer, String contributionMonths, String averageSalary,
                LocalDate contractEndedOn, String bankAccount, LocalDate lodgedOn) {

        int months() {
            return Integer.parseInt(contributionMonths);
        }

        long salary() {
            return Long.parseLong(averageSalary);
        }
    }

    private final UnemploymentBenefitRule rule;

    UnemploymentBenefit(@Value("${dancu.procedures.regional-minimum-wage:5310000}") long regionalMinimumWage) {
        this.rule = UnemploymentBenefitRule.ofMinimumWage(regionalMinimumWage);
    }

    @Override
    public int appendixNo() {
        return 23;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistryOrApplicant("lastEmployer", Forms.Type.TEXT),
                fromRegistryOrApplicant("contributionMonths", Forms.Type.TEXT), fromRegistryOrApplicant("averageSalary", Forms.Type.TEXT),
                date("contractEndedOn"), text("bankAccount").optional()).with(attachment("CONTRACT_ENDED"));
    }

    @Override
    public List<Step> steps() {
        return List.of(DECISION);
    }

    @Override
    public Set<DocumentKind> prefillDocuments() {
        return Set.of(DocumentKind.SOCIAL_INSURANCE_BOOK);
    }

    @Override
    public Map<String, String> prefill(PersonView applicant, List<Document> documents) {
        Map<String, String> values = new LinkedHashMap<>();
        documents.stream().filter(d -> d.kind().equals(DocumentKind.SOCIAL_INSURANCE_BOOK.name())).findFirst()
                .ifPresent(book -> FROM_BOOK.forEach((field, detail) -> {
                    String value = book.details().get(detail);
                    if (value != null) {
                        values.put(field, value);
                    }
                }));
        return values;
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("lastEmployer"), v.text("contributionMonths"), v.text("averageSalary"),
                v.date("contractEndedOn"), v.text("bankAccount"), v.date("lodgedOn"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.contributionMonths() != null && !whole(form.contributionMonths(), MOST_MONTHS)) {
            lodging.errors().add("contributionMonths", "INVALID_NUMBER", "A whole number of months, at most " + MOST_MONTHS);
        } else if (form.contributionMonths() != null && !UnemploymentBenefitRule.eligible(form.months())) {
            lodging.errors().add("contributionMonths", "NOT_ENOUGH_CONTRIBUTIONS",
                    "The benefit needs at least 12 months of contributions in the 24 months before the contract ended");
        }
        if (form.averageSalary() != null && (!whole(form.averageSalary(), MOST_SALARY) || form.salary() == 0)) {
            lodging.errors().add("averageSalary", "INVALID_NUMBER", "An amount in đồng, without separators");
        }
        LocalDate ended = form.contractEndedOn();
        if (ended != null && ended.isAfter(lodging.today())) {
            lodging.errors().add("contractEndedOn", "IN_FUTURE", "Apply once the contract has ended");
        } else if (ended != null && ended.plusMonths(MONTHS_TO_APPLY).isBefore(lodging.today())) {
            lodging.errors().add("contractEndedOn", "TOO_LATE", "The benefit is claimed within 3 months of the end of the contract");
        }
        if (form.bankAccount() != null && !form.bankAccount().matches("[0-9]{6,20}")) {
            lodging.errors().add("bankAccount", "INVALID_FORMAT", "A bank account number of 6 to 20 digits");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.builder().record("lodgedOn", lodging.today().toString()).leg(DECISION, lodging.residenceUnit()).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        UnemploymentBenefitRule.Benefit benefit = rule.benefit(form.salary(), form.months());
        LocalDate from = form.lodgedOn().plusDays(FIRST_DAY_PAID - 1);
        return a.issue(a.applicantPersonalId(), "Người lao động", form.applicant().fullName(),
                "Đơn vị sử dụng lao động cuối cùng", form.lastEmployer(), "Ngày chấm dứt hợp đồng lao động", form.contractEndedOn().toString(),
                "Số tháng đóng bảo hiểm thất nghiệp", form.contributionMonths(),
                "Bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của 6 tháng liền kề", Money.vnd(benefit.averageSalary()),
                "Mức hưởng hằng tháng", Money.vnd(benefit.monthly()) + (benefit.capped()
                        ? " (bằng mức tối đa 5 lần mức lương tối thiểu vùng: " + Money.vnd(rule.cap()) + ")" : " (60%)"),
                "Số tháng hưởng", String.valueOf(benefit.months()),
                "Thời gian hưởng", from + " đến " + from.plusMonths(benefit.months()).minusDays(1),
                "Tổng số tiền", Money.vnd(benefit.total()),
                "Nơi nhận", form.bankAccount() != null ? "Tài khoản " + form.bankAccount() : "Tiền mặt tại Bảo hiểm xã hội " + a.province().name(),
                "Cơ quan chi trả", "Bảo hiểm xã hội " + a.province().name());
    }

    private static boolean whole(String value, long most) {
        return value.matches("[0-9]{1,10}") && Long.parseLong(value) <= most;
    }
}
