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

    /** {@code archivedBefore}: reads before this instant have been archived out of the database (null: none yet). */
    public record Page(List<Item> items, int page, int size, boolean hasMore, Instant archivedBefore) {
    }

    public static final int MAX_SIZE = 100;

    private final JdbcClient jdbc;
    private final AuditKeys keys;

    AccessHistory(JdbcClient jdbc, AuditKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    public Page ofSubject(String personalId, LocalDate today, int page, int size) {
        int limit = Math.max(1, Math.min(size, MAX_SIZE));
        int offset = Math.max(0, page) * limit;
        // Rows the platform did not write (no MAC, an id it never gives, a forged MAC) are not the person's history.
        List<Item> rows = jdbc.sql("""
                        select nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref,
                               purpose_code, hidden_until, {IN_RANGE}, mac
                        from audit.access_log where subject_personal_id = ? and id > 0 and mac is not null
                        order by accessed_at desc, id desc limit ? offset ?""".replace("{IN_RANGE}", AccessLog.IN_RANGE_COLUMN))
                .params(personalId, limit + 1, offset)
                .query((rs, n) -> {
                    if (!AccessLog.genuine(keys, rs, 1)) {
                        return null;
                    }
                    LocalDate until = rs.getObject(11, LocalDate.class);
                    boolean hidden = until != null && today.isBefore(until);
                    Instant at = rs.getTimestamp(2).toInstant();
                    return hidden
                            ? new Item(at, rs.getString(3), null, List.of(), null, null, null, null, true, until)
                            : new Item(at, rs.getString(3), rs.getString(4), strings(rs.getArray(6)), rs.getString(7),
                                    rs.getString(10), rs.getString(8), rs.getString(9), false, until);
                }).list();
        boolean more = rows.size() > limit;
        List<Item> shown = (more ? rows.subList(0, limit) : rows).stream().filter(java.util.Objects::nonNull).toList();
        Instant archivedBefore = jdbc.sql("select max(period_end) from audit.archive where table_name = 'audit.access_log'")
                .query(java.sql.Timestamp.class).optional().map(java.sql.Timestamp::toInstant).orElse(null);
        return new Page(shown, Math.max(0, page), limit, more, archivedBefore);
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
