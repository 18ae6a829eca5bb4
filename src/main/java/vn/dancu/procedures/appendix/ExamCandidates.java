package vn.dancu.procedures.appendix;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;

/**
 * The candidates registered for the graduation exam ({@code procedures.exam_registration}, V23): one registration per
 * person and year, and the candidate number, the exam council's two-digit code and six digits in the order of registration.
 */
@Component
class ExamCandidates {

    private final JdbcClient jdbc;

    ExamCandidates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean registered(int year, String personalId) {
        return jdbc.sql("select exists (select 1 from procedures.exam_registration where exam_year = ? and personal_id = ?)")
                .params(year, personalId).query(Boolean.class).single();
    }

    /** The new candidate's number; refused when the person registered for that year's exam in the meantime. */
    String register(int year, String personalId, String councilCode, String applicationCode, Instant at) {
        long serial = jdbc.sql("select nextval('procedures.exam_candidate_seq')").query(Long.class).single();
        String number = councilCode + String.format("%06d", serial % 1_000_000);
        int added = jdbc.sql("""
                        insert into procedures.exam_registration (exam_year, personal_id, council_code, candidate_number,
                            application_code, registered_at) values (?, ?, ?, ?, ?, ?)
                        on conflict (exam_year, personal_id) do nothing""")
                .params(year, personalId, councilCode, number, applicationCode, Timestamp.from(at)).update();
        if (added == 0) {
            throw ApiProblem.conflict("ALREADY_REGISTERED", "The applicant is registered for the exam of " + year);
        }
        return number;
    }
}
