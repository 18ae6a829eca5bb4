package vn.dancu.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;
import vn.dancu.registry.RegistryEvent;

/**
 * Change events of the registry for members. The registry announces each change inside its own
 * transaction and the announcement is written here (the outbox) in that same transaction. A
 * sequencer then numbers the committed events in order: ids are handed out before commit and
 * can commit out of order, positions are not, so a reader who resumes after position N misses
 * nothing. A member sees the events of the products its policy holds and, where consent is
 * needed, only those of persons who consented; each event it reads is in the access log.
 */
@Service
class ChangeEvents {

    static final int MAX_PAGE = 1_000;
    private static final long SEQUENCER_LOCK = 0x64616e6375_02L;

    /** Which product an event belongs to: a member sees the events of the products its policy holds. */
    static String productOf(RegistryEvent.Kind kind) {
        return switch (kind) {
            case BORN, NAME_CHANGED -> "identity-basic";
            case DIED, MISSING, MARRIED -> "civil-status";
            case RESIDENCE_CHANGED -> "residence";
            case HOUSEHOLD_CHANGED -> "household";
            case CARD_ISSUED, LEGACY_ID_LINKED -> "cards";
            case DOCUMENT_RECORDED -> "documents";
        };
    }

    /** The product of each event type, by the type's name as members see it. */
    static final Map<String, String> PRODUCT_OF = java.util.Arrays.stream(RegistryEvent.Kind.values())
            .collect(java.util.stream.Collectors.toUnmodifiableMap(RegistryEvent.Kind::type, ChangeEvents::productOf));

    record Event(long id, long position, String type, String personalId, Long householdId, Instant occurredAt) {
    }

    record Page(List<Event> events, long next) {
    }

    private final JdbcClient jdbc;
    private final EventDisclosures disclosures;
    private final Metering metering;
    private final Policies policies;
    private final Webhooks webhooks;
    private final Clock clock;

    ChangeEvents(JdbcClient jdbc, EventDisclosures disclosures, Metering metering, Policies policies, Webhooks webhooks,
                 Clock clock) {
        this.jdbc = jdbc;
        this.disclosures = disclosures;
        this.metering = metering;
        this.policies = policies;
        this.webhooks = webhooks;
        this.clock = clock;
    }

    @EventListener
    @Transactional(propagation = Propagation.MANDATORY)
    public void on(RegistryEvent event) {
        jdbc.sql("insert into exchange.event (type, personal_id, household_id, occurred_at) values (?, ?, ?, ?)")
                .params(event.type(), event.personalId(), event.householdId(), Timestamp.from(clock.instant())).update();
    }

    /** Numbers the committed events and hands them to the webhooks that want them. One node at a time. */
    @Scheduled(fixedDelayString = "${dancu.exchange.sequencer-delay:200}")
    @Transactional
    public void sequence() {
        if (!jdbc.sql("select pg_try_advisory_xact_lock(?)").param(SEQUENCER_LOCK).query(Boolean.class).single()) {
            return;
        }
        if (!jdbc.sql("select exists (select 1 from exchange.event where position is null)").query(Boolean.class).single()) {
            return;
        }
        jdbc.sql("""
                        update exchange.event e set position = s.position
                        from (select id, (select coalesce(max(position), 0) from exchange.event) + row_number() over (order by id) as position
                              from exchange.event where position is null order by id limit 10000) s
                        where e.id = s.id""").update();
        webhooks.fanOut();
    }

    @Transactional
    public Page read(Members.Caller caller, long after, int limit, String purpose, String purposeDetail) {
        FieldErrors errors = new FieldErrors();
        String code = Verification.purpose(errors, purpose, purposeDetail, null, caller.policy(), policies.purposeCodes());
        if (after < 0) {
            errors.add("after", "OUT_OF_RANGE", "after is a position from an earlier page, or 0");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            errors.add("limit", "OUT_OF_RANGE", "limit is 1 to " + MAX_PAGE);
        }
        errors.throwIfAny();
        policies.requirePurpose(caller, code);
        metering.admit(caller);
        List<String> types = typesFor(caller.policy());
        if (types.isEmpty()) {
            throw ApiProblem.forbidden("PRODUCT_NOT_IN_POLICY", "The member's policy includes no product that has events");
        }
        List<Event> events = visible(caller, code, types, "e.position > ?", after, limit);
        disclosures.record(caller, events, code, purposeDetail);
        return new Page(events, events.isEmpty() ? after : events.getLast().position());
    }

