package vn.dancu.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The staff's authenticator apps, the list of their passkeys, and the append-only record of changes to both. */
@Repository
class SecondFactorRepository {

    record TotpRow(byte[] secret, byte[] pending, Instant confirmedAt, Long lastStep) {
    }

    record PasskeyRow(String credentialId, String label, Instant createdAt, Instant lastUsedAt) {
    }

    private final JdbcClient jdbc;

    SecondFactorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether the account has a confirmed authenticator app or a passkey. */
    boolean enrolled(long staffId) {
        return jdbc.sql("""
                        select exists (select 1 from identity.staff_totp where staff_id = ? and secret is not null)
                            or exists (select 1 from identity.staff_passkey where staff_id = ?)""")
                .params(staffId, staffId).query(Boolean.class).single();
    }

    Optional<TotpRow> totp(long staffId) {
        return jdbc.sql("select secret, pending, confirmed_at, last_step from identity.staff_totp where staff_id = ?")
                .param(staffId)
                .query((rs, n) -> new TotpRow(rs.getBytes(1), rs.getBytes(2),
                        rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant(), rs.getObject(4, Long.class)))
                .optional();
    }

    void savePending(long staffId, byte[] sealed) {
        jdbc.sql("""
                        insert into identity.staff_totp (staff_id, pending) values (?, ?)
                        on conflict (staff_id) do update set pending = excluded.pending""")
                .params(staffId, sealed).update();
    }

    /** The pending secret becomes the account's, with the step of the code that confirmed it (used up). */
    boolean confirmPending(long staffId, byte[] pending, long step) {
        return jdbc.sql("""
                        update identity.staff_totp set secret = pending, pending = null, confirmed_at = now(), last_step = ?
                        where staff_id = ? and pending = ?""")
                .params(step, staffId, pending).update() == 1;
    }

    /** Records a code's step as used; false when it (or a later one) was used already: a code works once. */
    boolean useStep(long staffId, long step) {
        return jdbc.sql("""
                        update identity.staff_totp set last_step = ?
                        where staff_id = ? and secret is not null and (last_step is null or last_step < ?)""")
                .params(step, staffId, step).update() == 1;
    }

    boolean deleteTotp(long staffId) {
        return jdbc.sql("delete from identity.staff_totp where staff_id = ? and secret is not null").param(staffId).update() == 1;
    }

    List<PasskeyRow> passkeys(long staffId) {
        return jdbc.sql("""
                        select credential_id, label, created_at, last_used_at
                        from identity.staff_passkey where staff_id = ? order by created_at""")
                .param(staffId)
                .query((rs, n) -> new PasskeyRow(java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(rs.getBytes(1)), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant()))
                .list();
    }

    Optional<String> deletePasskey(long staffId, byte[] credentialId) {
        return jdbc.sql("delete from identity.staff_passkey where staff_id = ? and credential_id = ? returning label")
                .params(staffId, credentialId).query(String.class).optional();
    }

    /** Takes every factor away; returns how many there were. */
    int deleteAll(long staffId) {
        int passkeys = jdbc.sql("delete from identity.staff_passkey where staff_id = ?").param(staffId).update();
        int totp = jdbc.sql("delete from identity.staff_totp where staff_id = ?").param(staffId).update();
        return passkeys + totp;
    }

    void record(long staffId, SecondFactors.Event event, long actorId, String reason, String detail) {
        jdbc.sql("""
                        insert into identity.staff_factor_event (staff_id, event, actor_id, reason, detail)
                        values (?, ?, ?, ?, ?)""")
                .params(staffId, event.name(), actorId, reason, detail).update();
    }

    List<SecondFactors.FactorEvent> events(long staffId) {
        return jdbc.sql("""
                        select e.event, a.username, e.occurred_at, e.reason, e.detail
                        from identity.staff_factor_event e join identity.staff_account a on a.id = e.actor_id
                        where e.staff_id = ? order by e.occurred_at, e.id""")
                .param(staffId)
                .query((rs, n) -> new SecondFactors.FactorEvent(SecondFactors.Event.valueOf(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getString(4), rs.getString(5)))
                .list();
    }
}
