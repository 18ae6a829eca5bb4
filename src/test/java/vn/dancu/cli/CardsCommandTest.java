package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dancu.IntegrationTest;

/** make-chip against the running demo platform: the files it writes are what a bank sends, as they are. */
class CardsCommandTest extends IntegrationTest {

    static final String AN = "001075503799";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void makeChipWritesEveryVariantAndTheGenuineFileIsAcceptedAsWrittenWithItsChallengeAnswered(@TempDir Path out) throws Exception {
        String url = "http://localhost:" + port;
        CardsCommand.makeChip(url, StaffSession.open(url, "admin", "dancu-demo", ""), AN, out, HexFormat.of().parseHex("0102030405060708"));
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("chip-valid.json", "chip-dg13-byte-changed.json",
                    "chip-dg-hash-mismatch.json", "chip-untrusted-dsc.json", "chip-expired-dsc.json", "chip-revoked-dsc.json",
                    "chip-mrz-check-digit.json", "chip-dg13-names-differ.json", "demo-csca.der", "demo-csca.crl");
        }
        ObjectNode valid = (ObjectNode) JSON.readTree(Files.readString(out.resolve("chip-valid.json")));
        valid.put("purpose", "BANKING_KYC");
        JsonNode answer = post(valid);
        assertThat(answer.path("verdict").asString()).as(answer.toString()).isEqualTo("AUTHENTIC");
        assertThat(answer.path("activeAuthentication").asString()).isEqualTo("VERIFIED");

        ObjectNode revoked = (ObjectNode) JSON.readTree(Files.readString(out.resolve("chip-revoked-dsc.json")));
        revoked.put("purpose", "BANKING_KYC");
        assertThat(post(revoked).path("code").asString()).isEqualTo("DSC_REVOKED");
        assertThat(Files.size(out.resolve("demo-csca.crl"))).isPositive();
    }

    private JsonNode post(ObjectNode body) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-bank:dancu-demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(), HttpResponse.BodyHandlers.ofString());
        String bearer = JSON.readTree(token.body()).path("access_token").asString();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/v1/exchange/cards/chip-checks")).header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(response.body());
    }
}
