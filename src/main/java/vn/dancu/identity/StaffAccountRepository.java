package vn.dancu.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffAccountRepository {

    /**
     * {@code mustChangePassword}: the password is a one-time password an administrator set;
     * {@code securityVersion}: raised by every change that ends the account's open sessions and tokens.
     */
    record Account(Staff staff, String passwordHash, boolean enabled, int failedLogins, Instant lockedUntil,
                   boolean mustChangePassword, long securityVersion) {
    }

    /** What the administrators see of an account (no hash). */
    record Row(Staff staff, boolean enabled, boolean mustChangePassword, Instant lockedUntil, Instant lastLoginAt,
               Instant createdAt, Instant passwordChangedAt) {
    }

    /** What every request of an open session compares with the login it carries. */
    record Stamp(boolean enabled, long securityVersion) {
    }

    private static final String ACCOUNT = """
            select id, username, display_name, role, jurisdiction_unit_id, password_hash, enabled, failed_logins, locked_until,
                   must_change_password, security_version
            from identity.staff_account""";
    private static final String ROW = """
            select id, username, display_name, role, jurisdiction_unit_id, enabled, must_change_password, locked_until,
                   last_login_at, created_at, password_changed_at
            from identity.staff_account""";

    private final JdbcClient jdbc;

    StaffAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql(ACCOUNT + " where username = ?").param(username).query(StaffAccountRepository::account).optional();
    }

    /** The account, its row locked until the transaction ends: changes of one account never interleave. */
    Optional<Account> lock(String username) {
        return jdbc.sql(ACCOUNT + " where username = ? for update").param(username).query(StaffAccountRepository::account).optional();
    }

    Optional<Account> lock(long id) {
        return jdbc.sql(ACCOUNT + " where id = ? for update").param(id).query(StaffAccountRepository::account).optional();
    }

    /** One primary-key read per request of an open session (docs/staff-administration.md measures it). */
    Optional<Stamp> stamp(long id) {
        return jdbc.sql("select enabled, security_version from identity.staff_account where id = ?").param(id)
                .query((rs, n) -> new Stamp(rs.getBoolean(1), rs.getLong(2))).optional();
    }

    Optional<Row> row(String username) {
        return jdbc.sql(ROW + " where username = ?").param(username).query(StaffAccountRepository::row).optional();
    }

    /**
     * A page of accounts, by username. {@code searchKey} is matched anywhere in the username and
     * display name (without diacritics); {@code units} null: any jurisdiction.
     */
    List<Row> search(String searchKey, StaffRole role, long[] units, Boolean enabled, int offset, int limit) {
        return jdbc.sql(ROW + " where " + SEARCH + " order by username offset ? limit ?")
                .params(searchParams(searchKey, role, units, enabled, offset, limit))
                .query(StaffAccountRepository::row).list();
    }

    long count(String searchKey, StaffRole role, long[] units, Boolean enabled) {
        return jdbc.sql("select count(*) from identity.staff_account where " + SEARCH)
                .params(searchParams(searchKey, role, units, enabled, null, null).subList(0, 8))
                .query(Long.class).single();
    }

    private static final String SEARCH = """
            (?::text is null or search_key like '%' || ? || '%')
            and (?::text is null or role = ?)
            and (?::bigint[] is null or jurisdiction_unit_id = any(?::bigint[]))
            and (?::boolean is null or enabled = ?)""";

    private static List<Object> searchParams(String key, StaffRole role, long[] units, Boolean enabled, Integer offset, Integer limit) {
        Long[] boxed = units == null ? null : java.util.Arrays.stream(units).boxed().toArray(Long[]::new);
        String escaped = key == null ? null : key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        List<Object> params = new java.util.ArrayList<>(java.util.Arrays.asList(escaped, escaped, role == null ? null : role.name(),
                role == null ? null : role.name(), boxed, boxed, enabled, enabled));
        params.add(offset);
        params.add(limit);
        return params;
    }

    /** Enabled administrators other than {@code id}: a change must leave at least one. */
    long otherEnabledAdmins(long id) {
        return jdbc.sql("select count(*) from identity.staff_account where role = 'ADMIN' and enabled and id <> ?")
                .param(id).query(Long.class).single();
    }

    /** Serialises every change of staff accounts: the last-administrator rule counts what committed before it. */
    void lockAdministration() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('identity.staff_administration'))").query().singleRow();
    }

    void update(long id, String displayName, StaffRole role, Long jurisdictionUnitId, boolean endSessions) {
        jdbc.sql("""
                        update identity.staff_account set display_name = ?, role = ?, jurisdiction_unit_id = ?, search_key = ?,
                            security_version = security_version + ? where id = ?""")
                .params(displayName, role.name(), jurisdictionUnitId, searchKey(null, displayName, id), endSessions ? 1 : 0, id)
                .update();
    }

    /** Ends every open session and token of the account (their security version no longer matches). */
    void endSessions(long id) {
        jdbc.sql("update identity.staff_account set security_version = security_version + 1 where id = ?").param(id).update();
    }

    void setEnabled(long id, boolean enabled) {
        jdbc.sql("update identity.staff_account set enabled = ?, security_version = security_version + 1 where id = ?")
                .params(enabled, id).update();
    }

    /**
     * A new password ends every open session and token of the account. A chosen one joins the
     * history (the last {@code keep}); a one-time one does not, and must be changed at the next login.
     */
    long setPassword(long id, String hash, boolean oneTime, int keep) {
        long version = jdbc.sql("""
                        update identity.staff_account set password_hash = ?, must_change_password = ?, password_changed_at = now(),
                            failed_logins = 0, locked_until = null, security_version = security_version + 1
                        where id = ? returning security_version""")
                .params(hash, oneTime, id).query(Long.class).single();
        if (!oneTime) {
            remember(id, hash, keep);
        }
        return version;
    }

    void remember(long id, String hash, int keep) {
        jdbc.sql("insert into identity.staff_password_history (staff_id, password_hash) values (?, ?)").params(id, hash).update();
        jdbc.sql("""
                        delete from identity.staff_password_history where staff_id = ? and ctid not in (
                            select ctid from identity.staff_password_history where staff_id = ? order by set_at desc limit ?)""")
                .params(id, id, keep).update();
    }

    /** The hashes of the passwords the account chose, newest first. */
    List<String> passwordHistory(long id) {
        return jdbc.sql("select password_hash from identity.staff_password_history where staff_id = ? order by set_at desc")
                .param(id).query(String.class).list();
    }

    /** Accounts made before search keys existed get theirs. */
    int fillSearchKeys() {
        List<Object[]> missing = jdbc.sql("select id, username, display_name from identity.staff_account where search_key is null")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
        missing.forEach(m -> jdbc.sql("update identity.staff_account set search_key = ? where id = ?")
                .params(searchKey((String) m[1], (String) m[2], null), m[0]).update());
        return missing.size();
    }

    /** With {@code username} null, the stored one of {@code id}. */
    private String searchKey(String username, String displayName, Long id) {
        String name = username != null ? username
                : jdbc.sql("select username from identity.staff_account where id = ?").param(id).query(String.class).single();
        return vn.dancu.platform.Text.searchKey(name + " " + displayName);
    }

    private static Account account(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Account(staff(rs), rs.getString(6), rs.getBoolean(7), rs.getInt(8), instant(rs, 9), rs.getBoolean(10), rs.getLong(11));
    }

    private static Row row(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Row(staff(rs), rs.getBoolean(6), rs.getBoolean(7), instant(rs, 8), instant(rs, 9), instant(rs, 10), instant(rs, 11));
    }

    private static Staff staff(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Staff(rs.getLong(1), rs.getString(2), rs.getString(3), StaffRole.valueOf(rs.getString(4)), rs.getObject(5, Long.class));
    }

    private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
        java.sql.Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    boolean exists(String username) {
        return jdbc.sql("select exists (select 1 from identity.staff_account where username = ?)")
                .param(username).query(Boolean.class).single();
    }

    boolean anyAdmin() {
        return jdbc.sql("select exists (select 1 from identity.staff_account where role = 'ADMIN')")
                .query(Boolean.class).single();
    }

    /** {@code oneTime}: the password is a one-time password, to be changed at the first login (not kept in the history). */
    long insert(String username, String hash, String displayName, StaffRole role, Long jurisdictionUnitId, boolean oneTime) {
        long id = jdbc.sql("""
                        insert into identity.staff_account (username, password_hash, display_name, role, jurisdiction_unit_id,
                            must_change_password, password_changed_at, search_key)
                        values (?, ?, ?, ?, ?, ?, now(), ?) returning id""")
                .params(username, hash, displayName, role.name(), jurisdictionUnitId, oneTime, searchKey(username, displayName, null))
                .query(Long.class).single();
        if (!oneTime) {
            remember(id, hash, StaffPasswords.HISTORY);
        }
        return id;
    }

    /** Counts a failed login and locks the account once the limit is reached; returns the new count. */
    int recordFailure(long id, int maxFailures, Instant lockUntil) {
        return jdbc.sql("""
                        update identity.staff_account
                        set failed_logins = case when locked_until <= now() then 1 else failed_logins + 1 end,
                            locked_until = case when locked_until <= now() then null
                                                when failed_logins + 1 >= ? then ? else locked_until end
                        where id = ? returning failed_logins""")
                .params(maxFailures, java.sql.Timestamp.from(lockUntil), id)
                .query(Integer.class).single();
    }

    /** Clears the failures unless the account is locked; false when it is. */
    boolean recordSuccess(long id) {
        return jdbc.sql("""
                        update identity.staff_account set failed_logins = 0, locked_until = null, last_login_at = now()
                        where id = ? and (locked_until is null or locked_until <= now())""")
                .param(id).update() == 1;
    }

    /** The account of a signed-in staff member (the second factor's checks), with the same columns as {@link #find}. */
    Optional<Account> findById(long id) {
        return jdbc.sql("select username from identity.staff_account where id = ?").param(id).query(String.class).optional()
                .flatMap(this::find);
    }
}
