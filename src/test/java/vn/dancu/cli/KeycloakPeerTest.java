package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the Keycloak comparison builds and reads without a Keycloak: the realm, the login form, the hash costs, the medians. */
class KeycloakPeerTest {

    private static final KeycloakPeer.Secrets SECRETS = new KeycloakPeer.Secrets("api-secret", "web-secret", "user-password",
            "admin-secret", "db-secret");

    @Test
    void theRealmHasShortTokensAServiceAccountClientACodeFlowClientAndUsersWithFullProfiles() {
        JsonNode realm = JsonMapper.builder().build().readTree(KeycloakPeer.realm(SECRETS, List.of("bench-user-001", "bench-user-002")));

        assertThat(realm.path("realm").asString()).isEqualTo("bench");
        assertThat(realm.path("accessTokenLifespan").asInt()).isEqualTo(300);
        JsonNode api = realm.path("clients").path(0);
        assertThat(api.path("clientId").asString()).isEqualTo("bench-client");
        assertThat(api.path("publicClient").asBoolean()).isFalse();
        assertThat(api.path("serviceAccountsEnabled").asBoolean()).isTrue();
        assertThat(api.path("standardFlowEnabled").asBoolean()).isFalse();
        assertThat(api.path("secret").asString()).isEqualTo("api-secret");
        JsonNode web = realm.path("clients").path(1);
        assertThat(web.path("clientId").asString()).isEqualTo("bench-web");
        assertThat(web.path("standardFlowEnabled").asBoolean()).isTrue();
        assertThat(web.path("redirectUris").path(0).asString()).isEqualTo(KeycloakPeer.REDIRECT);
        assertThat(web.path("attributes").path("pkce.code.challenge.method").asString()).isEqualTo("S256");
        assertThat(realm.path("users")).hasSize(2);
        JsonNode user = realm.path("users").path(1);
        assertThat(user.path("username").asString()).isEqualTo("bench-user-002");
        assertThat(user.path("email").asString()).isNotBlank();
        assertThat(user.path("firstName").asString()).isNotBlank();
        assertThat(user.path("lastName").asString()).isNotBlank();
        assertThat(user.path("credentials").path(0).path("value").asString()).isEqualTo("user-password");
        assertThat(user.path("credentials").path(0).path("temporary").asBoolean()).isFalse();
    }

    @Test
    void theLoginFormsActionIsFoundAndUnescaped() {
        String page = """
                <html><body>
                <form id="kc-locale" action="http://127.0.0.1:8189/locale" method="get"></form>
                <form id="kc-form-login" class="pf-v5-c-form" onsubmit="login.disabled = true; return true;"
                      action="http://127.0.0.1:8189/realms/bench/login-actions/authenticate?session_code=a&amp;execution=b&amp;client_id=bench-web&amp;tab_id=c&#61;&#x3d;" method="post">
                <input name="username"><input name="password" type="password"></form></body></html>
                """;

        assertThat(KeycloakPeer.loginAction(page)).isEqualTo(
                "http://127.0.0.1:8189/realms/bench/login-actions/authenticate?session_code=a&execution=b&client_id=bench-web&tab_id=c==");
    }

    @Test
    void withoutKeycloaksLoginFormThePagesFirstFormIsTakenAndAPageWithoutFormsIsRefused() {
        assertThat(KeycloakPeer.loginAction("<FORM method=\"post\" ACTION=\"/first?a=1&amp;b=2\"></FORM><form action=\"/second\">"))
                .isEqualTo("/first?a=1&b=2");
        assertThatThrownBy(() -> KeycloakPeer.loginAction("<html><p>We are sorry...</p></html>"))
                .hasMessageContaining("no login form");
    }

    @Test
    void theLoginCookiesGoBackAsABrowserSendsThemToALoopbackAddressAndDeletionsAreDropped() {
        assertThat(KeycloakPeer.cookies(List.of(
                "AUTH_SESSION_ID=abc.def; Version=1; Path=/realms/bench/; SameSite=None; Secure; HttpOnly",
                "KC_RESTART=eyJh; Version=1; Path=/realms/bench/; HttpOnly",
                "KC_AUTH_SESSION_HASH=; Max-Age=0; Path=/realms/bench/",
                "KEYCLOAK_IDENTITY=old; Version=1; Max-Age=0; Path=/realms/bench/")))
                .isEqualTo("AUTH_SESSION_ID=abc.def; KC_RESTART=eyJh");
        assertThatThrownBy(() -> KeycloakPeer.cookies(List.of())).hasMessageContaining("no cookie");
    }

    @Test
    void keycloaksHashCostIsReadFromTheStoredCredentialAndThePolicy() {
        String argon2 = """
                {"hashIterations":5,"algorithm":"argon2","additionalParameters":{"hashLength":["32"],"memory":["7168"],
                 "type":["id"],"version":["1.3"],"parallelism":["1"]}}""";

        assertThat(KeycloakPeer.hashing("", argon2))
                .isEqualTo("argon2 (id), 7168 KiB × 5 iterations, parallelism 1; realm password policy: none (the provider's default)");
        assertThat(KeycloakPeer.hashing("hashIterations(210000) and hashAlgorithm(pbkdf2-sha512)",
                "{\"hashIterations\":210000,\"algorithm\":\"pbkdf2-sha512\",\"additionalParameters\":{}}"))
                .isEqualTo("pbkdf2-sha512, 210000 iterations; realm password policy: `hashIterations(210000) and hashAlgorithm(pbkdf2-sha512)`");
        assertThatThrownBy(() -> KeycloakPeer.hashing("", "{\"hashIterations\":5}")).hasMessageContaining("no algorithm");
    }

