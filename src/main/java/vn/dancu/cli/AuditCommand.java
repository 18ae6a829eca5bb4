package vn.dancu.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.audit.AccessLogSealer;
import vn.dancu.audit.AccessLogVerifier;

/**
 * {@code audit verify}: checks the access log and says what was edited, inserted or deleted and
 * where. Exit code 0 when intact, 1 when something is wrong, 2 when it could not check. On the
 * platform's own database (stopped platform, or an external PostgreSQL), or with {@code --url}
 * through a running platform's API as an AUDITOR or ADMIN (password from DANCU_PASSWORD).
 */
final class AuditCommand {

    private AuditCommand() {
    }

    static int run(Class<?> application, String[] args, Map<String, String> options) {
        if (args.length == 0 || !args[0].equals("verify")) {
            System.err.println("audit needs a command: audit verify [--url http://host:8080 --user auditor]");
            return 2;
        }
        return options.containsKey("url") ? overHttp(options) : onDatabase(application);
    }

    private static int onDatabase(Class<?> application) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run("--dancu.demo=false", "--logging.level.root=WARN",
                        "--logging.level.vn.dancu.eid=ERROR")) {
            // Chain what the platform committed last, so that only real gaps are reported.
            context.getBean(AccessLogSealer.class).sealNow();
            AccessLogVerifier.Report report = context.getBean(AccessLogVerifier.class).verify();
            JsonNode json = JsonMapper.builder().build().valueToTree(report);
            return print(json);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.err.println("Could not verify: " + cause.getMessage()
                    + "\n(If the platform is running on this data directory, use --url http://localhost:8080 --user auditor.)");
            return 2;
        }
    }

    private static int overHttp(Map<String, String> options) {
        String password;
        try {
            password = Commands.password("DANCU_PASSWORD", "Password for " + options.getOrDefault("user", "auditor") + ": ");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            String auth = Base64.getEncoder().encodeToString((options.getOrDefault("user", "auditor") + ":" + password)
                    .getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(options.get("url").replaceAll("/$", "") + "/api/v1/audit/verifications"))
                    .header("Authorization", "Basic " + auth).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                System.err.println("The platform answered " + response.statusCode() + ": " + response.body());
                return 2;
            }
            return print(JsonMapper.builder().build().readTree(response.body()));
        } catch (Exception e) {
            System.err.println("Could not reach the platform: " + e.getMessage());
            return 2;
        }
    }

    private static int print(JsonNode report) {
        System.out.printf("Access log: %d rows and %d chain links checked, %d signed checkpoints, %d rows too recent to be chained yet"
                        + (report.path("legacyRows").asLong() > 0 ? ", %d rows written before the log was chained" : "%s") + "%n",
                report.path("rowsChecked").asLong(), report.path("sealsChecked").asLong(), report.path("checkpointsChecked").asLong(),
                report.path("unsealedRecent").asLong(), report.path("legacyRows").asLong() > 0 ? report.path("legacyRows").asLong() : "");
        JsonNode findings = report.path("findings");
        if (findings.isEmpty()) {
            System.out.println("Intact: no row edited, inserted or deleted.");
            return 0;
        }
        for (JsonNode f : findings) {
            System.out.printf("%-18s %s%n", f.path("kind").asString(), f.path("detail").asString());
        }
        System.out.printf("NOT INTACT: %d findings%n", findings.size());
        return 1;
    }
}
