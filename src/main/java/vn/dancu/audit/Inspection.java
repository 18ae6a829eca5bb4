package vn.dancu.audit;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.IdNumbers;
import vn.dancu.platform.ReadSource;

/**
 * The inspector's view of the access log (Appendix II, I.10): searches by official or member,
 * person, purpose and period, and a report of what deserves a closer look. An inspector's search
 * reads who used whose data, so it is itself written to the access log for each person it shows.
 */
@Service
public class Inspection {

    public record Criteria(String actor, String subject, String purpose, String actorType, String from, String to,
                           int page, int size) {
    }

    /** {@code genuine}: the platform wrote the row as it reads now (see {@link AccessLog#genuine}); false rows are shown, marked. */
    public record Row(long id, Instant accessedAt, String actorType, String actor, String subject, List<String> fields,
                      String purpose, String purposeCode, String channel, String caseRef, boolean genuine) {
    }

    public record Result(List<Row> items, int page, int size, boolean hasMore) {
    }

    /** Something that deserves a closer look, with the figures that made it stand out. */
    public record Anomaly(String kind, String actor, LocalDate day, long count, String detail) {
    }

    public static final int MAX_SIZE = 200;
    static final long MAX_DAYS = 366;

    private final AccessLog accessLog;
    private final Clock clock;
    private final AuditKeys keys;
    private final ReadSource reads;

    Inspection(AccessLog accessLog, Clock clock, AuditKeys keys, ReadSource reads) {
        this.accessLog = accessLog;
        this.clock = clock;
        this.keys = keys;
        this.reads = reads;
    }

    @Transactional
    public Result search(Criteria c, String inspectionPurpose) {
        if (inspectionPurpose == null || inspectionPurpose.isBlank()) {
            throw vn.dancu.platform.ApiProblem.badRequest("PURPOSE_REQUIRED",
                    "State the inspection this search serves (X-Purpose header, or the purpose field)");
        }
        FieldErrors errors = new FieldErrors();
        String purposeOfSearch = errors.text("inspectionPurpose", inspectionPurpose, 500);
        LocalDate from = errors.optionalDate("from", c.from());
        LocalDate to = errors.optionalDate("to", c.to());
        String actorType = c.actorType() == null || c.actorType().isBlank() ? null
                : errors.oneOf("actorType", c.actorType(), Set.of("STAFF", "MEMBER", "SELF", "SYSTEM"));
        if (c.subject() != null && !c.subject().isBlank() && !IdNumbers.isPersonalId(c.subject().strip())) {
            errors.add("subject", "INVALID_PERSONAL_ID", IdNumbers.PERSONAL_ID_MALFORMED);
        }
        boolean narrow = notBlank(c.actor()) || notBlank(c.subject());
        LocalDate today = LocalDate.now(clock);
        LocalDate start = from != null ? from : today.minusDays(30);
        LocalDate end = to != null ? to : today;
        if (!narrow && ChronoUnit.DAYS.between(start, end) > 31) {
            errors.add("from", "PERIOD_TOO_LONG", "Without an official, member or person, search at most 31 days");
        }
        if (ChronoUnit.DAYS.between(start, end) > MAX_DAYS || end.isBefore(start)) {
            errors.add("to", "PERIOD_INVALID", "The period runs forwards and spans at most a year");
        }
        if (c.page() < 0 || c.page() > 10_000 || c.size() < 1 || c.size() > MAX_SIZE) {
            errors.add("size", "OUT_OF_RANGE", "page 0 to 10000, size 1 to " + MAX_SIZE);
        }
        errors.throwIfAny();
        // On the read replica when it is fresh; the subjects shown are logged below on the primary, before they are shown.
        List<Row> rows = reads.read(db -> db.sql("""
                        select nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref,
                               purpose_code, hidden_until, {IN_RANGE}, mac, id
                        from audit.access_log
                        where accessed_at >= :from and accessed_at < :to
                          and (cast(:actor as text) is null or actor = :actor)
                          and (cast(:subject as text) is null or subject_personal_id = :subject)
                          and (cast(:actorType as text) is null or actor_type = :actorType)
                          and (cast(:purpose as text) is null or purpose ilike '%' || :purpose || '%')
                        order by accessed_at desc, id desc limit :limit offset :offset""".replace("{IN_RANGE}", AccessLog.IN_RANGE_COLUMN))
                .param("from", Timestamp.from(start.atStartOfDay(AccessLog.VIETNAM).toInstant()))
                .param("to", Timestamp.from(end.plusDays(1).atStartOfDay(AccessLog.VIETNAM).toInstant()))
                .param("actor", blankToNull(c.actor())).param("subject", blankToNull(c.subject()))
                .param("actorType", actorType).param("purpose", blankToNull(escapeLike(c.purpose())))
                .param("limit", c.size() + 1).param("offset", c.page() * c.size())
                .query((rs, n) -> new Row(rs.getLong(14), rs.getTimestamp(2).toInstant(), rs.getString(3), rs.getString(4),
                        rs.getString(5), strings(rs.getArray(6)), rs.getString(7), rs.getString(10), rs.getString(8),
                        rs.getString(9), AccessLog.genuine(keys, rs, 1))).list());
        boolean more = rows.size() > c.size();
        List<Row> shown = more ? rows.subList(0, c.size()) : rows;
        String inspector = SecurityContextHolder.getContext().getAuthentication().getName();
        Set<String> subjects = new LinkedHashSet<>();
        shown.forEach(r -> subjects.add(r.subject()));
        accessLog.recordAll(subjects.stream().map(s -> new AccessLog.Entry(AccessLog.ActorType.STAFF, inspector, s,
                List.of("accessLog"), purposeOfSearch, AccessLog.Channel.API, null)).toList());
        return new Result(shown, c.page(), c.size(), more);
    }