    @Test
    void dancusHashCostIsReadFromAHashItsEncoderMade() {
        String hash = Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8().encode("a password");

        assertThat(IdentityBenchmark.argon2(hash)).isEqualTo("Argon2id, 16384 KiB × 2 iterations, parallelism 1");
        assertThatThrownBy(() -> IdentityBenchmark.argon2("{bcrypt}$2a$10$abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theMedianRoundStandsForASideAndTheRatioIsOfTheMedians() {
        IdentityBenchmark.Rounds dancu = new IdentityBenchmark.Rounds(List.of(latencies(900, 5, 20), latencies(1200, 4, 10),
                latencies(1000, 4.5, 15)));
        IdentityBenchmark.Rounds keycloak = new IdentityBenchmark.Rounds(List.of(latencies(400, 8, 30), latencies(600, 7, 25),
                latencies(500, 7.5, 40)));

        assertThat(dancu.median().perSecond()).isEqualTo(1000);
        assertThat(dancu.median().p99ms()).as("the median round's latencies, not the best").isEqualTo(15);
        assertThat(keycloak.median().p99ms()).isEqualTo(40);
        assertThat(dancu.ratio(keycloak)).isEqualTo(2.0);
        assertThat(dancu.perRound("%,.0f")).isEqualTo("900 · 1,200 · 1,000");
    }

    @Test
    void thePeerSectionStatesRoundsMediansRatiosTokensAndHashCosts() {
        IdentityBenchmark.Settings settings = new IdentityBenchmark.Settings(5, 16, 50, 10, Path.of("target/keycloak"));
        String section = IdentityBenchmark.peerReport(settings, Duration.ofSeconds(21),
                8, rounds(900, 1000, 1100), rounds(600, 500, 400), new IdentityBenchmark.TokenShape("RS256", 812),
                new IdentityBenchmark.TokenShape("RS256", 1305), rounds(30, 31, 29), rounds(20, 19, 21),
                "Argon2id, 16384 KiB × 2 iterations, parallelism 1", "argon2 (id), 7168 KiB × 5 iterations, parallelism 1");

        assertThat(section).startsWith("### Against Keycloak 26.7.3")
                .contains("| dancu | 900 · 1,000 · 1,100 | 1,000 |", "| Keycloak | 600 · 500 · 400 | 500 |",
                        "| **dancu / Keycloak** | | **2.00×** |", "812 B | RS256", "1,305 B | RS256", "**1.50×**",
                        "Argon2id, 16384 KiB × 2 iterations", "7168 KiB × 5 iterations", "3\nalternating rounds of 5 s",
                        "answered 21 s after", "1 GiB of heap");
    }

    @Test
    void thePeerNeedsTheDistributionAndOnlyKeycloakIsAPeer() {
        assertThat(IdentityBenchmark.settings(Map.of()).peer()).isFalse();
        assertThat(IdentityBenchmark.settings(Map.of()).warmup()).as("today's warm-up without a peer").isEqualTo(30);
        IdentityBenchmark.Settings peer = IdentityBenchmark.settings(Map.of("peer", "keycloak", "keycloak-home", "target/kc"));
        assertThat(peer.peer()).isTrue();
        assertThat(peer.warmup()).isEqualTo(60);
        assertThatThrownBy(() -> IdentityBenchmark.settings(Map.of("peer", "keycloak"))).hasMessageContaining("--keycloak-home");
        assertThatThrownBy(() -> IdentityBenchmark.settings(Map.of("peer", "auth0", "keycloak-home", "x")))
                .hasMessageContaining("--peer is keycloak");
        assertThatThrownBy(() -> IdentityBenchmark.settings(Map.of("seconds", "0"))).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> IdentityBenchmark.settings(Map.of("warmup", "x"))).hasMessageContaining("whole numbers");
    }

    @Test
    void aTokenResponsesAccessTokenGivesItsSizeAndAlgorithm() throws Exception {
        String jwt = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsifQ.eyJzdWIiOiJiZW5jaCJ9.c2ln";

        IdentityBenchmark.TokenShape shape = IdentityBenchmark.TokenShape.of(
                "{\"access_token\": \"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");

        assertThat(shape.algorithm()).isEqualTo("RS256");
        assertThat(shape.bytes()).isEqualTo(jwt.length());
    }

    private static IdentityBenchmark.Rounds rounds(double... perSecond) {
        return new IdentityBenchmark.Rounds(java.util.Arrays.stream(perSecond).mapToObj(r -> latencies(r, 10, 20)).toList());
    }

    private static RegistryBenchmark.Latencies latencies(double perSecond, double p50, double p99) {
        return new RegistryBenchmark.Latencies(Math.round(perSecond * 10), 10, p50, p50 * 1.5, p99);
    }
}
