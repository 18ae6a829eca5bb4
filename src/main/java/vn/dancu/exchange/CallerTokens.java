package vn.dancu.exchange;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.stereotype.Component;
import vn.dancu.platform.CacheBus;

/**
 * Which API client a bearer token stands for. A token counts when the provider signed it for a
 * client (not a citizen or an officer), with the {@code exchange} scope, it has not expired, and
 * the provider still holds it (not revoked, client not suspended). Checking that last point is a
 * database read, so a verdict is kept for at most {@link #REMEMBER}. A token revoked at the
 * provider's revocation endpoint, or a suspended client, drops the client's verdicts on every node
 * as soon as the cache bus brings the notice (milliseconds after the commit); while a node's bus is
 * disconnected, within {@link #REMEMBER} at the latest (docs/nodes.md).
 */
@Component
class CallerTokens {

    static final Duration REMEMBER = Duration.ofSeconds(30);
    static final String CACHE = "exchange.caller-tokens";
    private static final int MAX_REMEMBERED = 50_000;

    /** {@code clientId} null: the token does not count (also remembered, so a bad token costs one check). */
    private record Verdict(String clientId, Instant until) {
    }

    private final JwtDecoder decoder;
    private final OAuth2AuthorizationService authorizations;
    private final Clock clock;
    private final Map<String, Verdict> remembered = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Verdict>> checking = new ConcurrentHashMap<>();

    CallerTokens(JwtDecoder decoder, OAuth2AuthorizationService authorizations, Clock clock, CacheBus bus) {
        // a client's verdicts dropped on every node: its token was revoked (V29's and V35's triggers) or it was suspended
        bus.register(CACHE, clientId -> {
            if (clientId.equals(CacheBus.EVERYTHING)) {
                remembered.clear();
            } else {
                forget(clientId);
            }
        });
        this.decoder = decoder;
        this.authorizations = authorizations;
        this.clock = clock;
    }

    /** The client id, or empty when the token does not count. */
    Optional<String> clientOf(String token) {
        Verdict known = remembered.get(token);
        if (known != null && known.until().isAfter(clock.instant())) {
            return Optional.ofNullable(known.clientId());
        }
        // One check per token at a time: a burst of calls with a new token waits for the first check.
        CompletableFuture<Verdict> mine = new CompletableFuture<>();
        CompletableFuture<Verdict> running = checking.putIfAbsent(token, mine);
        if (running != null) {
            return Optional.ofNullable(running.join().clientId());
        }
        try {
            Verdict verdict = check(token);
            if (remembered.size() >= MAX_REMEMBERED) {
                remembered.clear();
            }
            remembered.put(token, verdict);
            mine.complete(verdict);
            return Optional.ofNullable(verdict.clientId());
        } catch (RuntimeException e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            checking.remove(token);
        }
    }

    private Verdict check(String token) {
        Instant now = clock.instant();
        Jwt jwt;
        try {
            jwt = decoder.decode(token);
        } catch (JwtException e) {
            return new Verdict(null, now.plus(REMEMBER));
        }
        Instant until = jwt.getExpiresAt() != null && jwt.getExpiresAt().isBefore(now.plus(REMEMBER)) ? jwt.getExpiresAt()
                : now.plus(REMEMBER);
        List<String> scopes = jwt.getClaimAsStringList("scope");
        boolean counts = "client".equals(jwt.getClaimAsString("dancu_pt")) && scopes != null && scopes.contains(Members.CLIENT_SCOPE)
                && held(token);
        return new Verdict(counts ? jwt.getSubject() : null, until);
    }

    /**
     * The provider still holds the token, and has not revoked it: revocation keeps the authorization and marks the
     * token invalidated, so finding the authorization is not enough.
     */
    private boolean held(String token) {
        OAuth2Authorization authorization = authorizations.findByToken(token, OAuth2TokenType.ACCESS_TOKEN);
        return authorization != null && authorization.getAccessToken() != null && !authorization.getAccessToken().isInvalidated();
    }

    void forget(String clientId) {
        remembered.values().removeIf(v -> clientId.equals(v.clientId()));
    }
}
