package vn.dancu.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.audit.AccessLogArchives;
import vn.dancu.audit.AccessLogSealer;
import vn.dancu.audit.AccessLogVerifier;
import vn.dancu.audit.Checkpoint;
import vn.dancu.audit.Witnesses;
import vn.dancu.platform.DataDirectory;

/**
 * {@code audit verify}: checks the access log and says what was edited, inserted or deleted and
 * where. Exit code 0 when intact, 1 when something is wrong, 2 when it could not check. On the
 * platform's own database (stopped platform, or an external PostgreSQL), or with {@code --url}
 * through a running platform's API as an AUDITOR or ADMIN (password from DANCU_PASSWORD). Always
 * against the platform's witness journal, and with {@code --witness DIR|FILE|URL} against a copy
 * of the checkpoints kept elsewhere.
 *
 * <p>{@code audit witness --url URL --dir DIR}: keeps such a copy, a round per call (run it from cron
 * on another machine): exit 1 when the platform's log was cut back or rewritten since the last round.
 */
final class AuditCommand {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AuditCommand() {
    }

    static int run(Class<?> application, String[] args, Map<String, String> options) {
        if (args.length > 0 && args[0].equals("witness")) {
            return witness(options);
        }
        if (args.length > 0 && args[0].equals("retention")) {
            return retention(application, options);
        }
        if (args.length == 0 || !args[0].equals("verify")) {
            System.err.println("audit needs a command: audit verify [--witness DIR|FILE|URL] [--url http://host:8080 --user auditor]"
                    + " | audit witness --url http://host:8080 [--dir DIR]"
                    + " | audit retention [--table audit.access_log|exchange.usage --months N --by NAME]");
            return 2;
        }
        List<Checkpoint> witnessed;
        try {
            witnessed = options.containsKey("witness") ? Witnesses.load(options.get("witness")) : List.of();
        } catch (RuntimeException e) {
            System.err.println("Could not read the witness: " + e.getMessage());
            return 2;
        }
        return options.containsKey("url") ? overHttp(options, witnessed) : onDatabase(application, witnessed);
    }

    private static int witness(Map<String, String> options) {
        if (!options.containsKey("url")) {
            System.err.println("audit witness needs --url http://host:8080 (the platform watched) and keeps its copy in --dir (default ./audit-witness)");
            return 2;
        }
        Path dir = Path.of(options.getOrDefault("dir", "audit-witness"));
        try {
            Witnesses.Kept kept = Witnesses.keep(URI.create(options.get("url").replaceAll("/+$", "")), dir);
            System.out.printf("Witness %s: %d new checkpoint(s), now at position %d%n", dir.toAbsolutePath(), kept.added(), kept.position());
            kept.problems().forEach(System.out::println);
            return kept.problems().isEmpty() ? 0 : 1;
        } catch (RuntimeException e) {
            System.err.println("Could not keep the witness: " + e.getMessage());
            return 2;
        }
    }

    /**
     * {@code audit retention}: the retention in force; with {@code --months} an administrator records a new one (append-only,
     * with {@code --by}, the administrator's name). On the platform's own database, as {@code audit verify}.
     */
    private static int retention(Class<?> application, Map<String, String> options) {
        String table = options.getOrDefault("table", "audit.access_log");
        Integer months;
        try {
            months = options.containsKey("months") ? Integer.valueOf(options.get("months")) : null;
        } catch (NumberFormatException e) {
            months = -1;
        }
        if (!List.of("audit.access_log", "exchange.usage").contains(table) || months != null && (months < 1 || months > 1200)
                || months != null && options.getOrDefault("by", "").isBlank()) {
            System.err.println("audit retention [--table audit.access_log|exchange.usage --months 1..1200 --by NAME]");
            return 2;
        }
        if (DataDirectory.embedded() && DataDirectory.inUse(DataDirectory.configured())) {
            System.err.println("A platform is running on " + DataDirectory.configured() + ": stop it first.");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run("--dancu.demo=false", "--logging.level.root=WARN")) {
            AccessLogArchives archives = context.getBean(AccessLogArchives.class);
            if (months != null) {
                archives.setRetention(table, months, options.get("by"));
            }
            archives.retentions().forEach(r -> System.out.printf("%-18s %4d months, set by %s at %s%n", r.table(), r.months(), r.setBy(),
                    r.setAt()));
            return 0;
        } catch (RuntimeException e) {
            System.err.println("Could not read or set the retention: " + e.getMessage());
            return 2;
        }
    }

    private static int onDatabase(Class<?> application, List<Checkpoint> witnessed) {
        if (DataDirectory.embedded() && DataDirectory.inUse(DataDirectory.configured())) {
            System.err.println("A platform is running on " + DataDirectory.configured() + ": verify through it with"
                    + " --url http://localhost:8080 --user auditor, or stop it first.");
            return 2;
        }
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE).run("--dancu.demo=false", "--logging.level.root=WARN",
                        "--logging.level.vn.dancu.eid=ERROR")) {
            // Chain what the platform committed last, so that only real gaps are reported.
            context.getBean(AccessLogSealer.class).sealNow();
            AccessLogVerifier.Report report = context.getBean(AccessLogVerifier.class).verifyWithJournal(witnessed);
            JsonNode json = JSON.valueToTree(report);
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

    private static int overHttp(Map<String, String> options, List<Checkpoint> witnessed) {
        String password;
        try {
            password = Commands.password("DANCU_PASSWORD", "Password for " + options.getOrDefault("user", "auditor") + ": ");
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        try {
            String user = options.getOrDefault("user", "auditor");
            StaffSession session = StaffSession.open(options.get("url").replaceAll("/$", ""), user, password,
                    StaffSession.code(options, user));
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(options.get("url").replaceAll("/$", "") + "/api/v1/audit/verifications"))
                    .header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("witness", witnessed)))).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (response.statusCode() != 200) {
                System.err.println("The platform answered " + response.statusCode() + ": " + response.body());
                return 2;
            }
            return print(JSON.readTree(response.body()));
        } catch (Exception e) {
            System.err.println("Could not reach the platform: " + e.getMessage());
            return 2;
        }
    }

    private static int print(JsonNode report) {
        long legacy = report.path("legacyRows").asLong();
        System.out.printf("Access log: %d rows and %d chain links checked (chain ends at position %d), %d signed checkpoints,"
                        + " %d witnessed checkpoints, %d rows too recent to be chained yet%s%n",
                report.path("rowsChecked").asLong(), report.path("sealsChecked").asLong(), report.path("chainEnd").asLong(),
                report.path("checkpointsChecked").asLong(), report.path("witnessCheckpoints").asLong(),
                report.path("unsealedRecent").asLong(), legacy > 0 ? ", " + legacy + " rows written before the log was chained" : "");
        if (report.path("archivedMonths").asLong() > 0) {
            System.out.printf("Archived: %d period(s) read from the archive files, %d rows%n", report.path("archivedMonths").asLong(),
                    report.path("archivedRows").asLong());
        }
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
