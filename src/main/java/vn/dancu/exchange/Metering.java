package vn.dancu.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Fees and quotas. Every answer that returns fields is written down in the transaction that
 * reads the data (fields returned times the product's fee in force that day, Circular 48/2022),
 * and every online call counts against the member's daily quota.
 *
 * <p>The quota is counted in {@code exchange.quota_day}, one row per member and day that every node
 * increments in one statement, so it holds across nodes (docs/nodes.md).
 */
@Component
class Metering {

    static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** What one answer (or one chunk of a reconciliation) costs. */
    record Charge(long memberId, String operation, String product, int calls, int fields, String purposeCode, String caseRef) {
    }

    record Line(LocalDate day, String operation, String product, long calls, long fields, long feeVnd) {
    }

    record Statement(String member, String month, List<Line> lines, long calls, long fields, long feeVnd) {
    }

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final Products products;
    private final Clock clock;
    /** Member codes never change: the statistics name members by code without a read per call. */
    private final Map<Long, String> memberCodes = new ConcurrentHashMap<>();
    private final ApplicationEventPublisher events;

    private final vn.dancu.platform.Leadership leadership;

    Metering(JdbcTemplate jdbc, JdbcClient client, Products products, Clock clock, ApplicationEventPublisher events,
             vn.dancu.platform.Leadership leadership) {
        this.leadership = leadership;
        this.events = events;
        this.jdbc = jdbc;
        this.client = client;
        this.products = products;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(VIETNAM));
    }

    /**
     * Counts one call against the daily quota, or refuses it until midnight (Vietnam time). One statement on the
     * member's row of the day, shared by every node: the quota holds exactly across nodes. In a transaction the row
     * stays locked until it ends, so the calls of one member that count inside transactions take turns.
     */
    void admit(Members.Caller caller) {
        LocalDate today = today();
        boolean admitted = client.sql("""
                        insert into exchange.quota_day as q (member_id, day, calls) values (?, ?, 1)
                        on conflict (member_id, day) do update set calls = q.calls + 1 where q.calls < ? returning calls""")
                .params(caller.member().id(), today, caller.policy().dailyQuota()).query(Long.class).optional().isPresent();
        if (!admitted) {
            throw exceeded(caller);
        }
    }

    /** The refusal of a call over the member's daily quota, with the seconds until midnight (Vietnam time). */
    ApiProblem exceeded(Members.Caller caller) {
        Instant midnight = today().plusDays(1).atStartOfDay(VIETNAM).toInstant();
        return ApiProblem.tooManyRequests("QUOTA_EXCEEDED", "The member's daily quota of " + caller.policy().dailyQuota()
                + " calls is used up; it renews at midnight, Vietnam time", Duration.between(clock.instant(), midnight).toSeconds() + 1);
    }

    /**
     * Counts the calls of a batch against each member's daily quota in the caller's transaction, and says how many
     * of each member's calls it may answer (the first ones; the others are over the quota). Every node counts on the
     * same row of the day, member by member in ascending id order ({@code exchange.take_quota}, V34): exact across
     * nodes, and a batch that fails gives its count back when its transaction rolls back.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    Map<Long, Integer> take(List<Members.Caller> calls) {
        Map<Long, Integer> wanted = new java.util.LinkedHashMap<>();
        Map<Long, Long> quotas = new java.util.HashMap<>();
        for (Members.Caller c : calls) {
            wanted.merge(c.member().id(), 1, Integer::sum);
            quotas.putIfAbsent(c.member().id(), (long) c.policy().dailyQuota());
        }
        Long[] members = wanted.keySet().toArray(Long[]::new);
        Integer[] counts = wanted.values().toArray(Integer[]::new);
        Long[] limits = java.util.Arrays.stream(members).map(quotas::get).toArray(Long[]::new);
        Map<Long, Integer> granted = new java.util.HashMap<>();
        client.sql("select member, granted from exchange.take_quota(?, ?::bigint[], ?::int[], ?::bigint[])").params(today(), members, counts, limits)
                .query((rs, n) -> granted.put(rs.getLong(1), rs.getInt(2))).list();
        return granted;
    }

    /** Gives back the call of an answer that failed (nothing found, the platform busy): it is neither counted nor charged. */
    void release(Members.Caller caller) {
        client.sql("update exchange.quota_day set calls = calls - 1 where member_id = ? and day = ? and calls > 0")
                .params(caller.member().id(), today()).update();
    }

    /** Yesterday's counts serve nobody: one node a day deletes the older rows (exchange.usage keeps the statement). */
    @org.springframework.scheduling.annotation.Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void prune() {
        leadership.runAlone("exchange.quota_day.prune", () -> client.sql("delete from exchange.quota_day where day < ?")
                .param(today().minusDays(1)).update());
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void record(List<Charge> charges) {
        Instant at = clock.instant();
        LocalDate day = LocalDate.ofInstant(at, VIETNAM);
        long[] fees = charges.stream().mapToLong(c -> (long) c.fields() * products.on(c.product(), day).feePerField()).toArray();
        jdbc.batchUpdate("""
                        insert into exchange.usage (member_id, at, day, operation, product, calls, fields, fee_vnd, purpose_code, case_ref)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", java.util.stream.IntStream.range(0, charges.size()).boxed().toList(),
                charges.size(), (ps, i) -> {
            Charge c = charges.get(i);
            ps.setLong(1, c.memberId());
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, day);
            ps.setString(4, c.operation());
            ps.setString(5, c.product());
            ps.setInt(6, c.calls());
            ps.setInt(7, c.fields());
            ps.setLong(8, fees[i]);
            ps.setString(9, c.purposeCode());
            ps.setString(10, c.caseRef());
        });
        List<ExchangeMetered.Use> uses = new java.util.ArrayList<>(charges.size());
        for (int i = 0; i < charges.size(); i++) {
            Charge c = charges.get(i);
            uses.add(new ExchangeMetered.Use(memberCode(c.memberId()), c.product(), c.purposeCode() == null ? "" : c.purposeCode(),
                    c.calls(), fees[i]));
        }
        events.publishEvent(new ExchangeMetered(uses));
    }

    private String memberCode(long memberId) {
        return memberCodes.computeIfAbsent(memberId, id -> client.sql("select code from exchange.member where id = ?")
                .param(id).query(String.class).single());
    }

    /** The member's statement for a month: per day, operation and product. */
    Statement statement(Members.Member member, String month) {
        FieldErrors errors = new FieldErrors();
        YearMonth ym = errors.month("month", month);
        errors.throwIfAny();
        List<Line> lines = client.sql("""
                        select day, operation, product, sum(calls), sum(fields), sum(fee_vnd) from exchange.usage
                        where member_id = ? and day between ? and ? group by day, operation, product order by day, operation, product""")
                .params(member.id(), ym.atDay(1), ym.atEndOfMonth())
                .query((rs, n) -> new Line(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getLong(5), rs.getLong(6))).list();
        return new Statement(member.code(), ym.toString(), lines, lines.stream().mapToLong(Line::calls).sum(),
                lines.stream().mapToLong(Line::fields).sum(), lines.stream().mapToLong(Line::feeVnd).sum());
    }
}
