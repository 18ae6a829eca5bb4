package vn.dancu.procedures;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** The catalog of Appendix I of Decision 06: the 25 essential administrative procedures, as data (V11). */
@Service
public class ProcedureCatalog {

    /** One procedure; {@code linked}: one application that runs across several agencies. */
    public record Procedure(int appendixNo, String code, String nameVi, String nameEn, int serviceLevel, String leadAgencyVi,
                            String leadAgencyEn, String cooperatingAgenciesVi, String cooperatingAgenciesEn, String dueVi,
                            String dueEn, boolean linked) {
    }

    /** Appendix I does not change while the platform runs: read once. */
    private final List<Procedure> all;

    ProcedureCatalog(JdbcClient jdbc) {
        this.all = jdbc.sql(SELECT + " order by appendix_no").query(this::procedure).list();
    }

    public List<Procedure> all() {
        return all;
    }

    public Optional<Procedure> byAppendixNo(int appendixNo) {
        return all.stream().filter(p -> p.appendixNo() == appendixNo).findFirst();
    }

    private static final String SELECT = """
            select appendix_no, code, name_vi, name_en, service_level, lead_vi, lead_en, cooperating_vi, cooperating_en,
                due_vi, due_en, linked from procedures.procedure""";

    private Procedure procedure(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Procedure(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getBoolean(12));
    }
}
