package vn.dancu.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code cards make-chip}: asks a running platform in demo mode for chip images of a registry
 * person's card (genuine and tampered, signed by the demo CSCA: {@code POST /api/v1/admin/cards/demo-chips},
 * as an administrator) and writes one JSON file per image, with the demo CSCA and its revocation list.
 * The platform makes them because it holds the demo CSCA's keys sealed in its database, which the
 * embedded database lets no second process open while it runs. With {@code --challenge HEX} each file
 * also carries the chip's answer, ready to send as is.
 */
final class CardsCommand {

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CardsCommand() {
    }

    static int run(String[] args) {
        if (args.length == 0 || !"make-chip".equals(args[0])) {
            return Commands.usageError("cards needs a command: cards make-chip --personal-id N [--out DIR] [--challenge HEX]");
        }
        Map<String, String> options = Commands.options(java.util.Arrays.copyOfRange(args, 1, args.length));
        String personalId = options.get("personal-id");
        if (personalId == null || !personalId.matches("\\d{12}")) {
            return Commands.usageError("make-chip needs --personal-id with the 12-digit number of a registry person");
        }
        String url = options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "");
        String user = options.getOrDefault("user", "admin");
        Path out = Path.of(options.getOrDefault("out", "chip-" + personalId));
        try {
            byte[] challenge = options.containsKey("challenge") ? HexFormat.of().parseHex(options.get("challenge")) : null;
            if (challenge != null && challenge.length != 8) {
                return Commands.usageError("--challenge is 8 bytes in hex (16 hex digits), as ICAO 9303 active authentication uses");
            }
            String password = Commands.password("DANCU_PASSWORD", "Password for " + user + ": ");
            StaffSession session = StaffSession.open(url, user, password, StaffSession.code(options, user));
            makeChip(url, session, personalId, out, challenge);
            return 0;
        } catch (IllegalArgumentException | IllegalStateException | IOException e) {
            System.err.println("make-chip failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Asks the platform at {@code url} for the chip images and writes them to {@code out}. */
    static void makeChip(String url, StaffSession session, String personalId, Path out, byte[] challenge)
            throws IOException, InterruptedException {
        write(out, demoChips(url, session, personalId), challenge);
    }

    private static JsonNode demoChips(String url, StaffSession session, String personalId) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/cards/demo-chips"))
                .header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("personalId", personalId)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private static void write(Path out, JsonNode set, byte[] challenge) throws IOException {
        Files.createDirectories(out);
        for (JsonNode file : set.path("files")) {
            ObjectNode chip = (ObjectNode) file;
            if (challenge != null) {
                ObjectNode aa = chip.putObject("activeAuthentication");
                aa.put("challenge", Base64.getEncoder().encodeToString(challenge));
                aa.put("response", Base64.getEncoder().encodeToString(answer(chip.path("activeAuthenticationKey").asString(), challenge)));
            }
            String name = "chip-" + chip.path("variant").asString().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".json";
            Files.writeString(out.resolve(name), JSON.writeValueAsString(chip));
            System.out.printf("%-34s %s%n", name, chip.path("note").asString());
        }
        Files.write(out.resolve("demo-csca.der"), Base64.getDecoder().decode(set.path("cscaCertificate").asString()));
        Files.write(out.resolve("demo-csca.crl"), Base64.getDecoder().decode(set.path("crl").asString()));
        System.out.println("Written to " + out.toAbsolutePath() + " (with demo-csca.der and its revocation list demo-csca.crl)");
    }

    /** The chip's active-authentication answer: ECDSA P-256 over the challenge, plain r‖s (BSI TR-03111). */
    private static byte[] answer(String pkcs8, byte[] challenge) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pkcs8)));
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(challenge);
            return signature.sign();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("The chip file's active-authentication key is unreadable", e);
        }
    }
}
