package vn.dancu;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real-HTTP client for tests: JSON in, status and JSON out. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    public record Response(int status, String contentType, JsonNode body, Map<String, String> headers) {

        public String code() {
            return body.path("code").asString();
        }

        public String text(String field) {
            return body.path(field).asString();
        }

        /** The codes of the field errors, as "field:code". */
        public java.util.List<String> fieldErrors() {
            java.util.List<String> result = new java.util.ArrayList<>();
            body.path("errors").forEach(e -> result.add(e.path("field").asString() + ":" + e.path("code").asString()));
            return result;
        }
    }

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String authorization;
    private String purpose = "Kiểm thử tự động";

    Api(int port, String username, String password) {
        this(port, username == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private Api(int port, String authorization) {
        this.port = port;
        this.authorization = authorization;
    }

    /** A caller with a bearer token (a member's API client). */
    public static Api bearer(int port, String token) {
        return new Api(port, "Bearer " + token);
    }

    /** A body that is not JSON (a CSV or JSON-lines upload). */
    public Response post(String path, String contentType, byte[] body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** A change that needs the version read before. */
    public Response put(String path, int version, Object body) {
        return send(request(path).header("Content-Type", "application/json").header("If-Match", String.valueOf(version))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response put(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    public Api purpose(String purpose) {
        this.purpose = purpose;
        return this;
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, Object body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body))));
    }

    /** A multipart/form-data upload of one file in the part {@code part}. */
    public Response upload(String path, String part, String fileName, byte[] content) {
        String boundary = "dancu-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/csv\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** The body as bytes, for PDF downloads. */
    public byte[] bytes(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The body as text, for CSV downloads. */
    public String text(String path) {
        try {
            return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String query(Map<String, String> params) {
        StringBuilder q = new StringBuilder();
        params.forEach((k, v) -> q.append(q.isEmpty() ? "?" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return q.toString();
    }

    public static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (purpose != null) {
            builder.header("X-Purpose", URLEncoder.encode(purpose, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return builder;
    }

    private Response send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isBlank() || !contentType.contains("json")
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
            Map<String, String> headers = new LinkedHashMap<>();
            response.headers().map().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            return new Response(response.statusCode(), contentType, body, headers);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