    /**
     * Over the days {@code from} to {@code to}: officials who read many more persons in a day than
     * their colleagues, attempts outside jurisdiction, officials' reads at night (22:00 to 06:00),
     * and members whose day is far above their usual volume.
     */
    @Transactional(readOnly = true)
    public List<Anomaly> anomalies(String fromText, String toText) {
        FieldErrors errors = new FieldErrors();
        LocalDate today = LocalDate.now(clock);
        LocalDate from = errors.optionalDate("from", fromText);
        LocalDate to = errors.optionalDate("to", toText);
        LocalDate start = from != null ? from : today.minusDays(7);
        LocalDate end = to != null ? to : today;
        if (end.isBefore(start) || ChronoUnit.DAYS.between(start, end) > 92) {
            errors.add("to", "PERIOD_INVALID", "The period runs forwards and spans at most 92 days");
        }
        errors.throwIfAny();
        Timestamp since = Timestamp.from(start.atStartOfDay(AccessLog.VIETNAM).toInstant());
        Timestamp until = Timestamp.from(end.plusDays(1).atStartOfDay(AccessLog.VIETNAM).toInstant());
        // Aggregates over the access log: the read replica serves them when it is fresh.
        return reads.read(db -> anomalies(db, since, until));
    }

    private static List<Anomaly> anomalies(JdbcClient jdbc, Timestamp since, Timestamp until) {
        List<Anomaly> found = new java.util.ArrayList<>();
        found.addAll(jdbc.sql("""
                        with daily as (
                            select actor, (accessed_at at time zone 'Asia/Ho_Chi_Minh')::date as day,
                                   count(distinct subject_personal_id) as persons
                            from audit.access_log
                            where actor_type = 'STAFF' and accessed_at >= :since and accessed_at < :until
                            group by 1, 2),
                        usual as (
                            select day, percentile_cont(0.5) within group (order by persons) as median from daily group by day)
                        select d.actor, d.day, d.persons, u.median from daily d join usual u on u.day = d.day
                        where d.persons >= 50 and d.persons > 5 * u.median
                        order by d.persons desc""")
                .param("since", since).param("until", until)
                .query((rs, n) -> new Anomaly("MANY_PERSONS", rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3),
                        "read " + rs.getLong(3) + " persons in a day; the median official read " + Math.round(rs.getDouble(4))))
                .list());
        found.addAll(jdbc.sql("""
                        select actor, (attempted_at at time zone 'Asia/Ho_Chi_Minh')::date, count(*), count(distinct subject_personal_id)
                        from audit.refused_access where attempted_at >= :since and attempted_at < :until
                        group by 1, 2 order by 3 desc""")
                .param("since", since).param("until", until)
                .query((rs, n) -> new Anomaly("OUTSIDE_JURISDICTION", rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getLong(3), rs.getLong(3) + " attempts on " + rs.getLong(4) + " persons outside the jurisdiction"))
                .list());
        found.addAll(jdbc.sql("""
                        select actor, (accessed_at at time zone 'Asia/Ho_Chi_Minh')::date, count(*)
                        from audit.access_log
                        where actor_type = 'STAFF' and accessed_at >= :since and accessed_at < :until
                          and extract(hour from accessed_at at time zone 'Asia/Ho_Chi_Minh') not between 6 and 21
                        group by 1, 2 order by 3 desc""")
                .param("since", since).param("until", until)
                .query((rs, n) -> new Anomaly("AT_NIGHT", rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3),
                        rs.getLong(3) + " reads between 22:00 and 06:00"))
                .list());
        found.addAll(jdbc.sql("""
                        with daily as (
                            select actor, (accessed_at at time zone 'Asia/Ho_Chi_Minh')::date as day, count(*) as reads
                            from audit.access_log
                            where actor_type = 'MEMBER' and accessed_at >= cast(:since as timestamptz) - interval '30 days'
                              and accessed_at < :until
                            group by 1, 2)
                        select d.actor, d.day, d.reads,
                               (select percentile_cont(0.5) within group (order by p.reads) from daily p
                                where p.actor = d.actor and p.day < d.day and p.day >= d.day - 30) as usual
                        from daily d where d.day >= cast(:since as timestamptz)::date""")
                .param("since", since).param("until", until)
                .query((rs, n) -> new Object[] {rs.getString(1), rs.getObject(2, LocalDate.class), rs.getLong(3),
                        rs.getObject(4) == null ? null : rs.getDouble(4)})
                .list().stream()
                .filter(r -> r[3] != null && (long) r[2] >= 100 && (long) r[2] > 3 * (double) r[3])
                .map(r -> new Anomaly("MEMBER_VOLUME", (String) r[0], (LocalDate) r[1], (long) r[2],
                        r[2] + " reads in a day; usually " + Math.round((double) r[3])))
                .toList());
        return found;
    }

    private static boolean notBlank(String text) {
        return text != null && !text.isBlank();
    }

    private static String blankToNull(String text) {
        return notBlank(text) ? text.strip() : null;
    }

    private static String escapeLike(String text) {
        return text == null ? null : text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

}
