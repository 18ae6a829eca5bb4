package vn.dancu.identity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The record of every change made to a staff account (identity.staff_change, append-only: the
 * platform's role may add and read rows, never change them). Administrators and auditors read it.
 */
@Repository
public class StaffChanges {

    public enum Type { CREATED, UPDATED, DISABLED, ENABLED, PASSWORD_RESET, PASSWORD_CHANGED, SECOND_FACTORS_RESET }

    /** {@code actor}: the administrator's username, or {@code dancu} for the platform itself. */
    public record Change(long id, Instant at, String actor, String username, Type type, String reason, Map<String, Object> before,
                         Map<String, Object> after) {

        /** Each field the change names, with its value before and after (null: none). */
        public List<Field> fields() {
            java.util.Set<String> names = new java.util.LinkedHashSet<>();
            if (before != null) {
                names.addAll(before.keySet());
            }
            if (after != null) {
                names.addAll(after.keySet());
            }
            return names.stream().map(n -> new Field(n, before == null ? null : before.get(n), after == null ? null : after.get(n)))
                    .toList();
        }
    }

    public record Field(String name, Object before, Object after) {
    }

    static final String PLATFORM = "dancu";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final JdbcClient jdbc;

    StaffChanges(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code actor} null: the platform itself (demo data, the command line). */
    void record(Staff actor, long staffId, String username, Type type, String reason, Map<String, Object> before,
                Map<String, Object> after) {
        jdbc.sql("""
                        insert into identity.staff_change (actor_id, actor, staff_id, username, change_type, reason, before, after)
                        values (?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)""")
                .params(actor == null ? null : actor.id(), actor == null ? PLATFORM : actor.username(), staffId, username, type.name(),
                        reason, before == null ? null : JSON.writeValueAsString(before), after == null ? null : JSON.writeValueAsString(after))
                .update();
    }

    /** Newest first; {@code username} null: every account's. */
    List<Change> list(String username, int offset, int limit) {
        return jdbc.sql("""
                        select id, changed_at, actor, username, change_type, reason, before::text, after::text
                        from identity.staff_change where (?::text is null or username = ?) order by id desc offset ? limit ?""")
                .params(username, username, offset, limit)
                .query((rs, n) -> new Change(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        Type.valueOf(rs.getString(5)), rs.getString(6), map(rs.getString(7)), map(rs.getString(8))))
                .list();
    }

    long count(String username) {
        return jdbc.sql("select count(*) from identity.staff_change where (?::text is null or username = ?)")
                .params(username, username).query(Long.class).single();
    }

    private static Map<String, Object> map(String json) {
        return json == null ? null : JSON.readValue(json, MAP);
    }
}
