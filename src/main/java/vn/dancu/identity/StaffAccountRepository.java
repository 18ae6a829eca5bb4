package vn.dancu.identity;

import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class StaffAccountRepository {

    record Account(Staff staff, String passwordHash, boolean enabled, int failedLogins, Instant lockedUntil) {
    }

    private final JdbcClient jdbc;

    StaffAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Account> find(String username) {
        return jdbc.sql("""
                        select id, username, display_name, role, jurisdiction_unit_id, password_hash, enabled, failed_logins, locked_until
                        from identity.staff_account where username = ?""")
                .param(username)
                .query((rs, n) -> new Account(
                        new Staff(rs.getLong(1), rs.getString(2), rs.getString(3), StaffRole.valueOf(rs.getString(4)),
                                rs.getObject(5, Long.class)),
                        rs.getString(6), rs.getBoolean(7), rs.getInt(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .optional();
    }

    boolean exists(String username) {
        return jdbc.sql("select exists (select 1 from identity.staff_account where username = ?)")
                .param(username).query(Boolean.class).single();
    }

    boolean anyAdmin() {
        return jdbc.sql("select exists (select 1 from identity.staff_account where role = 'ADMIN')")
                .query(Boolean.class).single();
    }

    long insert(String username, String hash, String displayName, StaffRole role, Long jurisdictionUnitId) {
        return jdbc.sql("""
                        insert into identity.staff_account (username, password_hash, display_name, role, jurisdiction_unit_id)
                        values (?, ?, ?, ?, ?) returning id""")
                .params(username, hash, displayName, role.name(), jurisdictionUnitId)
                .query(Long.class).single();
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
