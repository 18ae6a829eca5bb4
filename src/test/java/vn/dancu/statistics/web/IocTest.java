package vn.dancu.statistics.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The IOC as its readers meet it: who may open which area (a leader of Hà Nội, of no other
 * province; the roles that read no IOC; nobody signed in), malformed unit codes and GeoJSON files
 * answered with problem+json, figures as the pages and the CSV downloads show them, and the
 * server-sent event that tells a page the figures moved. Figures move by births registered through
 * the registry's API, folded in by the statistics worker.
 */
class IocTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";

    @Autowired
    Units units;
    @Autowired
    Boundaries boundaries;

    private final HttpClient http = HttpClient.newHttpClient();

    long id(String level, String code) {
        return units.find(level, code, units.today()).orElseThrow().id();
    }

    /** This month in the platform's calendar (tests may move its clock). */
    String month() {
        return YearMonth.from(units.today()).toString();
    }

    private static final java.util.concurrent.atomic.AtomicInteger BORN = new java.util.concurrent.atomic.AtomicInteger();
    private static final List<String> NAMES = List.of("An", "Bình", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Lan", "Linh", "Mai",
            "Ngọc", "Nhung", "Oanh", "Phương", "Quyên", "Thảo", "Trang", "Uyên", "Vân", "Yến");

    /** A girl born today, registered by Hà Nội's police in {@code commune}: what moves the figures, through the registry. */
    void birth(String commune) {
        int n = BORN.getAndIncrement();
        String name = "Đinh Thị " + NAMES.get(n % NAMES.size()) + " " + NAMES.get((n / NAMES.size() + 7) % NAMES.size());
        Api.Response born = api("officer.hanoi").post("/api/v1/registry/births", Api.map("fullName", name, "gender", "FEMALE",
                "dateOfBirth", units.today().toString(), "placeOfBirth", "Bệnh viện Phụ sản Hà Nội", "birthRegistrationUnit", commune,
                "nationality", "VN", "ethnicity", "Kinh"));
        assertThat(born.status()).as(born.body().toString()).isEqualTo(201);
    }

    /** Waits (5 s at most, the IOC's promise) for the figure to reach {@code expected}. */
    long awaitKpi(Api reader, String unit, String key, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        long value = kpi(reader.get("/ioc/api/units/" + unit + "/kpis"), key);
        while (value != expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
            value = kpi(reader.get("/ioc/api/units/" + unit + "/kpis"), key);
        }
        return value;
    }

    static long kpi(Api.Response kpis, String key) {
        for (JsonNode card : kpis.body().path("cards")) {
            if (card.path("key").asString().equals(key)) {
                return card.path("value").asLong();
            }
        }
        throw new AssertionError("no key figure " + key + " in " + kpis.body());
    }

    // --- who sees what

    @Test
    void aLeaderOfHanoiSeesTheNationAndDrillsDownOnlyInsideHanoi() {
        Api leader = api("leader.hanoi");
        assertThat(leader.text("/ioc")).contains("id=\"chart-map\"", "Cả nước", "/webjars/echarts/dist/echarts.min.js");
        assertThat(leader.text("/ioc/units/01")).contains("Thành phố Hà Nội", "Phường Cầu Giấy");
        assertThat(leader.text("/ioc/units/" + CAU_GIAY)).contains("Phường Cầu Giấy", "data-kpi=\"births\"");

        Api.Response map = leader.get("/ioc/api/units/VN/map?indicator=population");
        assertThat(map.status()).isEqualTo(200);
        assertThat(map.body().path("areas")).hasSize(34);
        for (JsonNode area : map.body().path("areas")) {
            assertThat(area.path("open").asBoolean()).as(area.path("code").asString()).isEqualTo(area.path("code").asString().equals("01"));
        }

        Api.Response outside = leader.get("/ioc/api/units/79/kpis");
        assertThat(outside.status()).isEqualTo(403);
        assertThat(outside.contentType()).startsWith("application/problem+json");
        assertThat(outside.code()).isEqualTo("OUTSIDE_JURISDICTION");
        assertThat(leader.get("/ioc/api/units/26944/kpis").code()).as("a commune of TP Hồ Chí Minh").isEqualTo("OUTSIDE_JURISDICTION");
        assertThat(leader.get("/ioc/api/units/79/pyramid/csv").status()).isEqualTo(403);

        HttpResponse<String> page = page("leader.hanoi", "/ioc/units/79");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.body()).contains("Ngoài địa bàn của bạn");
    }

    @Test
    void provinceAndCentralOfficersOpenTheIocWithinTheirReachAndOtherRolesAreRefused() {
        assertThat(api("officer.hcm").get("/ioc/api/units/79/kpis").status()).isEqualTo(200);
        assertThat(api("officer.hcm").get("/ioc/api/units/01/kpis").code()).isEqualTo("OUTSIDE_JURISDICTION");
        assertThat(api("officer.central").get("/ioc/api/units/01/communes").status()).isEqualTo(200);
        assertThat(api("officer.central").get("/ioc/api/units/" + CAU_GIAY + "/trends").status()).isEqualTo(200);

        for (String who : List.of("congan.caugiay", "tuphap.caugiay", "bhxh.hanoi", "auditor", "admin")) {
            Api.Response refused = api(who).get("/ioc/api/units/VN/kpis");
            assertThat(refused.status()).as(who).isEqualTo(403);
            assertThat(refused.code()).as(who).isEqualTo("FORBIDDEN");
            assertThat(page(who, "/ioc").statusCode()).as(who).isEqualTo(403);
        }
        Api.Response anonymous = anonymous().get("/ioc/api/units/VN/kpis");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(page(null, "/ioc").statusCode()).as("a page sends to the login").isEqualTo(302);
    }

    @Test
    void aLeaderReadsNoPerson() {
        assertThat(api("leader.hanoi").get("/api/v1/registry/persons?q=nguyen").code()).isEqualTo("ROLE_CANNOT_READ_PERSONS");
        assertThat(api("leader.hanoi").post("/api/v1/registry/births", "{}").code()).isEqualTo("ROLE_CANNOT_CHANGE_PERSONS");
    }

    @Test
    void anAdministratorCreatesLeadersOfAProvinceOrACommuneButNotOfTheWholeCountry() {
        String username = "lanhdao." + System.nanoTime() % 100_000;
        Api.Response created = api("admin").post("/api/v1/admin/staff", Api.map("username", username, "displayName", "Chủ tịch UBND phường",
                "role", "LEADER", "jurisdiction", CAU_GIAY, "reason", "Bổ nhiệm theo quyết định 7/QĐ"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        Api.Response countryWide = api("admin").post("/api/v1/admin/staff", Api.map("username", username + "x", "displayName", "Lãnh đạo",
                "role", "LEADER", "reason", "Bổ nhiệm"));
        assertThat(countryWide.status()).isEqualTo(400);
        assertThat(countryWide.fieldErrors()).contains("jurisdiction:REQUIRED");
    }

    // --- malformed input

    @Test
    void malformedUnitCodesIndicatorsAndChartsAreProblems() {
        Api central = api("officer.central");
        Api.Response letters = central.get("/ioc/api/units/ABC/kpis");
        assertThat(letters.status()).isEqualTo(400);
        assertThat(letters.contentType()).startsWith("application/problem+json");
        assertThat(letters.fieldErrors()).containsExactly("unit:INVALID_FORMAT");
        assertThat(central.get("/ioc/api/units/99/kpis").code()).isEqualTo("UNKNOWN_UNIT");
        assertThat(central.get("/ioc/api/units/99999/pyramid").status()).isEqualTo(404);
        Api.Response indicator = central.get("/ioc/api/units/VN/map?indicator=wealth");
        assertThat(indicator.status()).isEqualTo(400);
        assertThat(indicator.fieldErrors()).containsExactly("indicator:INVALID_VALUE");
        assertThat(central.get("/ioc/api/units/VN/salaries/csv").code()).isEqualTo("UNKNOWN_CHART");
        assertThat(central.get("/ioc/api/units/" + CAU_GIAY + "/map").code()).isEqualTo("NO_MAP");
        assertThat(central.get("/ioc/api/units/" + CAU_GIAY + "/moves").code()).isEqualTo("NO_MOVES");
        assertThat(page("officer.central", "/ioc/units/12x").statusCode()).isEqualTo(400);
    }

    // --- figures

    @Test
    void keyFiguresPyramidAndCsvShowTheFiguresOfTheArea() throws InterruptedException {
        Api leader = api("leader.hanoi");
        long births = kpi(leader.get("/ioc/api/units/" + CAU_GIAY + "/kpis"), "births");
        long hanoi = kpi(leader.get("/ioc/api/units/01/kpis"), "births");
        for (int i = 0; i < 3; i++) {
            birth(CAU_GIAY);
        }
        assertThat(awaitKpi(leader, CAU_GIAY, "births", births + 3)).isEqualTo(births + 3);
        assertThat(awaitKpi(leader, "01", "births", hanoi + 3)).isEqualTo(hanoi + 3);
        JsonNode pyramid = leader.get("/ioc/api/units/" + CAU_GIAY + "/pyramid").body();
        assertThat(pyramid.path("groups").get(0).asString()).isEqualTo("00-04");
        assertThat(pyramid.path("groups")).hasSize(21);
        assertThat(pyramid.path("female").get(0).asLong()).isGreaterThanOrEqualTo(3);

        JsonNode communes = leader.get("/ioc/api/units/01/communes").body();
        JsonNode cauGiay = null;
        for (JsonNode c : communes.path("communes")) {
            cauGiay = c.path("code").asString().equals(CAU_GIAY) ? c : cauGiay;
        }
        assertThat(cauGiay).isNotNull();
        assertThat(cauGiay.path("births")).hasSize(12);
        assertThat(cauGiay.path("birthsThisMonth").asLong()).isEqualTo(births + 3);

        HttpResponse<byte[]> csv = raw("leader.hanoi", "/ioc/api/units/01/communes/csv");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv").contains("UTF-8");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .startsWith("attachment").contains("filename=\"dancu-ioc-communes-01-" + month() + ".csv\"");
        String text = new String(csv.body(), StandardCharsets.UTF_8);
        assertThat(csv.body()[0]).as("UTF-8 byte order mark").isEqualTo((byte) 0xEF);
        assertThat(text).startsWith("\uFEFFMã,Đơn vị hành chính,Dân số,Sinh").contains(CAU_GIAY + ",Phường Cầu Giấy,");

        HttpResponse<byte[]> english = raw("leader.hanoi", "/ioc/api/units/VN/map/csv?indicator=eid_share&lang=en");
        assertThat(new String(english.body(), StandardCharsets.UTF_8)).startsWith("\uFEFFCode,Administrative unit,Adults with an e-ID account (%)");
        assertThat(english.headers().firstValue("Content-Disposition").orElse("")).contains("dancu-ioc-map-eid_share-VN-");
    }

    @Test
    void theShapesOfTheNationAreTheTilesOfThe34Provinces() {
        JsonNode shapes = Api.JSON.readTree(api("leader.hanoi").text("/ioc/api/units/VN/shapes"));
        assertThat(shapes.path("type").asString()).isEqualTo("FeatureCollection");
        assertThat(shapes.path("features")).hasSize(34);
        assertThat(TileGrid.load("statistics/tile-grid.csv").keySet()).as("the grid knows every province in force")
                .containsExactlyInAnyOrderElementsOf(units.list(AdministrativeUnit.PROVINCE, null, units.today()).stream()
                        .map(AdministrativeUnit::code).toList());
        assertThat(TileGrid.load("statistics/tile-grid.csv").values().stream().distinct().count()).as("no two tiles in one place").isEqualTo(34);
    }

    // --- boundaries

    static String feature(String code, String geometry) {
        return "{\"type\":\"Feature\",\"properties\":{\"code\":\"" + code + "\"},\"geometry\":" + geometry + "}";
    }

    static final String SQUARE = "{\"type\":\"Polygon\",\"coordinates\":[[[105.78,21.02],[105.80,21.02],[105.80,21.04],[105.78,21.04],[105.78,21.02]]]}";

    @Test
    void anAdministratorLoadsBoundariesThatTheProvinceMapThenDraws() {
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature(CAU_GIAY, SQUARE) + ","
                + feature("00004", "{\"type\":\"MultiPolygon\",\"coordinates\":[" + SQUARE.substring(SQUARE.indexOf("[[[") , SQUARE.length() - 1) + "]}")
                + "]}";
        HttpResponse<String> loaded = put("admin", "/api/v1/admin/statistics/boundaries/01", file);
        assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);
        JsonNode result = Api.JSON.readTree(loaded.body());
        assertThat(result.path("features").asInt()).isEqualTo(2);
        int communes = units.list(AdministrativeUnit.COMMUNE, id(AdministrativeUnit.PROVINCE, "01"), units.today()).size();
        assertThat(result.path("communesWithout").size()).isEqualTo(communes - 2);

        assertThat(api("leader.hanoi").text("/ioc/api/units/01/shapes")).isEqualTo(file);
        assertThat(api("leader.hanoi").text("/ioc/units/01")).contains("data-boundaries=\"true\"");
        assertThat(api("admin").get("/api/v1/admin/statistics/boundaries").body().get(0).path("province").asString()).isEqualTo("01");
        assertThat(put("leader.hanoi", "/api/v1/admin/statistics/boundaries/01", file).statusCode()).isEqualTo(403);

        assertThat(api("admin").delete("/api/v1/admin/statistics/boundaries/01").status()).isEqualTo(204);
        assertThat(api("admin").delete("/api/v1/admin/statistics/boundaries/01").code()).isEqualTo("BOUNDARIES_NOT_FOUND");
        assertThat(Api.JSON.readTree(api("leader.hanoi").text("/ioc/api/units/01/shapes")).path("features").size())
                .as("without boundaries, the communes as tiles").isEqualTo(communes);
    }

    @Test
    void theAdministratorsPageLoadsAFileAndRemovesItWithTheSameRules() {
        String file = "{\"type\":\"FeatureCollection\",\"features\":[" + feature(CAU_GIAY, SQUARE) + "]}";
        Api admin = api("admin");
        assertThat(admin.upload("/staff/admin/boundaries?province=01", "file", "cau-giay.geojson", file.getBytes(StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        assertThat(admin.text("/api/v1/admin/statistics/boundaries/01")).isEqualTo(file);
        assertThat(admin.text("/staff/admin/boundaries")).contains("01 Thành phố Hà Nội");
        assertThat(admin.upload("/staff/admin/boundaries?province=01", "file", "sai.geojson", "{\"type\":\"Feature\"}"
                .getBytes(StandardCharsets.UTF_8)).status()).as("refused, on the page").isEqualTo(400);
        assertThat(admin.text("/api/v1/admin/statistics/boundaries/01")).as("the earlier file stays").isEqualTo(file);
        assertThat(admin.post("/staff/admin/boundaries/01/remove", "").status()).isEqualTo(302);
        assertThat(admin.get("/api/v1/admin/statistics/boundaries/01").code()).isEqualTo("BOUNDARIES_NOT_FOUND");
        assertThat(admin.post("/staff/admin/boundaries/01/remove", "").status()).isEqualTo(404);
        assertThat(api("leader.hanoi").get("/staff/admin/boundaries").status()).isEqualTo(403);
    }

    @Test
    void badGeoJsonIsRefusedWholeWithEveryProblemNamed() throws Exception {
        assertProblem(put("admin", "/api/v1/admin/statistics/boundaries/01", "{\"type\": \"FeatureCollection\", \"features\": ["),
                400, "INVALID_GEOJSON", "file:MALFORMED_JSON");
        assertProblem(put("admin", "/api/v1/admin/statistics/boundaries/01", "{\"type\":\"Feature\"}"), 400, "INVALID_GEOJSON",
                "type:NOT_A_FEATURE_COLLECTION");
        assertProblem(put("admin", "/api/v1/admin/statistics/boundaries/01", "{\"type\":\"FeatureCollection\",\"features\":[]}"), 400,
                "INVALID_GEOJSON", "features:REQUIRED");
        String wrong = "{\"type\":\"FeatureCollection\",\"features\":["
                + feature(CAU_GIAY, "{\"type\":\"Point\",\"coordinates\":[105.8,21.0]}") + ","
                + feature("26944", SQUARE) + ","
                + feature(CAU_GIAY, SQUARE) + ","
                + feature("1", "{\"type\":\"Polygon\",\"coordinates\":[[[105.78,21.02],[500,21.02],[105.8,21.04]]]}") + ","
                + "42]}";
        HttpResponse<String> refused = put("admin", "/api/v1/admin/statistics/boundaries/01", wrong);
        assertProblem(refused, 400, "INVALID_GEOJSON", "features[0].geometry.type:UNSUPPORTED_GEOMETRY",
                "features[1].properties.code:UNKNOWN_COMMUNE", "features[2].properties.code:DUPLICATE_COMMUNE",
                "features[3].properties.code:INVALID_FORMAT", "features[3].geometry.coordinates:INVALID_COORDINATES", "features[4].type:NOT_A_FEATURE");
        assertProblem(put("admin", "/api/v1/admin/statistics/boundaries/7", "{}"), 400, "VALIDATION_FAILED", "province:INVALID_FORMAT");
        assertProblem(put("admin", "/api/v1/admin/statistics/boundaries/99", "{}"), 404, "UNKNOWN_UNIT");
        assertThat(tooLarge()).as("refused by its declared length, before the body is read")
                .startsWith("HTTP/1.1 413").contains("application/problem+json", "GEOJSON_TOO_LARGE");
        byte[] huge = ("{\"type\":\"FeatureCollection\",\"features\":[],\"padding\":\"" + "x".repeat(Boundaries.MAX_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(vn.dancu.platform.ApiProblem.class,
                () -> boundaries.load("01", huge, "admin")).code()).as("a body sent without its length").isEqualTo("GEOJSON_TOO_LARGE");
        assertThat(api("admin").get("/api/v1/admin/statistics/boundaries/01").code()).as("nothing was kept").isEqualTo("BOUNDARIES_NOT_FOUND");
    }

    // --- live

    @Test
    void aPageHearsWithinFiveSecondsThatTheFiguresMoved() throws Exception {
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/ioc/events"))
                .header("Authorization", basic("leader.hanoi")).header("Accept", "text/event-stream").build(), HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(stream.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        Iterator<String> lines = stream.body().iterator();
        JsonNode first = Api.JSON.readTree(nextFigures(lines).get(5, TimeUnit.SECONDS));
        long start = System.nanoTime();
        birth(CAU_GIAY);
        JsonNode moved = Api.JSON.readTree(nextFigures(lines).get(5, TimeUnit.SECONDS));
        assertThat(moved.path("batch").asLong()).as("never the batch it heard already").isNotEqualTo(first.path("batch").asLong());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(moved.path("batch").asLong()).isGreaterThan(first.path("batch").asLong());
        assertThat(moved.path("latestChange").asString()).matches("\\d{2}:\\d{2}:\\d{2} \\d{2}/\\d{2}/\\d{4}");
        stream.body().close();
        assertThat(anonymous().get("/ioc/events").status()).isEqualTo(401);
        JsonNode freshness = api("leader.hanoi").get("/ioc/api/freshness").body();
        assertThat(freshness.path("batch").asLong()).isGreaterThanOrEqualTo(moved.path("batch").asLong());
        assertThat(freshness.path("latestChange").asString()).isNotEmpty();
    }

    private static CompletableFuture<String> nextFigures(Iterator<String> lines) {
        return CompletableFuture.supplyAsync(() -> {
            boolean figures = false;
            while (lines.hasNext()) {
                String line = lines.next();
                if (line.equals("event:figures")) {
                    figures = true;
                } else if (figures && line.startsWith("data:")) {
                    return line.substring(5);
                }
            }
            throw new AssertionError("the stream ended");
        });
    }

    // --- helpers

    private static void assertProblem(HttpResponse<String> response, int status, String code, String... fields) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode body = Api.JSON.readTree(response.body());
        assertThat(body.path("code").asString()).isEqualTo(code);
        List<String> errors = new java.util.ArrayList<>();
        body.path("errors").forEach(e -> errors.add(e.path("field").asString() + ":" + e.path("code").asString()));
        assertThat(errors).containsExactly(fields);
    }

    /** The head of a PUT that declares a body over the limit and sends none: the answer comes without waiting for it. */
    private String tooLarge() throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /api/v1/admin/statistics/boundaries/01 HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                    + basic("admin") + "\r\nContent-Type: application/geo+json\r\nContent-Length: " + (Boundaries.MAX_BYTES + 1)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            for (int read; !answer.toString(StandardCharsets.UTF_8).contains("\"}") && (read = socket.getInputStream().read(buffer)) > 0; ) {
                answer.write(buffer, 0, read);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    private static String basic(String username) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":dancu-demo").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> put(String username, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", basic(username))
                    .header("Content-Type", "application/geo+json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> raw(String username, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Authorization", basic(username))
                    .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A page as a browser asks for it (Accept: text/html), without following redirects; {@code username} null: nobody signed in. */
    private HttpResponse<String> page(String username, String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).header("Accept", "text/html");
            if (username != null) {
                request.header("Authorization", basic(username));
            }
            return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
