package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Token Status Lists (draft-ietf-oauth-status-list-12) that say which credentials are revoked.
 * A credential's index is drawn at random from a list of 2^20 entries, so that the index says
 * nothing about who holds it or when it was issued; a list takes new credentials until it is half
 * full, then the next list opens. A verifier fetches a whole list, so the platform never learns which
 * credential is being checked. The signed list is cached per node and signed again when a revocation
 * changes it or when it is an hour old (it expires after a day, verifiers refresh it after {@link #TTL}).
 */
@Component
class StatusLists {

    static final int SIZE = 1 << 20;
    static final int BITS = 1;
    static final Duration TTL = Duration.ofMinutes(5);
    static final Duration LIFETIME = Duration.ofDays(1);
    private static final Duration RESIGN = Duration.ofHours(1);
    static final String TYPE = "statuslist+jwt";

    /** Where a credential's status bit is. */
    record Slot(int listId, int index) {
    }

    private record Signed(Instant changedAt, Instant signedAt, String token) {
    }

    private final JdbcClient jdbc;
    private final IssuerKeys keys;
    private final Clock clock;
    private final CredentialSettings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<Integer, Signed> signed = new ConcurrentHashMap<>();

    StatusLists(JdbcClient jdbc, IssuerKeys keys, Clock clock, CredentialSettings settings) {
        this.jdbc = jdbc;
        this.keys = keys;
        this.clock = clock;
        this.settings = settings;
    }

    String uri(int listId) {
        return settings.issuer() + "/credentials/status/" + listId;
    }

    /** The list id in a status URI of this issuer, empty for any other URI. */
    Optional<Integer> listId(String uri) {
        String prefix = settings.issuer() + "/credentials/status/";
        if (uri == null || !uri.startsWith(prefix) || !uri.substring(prefix.length()).matches("\\d{1,6}")) {
            return Optional.empty();
        }
        return Optional.of(Integer.parseInt(uri.substring(prefix.length())));
    }

    /** A free index in the open list, drawn at random; the lock serialises issuers, so two never open a list each. */
    @Transactional(propagation = Propagation.MANDATORY)
    Slot allocate() {
        record Open(int id, int size, int allocated) {
        }
        jdbc.sql("select pg_advisory_xact_lock(hashtext('credentials.status_list'))").query(Object.class).optional();
        Open list = jdbc.sql("select id, size, allocated from credentials.status_list order by id desc limit 1")
                .query((rs, n) -> new Open(rs.getInt(1), rs.getInt(2), rs.getInt(3))).optional()
                .filter(l -> l.allocated() < l.size() / 2)
                .orElseGet(() -> new Open(openList(), SIZE, 0));
        int index;
        do {
            index = random.nextInt(list.size());
        } while (jdbc.sql("select exists (select 1 from credentials.credential where list_id = ? and status_index = ?)")
                .params(list.id(), index).query(Boolean.class).single());
        jdbc.sql("update credentials.status_list set allocated = allocated + 1 where id = ?").param(list.id()).update();
        return new Slot(list.id(), index);
    }

    /** Revokes the credentials not yet revoked; their lists are signed again on their next fetch. */
    @Transactional(propagation = Propagation.MANDATORY)
    int revoke(Collection<UUID> credentials, String reason) {
        if (credentials.isEmpty()) {
            return 0;
        }
        Timestamp now = Timestamp.from(clock.instant());
        List<Integer> lists = jdbc.sql("""
                        update credentials.credential set revoked_at = ?, revocation_reason = ?
                        where id = any(?::uuid[]) and revoked_at is null returning list_id""")
                .params(now, reason, credentials.stream().map(UUID::toString).toArray(String[]::new)).query(Integer.class).list();
        lists.stream().distinct().forEach(id ->
                jdbc.sql("update credentials.status_list set changed_at = ? where id = ?").params(now, id).update());
        return lists.size();
    }

    /** The signed list, empty when no list has this id. */
    Optional<String> token(int listId) {
        Optional<Instant> changedAt = jdbc.sql("select changed_at from credentials.status_list where id = ?").param(listId)
                .query(Timestamp.class).optional().map(Timestamp::toInstant);
        if (changedAt.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Signed cached = signed.get(listId);
        if (cached == null || !cached.changedAt().equals(changedAt.get()) || cached.signedAt().plus(RESIGN).isBefore(now)) {
            cached = new Signed(changedAt.get(), now, sign(listId, now));
            signed.put(listId, cached);
        }
        return Optional.of(cached.token());
    }

    private String sign(int listId, Instant now) {
        StatusBits bits = StatusBits.empty(BITS, jdbc.sql("select size from credentials.status_list where id = ?")
                .param(listId).query(Integer.class).single());
        jdbc.sql("select status_index from credentials.credential where list_id = ? and revoked_at is not null").param(listId)
                .query(Integer.class).list().forEach(i -> bits.set(i, StatusBits.INVALID));
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(uri(listId)).issuer(settings.issuer()).issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME))).claim("ttl", TTL.toSeconds())
                .claim("status_list", Map.of("bits", BITS, "lst", bits.lst())).build();
        ECKey key = keys.signingKey();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(TYPE))
                    .keyID(key.getKeyID()).build(), claims);
            jwt.sign(new ECDSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private int openList() {
        int id = jdbc.sql("select coalesce(max(id), 0) + 1 from credentials.status_list").query(Integer.class).single();
        jdbc.sql("insert into credentials.status_list (id, bits, size, changed_at) values (?, ?, ?, ?)")
                .params(id, BITS, SIZE, Timestamp.from(clock.instant())).update();
        return id;
    }
}
