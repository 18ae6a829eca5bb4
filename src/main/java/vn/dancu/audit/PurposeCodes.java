package vn.dancu.audit;

import java.time.Period;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The purpose codes with a legal meaning (data in {@code audit.purpose_code}), read once at start. */
@Component
public class PurposeCodes {

    public record Purpose(String code, String nameVi, String nameEn, boolean lawEnforcement, Period hiddenFor) {
    }

    private final Map<String, Purpose> byCode;

    PurposeCodes(JdbcClient jdbc) {
        Map<String, Purpose> codes = new LinkedHashMap<>();
        jdbc.sql("""
                        select code, name_vi, name_en, law_enforcement,
                               extract(year from hidden_for)::int, extract(month from hidden_for)::int, extract(day from hidden_for)::int
                        from audit.purpose_code order by code""")
                .query((rs, n) -> new Purpose(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4),
                        rs.getObject(5) == null ? null : Period.of(rs.getInt(5), rs.getInt(6), rs.getInt(7))))
                .list().forEach(p -> codes.put(p.code(), p));
        this.byCode = java.util.Collections.unmodifiableMap(codes);
    }

    boolean exists(String code) {
        return code != null && byCode.containsKey(code);
    }

    Optional<Period> hiddenFor(String code) {
        return Optional.ofNullable(code == null ? null : byCode.get(code)).filter(Purpose::lawEnforcement).map(Purpose::hiddenFor);
    }

    Map<String, Purpose> all() {
        return byCode;
    }
}
