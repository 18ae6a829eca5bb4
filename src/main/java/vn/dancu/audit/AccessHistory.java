package vn.dancu.audit;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * "Who used my data" (Estonia's Data Tracker is the model): the reads of one person's data, newest
 * first, as that person may see them. A law-enforcement read is listed from the day it happened
 * but says only that it exists and when it will be disclosed, until that day.
 */
@Service
public class AccessHistory {

    public record Item(Instant accessedAt, String actorType, String actor, List<String> fields, String purpose,
                       String purposeCode, String channel, String caseRef, boolean hidden, LocalDate disclosedOn) {
    }

    public record Page(List<Item> items, int page, int size, boolean hasMore) {
    }

    public static final int MAX_SIZE = 100;

    private final JdbcClient jdbc;

    AccessHistory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Page ofSubject(String personalId, LocalDate today, int page, int size) {
        int limit = Math.max(1, Math.min(size, MAX_SIZE));
        int offset = Math.max(0, page) * limit;
        List<Item> rows = jdbc.sql("""
                        select accessed_at, actor_type, actor, fields, purpose, purpose_code, channel, case_ref, hidden_until
                        from audit.access_log where subject_personal_id = ?
                        order by accessed_at desc, id desc limit ? offset ?""")
                .params(personalId, limit + 1, offset)
                .query((rs, n) -> {
                    LocalDate until = rs.getObject(9, LocalDate.class);
                    boolean hidden = until != null && today.isBefore(until);
                    Instant at = rs.getTimestamp(1).toInstant();
                    return hidden
                            ? new Item(at, rs.getString(2), null, List.of(), null, null, null, null, true, until)
                            : new Item(at, rs.getString(2), rs.getString(3), strings(rs.getArray(4)), rs.getString(5),
                                    rs.getString(6), rs.getString(7), rs.getString(8), false, until);
                }).list();
        boolean more = rows.size() > limit;
        return new Page(more ? rows.subList(0, limit) : rows, Math.max(0, page), limit, more);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
