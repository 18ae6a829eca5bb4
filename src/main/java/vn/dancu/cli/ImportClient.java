package vn.dancu.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code import}: uploads a person file to a running platform and shows the job's progress. */
final class ImportClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ImportClient() {
    }

    static int run(Map<String, String> options) {
        if (!options.containsKey("file")) {
            return Commands.usageError("import needs --file FILE.csv");
        }
        Path file = Path.of(options.get("file"));
        if (!Files.isRegularFile(file)) {
            System.err.println("No such file: " + file);
            return 1;
        }
        String url = options.getOrDefault("url", "http://localhost:8080").replaceAll("/+$", "");
        String user = options.getOrDefault("user", "admin");
        String mode = options.getOrDefault("mode", "auto");
        if (!java.util.List.of("auto", "initial", "incremental").contains(mode)) {
            return Commands.usageError("--mode is auto (the default), initial or incremental");
        }
        try {
            String password = Commands.password("DANCU_PASSWORD", "Password for " + user + ": ");
            Client client = new Client(url, StaffSession.open(url, user, password, StaffSession.code(options, user)));
            JsonNode accepted = client.upload(file, mode);
            String status = accepted.path("status").asString();
            System.err.println("Import job " + accepted.path("id").asString() + " accepted");
            JsonNode job = client.follow(status);
            System.err.printf("%n%s (%s): %,d rows read, %,d accepted, %,d already present, %,d rejected (%,d rows/s)%n",
                    job.path("state").asString(), job.path("mode").asString().toLowerCase(java.util.Locale.ROOT),
                    job.path("rowsRead").asLong(), job.path("accepted").asLong(),
                    job.path("alreadyPresent").asLong(), job.path("rejected").asLong(), job.path("rowsPerSecond").asLong());
            if (job.path("rejected").asLong() > 0) {
                System.err.println("Rejected rows: " + url + status + "/rejections");
            }
            if (!job.path("failure").isNull() && !job.path("failure").asString().isEmpty()) {
                System.err.println(job.path("failure").asString());
            }
            return job.path("state").asString().equals("COMPLETED") ? 0 : 1;
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            System.err.println("Import failed: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** A staff client of the import API; also used by the benchmark. */
    static final class Client {
        private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        private final String url;
        private final StaffSession session;

        Client(String url, StaffSession session) {
            this.url = url;
            this.session = session;
        }

        /** Uploads for an incremental import (the other benchmarks' way to fill their registry). */
        JsonNode upload(Path file) throws IOException, InterruptedException {
            return upload(file, "incremental");
        }

        /** Uploads with {@code mode} auto, initial (the national load into an empty registry) or incremental. */
        JsonNode upload(Path file, String mode) throws IOException, InterruptedException {
            String boundary = "dancu-" + UUID.randomUUID();
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + file.getFileName().toString().replace("\"", "") + "\"\r\nContent-Type: text/csv\r\n\r\n";
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/registry/imports?mode=" + mode))
                    .header("Cookie", session.cookie()).header("X-CSRF-TOKEN", session.csrf())
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                            HttpRequest.BodyPublishers.ofFile(file),
                            HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n")))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("the platform answered " + response.statusCode() + ": " + response.body());
            }
            return JSON.readTree(response.body());
        }

        /** Polls the job until it ends, drawing a progress bar on standard error. */
        JsonNode follow(String statusPath) throws IOException, InterruptedException {
            while (true) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + statusPath))
                        .header("Cookie", session.cookie()).build(), HttpResponse.BodyHandlers.ofString());
                JsonNode job = JSON.readTree(response.body());
                long total = Math.max(1, job.path("fileBytes").asLong());
                int percent = (int) (100 * job.path("bytesRead").asLong() / total);
                String phase = job.path("phase").isNull() ? "" : job.path("phase").asString().toLowerCase(java.util.Locale.ROOT);
                System.err.printf("\r[%-40s] %3d%%  %,d rows  %,d rows/s %-9s", "#".repeat(percent * 40 / 100), percent,
                        job.path("rowsRead").asLong(), job.path("rowsPerSecond").asLong(), phase);
                String state = job.path("state").asString();
                if (!state.equals("QUEUED") && !state.equals("RUNNING")) {
                    return job;
                }
                Thread.sleep(500);
            }
        }
    }
}
