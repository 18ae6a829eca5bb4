package vn.dancu.eid;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
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
 * The provider as an independent relying party meets it: discovery, JWKS, the code flow with
 * PKCE through the real login pages over HTTP, tokens checked with Nimbus, and each failure the
 * specifications define.
 */
class OidcProviderTest extends IntegrationTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String REDIRECT = "https://rp.example.vn/callback";

    @Autowired
    CitizenAccounts citizens;
    @Autowired
    OutboxSmsGateway outbox;
    @Autowired
    JdbcClient jdbc;

    record Citizen(String personalId, String phone) {
    }

    record Tokens(int status, JsonNode body) {
        String get(String field) {
            return body.path(field).asString();
        }
    }

    // --- fixtures

    /** A person born in 1990 in Hà Nội with an e-ID account of this level, password dancu-demo. */
    private Citizen citizen(int level) {
        int n = SEQUENCE.incrementAndGet();
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Phạm Văn Thử",
                "gender", "MALE", "dateOfBirth", "1990-01-" + String.format("%02d", 1 + n % 28), "placeOfBirth", "Hà Nội",
                "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        String phone = String.format("09%08d", 10_000_000 + n * 7919 % 89_999_999);
        citizens.createDemoAccount(personalId, level, phone, "dancu-demo", null);
        return new Citizen(personalId, phone);
    }

    /** A relying party registered through the ADMIN API; returns its secret (null for a public client). */
    private String relyingParty(String clientId, boolean confidential, List<String> claims, List<String> acr, String sector) {
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Cổng thử nghiệm " + clientId, "kind", "RELYING_PARTY", "confidential", confidential,
                "authMethods", confidential ? List.of("client_secret_basic") : List.of(), "redirectUris", List.of(REDIRECT),
                "scopes", List.of("openid", "profile", "personal_id", "household", "access_log"), "claims", claims, "acrValues", acr,
                "purpose", "Kiểm thử đăng nhập", "sector", sector));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return confidential ? created.text("secret") : null;
    }

    private String clientId(String prefix) {
        return prefix + "-" + SEQUENCE.incrementAndGet();
    }

    private static String verifier() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String authorizeUrl(String clientId, String verifier, String acr, String scope) {
        return "/oauth2/authorize?response_type=code&client_id=" + clientId + "&redirect_uri=" + enc(REDIRECT)
                + "&scope=" + enc(scope) + "&state=st-" + clientId + "&nonce=n-" + clientId
                + (verifier == null ? "" : "&code_challenge=" + challenge(verifier) + "&code_challenge_method=S256")
                + (acr == null ? "" : "&acr_values=" + enc(acr));
    }

    /**
     * Drives the user agent through login, second factor and consent until the provider sends it
     * back to the relying party; returns that redirect (or the page where it stopped).
     */
    private Browser.Page drive(Browser browser, Browser.Page page, Citizen citizen, String password) {
        Browser.Page current = page;
        for (int i = 0; i < 15; i++) {
            String to = current.location();
            if (to == null || to.startsWith(REDIRECT)) {
                return current;
            }
            Browser.Page next = browser.get(to);
            if (to.contains("/eid/login/factor")) {
                current = browser.post("/eid/login/factor", "_csrf", next.csrf(), "code", smsCode(citizen.phone()));
            } else if (to.contains("/eid/login") && !to.contains("step-up")) {
                current = browser.post("/eid/login", "_csrf", next.csrf(), "personalId", citizen.personalId(), "password", password);
            } else if (to.contains("/oauth2/consent")) {
                List<String> fields = new java.util.ArrayList<>(List.of("_csrf", next.csrf(), "client_id",
                        Browser.query(to).get("client_id"), "state", next.field("state")));
                Browser.all(next.body(), "name=\"scope\" value=\"([^\"]+)\"").forEach(s -> fields.addAll(List.of("scope", s)));
                current = browser.post("/oauth2/authorize", fields.toArray(String[]::new));
            } else {
                current = next;
            }
        }
        return current;
    }

    private String smsCode(String phone) {
        return outbox.latest(50).stream().filter(m -> m.phone().equals(phone)).findFirst()
                .map(m -> m.body().replaceAll(".*la (\\d{6}).*", "$1")).orElseThrow();
    }

    private String codeFor(Browser browser, String clientId, String verifier, Citizen citizen, String acr) {
        Browser.Page callback = drive(browser, browser.get(authorizeUrl(clientId, verifier, acr, "openid profile personal_id household")),
                citizen, "dancu-demo");
        assertThat(callback.location()).as(callback.body()).startsWith(REDIRECT);
        Map<String, String> params = Browser.query(callback.location());
        assertThat(params).containsEntry("state", "st-" + clientId);
        return params.get("code");
    }

    private Tokens token(String basicAuth, String... form) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < form.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&").append(form[i]).append('=').append(enc(form[i + 1]));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (basicAuth != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8)));
        }
        HttpResponse<String> response = send(request.build());
        return new Tokens(response.statusCode(), Api.JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private SignedJWT verified(String jwt) throws Exception {
        SignedJWT signed = SignedJWT.parse(jwt);
        JWKSet keys = JWKSet.parse(send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/jwks")).build()).body());
        RSAKey key = (RSAKey) keys.getKeyByKeyId(signed.getHeader().getKeyID());
        assertThat(key).as("the JWKS publishes the key " + signed.getHeader().getKeyID()).isNotNull();
        assertThat(signed.verify(new RSASSAVerifier(key))).isTrue();
        return signed;
    }

    // --- discovery and the happy path

    @Test
    void discoveryAnnouncesWhatTheProviderDoes() {
        JsonNode config = Api.JSON.readTree(send(HttpRequest.newBuilder(URI.create(base() + "/.well-known/openid-configuration"))
                .build()).body());
        assertThat(config.path("issuer").asString()).isEqualTo(base());
        assertThat(config.path("code_challenge_methods_supported").toString()).contains("S256");
        assertThat(config.path("subject_types_supported").toString()).isEqualTo("[\"pairwise\"]");
        assertThat(config.path("acr_values_supported").toString()).contains("urn:dancu:loa:1", "urn:dancu:loa:2");
        assertThat(config.path("claims_supported").toString()).contains("personal_id_number", "household");
    }

    @Test
    void discoveryAdvertisesOnlyWhatARegisteredClientCanUse() {
        for (String path : List.of("/.well-known/openid-configuration", "/.well-known/oauth-authorization-server")) {
            JsonNode config = Api.JSON.readTree(send(HttpRequest.newBuilder(URI.create(base() + path)).build()).body());
            assertThat(config.path("issuer").asString()).as(path).isEqualTo(base());
            assertThat(config.path("authorization_response_iss_parameter_supported").asBoolean()).as(path).isTrue();
            assertThat(config.has("tls_client_certificate_bound_access_tokens")).as(path + ": no client can bind tokens to a certificate")
                    .isFalse();
            assertThat(config.has("dpop_signing_alg_values_supported")).as(path + ": no client registration offers DPoP").isFalse();
            assertThat(config.has("device_authorization_endpoint")).as(path).isFalse();
            assertThat(strings(config.path("token_endpoint_auth_methods_supported"))).as(path)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt", "none");
            assertThat(strings(config.path("introspection_endpoint_auth_methods_supported"))).as(path)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
            assertThat(strings(config.path("revocation_endpoint_auth_methods_supported"))).as(path)
                    .containsExactlyInAnyOrder("client_secret_basic", "client_secret_post", "private_key_jwt");
            assertThat(strings(config.path("grant_types_supported"))).as(path)
                    .containsExactlyInAnyOrder("authorization_code", "refresh_token", "client_credentials");
            assertThat(strings(config.path("response_types_supported"))).as(path).containsExactly("code");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new java.util.ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    // --- one issuer, RFC 9207 and RFC 9068

    @Test
    void theIssuerIsOneValueWhateverHostNameTheClientUses() throws Exception {
        String byName = "http://localhost:" + port;
        JsonNode config = Api.JSON.readTree(send(HttpRequest.newBuilder(URI.create(byName + "/.well-known/openid-configuration"))
                .build()).body());
        assertThat(config.path("issuer").asString()).isEqualTo(base());
        assertThat(config.path("token_endpoint").asString()).isEqualTo(base() + "/oauth2/token");

        HttpResponse<String> token = send(HttpRequest.newBuilder(URI.create(byName + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-api:dancu-demo".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
        assertThat(token.statusCode()).isEqualTo(200);
        SignedJWT access = verified(Api.JSON.readTree(token.body()).path("access_token").asString());
        assertThat(access.getJWTClaimsSet().getIssuer()).isEqualTo(base());
    }

    @Test
    void accessTokensAreTypedJwtsWithTheClaimsOfRfc9068AndIdTokensAreNot() throws Exception {
        String clientId = clientId("rp-at");
        String secret = relyingParty(clientId, true, List.of("name"), List.of(), "gov.at");
        Citizen citizen = citizen(1);
        String code = codeFor(new Browser(port), clientId, null, citizen, null);
        Tokens tokens = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT);

        SignedJWT access = verified(tokens.get("access_token"));
        assertThat(access.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        JWTClaimsSet claims = access.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(base());
        assertThat(claims.getAudience()).containsExactly(base());
        assertThat(claims.getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(claims.getSubject()).hasSize(43);
        assertThat(claims.getIssueTime()).isNotNull();
        assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
        assertThat(claims.getJWTID()).isNotBlank();
        SignedJWT id = verified(tokens.get("id_token"));
        assertThat(id.getHeader().getType()).isNotEqualTo(new JOSEObjectType("at+jwt"));

        String client = token("demo-api:dancu-demo", "grant_type", "client_credentials").get("access_token");
        assertThat(verified(client).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("demo-api");
        assertThat(verified(client).getJWTClaimsSet().getSubject()).isEqualTo("demo-api");
        // The citizen's own API still takes the citizen's typed token; an ID token is refused there too.
        HttpResponse<String> withId = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/access-log"))
                .header("Authorization", "Bearer " + tokens.get("id_token")).build());
        assertThat(withId.statusCode()).isEqualTo(401);
    }

    @Test
    void aCodeFlowTokenIsStillStoredAndRevocable() throws Exception {
        String clientId = clientId("rp-revoke");
        String secret = relyingParty(clientId, true, List.of("name"), List.of(), "gov.revoke");
        String code = codeFor(new Browser(port), clientId, null, citizen(1), null);
        String access = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT)
                .get("access_token");
        String stored = "select access_token_metadata from public.oauth2_authorization where access_token_value = ?";
        assertThat(jdbc.sql(stored).param(access).query(String.class).single()).doesNotContain("\"metadata.token.invalidated\":true");
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/revoke")).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(access))).build());
        assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
        assertThat(jdbc.sql(stored).param(access).query(String.class).single()).contains("\"metadata.token.invalidated\":true");
        assertThat(jdbc.sql("select count(*) from eid.revoked_access_token where client_id = ?").param(clientId)
                .query(Integer.class).single()).as("the deny-list is for client tokens").isZero();
        HttpResponse<String> introspected = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/introspect")).header("Authorization", basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(access))).build());
        assertThat(introspected.body()).contains("\"active\":false");
    }

    @Test
    void aTokenRevokedWithTheWrongHintIsStillFoundAndStopsAtOnce() {
        String clientId = clientId("rp-hint");
        String credentials = clientId + ":" + relyingParty(clientId, true, List.of(), List.of(), "gov.hint");
        Browser browser = new Browser(port);
        Browser.Page back = drive(browser, browser.get(authorizeUrl(clientId, null, null, "openid access_log")), citizen(1), "dancu-demo");
        Tokens tokens = token(credentials, "grant_type", "authorization_code", "code", Browser.query(back.location()).get("code"),
                "redirect_uri", REDIRECT);
        String access = tokens.get("access_token");
        assertThat(accessLog(access).statusCode()).isEqualTo(200);

        // RFC 7009 §2.1: a hint naming the wrong type only widens the search
        assertThat(revoke(credentials, access, "refresh_token").statusCode()).isEqualTo(200);
        assertThat(introspect(credentials, access).path("active").asBoolean()).as("introspected after its revocation").isFalse();
        HttpResponse<String> refused = accessLog(access);
        assertThat(refused.statusCode()).as("the citizen's API with the revoked token: " + refused.body()).isEqualTo(401);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        // revoking the access token leaves the grant: the refresh token still gets a new one, which works
        Tokens refreshed = token(credentials, "grant_type", "refresh_token", "refresh_token", tokens.get("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(accessLog(refreshed.get("access_token")).statusCode()).isEqualTo(200);
        String refresh = refreshed.get("refresh_token");
        assertThat(revoke(credentials, refresh, "access_token").statusCode()).isEqualTo(200);
        assertThat(introspect(credentials, refresh).path("active").asBoolean()).isFalse();
        Tokens again = token(credentials, "grant_type", "refresh_token", "refresh_token", refresh);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.get("error")).isEqualTo("invalid_grant");
        assertThat(accessLog(refreshed.get("access_token")).statusCode()).as("the access token of a revoked refresh token").isEqualTo(401);
    }

    private HttpResponse<String> accessLog(String accessToken) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/access-log")).header("Authorization", "Bearer " + accessToken).build());
    }

    private HttpResponse<String> revoke(String credentials, String token, String hint) {
        return send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/revoke"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token) + "&token_type_hint=" + hint)).build());
    }

    private JsonNode introspect(String credentials, String token) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/introspect"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + enc(token))).build());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return Api.JSON.readTree(answer.body());
    }

    @Autowired
    SigningKeys signingKeys;

    @Test
    void aTokenSignedWithThePlatformsKeyButWithoutTypeOrAudienceIsNoAccessToken() throws Exception {
        RSAKey key = (RSAKey) signingKeys.get(new com.nimbusds.jose.jwk.JWKSelector(new com.nimbusds.jose.jwk.JWKMatcher.Builder()
                .keyID(signingKeys.signingKid()).build()), null).getFirst();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(base()).subject("staff:officer.hanoi")
                .claim("preferred_username", "officer.hanoi").claim("dancu_pt", "staff").claim("client_id", "x")
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000)).jwtID(UUID.randomUUID().toString());
        for (var forged : List.of(sign(key, null, claims.audience(base()).build()),
                sign(key, "at+jwt", claims.audience("somewhere-else").build()),
                sign(key, "at+jwt", claims.audience(base()).issuer("http://other.example").build()))) {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/eid/accounts/001075503799"))
                    .header("Authorization", "Bearer " + forged).build());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }

    private static String sign(RSAKey key, String type, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID());
        if (type != null) {
            header.type(new JOSEObjectType(type));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void authorizationResponsesNameTheIssuerCodesAndErrorsAlike() {
        String clientId = clientId("rp-iss");
        relyingParty(clientId, false, List.of(), List.of("urn:dancu:loa:1", "urn:dancu:loa:2"), "gov.iss");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        Browser.Page granted = drive(browser, browser.get(authorizeUrl(clientId, verifier(), null, "openid")), citizen, "dancu-demo");
        assertThat(Browser.query(granted.location())).containsKey("code").containsEntry("iss", base());

        Browser.Page noPkce = browser.get(authorizeUrl(clientId, null, null, "openid"));
        assertThat(Browser.query(noPkce.location())).containsEntry("error", "invalid_request").containsEntry("iss", base())
                .containsEntry("state", "st-" + clientId);
        Browser.Page unmet = browser.get(authorizeUrl(clientId, verifier(), "urn:dancu:loa:2", "openid"));
        assertThat(unmet.location()).endsWith("/eid/level-2");
        assertThat(Browser.query(returnLink(browser.get(unmet.location())))).containsEntry("error", "unmet_authentication_requirements")
                .containsEntry("iss", base());
        Browser.Page unknown = browser.get(authorizeUrl("no-such-client", verifier(), null, "openid"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.location()).isNull();
    }

    // --- sessions and RP-initiated logout

    private static final String LOGGED_OUT = "https://rp.example.vn/logged-out";

    private String relyingPartyWithLogout(String clientId) {
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Cổng thử đăng xuất " + clientId, "kind", "RELYING_PARTY", "confidential", true,
                "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(REDIRECT),
                "postLogoutRedirectUris", List.of(LOGGED_OUT), "scopes", List.of("openid", "profile", "personal_id", "household"),
                "claims", List.of("name"),
                "acrValues", List.of(), "purpose", "Kiểm thử đăng xuất", "sector", "gov.logout"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("secret");
    }

    private Browser.Page logout(Browser browser, String idToken, String state) {
        return browser.get("/connect/logout?id_token_hint=" + enc(idToken) + "&post_logout_redirect_uri=" + enc(LOGGED_OUT)
                + "&state=" + state);
    }

    @Test
    void aCitizenOnTwoDevicesHasASidPerDeviceAndLogsOutFromEitherEvenWithAnIdTokenFromBeforeARefresh() throws Exception {
        String clientId = clientId("rp-devices");
        String secret = relyingPartyWithLogout(clientId);
        Citizen citizen = citizen(1);
        Browser older = new Browser(port);
        Browser newer = new Browser(port);
        // The older device's code is exchanged after the newer device signed in (the provider used to take the newest session).
        String olderCode = codeFor(older, clientId, null, citizen, null);
        String newerCode = codeFor(newer, clientId, null, citizen, null);
        Tokens first = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", olderCode, "redirect_uri", REDIRECT);
        Tokens second = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", newerCode, "redirect_uri", REDIRECT);
        JWTClaimsSet a = verified(first.get("id_token")).getJWTClaimsSet();
        JWTClaimsSet b = verified(second.get("id_token")).getJWTClaimsSet();
        assertThat(a.getSubject()).isEqualTo(b.getSubject());
        assertThat(a.getStringClaim("sid")).isNotBlank().isNotEqualTo(b.getStringClaim("sid"));
        assertThat(a.getClaim("auth_time")).isNotNull();

        Tokens refreshed = token(clientId + ":" + secret, "grant_type", "refresh_token", "refresh_token", first.get("refresh_token"));
        assertThat(refreshed.status()).isEqualTo(200);
        JWTClaimsSet afterRefresh = verified(refreshed.get("id_token")).getJWTClaimsSet();
        assertThat(afterRefresh.getStringClaim("sid")).isEqualTo(a.getStringClaim("sid"));
        assertThat(refreshed.get("id_token")).isNotEqualTo(first.get("id_token"));

        Browser.Page wrongDevice = logout(newer, first.get("id_token"), "x");
        assertThat(wrongDevice.status()).as("another device's ID token does not end this device's sign-in").isEqualTo(400);
        assertThat(newer.get("/eid/account").status()).isEqualTo(200);

        Browser.Page loggedOut = logout(older, first.get("id_token"), "s-older");
        assertThat(loggedOut.location()).as(loggedOut.body()).isEqualTo(LOGGED_OUT + "?state=s-older");
        assertThat(older.get("/eid/account").location()).endsWith("/eid/login");
        assertThat(newer.get("/eid/account").status()).as("the other device stays signed in").isEqualTo(200);

        Browser.Page newerOut = logout(newer, second.get("id_token"), "s-newer");
        assertThat(newerOut.location()).isEqualTo(LOGGED_OUT + "?state=s-newer");
        assertThat(newer.get("/eid/account").location()).endsWith("/eid/login");
        assertThat(jdbc.sql("""
                        select count(*) from eid.citizen_session s join eid.citizen_account a on a.id = s.account_id
                        where a.personal_id = ? and s.ended_at is null""").param(citizen.personalId())
                .query(Integer.class).single()).isZero();
    }

    @Test
    void aStaffApplicationLogsTheOfficerOutWithItsIdToken() throws Exception {
        String clientId = clientId("staff-logout");
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Phần mềm một cửa (đăng xuất)", "kind", "STAFF_APP", "authMethods", List.of("client_secret_basic"),
                "redirectUris", List.of(REDIRECT), "postLogoutRedirectUris", List.of(LOGGED_OUT), "scopes", List.of("openid"),
                "purpose", "Tiếp nhận hồ sơ", "sector", "staff"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Browser browser = new Browser(port);
        Browser.Page form = browser.get(browser.get(authorizeUrl(clientId, null, null, "openid")).location());
        Browser.Page back = browser.follow(browser.post("/login", "_csrf", form.csrf(), "username", "officer.hanoi",
                "password", "dancu-demo"), REDIRECT);
        Tokens tokens = token(clientId + ":" + created.text("secret"), "grant_type", "authorization_code", "code",
                Browser.query(back.location()).get("code"), "redirect_uri", REDIRECT);
        JWTClaimsSet id = verified(tokens.get("id_token")).getJWTClaimsSet();
        assertThat(id.getStringClaim("sid")).isNotBlank();
        assertThat(id.getSubject()).isEqualTo("staff:officer.hanoi");

        assertThat(logout(browser, tokens.get("id_token"), "staff-out").location()).isEqualTo(LOGGED_OUT + "?state=staff-out");
        assertThat(browser.get(authorizeUrl(clientId, null, null, "openid")).location()).as("signed out").endsWith("/login");
    }

    @Test
    void logoutRefusesHintsThatAreNotThisProvidersIdTokensForTheClient() throws Exception {
        String clientId = clientId("rp-hints");
        String secret = relyingPartyWithLogout(clientId);
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        Tokens tokens = token(clientId + ":" + secret, "grant_type", "authorization_code", "code",
                codeFor(browser, clientId, null, citizen, null), "redirect_uri", REDIRECT);

        assertThat(logout(browser, tokens.get("access_token"), "x").status()).as("an access token").isEqualTo(400);
        RSAKey stranger = new RSAKeyGenerator(2048).keyID(signingKeys.signingKid()).generate();
        JWTClaimsSet claims = verified(tokens.get("id_token")).getJWTClaimsSet();
        assertThat(logout(browser, sign(stranger, null, claims), "x").status()).as("signed by someone else").isEqualTo(400);
        Browser.Page otherRedirect = browser.get("/connect/logout?id_token_hint=" + enc(tokens.get("id_token"))
                + "&post_logout_redirect_uri=" + enc("https://attacker.example/"));
        assertThat(otherRedirect.status()).as("an unregistered post-logout redirect").isEqualTo(400);
        Browser.Page otherClient = browser.get("/connect/logout?id_token_hint=" + enc(tokens.get("id_token")) + "&client_id=demo-portal");
        assertThat(otherClient.status()).isEqualTo(400);
        assertThat(browser.get("/eid/account").status()).as("none of these ended the sign-in").isEqualTo(200);

        Browser.Page signedOutAlready = logout(new Browser(port), tokens.get("id_token"), "y");
        assertThat(signedOutAlready.location()).as("a browser not signed in is sent back").isEqualTo(LOGGED_OUT + "?state=y");
    }

    @Test
    void aPublicClientWithPkceGetsASignedIdTokenAndTheRegistrysClaims() throws Exception {
        String clientId = clientId("rp-public");
        relyingParty(clientId, false, List.of("name", "birthdate", "personal_id_number"), List.of(), "gov.test-a");
        Citizen citizen = citizen(1);
        String verifier = verifier();
        String code = codeFor(new Browser(port), clientId, verifier, citizen, null);

        Tokens tokens = token(null, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", clientId, "code_verifier", verifier);

        assertThat(tokens.status()).as(tokens.body().toString()).isEqualTo(200);
        assertThat(tokens.body().has("refresh_token")).as("no refresh token for a public client").isFalse();
        JWTClaimsSet id = verified(tokens.get("id_token")).getJWTClaimsSet();
        assertThat(id.getIssuer()).isEqualTo(base());
        assertThat(id.getAudience()).containsExactly(clientId);
        assertThat(id.getStringClaim("nonce")).isEqualTo("n-" + clientId);
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:dancu:loa:1");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd");
        assertThat(id.getSubject()).hasSize(43).doesNotContain(citizen.personalId());
        assertThat(id.getClaim("auth_time")).isNotNull();

        JsonNode userInfo = Api.JSON.readTree(send(HttpRequest.newBuilder(URI.create(base() + "/userinfo"))
                .header("Authorization", "Bearer " + tokens.get("access_token")).build()).body());
        assertThat(userInfo.path("sub").asString()).isEqualTo(id.getSubject());
        assertThat(userInfo.path("name").asString()).isEqualTo("Phạm Văn Thử");
        assertThat(userInfo.path("personal_id_number").asString()).isEqualTo(citizen.personalId());
        assertThat(userInfo.has("household")).as("household is not among this relying party's claims").isFalse();
        assertThat(userInfo.has("given_name")).as("given_name was not allowed").isFalse();
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log
                        where subject_personal_id = ? and actor = ? and channel = 'OIDC' and actor_type = 'MEMBER'""")
                .params(citizen.personalId(), clientId).query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void pairwiseSubjectsAreEqualWithinASectorAndUnrelatedAcrossSectors() throws Exception {
        Citizen citizen = citizen(1);
        String a = clientId("rp-a");
        String b = clientId("rp-b");
        String c = clientId("rp-c");
        relyingParty(a, false, List.of(), List.of(), "gov.health");
        relyingParty(b, false, List.of(), List.of(), "gov.health");
        relyingParty(c, false, List.of(), List.of(), "bank.example");
        Browser browser = new Browser(port);
        String[] subjects = new String[3];
        String[] clients = {a, b, c};
        for (int i = 0; i < 3; i++) {
            String verifier = verifier();
            String code = codeFor(browser, clients[i], verifier, citizen, null);
            Tokens tokens = token(null, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                    "client_id", clients[i], "code_verifier", verifier);
            subjects[i] = verified(tokens.get("id_token")).getJWTClaimsSet().getSubject();
        }
        assertThat(subjects[0]).isEqualTo(subjects[1]).isNotEqualTo(subjects[2]);
    }

    // --- failures of the code exchange

    @Test
    void aWrongVerifierAReusedCodeAndAnExpiredCodeAreInvalidGrants() {
        String clientId = clientId("rp-grants");
        relyingParty(clientId, false, List.of(), List.of(), "gov.test-b");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);

        String verifier = verifier();
        String code = codeFor(browser, clientId, verifier, citizen, null);
        Tokens wrong = token(null, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", clientId, "code_verifier", verifier());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.get("error")).isEqualTo("invalid_grant");

        String verifier2 = verifier();
        String code2 = codeFor(browser, clientId, verifier2, citizen, null);
        String[] exchange = {"grant_type", "authorization_code", "code", code2, "redirect_uri", REDIRECT, "client_id", clientId,
                "code_verifier", verifier2};
        assertThat(token(null, exchange).status()).isEqualTo(200);
        Tokens reused = token(null, exchange);
        assertThat(reused.status()).isEqualTo(400);
        assertThat(reused.get("error")).isEqualTo("invalid_grant");

        String verifier3 = verifier();
        String code3 = codeFor(browser, clientId, verifier3, citizen, null);
        // Time passes: the code's two minutes are over.
        jdbc.sql("update public.oauth2_authorization set authorization_code_issued_at = now() - interval '3 minutes', "
                + "authorization_code_expires_at = now() - interval '1 minute' where authorization_code_value = ?").param(code3).update();
        Tokens expired = token(null, "grant_type", "authorization_code", "code", code3, "redirect_uri", REDIRECT,
                "client_id", clientId, "code_verifier", verifier3);
        assertThat(expired.status()).isEqualTo(400);
        assertThat(expired.get("error")).isEqualTo("invalid_grant");
    }

    @Test
    void aPublicClientWithoutPkceIsRefusedAndAnUnregisteredRedirectIsNeverFollowed() {
        String clientId = clientId("rp-strict");
        relyingParty(clientId, false, List.of(), List.of(), "gov.test-c");
        Browser browser = new Browser(port);

        Browser.Page noPkce = browser.get(authorizeUrl(clientId, null, null, "openid"));
        assertThat(noPkce.location()).startsWith(REDIRECT);
        assertThat(Browser.query(noPkce.location())).containsEntry("error", "invalid_request");

        Browser.Page mismatch = browser.get(authorizeUrl(clientId, verifier(), null, "openid")
                .replace(enc(REDIRECT), enc("https://attacker.example/callback")));
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.location()).isNull();

        Browser.Page unknownClient = browser.get(authorizeUrl("no-such-client", verifier(), null, "openid"));
        assertThat(unknownClient.status()).isEqualTo(400);
        assertThat(unknownClient.location()).isNull();
    }

    // --- accounts that must not log in

    @Test
    void aLockedAccountIsRefusedEvenWithTheRightPassword() {
        String clientId = clientId("rp-lock");
        relyingParty(clientId, false, List.of(), List.of(), "gov.test-d");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        Browser.Page start = browser.get(authorizeUrl(clientId, verifier(), null, "openid"));
        for (int i = 0; i < 5; i++) {
            Browser.Page wrong = drive(browser, start, citizen, "not-the-password");
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(wrong.body()).contains("Sai số định danh hoặc mật khẩu");
        }
        Browser.Page locked = drive(browser, browser.get(authorizeUrl(clientId, verifier(), null, "openid")), citizen, "dancu-demo");
        assertThat(locked.status()).isEqualTo(401);
        assertThat(locked.location()).isNull();
        assertThat(jdbc.sql("select state from eid.citizen_account where personal_id = ?").param(citizen.personalId())
                .query(String.class).single()).isEqualTo("LOCKED");
    }

    @Test
    void aLevelOneAccountAskingForLevelTwoIsToldTheRequirementIsUnmet() {
        String clientId = clientId("rp-loa");
        relyingParty(clientId, false, List.of(), List.of("urn:dancu:loa:1", "urn:dancu:loa:2"), "gov.test-e");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        Browser.Page explained = drive(browser, browser.get(authorizeUrl(clientId, verifier(), "urn:dancu:loa:2", "openid")),
                citizen, "dancu-demo");
        assertThat(explained.status()).isEqualTo(200);
        assertThat(explained.body()).contains("Dịch vụ này cần tài khoản định danh điện tử mức 2", "Cổng thử nghiệm " + clientId,
                "Tài khoản của bạn đang ở mức 1", "Công an xã, phường, đặc khu nơi bạn cư trú", "thẻ căn cước");
        String back = returnLink(explained);
        assertThat(back).startsWith(REDIRECT);
        assertThat(Browser.query(back)).containsEntry("error", "unmet_authentication_requirements")
                .containsEntry("state", "st-" + clientId).containsEntry("iss", base()).doesNotContainKey("code");
        assertThat(browser.get("/eid/level-2?lang=en").body()).contains("This service needs a level-2 e-ID account",
                "Your account is level 1", "police of the commune, ward or special zone where you live", "ID card",
                "Return to Cổng thử nghiệm " + clientId);

        Browser.Page silent = browser.get(authorizeUrl(clientId, verifier(), "urn:dancu:loa:2", "openid") + "&prompt=none");
        assertThat(silent.location()).as("prompt=none shows nothing: straight back with the error").startsWith(REDIRECT);
        assertThat(Browser.query(silent.location())).containsEntry("error", "unmet_authentication_requirements")
                .containsEntry("state", "st-" + clientId);
    }

    /** The page's way back to the relying party. */
    private static String returnLink(Browser.Page page) {
        return Browser.all(page.body(), "<a class=\"button\" href=\"([^\"]+)\"").getFirst().replace("&amp;", "&");
    }

    @Test
    void aLevelTwoLoginUsesTheSecondFactorAndSaysSo() throws Exception {
        String clientId = clientId("rp-loa2");
        relyingParty(clientId, false, List.of(), List.of("urn:dancu:loa:2"), "gov.test-f");
        Citizen citizen = citizen(2);
        String verifier = verifier();
        String code = codeFor(new Browser(port), clientId, verifier, citizen, null);
        Tokens tokens = token(null, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT,
                "client_id", clientId, "code_verifier", verifier);
        JWTClaimsSet id = verified(tokens.get("id_token")).getJWTClaimsSet();
        assertThat(id.getStringClaim("acr")).isEqualTo("urn:dancu:loa:2");
        assertThat(id.getStringListClaim("amr")).containsExactly("pwd", "sms", "mfa");
    }

    @Test
    void aSessionFromBeforeTheUpgradeStepsUpToLevelTwo() throws Exception {
        String low = clientId("rp-low");
        String high = clientId("rp-high");
        relyingParty(low, false, List.of(), List.of(), "gov.test-g");
        relyingParty(high, false, List.of(), List.of("urn:dancu:loa:2"), "gov.test-g");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        String lowVerifier = verifier();
        String lowIdToken = token(null, "grant_type", "authorization_code", "code", codeFor(browser, low, lowVerifier, citizen, null),
                "redirect_uri", REDIRECT, "client_id", low, "code_verifier", lowVerifier).get("id_token");
        Api.Response upgraded = api("officer.hanoi").post("/api/v1/eid/accounts/" + citizen.personalId() + "/level2",
                Api.map("evidenceRef", "Biên bản số 12/2026"));
        assertThat(upgraded.status()).isEqualTo(200);
        assertThat(upgraded.body().path("level").asInt()).isEqualTo(2);

        Browser.Page stepUp = browser.get(authorizeUrl(high, verifier(), null, "openid"));
        assertThat(stepUp.location()).endsWith("/eid/login/step-up");
        String verifier = verifier();
        Browser.Page back = drive(browser, browser.get(authorizeUrl(high, verifier, null, "openid")), citizen, "dancu-demo");
        Tokens tokens = token(null, "grant_type", "authorization_code", "code", Browser.query(back.location()).get("code"),
                "redirect_uri", REDIRECT, "client_id", high, "code_verifier", verifier);
        JWTClaimsSet stepped = verified(tokens.get("id_token")).getJWTClaimsSet();
        assertThat(stepped.getStringClaim("acr")).isEqualTo("urn:dancu:loa:2");
        assertThat(stepped.getStringClaim("sid")).as("a step-up continues the sign-in")
                .isEqualTo(verified(lowIdToken).getJWTClaimsSet().getStringClaim("sid"));
        Browser.Page out = browser.get("/connect/logout?id_token_hint=" + enc(lowIdToken));
        assertThat(out.status()).as("logout with the ID token from before the step-up: " + out.body()).isEqualTo(302);
        assertThat(browser.get("/eid/account").location()).endsWith("/eid/login");
    }

    // --- consent and death end what was granted

    @Test
    void aRevokedConsentStopsTheRefreshTokenAndIsAskedForAgain() {
        String clientId = clientId("rp-consent");
        String secret = relyingParty(clientId, true, List.of("name"), List.of(), "gov.test-h");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        String code = codeFor(browser, clientId, null, citizen, null);
        Tokens tokens = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT);
        assertThat(tokens.status()).isEqualTo(200);
        String refresh = tokens.get("refresh_token");
        assertThat(token(clientId + ":" + secret, "grant_type", "refresh_token", "refresh_token", refresh).status()).isEqualTo(200);

        Browser.Page account = browser.get("/eid/account");
        assertThat(account.body()).contains("Cổng thử nghiệm " + clientId);
        String revoke = Browser.all(account.body(), "action=\"(/eid/account/consents/[^\"]+/revoke)\"").getFirst();
        assertThat(browser.post(revoke, "_csrf", account.csrf()).location()).endsWith("/eid/account");

        Tokens refused = token(clientId + ":" + secret, "grant_type", "refresh_token", "refresh_token", refresh);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.get("error")).isEqualTo("invalid_grant");
        Browser.Page again = browser.get(authorizeUrl(clientId, verifier(), null, "openid profile"));
        assertThat(again.location()).contains("/oauth2/consent");
    }

    @Test
    void theDeathOfThePersonRevokesTheAccountAndEndsItsSessionsAtOnce() {
        String clientId = clientId("rp-death");
        String secret = relyingParty(clientId, true, List.of(), List.of(), "gov.test-i");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        String code = codeFor(browser, clientId, null, citizen, null);
        String refresh = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT).get("refresh_token");
        assertThat(browser.get("/eid/account").status()).isEqualTo(200);

        Api.Response death = api("officer.hanoi").post("/api/v1/registry/persons/" + citizen.personalId() + "/death",
                Api.map("dateOfDeath", "2026-11-20", "placeOfDeath", "Bệnh viện Bạch Mai", "sourceDocument", "Giấy báo tử 77/2026"));
        assertThat(death.status()).isEqualTo(204);

        assertThat(browser.get("/eid/account").location()).endsWith("/eid/login");
        assertThat(token(clientId + ":" + secret, "grant_type", "refresh_token", "refresh_token", refresh).get("error"))
                .isEqualTo("invalid_grant");
        Browser.Page login = drive(new Browser(port), new Browser(port).get(authorizeUrl(clientId, verifier(), null, "openid")),
                citizen, "dancu-demo");
        assertThat(login.status()).isEqualTo(403);
        assertThat(login.body()).contains("Tài khoản đã bị thu hồi");
    }

    // --- clients on their own behalf

    @Test
    void clientCredentialsForARegisteredApiClientOnly() throws Exception {
        String clientId = clientId("api");
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Hệ thống thử", "kind", "API_CLIENT", "authMethods", List.of("client_secret_basic"),
                "scopes", List.of("exchange.verify"), "purpose", "Đối chiếu", "sector", "test.api"));
        String secret = created.text("secret");
        assertThat(secret).hasSizeGreaterThan(40);

        Tokens ok = token(clientId + ":" + secret, "grant_type", "client_credentials", "scope", "exchange.verify");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(verified(ok.get("access_token")).getJWTClaimsSet().getSubject()).isEqualTo(clientId);

        Tokens wrongSecret = token(clientId + ":wrong", "grant_type", "client_credentials");
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.get("error")).isEqualTo("invalid_client");
        Tokens otherScope = token(clientId + ":" + secret, "grant_type", "client_credentials", "scope", "openid");
        assertThat(otherScope.get("error")).isEqualTo("invalid_scope");

        Api.Response current = api("admin").get("/api/v1/admin/relying-parties/" + clientId);
        Map<String, Object> suspended = Api.JSON.convertValue(current.body(), new tools.jackson.core.type.TypeReference<Map<String, Object>>() { });
        suspended.put("status", "SUSPENDED");
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/admin/relying-parties/" + clientId))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:dancu-demo".getBytes()))
                .header("Content-Type", "application/json").header("If-Match", String.valueOf(current.body().path("version").asInt()))
                .PUT(HttpRequest.BodyPublishers.ofString(Api.JSON.writeValueAsString(suspended))).build());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(token(clientId + ":" + secret, "grant_type", "client_credentials").get("error")).isEqualTo("invalid_client");
        HttpResponse<String> introspected = send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/introspect"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-api:dancu-demo".getBytes()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("token=" + ok.get("access_token"))).build());
        assertThat(introspected.statusCode()).isEqualTo(200);
        assertThat(introspected.body()).as("the suspended client's tokens are gone").contains("\"active\":false");
    }

    @Test
    void privateKeyJwtAuthenticatesWithTheClientsOwnKey() throws Exception {
        RSAKey clientKey = new RSAKeyGenerator(2048).keyID("client-key").generate();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        byte[] published = new JWKSet(clientKey.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        jwks.createContext("/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, published.length);
            exchange.getResponseBody().write(published);
            exchange.close();
        });
        jwks.start();
        try {
            String clientId = clientId("api-pkj");
            Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                    "name", "Ngân hàng thử", "kind", "API_CLIENT", "authMethods", List.of("private_key_jwt"),
                    "jwksUri", "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks", "scopes", List.of("exchange.verify"),
                    "purpose", "Đối chiếu", "sector", "bank.test"));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            assertThat(created.body().path("secret").isNull() || created.body().path("secret").isMissingNode()).isTrue();

            Tokens ok = token(null, "grant_type", "client_credentials", "client_id", clientId,
                    "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion", assertion(clientId, clientKey));
            assertThat(ok.status()).as(ok.body().toString()).isEqualTo(200);

            RSAKey stranger = new RSAKeyGenerator(2048).keyID("client-key").generate();
            Tokens forged = token(null, "grant_type", "client_credentials", "client_id", clientId,
                    "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                    "client_assertion", assertion(clientId, stranger));
            assertThat(forged.status()).isEqualTo(401);
            assertThat(forged.get("error")).isEqualTo("invalid_client");
        } finally {
            jwks.stop(0);
        }
    }

    /** A staff application's code for officer.hanoi, through the staff login page. */
    private String codeForStaff(String clientId) {
        return codeForStaff(clientId, "officer.hanoi", "dancu-demo");
    }

    private String codeForStaff(String clientId, String username, String password) {
        Browser browser = new Browser(port);
        Browser.Page toLogin = browser.get(authorizeUrl(clientId, null, null, "openid"));
        Browser.Page form = browser.get(toLogin.location());
        Browser.Page back = browser.follow(browser.post("/login", "_csrf", form.csrf(), "username", username,
                "password", password), REDIRECT);
        return Browser.query(back.location()).get("code");
    }

    @Test
    void aStaffTokenEndsAtOnceWhenTheOfficersPasswordIsResetOrTheAccountDisabled() {
        String username = "token.officer." + System.nanoTime() % 1_000_000;
        String oneTime = api("admin").post("/api/v1/admin/staff", Api.map("username", username, "displayName", "Cán bộ thử token",
                "role", "PROVINCE_OFFICER", "jurisdiction", "01", "reason", "Kiểm thử")).text("oneTimePassword");
        String password = "Con đường tơ lụa 2026";
        assertThat(vn.dancu.TestApis.of(port, username, oneTime).post("/api/v1/auth/password", Api.map("currentPassword", oneTime,
                "newPassword", password, "newPasswordConfirmation", password)).status()).isEqualTo(204);
        String clientId = clientId("staff-token");
        String secret = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Phần mềm một cửa (thử token)", "kind", "STAFF_APP", "authMethods", List.of("client_secret_basic"),
                "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"), "purpose", "Tiếp nhận hồ sơ", "sector", "staff")).text("secret");
        Api first = Api.bearer(port, token(clientId + ":" + secret, "grant_type", "authorization_code",
                "code", codeForStaff(clientId, username, password), "redirect_uri", REDIRECT).get("access_token"));
        assertThat(first.get("/api/v1/registry/persons?name=nguyen").status()).isEqualTo(200);
        api("admin").post("/api/v1/admin/staff/" + username + "/password-reset", Map.of("reason", "Lộ mật khẩu"));
        assertThat(first.get("/api/v1/registry/persons?name=nguyen").status()).as("issued before the reset").isEqualTo(401);

        String second = api("admin").post("/api/v1/admin/staff/" + username + "/password-reset", Map.of("reason", "Cấp lại")).text("oneTimePassword");
        assertThat(vn.dancu.TestApis.of(port, username, second).post("/api/v1/auth/password", Api.map("currentPassword", second,
                "newPassword", "Mây trắng bay xa 2027", "newPasswordConfirmation", "Mây trắng bay xa 2027")).status()).isEqualTo(204);
        Api fresh = Api.bearer(port, token(clientId + ":" + secret, "grant_type", "authorization_code",
                "code", codeForStaff(clientId, username, "Mây trắng bay xa 2027"), "redirect_uri", REDIRECT).get("access_token"));
        assertThat(fresh.get("/api/v1/registry/persons?name=nguyen").status()).isEqualTo(200);
        api("admin").post("/api/v1/admin/staff/" + username + "/disable", Map.of("reason", "Thôi việc"));
        Api.Response refused = fresh.get("/api/v1/registry/persons?name=nguyen");
        assertThat(refused.status()).as("a disabled officer's token").isEqualTo(401);
        assertThat(refused.contentType()).startsWith("application/problem+json");
    }

    private String assertion(String clientId, RSAKey key) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(base() + "/oauth2/token")
                .jwtID(UUID.randomUUID().toString()).issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 60_000))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    // --- staff tokens, keys, administration

    @Test
    void aStaffApplicationsTokenActsAsTheOfficerOnTheStaffApis() {
        String clientId = clientId("staff-app");
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Phần mềm một cửa (thử)", "kind", "STAFF_APP", "authMethods", List.of("client_secret_basic"),
                "redirectUris", List.of(REDIRECT), "scopes", List.of("openid"), "purpose", "Tiếp nhận hồ sơ", "sector", "staff"));
        String secret = created.text("secret");
        Browser browser = new Browser(port);
        Browser.Page toLogin = browser.get(authorizeUrl(clientId, null, null, "openid"));
        assertThat(toLogin.location()).endsWith("/login");
        Browser.Page form = browser.get(toLogin.location());
        Browser.Page back = browser.follow(browser.post("/login", "_csrf", form.csrf(), "username", "officer.hanoi",
                "password", "dancu-demo"), REDIRECT);
        String code = Browser.query(back.location()).get("code");
        String accessToken = token(clientId + ":" + secret, "grant_type", "authorization_code", "code", code,
                "redirect_uri", REDIRECT).get("access_token");

        Citizen citizen = citizen(1);
        HttpResponse<String> read = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons/" + citizen.personalId()))
                .header("Authorization", "Bearer " + accessToken).header("X-Purpose", "Kiem thu").build());
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(jdbc.sql("select count(*) from audit.access_log where subject_personal_id = ? and actor = 'officer.hanoi'")
                .param(citizen.personalId()).query(Integer.class).single()).isEqualTo(1);

        String clientToken = token("demo-api:dancu-demo", "grant_type", "client_credentials").get("access_token");
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons/" + citizen.personalId()))
                .header("Authorization", "Bearer " + clientToken).header("X-Purpose", "Kiem thu").build());
        assertThat(refused.statusCode()).isEqualTo(403);
        String idToken = token(clientId + ":" + secret, "grant_type", "authorization_code", "code",
                codeForStaff(clientId), "redirect_uri", REDIRECT).get("id_token");
        HttpResponse<String> withIdToken = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons/" + citizen.personalId()))
                .header("Authorization", "Bearer " + idToken).header("X-Purpose", "Kiem thu").build());
        assertThat(withIdToken.statusCode()).as("an ID token is not an access token (RFC 9068: typ at+jwt)").isEqualTo(401);
        HttpResponse<String> garbage = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons/" + citizen.personalId()))
                .header("Authorization", "Bearer not.a.token").build());
        assertThat(garbage.statusCode()).isEqualTo(401);

        // revoked with the wrong hint (RFC 7009 §2.1: the server searches the other types): the officer's token stops at once
        assertThat(revoke(clientId + ":" + secret, accessToken, "refresh_token").statusCode()).isEqualTo(200);
        assertThat(introspect(clientId + ":" + secret, accessToken).path("active").asBoolean()).isFalse();
        HttpResponse<String> revoked = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/registry/persons/" + citizen.personalId()))
                .header("Authorization", "Bearer " + accessToken).header("X-Purpose", "Kiem thu").build());
        assertThat(revoked.statusCode()).as("a revoked staff token").isEqualTo(401);
        assertThat(revoked.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }

    @Test
    void aRotatedKeyIsPublishedBeforeItSignsAndOldTokensStillVerify() throws Exception {
        String before = token("demo-api:dancu-demo", "grant_type", "client_credentials").get("access_token");
        Api.Response rotated = api("admin").post("/api/v1/admin/oidc/keys/rotate", Map.of());
        assertThat(rotated.status()).isEqualTo(200);
        String newKid = rotated.text("newKid");
        String after = token("demo-api:dancu-demo", "grant_type", "client_credentials").get("access_token");

        JWKSet published = JWKSet.parse(send(HttpRequest.newBuilder(URI.create(base() + "/oauth2/jwks")).build()).body());
        assertThat(published.getKeyByKeyId(newKid)).as("published at once").isNotNull();
        assertThat(published.getKeys()).allMatch(k -> !k.isPrivate());
        assertThat(SignedJWT.parse(after).getHeader().getKeyID()).as("signs only after the activation delay")
                .isEqualTo(SignedJWT.parse(before).getHeader().getKeyID()).isNotEqualTo(newKid);
        verified(before);
        verified(after);
        assertThat(api("officer.hanoi").post("/api/v1/admin/oidc/keys/rotate", Map.of()).status()).isEqualTo(403);
    }

    @Autowired
    ExpiredAuthorizations expired;

    @Test
    void aTokenWithTheAccessLogScopeReadsTheCitizensLogAndOthersDoNot() {
        String withScope = clientId("rp-log");
        String secret = relyingParty(withScope, true, List.of(), List.of(), "gov.log");
        api("admin");
        Citizen citizen = citizen(1);
        Browser browser = new Browser(port);
        Browser.Page back = drive(browser, browser.get(authorizeUrl(withScope, null, null, "openid access_log")), citizen, "dancu-demo");
        String token = token(withScope + ":" + secret, "grant_type", "authorization_code", "code",
                Browser.query(back.location()).get("code"), "redirect_uri", REDIRECT).get("access_token");
        HttpResponse<String> log = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/access-log"))
                .header("Authorization", "Bearer " + token).build());
        assertThat(log.statusCode()).as(log.body()).isEqualTo(200);
        assertThat(log.body()).contains("\"items\"");

        String without = clientId("rp-nolog");
        String secret2 = relyingParty(without, true, List.of(), List.of(), "gov.log");
        Browser.Page back2 = drive(browser, browser.get(authorizeUrl(without, null, null, "openid profile")), citizen, "dancu-demo");
        String token2 = token(without + ":" + secret2, "grant_type", "authorization_code", "code",
                Browser.query(back2.location()).get("code"), "redirect_uri", REDIRECT).get("access_token");
        HttpResponse<String> refused = send(HttpRequest.newBuilder(URI.create(base() + "/api/v1/me/access-log"))
                .header("Authorization", "Bearer " + token2).build());
        assertThat(refused.statusCode()).isEqualTo(403);
    }
    @Autowired
    Consents consents;

    @Test
    void twoLoginsConsentingAtOnceLeaveOneCurrentConsent() throws Exception {
        String clientId = clientId("rp-race");
        relyingParty(clientId, false, List.of("name"), List.of(), "gov.race");
        String rpId = jdbc.sql("select id from eid.relying_party where client_id = ?").param(clientId).query(String.class).single();
        var consent = org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent.withId(rpId, "citizen:999999")
                .scope("profile").build();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            List<java.util.concurrent.Future<?>> saves = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                saves.add(pool.submit(() -> consents.save(consent)));
            }
            for (var save : saves) {
                save.get();
            }
        }
        assertThat(jdbc.sql("select count(*) from eid.oidc_consent where relying_party_id = ? and revoked_at is null")
                .param(rpId).query(Integer.class).single()).isOne();
    }

    @Test
    void authorizationsWhoseTokensHaveAllExpiredArePurged() {
        String clientId = clientId("rp-purge");
        String secret = relyingParty(clientId, true, List.of("name"), List.of(), "gov.purge");
        Citizen citizen = citizen(1);
        String live = token(clientId + ":" + secret, "grant_type", "authorization_code", "code",
                codeFor(new Browser(port), clientId, null, citizen, null), "redirect_uri", REDIRECT).get("access_token");
        String old = token(clientId + ":" + secret, "grant_type", "authorization_code", "code",
                codeFor(new Browser(port), clientId, null, citizen, null), "redirect_uri", REDIRECT).get("access_token");
        jdbc.sql("update public.oauth2_authorization set access_token_issued_at = now() - interval '3 hours', "
                + "access_token_expires_at = now() - interval '2 hours', refresh_token_issued_at = now() - interval '3 hours', "
                + "refresh_token_expires_at = now() - interval '2 hours', oidc_id_token_issued_at = now() - interval '3 hours', "
                + "oidc_id_token_expires_at = now() - interval '2 hours', authorization_code_issued_at = now() - interval '3 hours', "
                + "authorization_code_expires_at = now() - interval '2 hours' where access_token_value = ?").param(old).update();
        expired.purge();
        String count = "select count(*) from public.oauth2_authorization where access_token_value = ?";
        assertThat(jdbc.sql(count).param(old).query(Integer.class).single()).isZero();
        assertThat(jdbc.sql(count).param(live).query(Integer.class).single()).isOne();
    }

    @Autowired
    RelyingParties relyingParties;

    @Test
    void aClientRegisteredInCodeFollowsTheSameRulesAndGetsTokens() {
        var client = org.springframework.security.oauth2.server.authorization.client.RegisteredClient
                .withId(UUID.randomUUID().toString()).clientId("in-code-client").clientName("Hệ thống đăng ký trong mã")
                .clientSecret("mot-bi-mat-du-dai-cho-may")
                .clientAuthenticationMethod(org.springframework.security.oauth2.core.ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("exchange.verify").build();
        relyingParties.save(client);
        assertThat(token("in-code-client:mot-bi-mat-du-dai-cho-may", "grant_type", "client_credentials").status()).isEqualTo(200);
        assertThat(relyingParties.findByClientId("in-code-client").getId()).isEqualTo(client.getId());

        relyingParties.save(org.springframework.security.oauth2.server.authorization.client.RegisteredClient.from(client)
                .clientSecret("bi-mat-moi-sau-khi-doi").build());
        assertThat(token("in-code-client:mot-bi-mat-du-dai-cho-may", "grant_type", "client_credentials").get("error"))
                .isEqualTo("invalid_client");
        assertThat(token("in-code-client:bi-mat-moi-sau-khi-doi", "grant_type", "client_credentials").status()).isEqualTo(200);

        var bad = org.springframework.security.oauth2.server.authorization.client.RegisteredClient.withId(UUID.randomUUID().toString())
                .clientId("in-code-portal").clientName("Cổng").clientAuthenticationMethod(
                        org.springframework.security.oauth2.core.ClientAuthenticationMethod.NONE)
                .authorizationGrantType(org.springframework.security.oauth2.core.AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri("http://evil.example/cb").scope("openid").build();
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(vn.dancu.platform.ApiProblem.class,
                () -> relyingParties.save(bad)).errors()).extracting(vn.dancu.platform.ApiProblem.FieldProblem::code)
                .contains("INVALID_URI");
    }

    @Test
    void aBadRegistrationIsAProblemWithFieldErrors() {
        Api.Response bad = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", "X!", "kind", "RELYING_PARTY",
                "confidential", false, "authMethods", List.of("client_secret_basic"), "redirectUris", List.of("http://evil.example/cb#x"),
                "scopes", List.of("profile", "everything"), "claims", List.of("salary"), "acrValues", List.of("urn:dancu:loa:9")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.fieldErrors()).contains("clientId:INVALID_CLIENT_ID", "name:REQUIRED", "purpose:REQUIRED",
                "authMethods:PUBLIC_HAS_NO_AUTH", "redirectUris:INVALID_URI", "scopes:OPENID_REQUIRED", "scopes:UNKNOWN_SCOPE",
                "claims:UNKNOWN_CLAIM", "acrValues:UNKNOWN_ACR");
        assertThat(api("officer.hanoi").get("/api/v1/admin/relying-parties").status()).isEqualTo(403);
    }
}
