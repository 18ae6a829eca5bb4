package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.identity.AuthorizationMatrix;

/**
 * Every operation of the OpenAPI document, called with a login that may call it, gets malformed
 * input in its path, query, headers and body. None may answer 5xx; under {@code /api/} every
 * refusal is problem+json with a {@code code}; a change (POST, PUT, DELETE) sent malformed input
 * must not succeed. All offenders are listed at once.
 *
 * <p>The shared database stays as it was: path variables name records that do not exist, every
 * body is malformed or empty, and operations that read no declared body and name no record (key
 * rotation, sessions, uploads of raw files) get only what the container or a filter refuses
 * before any controller runs. Should one of those refusals be lost, such an operation runs, and
 * this test reports it as accepted.
 */
class MalformedRequestFuzzTest extends IntegrationTest {

    private static final String PURPOSE = "X-Purpose: Ki%E1%BB%83m%20th%E1%BB%AD%20fuzz";
    private static final String BOUNDARY = "fuzzboundary";

    /** An operation of the document: its path template, parameters and declared body. */
    record Operation(String method, String template, Map<String, String> pathParams, Map<String, String> queryParams,
                     String bodyType, JsonNode bodySchema, boolean bodyRequired) {

        boolean change() {
            return !method.equals("GET") && !method.equals("HEAD");
        }

        /** A change that names no record and declares no body, or an optional one, could succeed on input its controller ignores. */
        boolean refusedOnlyBeforeControllers() {
            return change() && pathParams.isEmpty() && (bodyType == null || !bodyRequired);
        }

        @Override
        public String toString() {
            return method + " " + template;
        }
    }

    /** One malformed request: what it tries, and its bytes. */
    record Probe(String label, byte[] bytes) {
    }

    private final Map<String, List<String>> logins = new HashMap<>();

    @Test
    void everyOperationRefusesMalformedInputWithAProblemAndNever5xx() {
        JsonNode document = Api.JSON.readTree(RawHttp.send(port, RawHttp.request("GET", "/v3/api-docs", List.of(), null)).text());
        List<Operation> operations = operations(document);
        assertThat(operations).as("operations in /v3/api-docs").hasSizeGreaterThan(60);
        List<String> offences = new ArrayList<>();
        List<String> neverPastLogin = new ArrayList<>();
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (Operation operation : operations) {
            List<String> login = login(operation.template());
            boolean pastLogin = false;
            for (Probe probe : probes(operation, document, login)) {
                RawHttp.Answer answer = RawHttp.send(port, probe.bytes());
                statuses.merge(answer.status(), 1, Integer::sum);
                pastLogin |= answer.status() != 401;
                String offence = offence(operation, answer);
                if (offence != null) {
                    offences.add(operation + " with " + probe.label() + ": " + offence);
                }
            }
            if (!pastLogin && operation.template().startsWith("/api/")) {
                neverPastLogin.add(operation.toString());
            }
        }
        assertThat(neverPastLogin).as("operations whose login never passed the security chain").isEmpty();
        assertThat(offences).as("%d malformed requests to %d operations, answered %s; offenders",
                statuses.values().stream().mapToInt(Integer::intValue).sum(), operations.size(), statuses).isEmpty();
    }

