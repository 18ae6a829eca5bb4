package vn.dancu.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;

/**
 * The public API of the access log: who read whose data, which fields, why, when and how.
 * A read is recorded inside the transaction that reads ({@link Propagation#MANDATORY}): if the
 * record cannot be written the read fails with it, so no read goes unrecorded. Each row is
 * signed (HMAC) as it is written; {@link AccessLogSealer} chains the rows and
 * {@link AccessLogVerifier} checks them.
 */
@Service
public class AccessLog {

    public enum ActorType { STAFF, MEMBER, SELF, SYSTEM }

    /** SELF: the person reads their own data; OIDC: claims released to a relying party at login. */
    public enum Channel { API, WEB, BATCH, SELF, OIDC }

    /** One read. {@code purposeCode} is optional; a law-enforcement code hides the entry from the person for a while. */
    public record Entry(ActorType actorType, String actor, String subjectPersonalId, List<String> fields,
                        String purpose, Channel channel, String caseRef, String purposeCode) {

        public Entry(ActorType actorType, String actor, String subjectPersonalId, List<String> fields, String purpose,
                     Channel channel, String caseRef) {
            this(actorType, actor, subjectPersonalId, fields, purpose, channel, caseRef, null);
        }
    }

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final JdbcTemplate jdbc;
    private final AuditKeys keys;
    private final PurposeCodes purposes;
    private final Clock clock;

