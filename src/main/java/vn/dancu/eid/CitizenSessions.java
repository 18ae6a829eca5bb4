package vn.dancu.eid;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Citizens' sign-ins, kept in the database so that the citizen can see and end them, and so that
 * an account's revocation ends them on every node at once: each request of a signed-in citizen
 * checks that its session is still open. Ending sessions also deletes the account's
 * authorizations at the provider, which makes its refresh tokens worthless.
 */
@Component
class CitizenSessions {

    /** The HTTP session attribute that holds the id of the citizen's session row. */
    static final String ATTRIBUTE = CitizenSessions.class.getName();

    private final JdbcClient jdbc;
    private final SecureRandom random = new SecureRandom();

    CitizenSessions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code clientId}: the relying party the login answered, empty for the citizen's own pages. */
    String open(long accountId, String acr, String clientId, Instant at, String userAgent, String address) {
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.sql("""
                        insert into eid.citizen_session (id, account_id, acr, client_id, created_at, last_seen_at, user_agent, address)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, accountId, acr, clientId, Timestamp.from(at), Timestamp.from(at), truncate(userAgent, 300),
                        truncate(address, 64)).update();
        return id;
    }

    /** One count of the citizens' logins: a day (Vietnam time), a relying party and a level. */
    record LoginCount(LocalDate day, String clientId, int level, long logins) {
    }

    /**
     * Every login since the first, counted per day, relying party and level: the sign-ins still
     * kept, and those purged after 90 days, which the purge counted into {@code eid.sign_in_day}.
     */
    void loginCounts(java.util.function.Consumer<LoginCount> into) {
        try (var rows = jdbc.sql("""
                        select day, client_id, level, sum(logins) from (
                            select (created_at at time zone 'Asia/Ho_Chi_Minh')::date as day, client_id,
                                   case when acr = ? then 2 else 1 end as level, count(*) as logins
                            from eid.citizen_session group by 1, 2, 3
                            union all
                            select day, client_id, level, logins from eid.sign_in_day) x
                        group by day, client_id, level""")
                .param(CitizenPrincipal.LOA_2)
                .query((rs, n) -> new LoginCount(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getInt(3), rs.getLong(4)))
                .stream()) {
            rows.forEach(into);
        }
    }

    /** Deletes the sign-ins ended more than 90 days ago, and keeps their count for the statistics' recount. */
    int purgeOld() {
        return jdbc.sql("""
                        with gone as (
                            delete from eid.citizen_session where ended_at < now() - interval '90 days'
                            returning (created_at at time zone 'Asia/Ho_Chi_Minh')::date as day, client_id,
                                      case when acr = ? then 2 else 1 end as level),
                        counted as (
                            insert into eid.sign_in_day (day, client_id, level, logins)
                            select day, client_id, level, count(*) from gone group by 1, 2, 3
                            on conflict (day, client_id, level) do update set logins = eid.sign_in_day.logins + excluded.logins)
                        select count(*) from gone""")
                .param(CitizenPrincipal.LOA_2).query(Integer.class).single();
    }

    /**
     * Whether the session is still open; refreshes its last-seen time at most once a minute. A
     * session idle longer than the HTTP session's 30 minutes has ended with it.
     */
    boolean touch(String id, long accountId) {
        return jdbc.sql("""
                        update eid.citizen_session set last_seen_at = case when last_seen_at < now() - interval '1 minute'
                            then now() else last_seen_at end
                        where id = ? and account_id = ? and ended_at is null and last_seen_at > now() - interval '31 minutes'""")
                .params(id, accountId).update() == 1;
    }

    List<EidViews.SessionView> open(long accountId) {
        return jdbc.sql("""
                        select id, created_at, last_seen_at, acr, user_agent, address from eid.citizen_session
                        where account_id = ? and ended_at is null and last_seen_at > now() - interval '31 minutes'
                        order by last_seen_at desc""")
                .param(accountId)
                .query((rs, n) -> new EidViews.SessionView(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant(),
                        rs.getString(4), rs.getString(5), rs.getString(6))).list();
    }

    void end(String id, long accountId, String reason) {
        jdbc.sql("update eid.citizen_session set ended_at = now(), end_reason = ? where id = ? and account_id = ? and ended_at is null")
                .params(reason, id, accountId).update();
    }

    /** The HTTP session ended (logout at the provider, time-out, invalidation): its sign-in ends with it. */
    void ended(String id, String reason) {
        jdbc.sql("update eid.citizen_session set ended_at = now(), end_reason = ? where id = ? and ended_at is null")
                .params(reason, id).update();
    }

    /** Every session of the account, and every grant it gave to relying parties (refresh tokens included). */
    void endAll(long accountId, String reason) {
        jdbc.sql("update eid.citizen_session set ended_at = now(), end_reason = ? where account_id = ? and ended_at is null")
                .params(reason, accountId).update();
        jdbc.sql("delete from public.oauth2_authorization where principal_name = ?")
                .param(CitizenPrincipal.NAME_PREFIX + accountId).update();
    }

    void endOthers(long accountId, String keep, String reason) {
        jdbc.sql("""
                        update eid.citizen_session set ended_at = now(), end_reason = ?
                        where account_id = ? and id <> ? and ended_at is null""")
                .params(reason, accountId, keep == null ? "" : keep).update();
    }


    private static String truncate(String text, int max) {
        return text == null ? null : text.length() <= max ? text : text.substring(0, max);
    }
}
