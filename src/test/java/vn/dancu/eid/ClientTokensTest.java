package vn.dancu.eid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * client_credentials tokens are not stored (eid.ClientTokens), over HTTP against the real database: no
 * authorization row per token, yet a revoked token is refused by the data exchange and reported inactive by
 * introspection, as are an expired token, a suspended client's, and a reactivated client's from before its
 * suspension. The deny-list is append-only to the platform's own database account.
 */
class ClientTokensTest extends IntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    SigningKeys signingKeys;
    @Autowired
    ExpiredAuthorizations expired;

    @Test
    void aMembersTokenIsNotStoredWorksAndOnceRevokedIsRefused() throws Exception {
        int stored = storedTokensOf("demo-bank");
        String token = token("demo-bank:dancu-demo", "exchange");
        assertThat(storedTokensOf("demo-bank")).as("no authorization row per client token").isEqualTo(stored);
        assertThat(exchangeMe(token)).isEqualTo(200);
        assertThat(introspect(token).path("active").asBoolean()).isTrue();

        // only the token's own client may revoke it
        HttpResponse<String> foreign = revoke("demo-vss:dancu-demo", token);
        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(400);
        assertThat(foreign.body()).contains("invalid_client");
        assertThat(exchangeMe(token)).isEqualTo(200);

        HttpResponse<String> revoked = revoke("demo-bank:dancu-demo", token);
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        assertThat(jdbc.sql("select client_id from eid.revoked_access_token where jti = ?").param(jti).query(String.class).single())
                .isEqualTo("demo-bank");
        assertThat(introspect(token).path("active").asBoolean()).isFalse();
        // the exchange kept a verdict on the token: the deny-list's notice drops it (the bus delivers within milliseconds)
        Instant until = Instant.now().plusSeconds(10);
        while (exchangeMe(token) != 401 && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(exchangeMe(token)).isEqualTo(401);
        // revoking again changes nothing, and the client's other tokens still work
        assertThat(revoke("demo-bank:dancu-demo", token).statusCode()).isEqualTo(200);
        assertThat(exchangeMe(token("demo-bank:dancu-demo", "exchange"))).isEqualTo(200);
        assertThat(storedTokensOf("demo-bank")).isEqualTo(stored);
    }

    @Test
    void aMembersTokenRevokedWithTheWrongHintIsStillRevoked() throws Exception {
        String token = token("demo-bank:dancu-demo", "exchange");
        assertThat(exchangeMe(token)).isEqualTo(200);
        // RFC 7009 §2.1: not found as a refresh token, the search goes on through the other types
        HttpResponse<String> revoked = revoke("demo-bank:dancu-demo", token, "refresh_token");
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        String jti = SignedJWT.parse(token).getJWTClaimsSet().getJWTID();
        assertThat(jdbc.sql("select count(*) from eid.revoked_access_token where jti = ?").param(jti).query(Integer.class).single())
                .as("on the deny-list").isOne();
        assertThat(introspect(token).path("active").asBoolean()).isFalse();
        Instant until = Instant.now().plusSeconds(10);
        while (exchangeMe(token) != 401 && Instant.now().isBefore(until)) {
            Thread.sleep(50);
        }
        assertThat(exchangeMe(token)).isEqualTo(401);
        // an unknown hint is ignored alike, and a token that is no token is answered 200 as RFC 7009 says
        String other = token("demo-bank:dancu-demo", "exchange");
        assertThat(revoke("demo-bank:dancu-demo", other, "id_token").statusCode()).isEqualTo(200);
        assertThat(introspect(other).path("active").asBoolean()).isFalse();
        assertThat(revoke("demo-bank:dancu-demo", "not-a-token", "refresh_token").statusCode()).isEqualTo(200);
    }

    @Test
    void introspectionTellsActiveExpiredForgedAndSuspendedClientsTokensApart() throws Exception {
        String clientId = "api-ct-" + SEQUENCE.incrementAndGet();
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Hệ thống thử", "kind", "API_CLIENT", "authMethods", List.of("client_secret_basic"),
                "scopes", List.of("exchange.verify"), "purpose", "Đối chiếu", "sector", "test.api"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        String credentials = clientId + ":" + created.text("secret");
        String token = token(credentials, "exchange.verify");

        JsonNode active = introspect(token);
        assertThat(active.path("active").asBoolean()).isTrue();
        assertThat(active.path("client_id").asString()).isEqualTo(clientId);
        assertThat(active.path("sub").asString()).isEqualTo(clientId);
        assertThat(active.path("scope").asString()).isEqualTo("exchange.verify");
        assertThat(active.path("token_type").asString()).isEqualTo("Bearer");
        assertThat(active.path("exp").asLong()).isGreaterThan(Instant.now().getEpochSecond());

        RSAKey platformKey = (RSAKey) signingKeys.get(new JWKSelector(new JWKMatcher.Builder().keyID(signingKeys.signingKid()).build()), null)
                .getFirst();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String expired = sign(platformKey, clientToken(clientId, past, past.plusSeconds(300)));
        assertThat(introspect(expired).path("active").asBoolean()).as("expired").isFalse();
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID(platformKey.getKeyID()).generate();
        String forged = sign(otherKey, clientToken(clientId, Instant.now(), Instant.now().plusSeconds(300)));
        assertThat(introspect(forged).path("active").asBoolean()).as("signed with another key").isFalse();
        String unknownClient = sign(platformKey, clientToken("no-such-client", Instant.now(), Instant.now().plusSeconds(300)));
        assertThat(introspect(unknownClient).path("active").asBoolean()).as("an unknown client's").isFalse();

        setStatus(clientId, "SUSPENDED");
        assertThat(introspect(token).path("active").asBoolean()).as("the suspended client's").isFalse();
        assertThat(token(credentials, "grant_type", "client_credentials").status()).isEqualTo(401);
        // the suspension is a second old before the client comes back: a token of the second of the suspension counts as before it
        Thread.sleep(1_100);
        setStatus(clientId, "ACTIVE");
        assertThat(introspect(token).path("active").asBoolean()).as("a reactivated client's token from before its suspension").isFalse();
        String fresh = token(credentials, "exchange.verify");
        assertThat(introspect(fresh).path("active").asBoolean()).as("its new token").isTrue();
        assertThat(storedTokensOf(clientId)).isZero();
    }

    @Test
    void theDenyListCanBeAddedToButNotChangedAndOnlyTheLongDeadArePruned() {
        String dead = UUID.randomUUID().toString();
        String recent = UUID.randomUUID().toString();
        String insert = "insert into eid.revoked_access_token (jti, client_id, expires_at) values (?, 'demo-api', now() - ?::interval)";
        jdbc.sql(insert).params(dead, "2 hours").update();
        jdbc.sql(insert).params(recent, "10 minutes").update();

        // an insider holding the platform's account cannot un-revoke a token
        assertThatThrownBy(() -> jdbc.sql("update eid.revoked_access_token set jti = 'x' where jti = ?").param(recent).update())
                .rootCause().hasMessageContaining("permission denied for table revoked_access_token");
        assertThatThrownBy(() -> jdbc.sql("delete from eid.revoked_access_token where jti = ?").param(recent).update())
                .rootCause().hasMessageContaining("permission denied for table revoked_access_token");
        assertThatThrownBy(() -> jdbc.sql("truncate eid.revoked_access_token").update())
                .rootCause().hasMessageContaining("permission denied for table revoked_access_token");
        assertThatThrownBy(() -> jdbc.sql("drop table eid.revoked_access_token").update())
                .rootCause().hasMessageContaining("must be owner of table revoked_access_token");

        expired.purge();
        String count = "select count(*) from eid.revoked_access_token where jti = ?";
        assertThat(jdbc.sql(count).param(dead).query(Integer.class).single()).as("expired over an hour ago").isZero();
        assertThat(jdbc.sql(count).param(recent).query(Integer.class).single()).as("expired ten minutes ago").isOne();
    }

    // --- helpers

    private int storedTokensOf(String clientId) {
        return jdbc.sql("select count(*) from public.oauth2_authorization where principal_name = ?").param(clientId)
                .query(Integer.class).single();
    }

    private String token(String credentials, String scope) {
        Response answer = token(credentials, "grant_type", "client_credentials", "scope", scope);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return Api.JSON.readTree(answer.body()).path("access_token").asString();
    }

    private record Response(int status, String body) {
    }

    private Response token(String credentials, String... form) {
        HttpResponse<String> answer = post("/oauth2/token", credentials, form);
        return new Response(answer.statusCode(), answer.body());
    }

    private JsonNode introspect(String token) {
        HttpResponse<String> answer = post("/oauth2/introspect", "demo-api:dancu-demo", "token", token);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.JSON.readTree(answer.body());
    }

    private HttpResponse<String> revoke(String credentials, String token) {
        return revoke(credentials, token, "access_token");
    }

    private HttpResponse<String> revoke(String credentials, String token, String hint) {
        return post("/oauth2/revoke", credentials, "token", token, "token_type_hint", hint);
    }

    private int exchangeMe(String token) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/exchange/me")).header("Authorization", "Bearer " + token)
                .build()).statusCode();
    }

    private void setStatus(String clientId, String status) {
        Api.Response current = api("admin").get("/api/v1/admin/relying-parties/" + clientId);
        Map<String, Object> form = Api.JSON.convertValue(current.body(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        form.put("status", status);
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/admin/relying-parties/" + clientId))
                .header("Authorization", basic("admin:dancu-demo")).header("Content-Type", "application/json")
                .header("If-Match", String.valueOf(current.body().path("version").asInt()))
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(form))).build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    }

    private JWTClaimsSet clientToken(String clientId, Instant issued, Instant expires) {
        return new JWTClaimsSet.Builder().issuer(base()).audience(base()).subject(clientId).claim("client_id", clientId)
                .claim("dancu_pt", "client").claim("scope", List.of("exchange.verify")).issueTime(Date.from(issued))
                .notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires)).jwtID(UUID.randomUUID().toString()).build();
    }

    private static String sign(RSAKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt"))
                .build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private HttpResponse<String> post(String path, String credentials, String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=').append(URLEncoder.encode(form[i + 1], StandardCharsets.UTF_8));
        }
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", basic(credentials))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    private static String basic(String credentials) {
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }
}
