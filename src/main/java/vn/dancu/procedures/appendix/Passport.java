package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.attachment;
import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.Agency;
import vn.dancu.procedures.Approval;
import vn.dancu.procedures.Fee;
import vn.dancu.procedures.FormValues;
import vn.dancu.procedures.Forms;
import vn.dancu.procedures.Lodging;
import vn.dancu.procedures.Plan;
import vn.dancu.procedures.Procedure;
import vn.dancu.procedures.Step;
import vn.dancu.registry.DocumentKind;
import vn.dancu.registry.DocumentRecord;

/**
 * Procedure 12: issuing an ordinary passport for the first time, again when the last one expired or is
 * full, after its loss or damage, or with changed details (the Law on Exit and Entry of Vietnamese
 * Citizens 2019 no longer amends a passport: a new one is issued). The province police's immigration
 * office decide within 8 working days (Art. 15); the passport is valid 10 years, 5 for a child under 14
 * (Art. 7), and is recorded as the holder's integrated document (PASSPORT).
 */
@Component
class Passport implements Procedure<Passport.Form> {

    static final Step PASSPORT = new Step("PASSPORT", Agency.POLICE, 8);
    static final String ISSUER = "Cục Quản lý xuất nhập cảnh, Bộ Công an";

    /** {@code previousNumber}: the passport it replaces, for every request but the first. */
    record Form(FormValues.Applicant applicant, String request, String previousNumber) {
    }

    private final PoliceNumbers numbers;

    Passport(PoliceNumbers numbers) {
        this.numbers = numbers;
    }

    @Override
    public int appendixNo() {
        return 12;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(choice("passportRequest", "FIRST", "RENEWAL", "LOST_OR_DAMAGED", "DETAILS_CHANGED"),
                text("previousPassport").optional()).with(attachment("PORTRAIT"));
    }

    @Override
    public List<Step> steps() {
        return List.of(PASSPORT);
    }

    @Override
    public Form read(FormValues v) {
        String previous = v.text("previousPassport");
        return new Form(v.applicant(), v.text("passportRequest"), previous == null ? null : previous.toUpperCase(java.util.Locale.ROOT));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.previousNumber() != null && !form.previousNumber().matches("[A-Z][0-9]{7,8}")) {
            lodging.errors().add("previousPassport", "INVALID_FORMAT", "A passport number is a letter and 7 or 8 digits");
        } else if (form.request() != null && !form.request().equals("FIRST") && form.previousNumber() == null) {
            lodging.errors().add("previousPassport", "REQUIRED", "Name the passport this one replaces");
        } else if ("FIRST".equals(form.request()) && form.previousNumber() != null) {
            lodging.errors().add("previousPassport", "NOT_ALLOWED", "A first passport replaces none");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        return Plan.of(PASSPORT, lodging.residenceUnit());
    }

    @Override
    public Optional<Fee> fee(Form form) {
        return Optional.of(Fee.of(PoliceFees.passport(form.request()), "Lệ phí cấp hộ chiếu phổ thông", "Ordinary passport fee",
                PoliceFees.PASSPORT_SOURCE));
    }

    /** The new passport; the one it replaces is recorded as no longer valid from today. */
    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        String holder = a.applicantPersonalId();
        String number = numbers.nextPassportNumber();
        LocalDate validTo = validTo(form.applicant().dateOfBirth(), a.today());
        if (form.previousNumber() != null) {
            a.recordDocument(holder, new DocumentRecord(DocumentKind.PASSPORT.name(), form.previousNumber(), null,
                    a.today().toString(), Map.of("replacedBy", number)), ISSUER);
        }
        a.recordDocument(holder, new DocumentRecord(DocumentKind.PASSPORT.name(), number, a.today().toString(), validTo.toString(),
                Map.of("type", "PHO_THONG")), ISSUER);
        return a.issue(holder, "Họ và tên", form.applicant().fullName(), "Ngày sinh", form.applicant().dateOfBirth().toString(),
                "Số định danh cá nhân", holder, "Số hộ chiếu", number, "Ngày cấp", a.today().toString(), "Có giá trị đến", validTo.toString(),
                "Thay hộ chiếu số", form.previousNumber(), "Cơ quan cấp", ISSUER);
    }

    /** 10 years; 5 years, not extended, for a child under 14 (Law on Exit and Entry 2019, Art. 7). */
    static LocalDate validTo(LocalDate born, LocalDate issued) {
        return Period.between(born, issued).getYears() < 14 ? issued.plusYears(5) : issued.plusYears(10);
    }
}
