package vn.dancu.eid;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The provider as an outside portal meets it: src/test/oidc-rp/rp.mjs, a relying party built on
 * the Node library openid-client, discovers it, logs one citizen in on two devices, has
 * openid-client check the authorization responses ({@code iss}) and ID tokens, refreshes, and
 * logs out from both devices. Without Node.js 20 or newer the tests are skipped with a message,
 * except on CI (CI=true), where a missing Node is a failure.
 */
class IndependentRelyingPartyTest extends IntegrationTest {

    private static final Path RP = Path.of("src/test/oidc-rp");
    private static final String REDIRECT = "https://rp.example.vn/callback";
    private static final String LOGGED_OUT = "https://rp.example.vn/logged-out";

    @Autowired
    CitizenAccounts citizens;
    @Autowired
    JdbcClient jdbc;

    @BeforeAll
    static void nodeAndOpenidClient() throws Exception {
        String version = run(List.of("node", "--version"), Map.of(), 30).out().strip();
        boolean usable = version.matches("v\\d+\\..*") && Integer.parseInt(version.substring(1, version.indexOf('.'))) >= 20;
        if (!usable) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException("CI=true but Node.js 20 or newer is missing (" + version + ")");
            }
            Assumptions.abort("Independent relying party skipped: Node.js 20 or newer not found (" + version + ")");
        }
        // Installs the pinned openid-client once; later runs (and machines without the registry) use what is there.
        if (!Files.isDirectory(RP.resolve("node_modules/openid-client"))) {
            Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 300);
            assertThat(install.exit()).as("npm ci: " + install.err()).isZero();
        }
    }

    @Test
    void openidClientLogsACitizenInOnTwoDevicesRefreshesAndLogsOutFromBoth() throws Exception {
        String clientId = "rp-node-" + System.nanoTime();
        String secret = relyingParty(clientId);
        String personalId = citizen();

        Result rp = run(List.of("node", "rp.mjs"), environment(clientId, secret, personalId), 180);

        assertThat(rp.exit()).as(rp.err() + rp.out()).isZero();
        JsonNode seen = Api.JSON.readTree(rp.out().strip());
        assertThat(seen.path("issuer").asString()).isEqualTo("http://127.0.0.1:" + port);
        assertThat(seen.path("sids").get(0).asString()).isNotEqualTo(seen.path("sids").get(1).asString());
        assertThat(seen.path("refreshedSid").asString()).isEqualTo(seen.path("sids").get(0).asString());
        assertThat(jdbc.sql("""
                        select s.ended_at is not null from eid.citizen_session s join eid.citizen_account a on a.id = s.account_id
                        where a.personal_id = ? order by s.created_at""").param(personalId).query(Boolean.class).list())
                .as("both devices' sign-ins, ended by the logouts").containsExactly(true, true);
    }

    @Test
    void theRelyingPartyFailsWhenTheProviderRefusesIt() throws Exception {
        String clientId = "rp-node-" + System.nanoTime();
        relyingParty(clientId);
        Result rp = run(List.of("node", "rp.mjs"), environment(clientId, "not-the-secret", citizen()), 180);
        assertThat(rp.exit()).isNotZero();
        assertThat(rp.err()).contains("FAILED").contains("invalid_client");
    }

    private Map<String, String> environment(String clientId, String secret, String personalId) {
        Map<String, String> env = new HashMap<>();
        env.put("DANCU_ISSUER", "http://127.0.0.1:" + port);
        env.put("RP_CLIENT_ID", clientId);
        env.put("RP_CLIENT_SECRET", secret);
        env.put("RP_REDIRECT_URI", REDIRECT);
        env.put("RP_POST_LOGOUT_URI", LOGGED_OUT);
        env.put("CITIZEN_ID", personalId);
        env.put("CITIZEN_PASSWORD", "dancu-demo");
        return env;
    }

    private String relyingParty(String clientId) {
        Api.Response created = api("admin").post("/api/v1/admin/relying-parties", Api.map("clientId", clientId,
                "name", "Cổng thử openid-client", "kind", "RELYING_PARTY", "confidential", true,
                "authMethods", List.of("client_secret_basic"), "redirectUris", List.of(REDIRECT),
                "postLogoutRedirectUris", List.of(LOGGED_OUT), "scopes", List.of("openid", "profile"), "claims", List.of("name"),
                "acrValues", List.of(), "purpose", "Kiểm thử với một bên tin cậy độc lập", "sector", "gov.node-rp"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("secret");
    }

    /** A person born in Hà Nội with a level-1 account (password only), password dancu-demo. */
    private String citizen() {
        String personalId = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", "Đỗ Thị Độc Lập",
                "gender", "FEMALE", "dateOfBirth", "1991-03-0" + (1 + (int) (System.nanoTime() % 9)), "placeOfBirth", "Hà Nội",
                "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        citizens.createDemoAccount(personalId, 1, String.format("09%08d", System.nanoTime() % 100_000_000), "dancu-demo", null);
        return personalId;
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(List<String> command, Map<String, String> env, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(RP.toFile());
        builder.environment().putAll(env);
        Path out = Files.createTempFile("oidc-rp", ".out");
        Path err = Files.createTempFile("oidc-rp", ".err");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException notInstalled) {
            return new Result(-1, "", "not found: " + notInstalled.getMessage());
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish in " + timeoutSeconds + " s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