    @Test
    void eachKindOfBrokenRequestHasItsOwnStableCode() {
        List<String> officer = List.of(basic("officer.hanoi"), PURPOSE);
        String search = "/api/v1/registry/persons";
        assertRefused("GET", search + "?name=%ZZ", officer, null, 400, "BAD_ENCODING");
        assertRefused("GET", search + "?name=%FF%FE", officer, null, 400, "BAD_ENCODING");
        assertRefused("GET", search + "?name=Nguy%00n", officer, null, 400, "REQUEST_REJECTED");
        assertRefused("GET", search + "?name=" + "a".repeat(9_000), officer, null, 414, "URI_TOO_LONG");
        assertRefused("GET", search + "/0010%2F9999997", officer, null, 400, "REQUEST_REJECTED");
        assertRefused("GET", search + "/0010%5C9999997", officer, null, 400, "REQUEST_REJECTED");
        assertRefused("GET", search + "/0010%009999997", officer, null, 400, "REQUEST_REJECTED");
        assertRefused("GET", search + "/0010%ZZ9999997", officer, null, 400, "BAD_ENCODING");
        assertRefused("GET", search + "/001099999997;x=1", officer, null, 400, "REQUEST_REJECTED");
        assertRefused("GET", search + "/", officer, null, 404, "NOT_FOUND");
        assertRefused("BREW", search, officer, null, 400, "REQUEST_REJECTED");
        List<String> badPurpose = List.of(basic("officer.hanoi"), "X-Purpose: Ki\u0001m tra");
        assertRefused("GET", search + "?name=nguyen", badPurpose, null, 400, "REQUEST_REJECTED");
        List<String> hugePurpose = List.of(basic("officer.hanoi"), "X-Purpose: " + "a".repeat(20_000));
        assertRefused("GET", search + "?name=nguyen", hugePurpose, null, 431, "HEADER_TOO_LARGE");

        String births = "/api/v1/registry/births";
        assertRefused("POST", births, with(officer, "Content-Type: multipart/form-data"), bytes("abc"), 400, "MALFORMED_REQUEST");
        assertRefused("POST", births, with(officer, "Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc"), 400, "MALFORMED_REQUEST");
        assertRefused("POST", births, with(officer, "Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--" + BOUNDARY + "--\r\n"),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertRefused("POST", births, with(officer, "Content-Type: application/json"), bytes("{\"fullName\":"), 400, "MALFORMED_REQUEST");
        assertRefused("POST", births, with(officer, "Content-Type: application/x-www-form-urlencoded"), bytes("fullName=%ZZ"),
                400, "BAD_ENCODING");
        assertRefused("PUT", "/api/v1/admin/calendar/2099-12-31", List.of(basic("admin"), "Content-Type: application/x-www-form-urlencoded"),
                bytes("kind=%ZZ"), 400, "BAD_ENCODING");
    }

    /**
     * The provider's token, introspection and revocation endpoints answer a form they cannot read as they
     * answer a missing parameter: RFC 6749's error JSON ({@code invalid_request}), here with the stable code
     * beside it; never a page, never 5xx, with or without client credentials.
     */
    @Test
    void theTokenEndpointsRefuseBrokenFormsInOAuthErrorJson() {
        String client = "Authorization: Basic " + Base64.getEncoder().encodeToString("demo-bank:dancu-demo".getBytes(StandardCharsets.UTF_8));
        String form = "Content-Type: application/x-www-form-urlencoded";
        for (String endpoint : List.of("/oauth2/token", "/oauth2/introspect", "/oauth2/revoke")) {
            RawHttp.Answer missing = RawHttp.send(port, RawHttp.request("POST", endpoint, List.of(client, form), bytes("x=1")));
            assertThat(missing.status()).as(endpoint + " without its parameter").isEqualTo(400);
            assertThat(missing.contentType()).as(endpoint).startsWith("application/json");
            assertThat(missing.json().path("error").asString()).isEqualTo("invalid_request");
            for (List<String> headers : List.of(List.of(client, form, "Accept: application/json"), List.of(form))) {
                for (String body : List.of("token=%zz", "%", "token=%%%", "grant_type=client_credentials&scope=%FF%FE", "%ZZ=1")) {
                    assertOAuthRefusal("POST", endpoint, headers, bytes(body), 400, "BAD_ENCODING");
                }
                assertOAuthRefusal("POST", endpoint, headers, bytes("token=a%00b"), 400, "REQUEST_REJECTED");
                assertOAuthRefusal("POST", endpoint + "?x=%zz", headers, bytes("token=a"), 400, "BAD_ENCODING");
                assertOAuthRefusal("POST", endpoint, with(headers, "X-Broken: a\u0001b"), bytes("token=a"), 400, "REQUEST_REJECTED");
                assertOAuthRefusal("POST", endpoint, with(headers, "X-Big: " + "a".repeat(20_000)), bytes("token=a"), 431, "HEADER_TOO_LARGE");
            }
        }
    }

    private void assertOAuthRefusal(String method, String target, List<String> headers, byte[] body, int status, String code) {
        RawHttp.Answer answer = RawHttp.send(port, RawHttp.request(method, target, headers, body));
        String what = method + " " + abbreviate(target) + " " + abbreviate(new String(body, StandardCharsets.UTF_8)) + " " + headers.size();
        assertThat(answer.status()).as(what + ": " + abbreviate(answer.text())).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/json");
        assertThat(answer.json().path("error").asString()).as(what).isEqualTo("invalid_request");
        assertThat(answer.code()).as(what).isEqualTo(code);
        assertThat(answer.json().path("error_description").asString()).as(what).isNotBlank();
    }

    @Test
    void pagesKeepTheirHtmlErrorPages() {
        for (String target : List.of("/staff/persons?name=%ZZ", "/eid/login?x=a%00b", "/eid/a%2Fb")) {
            RawHttp.Answer answer = RawHttp.send(port, RawHttp.request("GET", target, List.of(), null));
            assertThat(answer.status()).as(target).isEqualTo(400);
            assertThat(answer.contentType()).as(target).startsWith("text/html");
        }
        // A page's error page must not read the broken multipart body again (it once forwarded to itself until the stack ran out).
        RawHttp.Answer multipart = RawHttp.send(port, RawHttp.request("GET", "/login",
                List.of("Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc")));
        assertThat(multipart.status()).isEqualTo(400);
        assertThat(multipart.contentType()).startsWith("text/html");
        RawHttp.Answer form = RawHttp.send(port, RawHttp.request("POST", "/eid/login",
                List.of("Content-Type: application/x-www-form-urlencoded"), bytes("personalId=%ZZ&password=x")));
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.text()).contains("<html");
    }

