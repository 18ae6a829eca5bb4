package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.fromRegistry;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
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
import vn.dancu.registry.PersonFinder.HouseholdView;
import vn.dancu.registry.PersonFinder.PersonView;
import vn.dancu.registry.PersonalIdNumber;

/**
 * Procedure 17: renewing the health insurance cards of a household, with the family discount. The members come from
 * the registry's household; children under six are insured by the state (Law on Health Insurance, Art. 12) and
 * members insured through another group are named by the applicant and left out. Social insurance of the
 * household's province decides within 5 working days (Law on Health Insurance 25/2008/QH12, Art. 17(2) as amended
 * by Law 46/2014/QH13) and records each member's renewed card with the registry.
 */
@Component
class HouseholdHealthInsurance implements Procedure<HouseholdHealthInsurance.Form> {

    static final Step RENEWAL = new Step("HOUSEHOLD_HEALTH_INSURANCE", Agency.SOCIAL_INSURANCE, 5).atProvince();
    static final List<String> PERIODS = List.of("3", "6", "12");
    /** Children are insured by the state until the day before their sixth birthday. */
    static final int STATE_INSURED_UNDER = 6;

    /**
     * {@code insured}: the members counted, in the order of the discount, recorded at lodging; {@code householdUnit}:
     * the household's commune, recorded at lodging.
     */
    record Form(FormValues.Applicant applicant, int months, List<String> coveredElsewhere, List<String> insured,
                String householdUnit, String householdAddress) {
    }

    private final long baseSalary;

    HouseholdHealthInsurance(@Value("${dancu.procedures.base-salary:2340000}") long baseSalary) {
        this.baseSalary = baseSalary;
    }

    @Override
    public int appendixNo() {
        return 17;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(fromRegistry("household.members", Forms.Type.TEXT), choice("months", PERIODS),
                text("coveredElsewhere").optional());
    }

    @Override
    public List<Step> steps() {
        return List.of(RENEWAL);
    }

    @Override
    public boolean prefillsHousehold() {
        return true;
    }

    @Override
    public Map<String, String> prefill(PersonView applicant) {
        HouseholdView household = applicant.household();
        return household == null ? Map.of() : Map.of("household.members", household.members().stream()
                .filter(m -> "ALIVE".equals(m.status())).map(m -> m.fullName() + " (" + m.personalId() + ")")
                .collect(Collectors.joining(", ")));
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("months") == null ? 0 : Integer.parseInt(v.text("months")),
                numbers(v.text("coveredElsewhere")), numbers(v.text("insured")), v.text("household.unit"), v.text("household.address"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.coveredElsewhere().stream().anyMatch(n -> !PersonalIdNumber.isWellFormed(n))) {
            lodging.errors().add("coveredElsewhere", "INVALID_PERSONAL_ID", "List 12-digit personal ID numbers, separated by commas");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        HouseholdView household = lodging.applicant().household();
        if (household == null) {
            throw ApiProblem.conflict("NO_HOUSEHOLD", "The registry has no household for the applicant");
        }
        Set<String> members = household.members().stream().map(m -> m.personalId()).collect(Collectors.toSet());
        form.coveredElsewhere().stream().filter(n -> !members.contains(n)).findFirst().ifPresent(n -> {
            throw ApiProblem.invalidField("coveredElsewhere", "NOT_A_MEMBER", "Name only members of the applicant's household");
        });
        LocalDate today = lodging.today();
        List<String> insured = new ArrayList<>();
        for (var member : household.members()) {
            if (!"ALIVE".equals(member.status()) || form.coveredElsewhere().contains(member.personalId())) {
                continue;
            }
            PersonView person = lodging.read(member.personalId(), "personalId", "fullName", "dateOfBirth", "status").orElseThrow();
            if (!person.dateOfBirth().plusYears(STATE_INSURED_UNDER).isAfter(today)) {
                insured.add(member.personalId());
            }
        }
        if (insured.isEmpty()) {
            throw ApiProblem.invalidField("coveredElsewhere", "NOBODY_TO_INSURE",
                    "Every member is a child under six or insured through another group");
        }
        String unit = Prefill.inForce(household.unit());
        return Plan.builder().record("insured", String.join(",", insured)).record("household.unit", unit)
                .record("household.address", household.formatted()).leg(RENEWAL, unit).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        HouseholdContributions contributions = HouseholdContributions.of(baseSalary, form.insured().size());
        String province = a.province().name();
        List<String> lines = new ArrayList<>(List.of("Hộ gia đình", form.householdAddress(),
                "Mức lương cơ sở", Money.vnd(baseSalary) + " (Nghị định 73/2024/NĐ-CP)",
                "Mức đóng", "Người thứ nhất 4,5% mức lương cơ sở; người thứ hai 70%, thứ ba 60%, thứ tư 50%, từ người thứ năm 40% mức đóng của người thứ nhất"));
        for (int i = 0; i < form.insured().size(); i++) {
            String id = form.insured().get(i);
            PersonView member = a.read(id, "personalId", "fullName");
            LocalDate from = a.documents(id, DocumentKind.HEALTH_INSURANCE_CARD).stream()
                    .map(d -> d.validTo()).filter(to -> to != null && !to.isBefore(a.today()))
                    .max(LocalDate::compareTo).map(to -> to.plusDays(1)).orElse(a.today());
            LocalDate to = from.plusMonths(form.months()).minusDays(1);
            String number = "GD4" + a.province().code() + id.substring(2);
            long paid = contributions.forMember(i + 1, form.months());
            a.recordDocument(id, new DocumentRecord(DocumentKind.HEALTH_INSURANCE_CARD.name(), number, from.toString(), to.toString(),
                    Map.of("beneficiary", "GD", "application", a.applicationCode(), "contribution", String.valueOf(paid))),
                    "BHXH " + province);
            lines.addAll(List.of("Thành viên " + (i + 1), member.fullName() + " (" + id + "): thẻ " + number + " từ " + from + " đến " + to
                    + ", đóng " + Money.vnd(paid)));
        }
        lines.addAll(List.of("Số tháng gia hạn", String.valueOf(form.months()),
                "Tổng số tiền hộ gia đình đóng", Money.vnd(contributions.total(form.months()))));
        return a.issue(a.applicantPersonalId(), lines.toArray(String[]::new));
    }

    private static List<String> numbers(String list) {
        return list == null || list.isBlank() ? List.of()
                : Arrays.stream(list.split("[,;\\s]+")).filter(s -> !s.isBlank()).distinct().toList();
    }
}
