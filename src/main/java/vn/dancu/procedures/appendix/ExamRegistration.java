package vn.dancu.procedures.appendix;

import static vn.dancu.procedures.Forms.choice;
import static vn.dancu.procedures.Forms.flag;
import static vn.dancu.procedures.Forms.text;

import java.time.LocalDate;
import java.util.List;
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

/**
 * Procedure 21: registering for the upper-secondary graduation exam, and for admission with its results (Regulation
 * on the exam, Circular 24/2024/TT-BGDĐT: mathematics and literature, and two electives). The department of education
 * of the applicant's province checks the registration and gives the candidate number ({@link ExamCandidates}); the
 * regulation sets a registration window each year rather than a time to answer, so the platform gives the department
 * 5 working days.
 */
@Component
class ExamRegistration implements Procedure<ExamRegistration.Form> {

    static final Step REGISTRATION = new Step("EXAM_REGISTRATION", Agency.EDUCATION, 5).atProvince();

    /** The electives of the exam from 2025: two of these, besides mathematics and literature. */
    static final List<String> ELECTIVES = List.of("FOREIGN_LANGUAGE", "PHYSICS", "CHEMISTRY", "BIOLOGY", "HISTORY", "GEOGRAPHY",
            "ECONOMICS_AND_LAW", "INFORMATICS", "INDUSTRIAL_TECHNOLOGY", "AGRICULTURAL_TECHNOLOGY");
    static final List<String> LANGUAGES = List.of("ENGLISH", "RUSSIAN", "FRENCH", "CHINESE", "GERMAN", "JAPANESE", "KOREAN");
    /** The exam is held in June: after August one registers for next year's. */
    static final int LAST_MONTH_OF_EXAM_YEAR = 8;

    record Form(FormValues.Applicant applicant, String school, String candidateType, String elective1, String elective2,
                String foreignLanguage, boolean admission) {

        /** The electives chosen; a missing one is left out (its field error is the form's own). */
        List<String> electives() {
            return java.util.stream.Stream.of(elective1, elective2).filter(java.util.Objects::nonNull).toList();
        }
    }

    private final ExamCandidates candidates;
    private final Options options;

    ExamRegistration(ExamCandidates candidates, Options options) {
        this.candidates = candidates;
        this.options = options;
    }

    @Override
    public int appendixNo() {
        return 21;
    }

    @Override
    public Forms.Declaration form() {
        return Forms.Declaration.of(text("school"), choice("candidateType", "STUDENT", "FREE_CANDIDATE"),
                choice("elective1", ELECTIVES), choice("elective2", ELECTIVES), choice("foreignLanguage", LANGUAGES).optional(),
                flag("admission"));
    }

    @Override
    public List<Step> steps() {
        return List.of(REGISTRATION);
    }

    @Override
    public Form read(FormValues v) {
        return new Form(v.applicant(), v.text("school"), v.text("candidateType"), v.text("elective1"), v.text("elective2"),
                v.text("foreignLanguage"), v.flag("admission"));
    }

    @Override
    public void check(Form form, Lodging lodging) {
        if (form.elective1() != null && form.elective1().equals(form.elective2())) {
            lodging.errors().add("elective2", "SAME_SUBJECT", "Choose two different electives");
        }
        boolean language = form.electives().contains("FOREIGN_LANGUAGE");
        if (language && form.foreignLanguage() == null) {
            lodging.errors().add("foreignLanguage", "REQUIRED", "Choose the foreign language of the exam");
        } else if (!language && form.foreignLanguage() != null) {
            lodging.errors().add("foreignLanguage", "NOT_CHOSEN", "A foreign language only with the foreign-language elective");
        }
    }

    @Override
    public Plan plan(Form form, Lodging lodging) {
        int year = examYear(lodging.today());
        if (candidates.registered(year, lodging.applicant().personalId())) {
            throw ApiProblem.conflict("ALREADY_REGISTERED", "The applicant is registered for the exam of " + year);
        }
        return Plan.builder().record("examYear", String.valueOf(year)).leg(REGISTRATION, lodging.residenceUnit()).build();
    }

    @Override
    public Approval.Outcome approve(Form form, Approval a) {
        int year = examYear(a.today());
        String number = candidates.register(year, a.applicantPersonalId(), a.province().code(), a.applicationCode(), a.now());
        return a.issue(a.applicantPersonalId(), "Thí sinh", form.applicant().fullName(),
                "Ngày sinh", String.valueOf(form.applicant().dateOfBirth()), "Kỳ thi", "Kỳ thi tốt nghiệp trung học phổ thông năm " + year,
                "Số báo danh", number, "Hội đồng thi", "Sở Giáo dục và Đào tạo " + a.province().name(),
                "Trường trung học phổ thông", form.school(),
                "Đối tượng", options.vi("candidateType", form.candidateType()),
                "Bài thi", "Toán, Ngữ văn, " + subject(form.elective1(), form) + ", " + subject(form.elective2(), form),
                "Xét tuyển đại học, cao đẳng", form.admission() ? "Có đăng ký sử dụng kết quả để xét tuyển" : "Không");
    }

    private String subject(String elective, Form form) {
        String name = options.vi("elective1", elective);
        return "FOREIGN_LANGUAGE".equals(elective) ? name + " (" + options.vi("foreignLanguage", form.foreignLanguage()) + ")" : name;
    }

    static int examYear(LocalDate today) {
        return today.getMonthValue() > LAST_MONTH_OF_EXAM_YEAR ? today.getYear() + 1 : today.getYear();
    }
}
