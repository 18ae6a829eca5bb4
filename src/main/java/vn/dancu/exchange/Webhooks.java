package vn.dancu.exchange;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Webhooks: a member registers a URL and the event types it wants; each event is delivered as a
 * signed JWS. A delivery that fails is retried with exponential backoff (10 s, 20 s, 40 s, ... up to
 * an hour between tries); after {@link #MAX_ATTEMPTS} it is dead and waits in the dead-letter view
 * until the member asks for it again. Every delivery carries the event id, so a receiver that
 * gets an event twice (its answer was lost, or it asked again) applies it once.
 */
@Service
class Webhooks {

    static final int MAX_ATTEMPTS = 10;
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration LONGEST_WAIT = Duration.ofHours(1);
    /** A claimed delivery whose node died is tried again after this. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int MAX_WEBHOOKS = 10;

    record Webhook(long id, String url, List<String> eventTypes, String purposeCode, boolean active, Instant createdAt) {
    }

    record Form(String url, List<String> eventTypes, String purpose) {
    }

    record Delivery(long id, long webhookId, long eventId, String eventType, String state, int attempts, Instant nextAttemptAt,
                    String lastError, Instant deliveredAt) {
    }

    private record Claimed(long id, long webhookId, long memberId, String url, String purposeCode, int attempt,
                           ChangeEvents.Event event) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Members members;
    private final EventDisclosures disclosures;
    private final Metering metering;
    private final WebhookSigner signer;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final boolean privateAddresses;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    Webhooks(JdbcClient jdbc, Members members, EventDisclosures disclosures, Metering metering, WebhookSigner signer,
             TransactionTemplate transactions,
             Clock clock, @Value("${dancu.exchange.private-webhooks:false}") boolean privateAddresses) {
        this.jdbc = jdbc;
        this.members = members;
        this.disclosures = disclosures;
        this.metering = metering;
        this.signer = signer;
        this.transactions = transactions;
        this.clock = clock;
        this.privateAddresses = privateAddresses;
    }

    // --- the member's API

    @Transactional
    public Webhook register(Members.Caller caller, Form form) {
        FieldErrors errors = new FieldErrors();
        URI url = url(errors, form.url());
        List<String> types = ChangeEvents.subscribed(caller.policy(), form.eventTypes(), form.purpose(), errors);
        errors.throwIfAny();
        // One registration of a member at a time, so that two at once cannot both pass the limit.
        jdbc.sql("select id from exchange.member where id = ? for update").param(caller.member().id()).query(Long.class).single();
        int active = jdbc.sql("select count(*) from exchange.webhook where member_id = ? and active").param(caller.member().id())
                .query(Integer.class).single();
        if (active >= MAX_WEBHOOKS) {
            throw ApiProblem.conflict("TOO_MANY_WEBHOOKS", "A member has at most " + MAX_WEBHOOKS + " active webhooks");
        }
        long id = jdbc.sql("insert into exchange.webhook (member_id, url, event_types, purpose_code) values (?, ?, ?, ?) returning id")
                .params(caller.member().id(), url.toString(), types.toArray(String[]::new), form.purpose())
                .query(Long.class).single();
        return webhook(caller, id);
    }

    List<Webhook> list(Members.Caller caller) {
        return jdbc.sql(SELECT + " where member_id = ? order by id").param(caller.member().id()).query(Webhooks::webhook).list();
    }

    Webhook webhook(Members.Caller caller, long id) {
        return jdbc.sql(SELECT + " where member_id = ? and id = ?").params(caller.member().id(), id).query(Webhooks::webhook)
                .optional().orElseThrow(() -> ApiProblem.notFound("WEBHOOK_NOT_FOUND", "You have no webhook " + id));
    }

    @Transactional
    public void deactivate(Members.Caller caller, long id) {
        webhook(caller, id);
        jdbc.sql("update exchange.webhook set active = false where id = ?").param(id).update();
        jdbc.sql("update exchange.delivery set state = 'DEAD', last_error = 'webhook removed' where webhook_id = ? and state = 'PENDING'")
                .param(id).update();
    }

    List<Delivery> deliveries(Members.Caller caller, long webhookId, String state, long after, int limit) {
        webhook(caller, webhookId);
        if (state != null && !List.of("PENDING", "DELIVERED", "DEAD").contains(state)) {
            throw ApiProblem.invalidField("state", "UNKNOWN_VALUE", "One of PENDING, DELIVERED, DEAD");
        }
        if (limit < 1 || limit > 1000) {
            throw ApiProblem.invalidField("limit", "OUT_OF_RANGE", "limit is 1 to 1000");
        }
        return jdbc.sql("""
                        select d.id, d.webhook_id, d.event_id, e.type, d.state, d.attempts, d.next_attempt_at, d.last_error, d.delivered_at
                        from exchange.delivery d join exchange.event e on e.id = d.event_id
                        where d.webhook_id = ? and (cast(? as text) is null or d.state = ?) and d.id > ? order by d.id limit ?""")
                .params(webhookId, state, state, after, limit)
                .query((rs, n) -> new Delivery(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), rs.getTimestamp(7).toInstant(), rs.getString(8),
                        rs.getTimestamp(9) == null ? null : rs.getTimestamp(9).toInstant()))
                .list();
    }

    /** A dead delivery is tried again from the start. */
    @Transactional
    public void retry(Members.Caller caller, long webhookId, long deliveryId) {
        Webhook webhook = webhook(caller, webhookId);
        if (!webhook.active()) {
            throw ApiProblem.conflict("WEBHOOK_INACTIVE", "The webhook was removed; register it again");
        }
        int rows = jdbc.sql("""
                        update exchange.delivery set state = 'PENDING', attempts = 0, next_attempt_at = ?, last_error = null
                        where id = ? and webhook_id = ? and state = 'DEAD'""")
                .params(Timestamp.from(clock.instant()), deliveryId, webhookId).update();
        if (rows == 0) {
            throw ApiProblem.conflict("NOT_DEAD", "Only a dead delivery of this webhook can be retried");
        }
    }

    private URI url(FieldErrors errors, String value) {
        try {
            URI uri = value == null ? null : new URI(value.strip());
            boolean scheme = uri != null && ("https".equals(uri.getScheme()) || privateAddresses && "http".equals(uri.getScheme()));
            if (uri == null || uri.getHost() == null || !scheme || uri.getFragment() != null || uri.getUserInfo() != null
                    || value.length() > 500) {
                errors.add("url", "INVALID_URL", "An absolute https URL without user or fragment");
                return null;
            }
            if (!reachable(uri)) {
                errors.add("url", "ADDRESS_NOT_ALLOWED", "The host must resolve to public internet addresses only");
                return null;
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            errors.add("url", "INVALID_URL", "Not a URL");
            return null;
        }
    }

    /**
     * Deliveries go to the members' public endpoints only: never to the platform's own network
     * (loopback, private, link-local such as cloud metadata, multicast), which a member could
     * otherwise probe through the errors it reads back. Checked at registration and before each
     * sending, since a name can be pointed elsewhere later. Development and tests allow them.
     */
    private boolean reachable(URI uri) {
        if (privateAddresses) {
            return true;
        }
        try {
            return java.util.Arrays.stream(java.net.InetAddress.getAllByName(uri.getHost())).allMatch(Webhooks::isPublic);
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }

    static boolean isPublic(java.net.InetAddress address) {
        boolean uniqueLocal = address instanceof java.net.Inet6Address && (address.getAddress()[0] & 0xfe) == 0xfc;
        return !(address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal);
    }

    // --- fan-out and delivery

    /** Called by the sequencer, in its transaction: a delivery for each new event and each webhook that wants it. */
    @Transactional(propagation = Propagation.MANDATORY)
    void fanOut() {
        long from = jdbc.sql("select position from exchange.fanout where id = 1 for update").query(Long.class).single();
        long to = jdbc.sql("select coalesce(max(position), 0) from exchange.event").query(Long.class).single();
        if (to <= from) {
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        record Target(long webhookId, long memberId, List<String> types, String purposeCode) {
        }
        List<Target> targets = jdbc.sql("select id, member_id, event_types, purpose_code from exchange.webhook where active")
                .query((rs, n) -> new Target(rs.getLong(1), rs.getLong(2), List.of((String[]) rs.getArray(3).getArray()),
                        rs.getString(4))).list();
        for (Target target : targets) {
            members.ofMember(target.memberId()).filter(Members.Caller::usable).ifPresent(c -> {
                List<String> types = new ArrayList<>(target.types());
                types.retainAll(ChangeEvents.typesFor(c.policy()));
                List<Object> params = new ArrayList<>(List.of(target.webhookId(), now, from, to, types.toArray(String[]::new)));
                params.addAll(ChangeEvents.consentParams(c, target.purposeCode()));
                jdbc.sql("""
                                insert into exchange.delivery (webhook_id, event_id, next_attempt_at)
                                select ?, e.id, ? from exchange.event e
                                where e.position > ? and e.position <= ? and e.type = any(?) and """ + ChangeEvents.CONSENTED
                                + " on conflict do nothing")
                        .params(params).update();
            });
        }
        jdbc.sql("update exchange.fanout set position = ? where id = 1").param(to).update();
    }

    @Scheduled(fixedDelayString = "${dancu.exchange.delivery-delay:500}")
    void deliverDue() {
        deliverDue(clock.instant());
    }

    /** Delivers what is due at {@code now}; returns how many deliveries succeeded. Tests pass a later time to skip the wait. */
    int deliverDue(Instant now) {
        List<Claimed> claimed = transactions.execute(status -> claim(now));
        if (claimed.isEmpty()) {
            return 0;
        }
        int delivered = 0;
        try (ExecutorService senders = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> results = claimed.stream().map(c -> senders.submit(() -> send(c))).toList();
            for (int i = 0; i < claimed.size(); i++) {
                String error;
                try {
                    error = results.get(i).get();
                } catch (Exception e) {
                    error = e.toString();
                }
                settle(claimed.get(i), error, now);
                if (error == null) {
                    delivered++;
                }
            }
        }
        return delivered;
    }

    /** Takes the due deliveries (other nodes skip them) and logs each as a disclosure to its member. */
    private List<Claimed> claim(Instant now) {
        List<Claimed> claimed = jdbc.sql("""
                        update exchange.delivery d set attempts = d.attempts + 1, next_attempt_at = ?
                        from exchange.webhook w
                        where w.id = d.webhook_id and d.id in (select id from exchange.delivery where state = 'PENDING'
                            and next_attempt_at <= ? order by next_attempt_at limit 100 for update skip locked)
                        returning d.id, d.webhook_id, w.member_id, w.url, w.purpose_code, d.attempts, d.event_id""")
                .params(Timestamp.from(now.plus(LEASE)), Timestamp.from(now))
                .query((rs, n) -> new Claimed(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), rs.getString(5),
                        rs.getInt(6), new ChangeEvents.Event(rs.getLong(7), 0, null, null, null, null)))
                .list();
        if (claimed.isEmpty()) {
            return claimed;
        }
        Map<Long, ChangeEvents.Event> events = new LinkedHashMap<>();
        jdbc.sql(ChangeEvents.SELECT + " where e.id = any(?)").param(claimed.stream().map(c -> c.event().id()).toArray(Long[]::new))
                .query(ChangeEvents::event).list().forEach(e -> events.put(e.id(), e));
        List<Claimed> full = claimed.stream().map(c -> new Claimed(c.id(), c.webhookId(), c.memberId(), c.url(), c.purposeCode(),
                c.attempt(), events.get(c.event().id()))).toList();
        List<Claimed> sendable = new ArrayList<>();
        for (Claimed c : full) {
            Members.Caller member = members.ofMember(c.memberId()).orElse(null);
            String refusal = refusal(member, c);
            if (member == null) {
                // A member registered on another node a moment ago: this node learns of it within half a minute.
                jdbc.sql("update exchange.delivery set attempts = attempts - 1, next_attempt_at = ? where id = ?")
                        .params(Timestamp.from(now.plusSeconds(30)), c.id()).update();
            } else if (refusal != null) {
                jdbc.sql("update exchange.delivery set state = 'DEAD', last_error = ? where id = ?").params(refusal, c.id()).update();
            } else {
                disclosures.logged(member, List.of(c.event()), c.purposeCode(), "webhook " + c.webhookId());
                sendable.add(c);
            }
        }
        return sendable;
    }

    /** Why a delivery may no longer go out (the member, its policy or the person's consent changed), or null. */
    private String refusal(Members.Caller member, Claimed c) {
        if (member == null) {
            return null;
        }
        if (!member.usable()) {
            return "the member is suspended or has no policy in force";
        }
        if (!ChangeEvents.typesFor(member.policy()).contains(c.event().type())
                || !member.policy().purposes().contains(c.purposeCode())) {
            return "the member's policy no longer covers this event or purpose";
        }
        List<Object> params = new ArrayList<>(List.of(c.event().id()));
        params.addAll(ChangeEvents.consentParams(member, c.purposeCode()));
        boolean consented = jdbc.sql("select exists (select 1 from exchange.event e where e.id = ? and " + ChangeEvents.CONSENTED + ")")
                .params(params).query(Boolean.class).single();
        return consented ? null : "the person's consent for this was withdrawn or has expired";
    }

    /** Null when the receiver answered 2xx, else what went wrong. */
    private String send(Claimed c) {
        Map<String, Object> body = new LinkedHashMap<>();
        ChangeEvents.Event e = c.event();
        body.put("eventId", e.id());
        body.put("position", e.position());
        body.put("type", e.type());
        body.put("personalId", e.personalId());
        body.put("householdId", e.householdId());
        body.put("occurredAt", e.occurredAt().toString());
        body.put("webhookId", c.webhookId());
        body.put("attempt", c.attempt());
        if (!reachable(URI.create(c.url()))) {
            return "the host resolves to an address that is not allowed";
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(c.url())).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/jose").header("Dancu-Event-Id", Long.toString(e.id()))
                    .header("Dancu-Delivery-Attempt", Integer.toString(c.attempt()))
                    .POST(HttpRequest.BodyPublishers.ofString(signer.sign(JSON.writeValueAsString(body)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? null : "HTTP " + response.statusCode();
        } catch (java.io.IOException ex) {
            return ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    private void settle(Claimed c, String error, Instant now) {
        if (error == null) {
            transactions.executeWithoutResult(status -> {
                jdbc.sql("update exchange.delivery set state = 'DELIVERED', delivered_at = ?, last_error = null where id = ?")
                        .params(Timestamp.from(clock.instant()), c.id()).update();
                metering.record(List.of(new Metering.Charge(c.memberId(), "WEBHOOK", ChangeEvents.PRODUCT_OF.get(c.event().type()),
                        0, 1, c.purposeCode(), null)));
            });
        } else if (c.attempt() >= MAX_ATTEMPTS) {
            jdbc.sql("update exchange.delivery set state = 'DEAD', last_error = ? where id = ?").params(error, c.id()).update();
        } else {
            jdbc.sql("update exchange.delivery set next_attempt_at = ?, last_error = ? where id = ?")
                    .params(Timestamp.from(now.plus(backoff(c.attempt()))), error, c.id()).update();
        }
    }

    /** The wait after the n-th failed attempt: 10 s, 20 s, 40 s, ..., at most an hour. */
    static Duration backoff(int attempt) {
        Duration wait = FIRST_RETRY.multipliedBy(1L << Math.min(attempt - 1, 20));
        return wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait;
    }

    private static final String SELECT = "select id, url, event_types, purpose_code, active, created_at from exchange.webhook";

    private static Webhook webhook(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Webhook(rs.getLong(1), rs.getString(2), List.of((String[]) rs.getArray(3).getArray()), rs.getString(4),
                rs.getBoolean(5), rs.getTimestamp(6).toInstant());
    }
}