    /**
     * The events among {@code positions} that the member may receive for the purpose, as the pull API
     * decides it: the types its policy gives (narrowed to {@code types}) and, where it needs consent, of
     * persons whose consent is in force now. For the Kafka delivery; not logged here.
     */
    List<Event> deliverable(Members.Caller caller, String purposeCode, List<String> types, List<Long> positions) {
        List<String> allowed = new java.util.ArrayList<>(typesFor(caller.policy()));
        allowed.retainAll(types);
        if (allowed.isEmpty() || positions.isEmpty() || !caller.policy().purposes().contains(purposeCode)) {
            return List.of();
        }
        return visible(caller, purposeCode, allowed, "e.position = any(?)", positions.toArray(Long[]::new), positions.size());
    }

    private List<Event> visible(Members.Caller caller, String purposeCode, List<String> types, String where, Object whereParam,
                                int limit) {
        List<Object> params = new java.util.ArrayList<>(List.of(whereParam, types.toArray(String[]::new)));
        params.addAll(consentParams(caller, purposeCode));
        params.add(limit);
        return jdbc.sql(SELECT + " where " + where + " and e.type = any(?) and " + CONSENTED + " order by e.position limit ?")
                .params(params).query(ChangeEvents::event).list();
    }

    /**
     * Where the member needs consent, an event of a person goes out only under a consent in force
     * that covers the event's own product and the purpose it is read for. Parameters: {@link #consentParams}.
     */
    static final String CONSENTED = """
            (not ? or exists (select 1 from exchange.consent c where c.personal_id = e.personal_id and c.member_id = ?
                and c.purpose_code = ? and c.revoked_at is null and c.granted_at <= now() and c.valid_until > now()
                and c.products @> array[(?::text[])[array_position(?::text[], e.type::text)]]))""";

    private static final String[] EVENT_TYPES = PRODUCT_OF.keySet().toArray(String[]::new);
    private static final String[] EVENT_PRODUCTS = java.util.Arrays.stream(EVENT_TYPES).map(PRODUCT_OF::get).toArray(String[]::new);

    static List<Object> consentParams(Members.Caller caller, String purposeCode) {
        return List.of(caller.policy().consentRequired(), caller.member().id(), purposeCode, EVENT_PRODUCTS, EVENT_TYPES);
    }

    static List<String> typesFor(Members.Policy policy) {
        return PRODUCT_OF.entrySet().stream().filter(e -> policy.products().contains(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /**
     * The event types a member subscribes to (a webhook or its Kafka topic): those asked, or all its policy gives when
     * none are; types outside the policy and a purpose the policy does not allow go into {@code errors}.
     */
    static List<String> subscribed(Members.Policy policy, List<String> eventTypes, String purpose, FieldErrors errors) {
        List<String> allowed = typesFor(policy);
        List<String> asked = eventTypes == null ? List.of() : eventTypes.stream()
                .filter(t -> t != null && !t.isBlank()).map(String::strip).distinct().toList();
        List<String> types = asked.isEmpty() ? allowed : asked;
        types.stream().filter(t -> !allowed.contains(t)).forEach(t ->
                errors.add("eventTypes", "EVENT_TYPE_NOT_IN_POLICY", t + " is not one of the events your policy gives: " + allowed));
        if (types.isEmpty()) {
            errors.add("eventTypes", "REQUIRED", "Your policy includes no product that has events");
        }
        if (purpose == null || !policy.purposes().contains(purpose)) {
            errors.add("purpose", "PURPOSE_NOT_ALLOWED", "The purpose code of the deliveries, one of " + policy.purposes());
        }
        return types;
    }

    static final String SELECT = "select e.id, e.position, e.type, e.personal_id, e.household_id, e.occurred_at from exchange.event e";

    static Event event(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Event(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getObject(5, Long.class),
                rs.getTimestamp(6).toInstant());
    }
}
