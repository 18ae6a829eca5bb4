package vn.dancu.eid;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CitizenAccountRepository {

    private static final String COLUMNS = """
            id, personal_id, level, state, password_hash, phone, phone_confirmed_at, totp_secret, totp_pending, totp_enabled, totp_last_step,
            failed_logins, lockouts, locked_until, level2_at, level2_by, level2_evidence, state_reason, created_at, last_login_at""";

    private final JdbcClient jdbc;

    CitizenAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<CitizenAccount> find(long id) {
        return jdbc.sql("select " + COLUMNS + " from eid.citizen_account where id = ?").param(id).query(this::map).optional();
    }

    Optional<CitizenAccount> findByPersonalId(String personalId) {
        return jdbc.sql("select " + COLUMNS + " from eid.citizen_account where personal_id = ?")
                .param(personalId).query(this::map).optional();
    }

    /** The row locked until the transaction ends: changes to one account happen one at a time. */
    Optional<CitizenAccount> lockByPersonalId(String personalId) {
        return jdbc.sql("select " + COLUMNS + " from eid.citizen_account where personal_id = ? for update")
                .param(personalId).query(this::map).optional();
    }

    long insert(String personalId, int level, CitizenAccount.State state, String passwordHash, String phone) {
        return jdbc.sql("""
                        insert into eid.citizen_account (personal_id, level, state, password_hash, phone)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(personalId, level, state.name(), passwordHash, phone).query(Long.class).single();
    }

    void update(long id, String assignments, Object... values) {
        Object[] params = new Object[values.length + 1];
        System.arraycopy(values, 0, params, 0, values.length);
        params[values.length] = id;
        jdbc.sql("update eid.citizen_account set " + assignments + ", updated_at = now() where id = ?").params(params).update();
    }

    /**
     * One more wrong password, counted in the database so that parallel guesses all count. The
     * lock that follows the last allowed failure lasts {@code base} times two to the number of
     * locks before it, capped at a day. Returns whether this failure locked the account.
     */
    boolean recordFailure(long id, int maxFailures, java.time.Duration base, Instant now) {
        return jdbc.sql("""
                        update eid.citizen_account set
                            failed_logins = case when failed_logins + 1 >= :max then 0 else failed_logins + 1 end,
                            state = case when failed_logins + 1 >= :max and state = 'ACTIVE' then 'LOCKED' else state end,
                            locked_until = case when failed_logins + 1 >= :max
                                then cast(:now as timestamptz) + least(interval '1 day', make_interval(secs => :base * power(2, least(lockouts, 10))))
                                else locked_until end,
                            lockouts = case when failed_logins + 1 >= :max then lockouts + 1 else lockouts end,
                            updated_at = now()
                        where id = :id
                        returning failed_logins = 0""")
                .param("max", maxFailures).param("now", Timestamp.from(now)).param("base", base.toSeconds()).param("id", id)
                .query(Boolean.class).single();
    }

    /** A complete login: the count of failures and the lock history start again. */
    void recordSuccess(long id, Instant now) {
        jdbc.sql("""
                        update eid.citizen_account set failed_logins = 0, lockouts = 0, locked_until = null, last_login_at = ?,
                            state = case when state = 'LOCKED' then 'ACTIVE' else state end, updated_at = now()
                        where id = ?""").params(Timestamp.from(now), id).update();
    }

    void event(long accountId, String type, String actor, String detail) {
        jdbc.sql("insert into eid.account_event (account_id, type, actor, detail) values (?, ?, ?, ?)")
                .params(accountId, type, actor, detail).update();
    }

    java.util.List<EidViews.EventView> events(long accountId, int limit) {
        return jdbc.sql("select at, type, actor, detail from eid.account_event where account_id = ? order by id desc limit ?")
                .params(accountId, limit)
                .query((rs, n) -> new EidViews.EventView(rs.getTimestamp(1).toInstant(), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list();
    }

    private CitizenAccount map(ResultSet rs, int row) throws SQLException {
        return new CitizenAccount(rs.getLong("id"), rs.getString("personal_id"), rs.getInt("level"),
                CitizenAccount.State.valueOf(rs.getString("state")), rs.getString("password_hash"), rs.getString("phone"),
                instant(rs, "phone_confirmed_at"), rs.getBytes("totp_secret"), rs.getBytes("totp_pending"), rs.getBoolean("totp_enabled"),
                rs.getObject("totp_last_step", Long.class), rs.getInt("failed_logins"), rs.getInt("lockouts"),
                instant(rs, "locked_until"), instant(rs, "level2_at"), rs.getString("level2_by"), rs.getString("level2_evidence"),
                rs.getString("state_reason"), instant(rs, "created_at"), instant(rs, "last_login_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
