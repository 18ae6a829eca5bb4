package vn.dancu.eid;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Digests;

/**
 * Six-digit codes sent by SMS: to confirm a phone, as a second factor, and to recover an account.
 * A code lives five minutes and allows five tries; a new one can be asked for once a minute and
 * five times an hour, which bounds both guessing and the SMS bill an attacker can run up.
 */
@Component
class OneTimeCodes {

    enum Purpose { CONFIRM_PHONE, LOGIN, RECOVERY }

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ATTEMPTS = 5;
    static final Duration RESEND_AFTER = Duration.ofMinutes(1);
    static final int MAX_PER_HOUR = 5;

    private final JdbcClient jdbc;
    private final SmsGateway sms;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OneTimeCodes(JdbcClient jdbc, SmsGateway sms, Clock clock, @org.springframework.beans.factory.annotation.Value("${dancu.demo}") boolean demo) {
        this.jdbc = jdbc;
        this.sms = sms;
        this.clock = clock;
        if (sms instanceof OutboxSmsGateway && !demo) {
            org.slf4j.LoggerFactory.getLogger(OneTimeCodes.class).warn(
                    "No SMS provider: one-time codes go to the local outbox (eid.sms_outbox) and reach no phone; see docs/api/eid-v1.md#sms");
        }
    }

    /** Refuses (429) when a code was sent less than a minute ago or five were sent this hour. */
    void requireMaySend(long accountId, Purpose purpose) {
        Instant now = clock.instant();
        var recent = jdbc.sql("""
                        select count(*), max(created_at) from eid.one_time_code
                        where account_id = ? and purpose = ? and created_at > ?""")
                .params(accountId, purpose.name(), Timestamp.from(now.minus(Duration.ofHours(1))))
                .query((rs, n) -> new Object[] {rs.getInt(1), rs.getTimestamp(2)}).single();
        Timestamp last = (Timestamp) recent[1];
        if (last != null && last.toInstant().plus(RESEND_AFTER).isAfter(now)) {
            throw new ApiProblem(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "CODE_RECENTLY_SENT",
                    "A code was sent less than a minute ago; wait before asking for another");
        }
        if ((int) recent[0] >= MAX_PER_HOUR) {
            throw new ApiProblem(org.springframework.http.HttpStatus.TOO_MANY_REQUESTS, "TOO_MANY_CODES",
                    "Too many codes were sent in the last hour; try again later");
        }
    }

    /** The code is bound to the phone it goes to: a code sent to one number never confirms another. */
    void send(long accountId, Purpose purpose, String phone) {
        requireMaySend(accountId, purpose);
        Instant now = clock.instant();
        String code = String.format("%06d", random.nextInt(1_000_000));
        jdbc.sql("update eid.one_time_code set consumed_at = ? where account_id = ? and purpose = ? and consumed_at is null")
                .params(Timestamp.from(now), accountId, purpose.name()).update();
        jdbc.sql("insert into eid.one_time_code (account_id, purpose, code_hash, created_at, expires_at) values (?, ?, ?, ?, ?)")
                .params(accountId, purpose.name(), hash(accountId, purpose, phone, code), Timestamp.from(now),
                        Timestamp.from(now.plus(LIFETIME))).update();
        sms.send(phone, "dancu: ma xac thuc cua ban la " + code + " (" + label(purpose) + "), hieu luc 5 phut. "
                + "Khong cung cap ma nay cho bat ky ai.");
    }

    /** True once for the right code; every try counts, and a code is spent by its fifth wrong try. */
    boolean verify(long accountId, Purpose purpose, String phone, String code) {
        Instant now = clock.instant();
        var open = jdbc.sql("""
                        select id, code_hash from eid.one_time_code
                        where account_id = ? and purpose = ? and consumed_at is null and expires_at > ? and attempts < ?
                        order by id desc limit 1 for update""")
                .params(accountId, purpose.name(), Timestamp.from(now), MAX_ATTEMPTS)
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).optional();
        if (open.isEmpty()) {
            return false;
        }
        long id = (long) open.get()[0];
        boolean matches = code != null && code.strip().matches("[0-9]{6}")
                && MessageDigest.isEqual(hash(accountId, purpose, phone, code.strip()).getBytes(StandardCharsets.US_ASCII),
                ((String) open.get()[1]).getBytes(StandardCharsets.US_ASCII));
        jdbc.sql("update eid.one_time_code set attempts = attempts + 1, consumed_at = case when ? then ? else consumed_at end where id = ?")
                .params(matches, Timestamp.from(now), id).update();
        return matches;
    }

    private static String label(Purpose purpose) {
        return switch (purpose) {
            case CONFIRM_PHONE -> "xac nhan so dien thoai";
            case LOGIN -> "dang nhap";
            case RECOVERY -> "khoi phuc tai khoan";
        };
    }

    private static String hash(long accountId, Purpose purpose, String phone, String code) {
        return Digests.sha256Hex(accountId + ":" + purpose + ":" + phone + ":" + code);
    }
}