    /**
     * A read is dated by the machine's clock, not by the platform's business clock (which tests move
     * to pass deadlines): the time of a read is evidence, and the sealer refuses rows dated ahead of it.
     */
    AccessLog(JdbcTemplate jdbc, AuditKeys keys, PurposeCodes purposes) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.purposes = purposes;
        this.clock = Clock.systemUTC();
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Entry entry) {
        recordAll(List.of(entry));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // PostgreSQL keeps microseconds: the MAC covers the time as it will be read back.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (entries.size() >= COPY_FROM) {
            copy(entries, at);
            return;
        }
        jdbc.batchUpdate("""
                        insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel,
                            case_ref, purpose_code, hidden_until, nonce, mac)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                entries, entries.size(), (ps, e) -> {
                    LocalDate hiddenUntil = hiddenUntil(e, at);
                    long nonce = ThreadLocalRandom.current().nextLong();
                    Array fields = ps.getConnection().createArrayOf("text", e.fields().toArray());
                    ps.setTimestamp(1, Timestamp.from(at));
                    ps.setString(2, e.actorType().name());
                    ps.setString(3, e.actor());
                    ps.setString(4, e.subjectPersonalId());
                    ps.setArray(5, fields);
                    ps.setString(6, e.purpose());
                    ps.setString(7, e.channel().name());
                    ps.setString(8, e.caseRef());
                    ps.setString(9, e.purposeCode());
                    ps.setObject(10, hiddenUntil);
                    ps.setLong(11, nonce);
                    ps.setBytes(12, keys.mac(content(nonce, at, e.actorType().name(), e.actor(), e.subjectPersonalId(),
                            e.fields(), e.purpose(), e.channel().name(), e.caseRef(), e.purposeCode(), hiddenUntil)));
                });
    }

    /** From this many rows on, COPY writes them (a reconciliation chunk, a search page of many persons). */
    static final int COPY_FROM = 100;

    private void copy(List<Entry> entries, Instant at) {
        StringBuilder data = new StringBuilder(entries.size() * 200);
        java.util.HexFormat hex = java.util.HexFormat.of();
        for (Entry e : entries) {
            LocalDate hiddenUntil = hiddenUntil(e, at);
            long nonce = ThreadLocalRandom.current().nextLong();
            byte[] mac = keys.mac(content(nonce, at, e.actorType().name(), e.actor(), e.subjectPersonalId(), e.fields(),
                    e.purpose(), e.channel().name(), e.caseRef(), e.purposeCode(), hiddenUntil));
            vn.dancu.platform.Copy.line(data, at, e.actorType().name(), e.actor(), e.subjectPersonalId(), arrayLiteral(e.fields()),
                    e.purpose(), e.channel().name(), e.caseRef(), e.purposeCode(), hiddenUntil, nonce, "\\x" + hex.formatHex(mac));
        }
        vn.dancu.platform.Copy.in(jdbc.getDataSource(), """
                copy audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref,
                    purpose_code, hidden_until, nonce, mac) from stdin (format csv)""", data);
    }

    private LocalDate hiddenUntil(Entry e, Instant at) {
        return purposes.hiddenFor(e.purposeCode()).map(p -> LocalDate.ofInstant(at, VIETNAM).plus(p)).orElse(null);
    }

    /** A text[] literal: every element quoted, quotes and backslashes escaped. */
    static String arrayLiteral(List<String> values) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "\"" : ",\"").append(values.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return out.append('}').toString();
    }

    /**
     * An attempt refused because the person lies outside the reader's jurisdiction. Nothing was
     * read, and the caller's transaction is rolled back by the refusal, so this is written in a
     * transaction of its own: inspectors look for officers who keep trying.
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void recordRefusal(String actor, String subjectPersonalId, String reason) {
        jdbc.update("insert into audit.refused_access (attempted_at, actor, subject_personal_id, reason) values (?, ?, ?, ?)",
                Timestamp.from(clock.instant()), actor, subjectPersonalId, reason);
    }

    /** Whether a purpose code exists; callers validate codes that arrive from outside with it. */
    public boolean knowsPurposeCode(String code) {
        return purposes.exists(code);
    }

    public Map<String, PurposeCodes.Purpose> purposeCodes() {
        return purposes.all();
    }

    /** The longest purpose an officer may state for a read. */
    public static final int MAX_PURPOSE_LENGTH = 500;
    private static final Pattern CODED = Pattern.compile("([A-Z][A-Z_]{2,39})\\s*:\\s*(.+)");
    private static final Pattern BARE_CODE = Pattern.compile("[A-Z][A-Z_]{2,39}");

    /** A purpose as an officer stated it, stripped, with the access log's code it starts with, if any. */
    public record StatedPurpose(String text, String code) {
    }

    /**
     * Checks the purpose an officer states for a read, before anything is read: required, plain text of
     * at most {@value #MAX_PURPOSE_LENGTH} characters, and a leading code ("CRIMINAL_INVESTIGATION: …")
     * must be one of the access log's; a known code stated alone ("ADMINISTRATIVE_PROCEDURE") is that
     * code, while other capitals alone stay free text. Refused with 400 {@code PURPOSE_REQUIRED}, {@code PURPOSE_INVALID}
     * or {@code PURPOSE_CODE_UNKNOWN}, as an error of {@code field} when the purpose came in a form
     * field, or of the request when it came in a header ({@code field} null).
     */
    public StatedPurpose statedPurpose(String purpose, String field) {
        if (purpose == null || purpose.isBlank()) {
            throw refusal(field, "PURPOSE_REQUIRED", "State why you read this person's data (X-Purpose header, or the purpose field)");
        }
        String text = purpose.strip();
        if (text.length() > MAX_PURPOSE_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            throw refusal(field, "PURPOSE_INVALID", "The purpose must be plain text of at most " + MAX_PURPOSE_LENGTH + " characters");
        }
        Matcher coded = CODED.matcher(text);
        String code = coded.matches() ? coded.group(1) : BARE_CODE.matcher(text).matches() && knowsPurposeCode(text) ? text : null;
        if (code != null && !knowsPurposeCode(code)) {
            throw refusal(field, "PURPOSE_CODE_UNKNOWN", "The purpose starts with the code " + code + ", which is not one of "
                    + purposeCodes().keySet());
        }
        return new StatedPurpose(text, code);
    }

    private static ApiProblem refusal(String field, String code, String message) {
        return field == null ? ApiProblem.badRequest(code, message) : ApiProblem.invalidField(field, code, message);
    }

    /** The bytes the MAC covers: every column a reader sees, in a fixed order with separators no value contains. */
    static byte[] content(long nonce, Instant at, String actorType, String actor, String subject, List<String> fields,
                          String purpose, String channel, String caseRef, String purposeCode, LocalDate hiddenUntil) {
        String sep = "\u001f";
        String text = nonce + sep + at.getEpochSecond() + "." + at.getNano() / 1000 + sep + actorType + sep + actor + sep + subject
                + sep + String.join("\u001e", fields) + sep + purpose + sep + channel + sep + nullable(caseRef) + sep
                + nullable(purposeCode) + sep + (hiddenUntil == null ? "" : hiddenUntil.toString());
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The MAC the platform would have written for the row read into {@code rs}, whose columns from
     * {@code from} on are: nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose,
     * channel, case_ref, purpose_code, hidden_until.
     */
    static byte[] macOf(AuditKeys keys, java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        Array fields = rs.getArray(from + 5);
        java.sql.Date hidden = rs.getDate(from + 10);
        return keys.mac(content(rs.getLong(from), rs.getTimestamp(from + 1).toInstant(), rs.getString(from + 2),
                rs.getString(from + 3), rs.getString(from + 4), fields == null ? List.of() : java.util.Arrays.asList((String[]) fields.getArray()),
                rs.getString(from + 6), rs.getString(from + 7), rs.getString(from + 8), rs.getString(from + 9),
                hidden == null ? null : LocalDate.parse(hidden.toString())));
    }

    /**
     * A column saying whether a row lies in the sealer's range: an id the sequence handed out, a MAC,
     * a time not ahead of now. Rows outside it were not written by the platform.
     */
    static final String IN_RANGE_COLUMN = """
            (id > 0 and id <= (select last_value from audit.access_log_id_seq) and mac is not null
             and accessed_at <= now() + interval '5 minutes') as in_range""";

    /**
     * Whether the platform wrote the row as it reads now: in the sealer's range and a MAC that matches.
     * Columns as for {@link #macOf}, then {@link #IN_RANGE_COLUMN} and mac.
     */
    static boolean genuine(AuditKeys keys, java.sql.ResultSet rs, int from) throws java.sql.SQLException {
        return rs.getBoolean(from + 11) && java.security.MessageDigest.isEqual(macOf(keys, rs, from), rs.getBytes(from + 12));
    }

    private static String nullable(String value) {
        return value == null ? "\u0000" : value;
    }

}