    private void assertRefused(String method, String target, List<String> headers, byte[] body, int status, String code) {
        RawHttp.Answer answer = RawHttp.send(port, RawHttp.request(method, target, headers, body));
        String what = method + " " + abbreviate(target);
        assertThat(answer.status()).as(what).isEqualTo(status);
        assertThat(answer.contentType()).as(what).startsWith("application/problem+json");
        assertThat(answer.code()).as(what).isEqualTo(code);
    }

    /** What is wrong with an answer to malformed input, or {@code null}. */
    private static String offence(Operation operation, RawHttp.Answer answer) {
        String summary = answer.status() + " " + answer.contentType() + " " + abbreviate(answer.text());
        if (answer.status() == 0 || answer.status() >= 500) {
            return summary;
        }
        boolean api = operation.template().startsWith("/api/");
        if (api && answer.status() >= 400 && (!answer.contentType().startsWith("application/problem+json") || answer.code().isEmpty())) {
            return "not a problem with a code: " + summary;
        }
        if (operation.change() && answer.status() < 300) {
            return "accepted: " + summary;
        }
        return null;
    }

    // --- the document

    private static List<Operation> operations(JsonNode document) {
        List<Operation> operations = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            Map<String, String> pathParams = new java.util.LinkedHashMap<>();
            Map<String, String> queryParams = new java.util.LinkedHashMap<>();
            op.getValue().path("parameters").forEach(p -> {
                String type = p.path("schema").path("type").asString("string");
                switch (p.path("in").asString()) {
                    case "path" -> pathParams.put(p.path("name").asString(), type);
                    case "query" -> queryParams.put(p.path("name").asString(), type);
                    default -> {
                    }
                }
            });
            JsonNode content = op.getValue().path("requestBody").path("content");
            String bodyType = content.has("application/json") ? "json" : content.has("multipart/form-data") ? "multipart" : null;
            JsonNode schema = bodyType == null ? null : resolve(document,
                    content.path(bodyType.equals("json") ? "application/json" : "multipart/form-data").path("schema"));
            operations.add(new Operation(op.getKey().toUpperCase(Locale.ROOT), path.getKey(), pathParams, queryParams, bodyType, schema,
                    op.getValue().path("requestBody").path("required").asBoolean(false)));
        }));
        return operations;
    }

    private static JsonNode resolve(JsonNode document, JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        return ref.isEmpty() ? schema : document.path("components").path("schemas").path(ref.substring(ref.lastIndexOf('/') + 1));
    }

    // --- the probes

    private List<Probe> probes(Operation op, JsonNode document, List<String> login) {
        List<Probe> probes = new ArrayList<>();
        String path = fill(op, Map.of());
        List<String> headers = new ArrayList<>(login);
        headers.add(PURPOSE);
        byte[] base = baseBody(op);
        List<String> baseHeaders = new ArrayList<>(headers);
        if (base != null) {
            baseHeaders.add("Content-Type: " + (op.bodyType().equals("json") ? "application/json" : "multipart/form-data; boundary=" + BOUNDARY));
        }

        // Refused by Tomcat, the encoding check or the firewall before any controller: safe for every operation.
        for (String value : List.of("%ZZ", "%FF%FE", "%C0%AF", "a%00b", "a%01b", "a%7Fb", "%", "a".repeat(9_000))) {
            probes.add(probe(op, "query x=" + abbreviate(value), path + "?x=" + value, baseHeaders, base));
        }
        probes.add(probe(op, "query name %ZZ", path + "?%ZZ=1", baseHeaders, base));
        for (String suffix : List.of("%2F", "%5C", "%00", "%ZZ", "%FF%FE", ";x=1", "/..", "/%2e%2e/x", "//")) {
            probes.add(probe(op, "path ending " + suffix, path + suffix, baseHeaders, base));
        }
        probes.add(probe(op, "X-Purpose with control characters", path, with(login, "X-Purpose: a\u0001b\u0007c"), base, baseHeaders));
        probes.add(probe(op, "X-Purpose with DEL", path, with(login, "X-Purpose: a\u007fb"), base, baseHeaders));
        probes.add(probe(op, "X-Purpose of 20 KB", path, with(login, "X-Purpose: " + "a".repeat(20_000)), base, baseHeaders));
        probes.add(probe(op, "a header line without a colon", path, with(baseHeaders, "X-Broken header line"), base));
        probes.add(probe(op, "garbage Basic credentials", path, with(List.of(), "Authorization: Basic %%%"), base, baseHeaders));
        probes.add(probe(op, "garbage bearer token", path, with(List.of(), "Authorization: Bearer a.b.c"), base, baseHeaders));
        for (String method : List.of("TRACE", "PATCH", "BREW", "G@T")) {
            probes.add(new Probe("method " + method, RawHttp.request(method, path, baseHeaders, base)));
        }
        if (!op.refusedOnlyBeforeControllers()) {
            probes.add(probe(op, "multipart without boundary", path, with(headers, "Content-Type: multipart/form-data"),
                    bytes("--x\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--x--\r\n")));
            probes.add(probe(op, "multipart cut short", path, with(headers, "Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                    bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nabc")));
        }
        if (op.refusedOnlyBeforeControllers()) {
            return probes;
        }

        // Reach the controller: the operation names a record that does not exist or its body is broken.
        for (String name : op.pathParams().keySet()) {
            for (String value : List.of("", "%20", "%09", "%01", "%E1%BB%83", "-1", "0", "99999999999999999999", "1e400", "NaN",
                    "x".repeat(3_000), "%27%3B--", "%3Cscript%3E", "null")) {
                probes.add(probe(op, "path variable " + name + "=" + abbreviate(value), fill(op, Map.of(name, value)), baseHeaders, base));
            }
        }
        for (String name : op.queryParams().keySet()) {
            for (String value : List.of("", "%20", "-1", "0", "99999999999999999999", "1e400", "2026-13-45", "x".repeat(2_000),
                    "%E1%BB%83", "%27%3B--", "Nguy%00n", "Nguy%01n", "%ZZ")) {
                probes.add(probe(op, "query " + name + "=" + abbreviate(value), path + "?" + name + "=" + value, baseHeaders, base));
            }
            probes.add(probe(op, "query " + name + " twice", path + "?" + name + "=1&" + name + "=2", baseHeaders, base));
        }
        for (String purpose : List.of("a%00b", "%ZZ", "%FF", "a".repeat(600), "%20", "ADMINISTRATIVE_PROCEDURE:", "UNKNOWN_CODE: x")) {
            probes.add(probe(op, "X-Purpose " + abbreviate(purpose), path, with(login, "X-Purpose: " + purpose), base, baseHeaders));
        }
        if (op.method().equals("PUT")) {
            for (String version : List.of("abc", "99999999999999999999", "\"-1\"", "*")) {
                probes.add(probe(op, "If-Match " + version, path, with(baseHeaders, "If-Match: " + version), base));
            }
        }
        if (op.bodyType() != null) {
            probes.addAll(bodies(op, path, headers));
        }
        return probes;
    }

    /** Bodies broken in framing, encoding, syntax and types. */
    private static List<Probe> bodies(Operation op, String path, List<String> headers) {
        List<Probe> probes = new ArrayList<>();
        String json = "Content-Type: application/json";
        probes.add(probe(op, "multipart to the wrong part", path, with(headers, "Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                bytes("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\nabc\r\n--" + BOUNDARY + "--\r\n")));
        probes.add(probe(op, "multipart with another boundary", path, with(headers, "Content-Type: multipart/form-data; boundary=" + BOUNDARY),
                bytes("--other\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc\r\n--other--\r\n")));
        probes.add(probe(op, "a body longer than it declares", path, with(headers, json, "Content-Length: 100000"), bytes("{\"a\":")));
        probes.add(probe(op, "text/plain", path, with(headers, "Content-Type: text/plain"), bytes("{")));
        probes.add(probe(op, "XML", path, with(headers, "Content-Type: application/xml"), bytes("<a/>")));
        probes.add(probe(op, "a form with broken encoding", path, with(headers, "Content-Type: application/x-www-form-urlencoded"), bytes("a=%ZZ")));
        probes.add(probe(op, "a garbage content type", path, with(headers, "Content-Type: !!!/;;;"), bytes("{}")));
        probes.add(probe(op, "an unknown charset", path, with(headers, "Content-Type: application/json; charset=klingon"), bytes("{}")));
        probes.add(probe(op, "no content type", path, headers, bytes("{}")));
        for (String body : List.of("", "{", "{\"a\":", "[", "nul", "null", "[]", "\"text\"", "123", "{\"a\":1,}", "{'a':1}",
                "[".repeat(5_000) + "]".repeat(5_000), "{\"a\":\"\\ud800\"}", "\uFEFF{}")) {
            probes.add(probe(op, "JSON " + abbreviate(body), path, with(headers, json), bytes(body)));
        }
        probes.add(probe(op, "JSON that is not UTF-8", path, with(headers, json), new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xff, (byte) 0xfe, '"', '}'}));
        JsonNode properties = op.bodySchema() == null ? null : op.bodySchema().path("properties");
        if (properties != null && !properties.isEmpty()) {
            probes.add(probe(op, "JSON of the wrong types", path, with(headers, json), bytes(object(properties, Kind.WRONG_TYPE))));
            probes.add(probe(op, "JSON with huge numbers", path, with(headers, json), bytes(object(properties, Kind.HUGE))));
            probes.add(probe(op, "JSON with NUL in strings", path, with(headers, json), bytes(object(properties, Kind.NUL))));
            probes.add(probe(op, "JSON with control characters in strings", path, with(headers, json), bytes(object(properties, Kind.CONTROL))));
            probes.add(probe(op, "JSON with 20 KB strings", path, with(headers, json), bytes(object(properties, Kind.LONG))));
            probes.add(probe(op, "JSON with blank strings", path, with(headers, json), bytes(object(properties, Kind.BLANK))));
        }
        return probes;
    }

    private enum Kind { WRONG_TYPE, HUGE, NUL, CONTROL, LONG, BLANK }

    /** A JSON object with every declared property, each given a value of the kind. */
    private static String object(JsonNode properties, Kind kind) {
        return properties.properties().stream()
                .map(p -> "\"" + p.getKey() + "\":" + value(p.getValue().path("type").asString("object"), kind))
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String value(String type, Kind kind) {
        return switch (kind) {
            case WRONG_TYPE -> switch (type) {
                case "string" -> "{\"x\":[1]}";
                case "integer", "number" -> "\"not a number\"";
                case "boolean" -> "\"maybe\"";
                case "array" -> "\"not an array\"";
                default -> "[1,2]";
            };
            case HUGE -> switch (type) {
                case "integer" -> "123456789012345678901234567890";
                case "array" -> "[1e400]";
                default -> "1e400";
            };
            case NUL -> text(type, "\"a\\u0000b\"");
            case CONTROL -> text(type, "\"a\\u0001\\u001bb\\u0085\"");
            case LONG -> text(type, "\"" + "x".repeat(20_000) + "\"");
            case BLANK -> text(type, "\"   \"");
        };
    }

    private static String text(String type, String string) {
        return switch (type) {
            case "array" -> "[" + string + "]";
            case "integer", "number" -> "-1";
            case "boolean" -> "false";
            case "object" -> "{\"k\":" + string + "}";
            default -> string;
        };
    }

    private static byte[] baseBody(Operation op) {
        if (op.bodyType() == null) {
            return null;
        }
        return bytes(op.bodyType().equals("json") ? "{}" : "--" + BOUNDARY + "--\r\n");
    }

    /** The path with every variable given a value that names no record (or {@code values}' own). */
    private static String fill(Operation op, Map<String, String> values) {
        String path = op.template();
        for (Map.Entry<String, String> p : op.pathParams().entrySet()) {
            String value = values.containsKey(p.getKey()) ? values.get(p.getKey())
                    : p.getValue().equals("integer") ? "999999991"
                    : p.getKey().equals("personalId") || p.getKey().equals("number") ? "001099999997" : "zz-fuzz";
            path = path.replace("{" + p.getKey() + "}", value);
        }
        return path;
    }

    private static Probe probe(Operation op, String label, String target, List<String> headers, byte[] body) {
        return new Probe(label, RawHttp.request(op.method(), target, headers, body));
    }

    /** The same probe with other headers; the base headers give the body its type. */
    private static Probe probe(Operation op, String label, String target, List<String> headers, byte[] body, List<String> baseHeaders) {
        List<String> all = new ArrayList<>(headers);
        baseHeaders.stream().filter(h -> h.startsWith("Content-Type:")).forEach(all::add);
        baseHeaders.stream().filter(h -> !h.startsWith("X-Purpose:") && !h.startsWith("Content-Type:")
                && headers.stream().noneMatch(given -> given.regionMatches(true, 0, h, 0, h.indexOf(':')))).forEach(all::add);
        return new Probe(label, RawHttp.request(op.method(), target, all, body));
    }

    private static List<String> with(List<String> headers, String... more) {
        List<String> all = new ArrayList<>(headers);
        all.addAll(List.of(more));
        return all;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\p{Cntrl}", "?");
        return flat.length() > 60 ? flat.substring(0, 60) + "…(" + flat.length() + ")" : flat;
    }

    // --- logins

    /**
     * A login that passes the security chain for the path. Staff use an API session (a password hash
     * per request would make the run take minutes) with its CSRF token; sessions themselves are
     * called with HTTP Basic, so that the run's session is not the one closed.
     */
    private List<String> login(String template) {
        if (!template.startsWith("/api/")) {
            return List.of();
        }
        // a members' operation anywhere (the exchange's API, the open statistics): the AuthorizationMatrix row says so
        if (template.startsWith("/api/v1/exchange/") || AuthorizationMatrix.RULES.stream().anyMatch(r -> !r.isPublic()
                && r.admits(AuthorizationMatrix.Caller.MEMBER) && r.matches(r.method() == null ? "GET" : r.method().name(), template))) {
            return List.of("Authorization: Bearer " + memberToken());
        }
        if (template.startsWith("/api/v1/me/")) {
            return logins.computeIfAbsent("citizen", c -> citizenSession());
        }
        if (template.startsWith("/api/v1/auth/session")) {
            return List.of(basic("officer.hanoi"));
        }
        String staff = template.startsWith("/api/v1/admin/") || template.startsWith("/api/v1/units/imports") ? "admin"
                : template.startsWith("/api/v1/audit/") ? "auditor"
                : template.startsWith("/api/v1/registry/imports") ? "officer.central"
                : template.contains("/legs/") ? "tuphap.badinh"
                : "officer.hanoi";
        return logins.computeIfAbsent(staff, this::staffSession);
    }

    private static String basic(String username) {
        return "Authorization: Basic " + Base64.getEncoder().encodeToString((username + ":dancu-demo").getBytes(StandardCharsets.UTF_8));
    }

    private List<String> staffSession(String username) {
        RawHttp.Answer opened = RawHttp.send(port, RawHttp.request("POST", "/api/v1/auth/session", List.of(basic(username)), new byte[0]));
        assertThat(opened.status()).as("session of " + username).isEqualTo(201);
        return List.of("Cookie: " + opened.cookies(), "X-CSRF-TOKEN: " + opened.json().path("csrfToken").asString());
    }

    /** A member's access token lives five minutes: a fresh one for each operation. */
    private String memberToken() {
        RawHttp.Answer token = RawHttp.send(port, RawHttp.request("POST", "/oauth2/token",
                List.of("Authorization: Basic " + Base64.getEncoder().encodeToString("demo-ministry:dancu-demo".getBytes(StandardCharsets.UTF_8)),
                        "Content-Type: application/x-www-form-urlencoded"),
                bytes("grant_type=client_credentials&scope=exchange")));
        assertThat(token.status()).as("token of demo-ministry").isEqualTo(200);
        return token.json().path("access_token").asString();
    }

    /** Trần Thị Bình's session: a level-1 e-ID account with a password only. */
    private List<String> citizenSession() {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            String form = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/eid/login")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form);
            assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/eid/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf.group(1) + "&personalId=030178862050&password=dancu-demo"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location").orElse("")).as("citizen login").endsWith("/eid/account");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return List.of("Cookie: " + cookies.getCookieStore().getCookies().stream().map(Object::toString).collect(Collectors.joining("; ")));
    }

}
