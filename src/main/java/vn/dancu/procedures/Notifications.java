package vn.dancu.procedures;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The citizen's inbox: what happened to their applications, written in the transaction that made
 * it happen. Delivery by SMS or the VNeID app would read from here; the inbox is what the web shows.
 */
@Component
public class Notifications {

    public record Notification(long id, String applicationCode, Instant createdAt, String titleVi, String titleEn,
                               String bodyVi, String bodyEn, boolean read) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final MessageSource messages;

    Notifications(JdbcClient jdbc, Clock clock, MessageSource messages) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.messages = messages;
    }

    /**
     * A notification in both languages from the messages {@code notification.<key>.title} and
     * {@code .body}, with the arguments of each language (an agency's or a document's name).
     */
    void send(String personalId, long applicationId, String key, Function<Locale, Object[]> args) {
        Object[] vi = args.apply(Procedures.VIETNAMESE);
        Object[] en = args.apply(Locale.ENGLISH);
        send(personalId, applicationId, text(key + ".title", vi, Procedures.VIETNAMESE), text(key + ".title", en, Locale.ENGLISH),
                text(key + ".body", vi, Procedures.VIETNAMESE), text(key + ".body", en, Locale.ENGLISH));
    }

    private String text(String key, Object[] args, Locale locale) {
        return messages.getMessage("notification." + key, args, locale);
    }

    private void send(String personalId, long applicationId, String titleVi, String titleEn, String bodyVi, String bodyEn) {
        jdbc.sql("""
                        insert into procedures.notification (personal_id, application_id, created_at, title_vi, title_en, body_vi, body_en)
                        values (?, ?, ?, ?, ?, ?, ?)""")
                .params(personalId, applicationId, Timestamp.from(clock.instant()), titleVi, titleEn, bodyVi, bodyEn)
                .update();
    }

    @Transactional(readOnly = true)
    public List<Notification> inbox(String personalId, int limit) {
        return jdbc.sql("""
                        select n.id, a.code, n.created_at, n.title_vi, n.title_en, n.body_vi, n.body_en, n.read_at is not null
                        from procedures.notification n left join procedures.application a on a.id = n.application_id
                        where n.personal_id = ? order by n.id desc limit ?""")
                .params(personalId, limit)
                .query((rs, n) -> new Notification(rs.getLong(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getString(7), rs.getBoolean(8)))
                .list();
    }

    /** Marks the citizen's notifications read, up to the newest they have seen. */
    @Transactional
    public void markRead(String personalId, long upToId) {
        jdbc.sql("update procedures.notification set read_at = ? where personal_id = ? and id <= ? and read_at is null")
                .params(Timestamp.from(clock.instant()), personalId, upToId).update();
    }
}
