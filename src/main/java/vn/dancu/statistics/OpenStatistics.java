package vn.dancu.statistics;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.exchange.MemberCalls;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * The open statistics as served: to members of the data exchange whose policy includes the
 * product {@value #PRODUCT} (exact tables with small cells withheld for agencies, noisy tables
 * charged to the member's privacy budget for research), and to everyone (noisy tables only).
 * Every answer to a member is metered like the exchange's other products.
 */
@Service
class OpenStatistics {

    static final String PRODUCT = "statistics";
    static final String OPERATION = "STATISTICS";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    /** What a member asks for, as sent. */
    record Ask(String dimension, String unit, String from, String to, String release, String purpose) {
    }

    record Answer(OpenTables.Table table, PrivacyBudget.Standing budget) {
    }

    record Catalogue(List<Entry> tables, int k, BigDecimal epsilonPerTable, PrivacyBudget.Standing budget) {
    }

    record Entry(String name, String fact, boolean noisy) {
    }

    private final OpenTables tables;
    private final Releases releases;
    private final PrivacyBudget budget;
    private final MemberCalls calls;
    private final Clock clock;
    private final BigDecimal epsilon;
    private final SecureRandom random = new SecureRandom();

    OpenStatistics(OpenTables tables, Releases releases, PrivacyBudget budget, MemberCalls calls, Clock clock,
                   @Value("${dancu.statistics.open.epsilon:1}") BigDecimal epsilon) {
        this.tables = tables;
        this.releases = releases;
        this.budget = budget;
        this.calls = calls;
        this.clock = clock;
        this.epsilon = epsilon;
    }

    String period() {
        return YearMonth.now(clock.withZone(VIETNAM)).toString();
    }

    /** Until the budgets renew: midnight of the first of next month, Vietnam time. */
    long secondsToNextPeriod() {
        java.time.Instant next = YearMonth.now(clock.withZone(VIETNAM)).plusMonths(1).atDay(1).atStartOfDay(VIETNAM).toInstant();
        return Math.max(1, java.time.Duration.between(clock.instant(), next).toSeconds());
    }

    /** Open to every member, so that one without the product learns what it would get. */
    Catalogue catalogue(MemberCalls.Call call) {
        return new Catalogue(entries(), tables.k(), epsilon, budget.standing(call.memberId(), period()));
    }

    Catalogue publicCatalogue() {
        return new Catalogue(entries().stream().filter(Entry::noisy).toList(), tables.k(), epsilon, null);
    }

    PrivacyBudget.Standing standing(MemberCalls.Call call) {
        return budget.standing(call.memberId(), period());
    }

    /** A member's table: checked, admitted against policy and quota, released, charged, metered. */
    @Transactional
    public Answer member(MemberCalls.Call call, Ask ask) {
        FieldErrors errors = new FieldErrors();
        OpenTables.Query q = tables.query(ask.dimension(), ask.unit(), ask.from(), ask.to(), errors);
        String release = ask.release() == null || ask.release().isBlank()
                ? ("AGENCY".equals(call.memberKind()) ? OpenTables.OFFICIAL : OpenTables.RESEARCH)
                : errors.oneOf("release", ask.release(), Set.of(OpenTables.OFFICIAL, OpenTables.RESEARCH));
        String purpose = errors.text("purpose", ask.purpose(), 40);
        if (purpose != null && !calls.purposeCodes().contains(purpose)) {
            errors.add("purpose", "UNKNOWN_PURPOSE", purpose + " is not a purpose code");
        }
        errors.throwIfAny();
        requireProduct(call);
        if (OpenTables.OFFICIAL.equals(release) && !"AGENCY".equals(call.memberKind())) {
            throw ApiProblem.forbidden("RELEASE_NOT_ALLOWED", "Exact tables are for agencies; a business receives research releases (release=RESEARCH)");
        }
        if (OpenTables.RESEARCH.equals(release)) {
            OpenTables.requireNoisy(q);
        }
        calls.admit(call, PRODUCT, purpose);
        try {
            Answer answer;
            if (OpenTables.OFFICIAL.equals(release)) {
                answer = new Answer(tables.official(q), null);
            } else {
                String period = period();
                Releases.Served served = releases.serve(call.memberId(), q, period, epsilon, () -> {
                    budget.charge(call.memberId(), period, epsilon, q.dimension(), q.unitId(), q.monthsKey());
                    return tables.noisy(q, OpenTables.RESEARCH, random, epsilon);
                });
                answer = new Answer(served.table(), budget.standing(call.memberId(), period));
            }
            calls.charge(call, OPERATION, PRODUCT, answer.table().published(), purpose);
            return answer;
        } catch (RuntimeException e) {
            calls.release(call);
            throw e;
        }
    }

    /** A public table: noisy, released once a month and served as released. */
    @Transactional
    public OpenTables.Table open(String dimension, String unit, String from, String to) {
        FieldErrors errors = new FieldErrors();
        OpenTables.Query q = tables.query(dimension, unit, from, to, errors);
        errors.throwIfAny();
        return releases.serve(Releases.PUBLIC, q, period(), epsilon, () -> tables.noisy(q, OpenTables.PUBLIC, random, epsilon)).table();
    }

    private void requireProduct(MemberCalls.Call call) {
        if (!call.products().contains(PRODUCT)) {
            throw ApiProblem.forbidden("PRODUCT_NOT_IN_POLICY", "The member's policy does not include the product " + PRODUCT
                    + "; it includes " + call.products());
        }
    }

    private static List<Entry> entries() {
        return java.util.Arrays.stream(Dimension.values()).map(d -> new Entry(d.name, d.fact, d.noisy())).toList();
    }
}
