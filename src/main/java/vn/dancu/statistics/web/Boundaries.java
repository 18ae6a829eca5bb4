package vn.dancu.statistics.web;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The boundaries of a province's communes, as an administrator loads them (docs/ioc.md): one GeoJSON
 * FeatureCollection per province whose features are Polygons or MultiPolygons, each naming in
 * {@code properties.code} a commune of that province in force today. Anything else is refused
 * whole with every problem found, so a map never draws half a file.
 */
@Component
class Boundaries {

    /** Simplified commune boundaries of the largest province fit well below this. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    /** Enough problems to fix a file by; a file with more is listed up to here. */
    static final int MAX_ERRORS = 50;

    record Loaded(String province, String name, int features, Instant loadedAt, String loadedBy) {
    }

    record Result(String province, int features, List<String> communesWithout) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Units units;
    private final Clock clock;

    Boundaries(JdbcClient jdbc, Units units, Clock clock) {
        this.jdbc = jdbc;
        this.units = units;
        this.clock = clock;
    }

    /** The province in force today by its code, for the path of every operation. */
    AdministrativeUnit province(String code) {
        if (code == null || !code.matches("[0-9]{2}")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                    List.of(new ApiProblem.FieldProblem("province", "INVALID_FORMAT", "A province code has 2 digits")));
        }
        return units.find(AdministrativeUnit.PROVINCE, code, units.today())
                .orElseThrow(() -> ApiProblem.notFound("UNKNOWN_UNIT", "No province in force today has the code " + code));
    }

    /** Validates and keeps the file, replacing the province's earlier one. */
    @Transactional
    Result load(String provinceCode, byte[] body, String loadedBy) {
        AdministrativeUnit province = province(provinceCode);
        if (body.length > MAX_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "GEOJSON_TOO_LARGE", "The file has more than " + MAX_BYTES
                    + " bytes; simplify the boundaries (for instance to 10 m) and load it again");
        }
        Map<String, AdministrativeUnit> communes = units.list(AdministrativeUnit.COMMUNE, province.id(), units.today()).stream()
                .collect(Collectors.toMap(AdministrativeUnit::code, Function.identity()));
        List<ApiProblem.FieldProblem> errors = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        JsonNode root = parse(body);
        if (!root.isObject() || !"FeatureCollection".equals(text(root.path("type")))) {
            errors.add(new ApiProblem.FieldProblem("type", "NOT_A_FEATURE_COLLECTION", "The file must be a GeoJSON FeatureCollection"));
        } else if (!root.path("features").isArray() || root.path("features").isEmpty()) {
            errors.add(new ApiProblem.FieldProblem("features", "REQUIRED", "The FeatureCollection has no features"));
        } else {
            int i = 0;
            for (JsonNode feature : root.path("features")) {
                feature(errors, "features[" + i++ + "]", feature, communes, covered, province);
                if (errors.size() >= MAX_ERRORS) {
                    break;
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_GEOJSON",
                    "The boundaries were not loaded: the file has " + errors.size() + (errors.size() >= MAX_ERRORS ? " or more" : "")
                            + " problems", errors);
        }
        jdbc.sql("""
                        insert into statistics.boundary (province_id, geojson, features, loaded_at, loaded_by) values (?, ?, ?, ?, ?)
                        on conflict (province_id) do update set geojson = excluded.geojson, features = excluded.features,
                            loaded_at = excluded.loaded_at, loaded_by = excluded.loaded_by""")
                .params(province.id(), new String(body, StandardCharsets.UTF_8), root.path("features").size(),
                        java.sql.Timestamp.from(clock.instant()), loadedBy)
                .update();
        List<String> without = communes.keySet().stream().filter(code -> !covered.contains(code)).sorted().toList();
        return new Result(province.code(), root.path("features").size(), without);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (tools.jackson.core.JacksonException e) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "INVALID_GEOJSON", "The boundaries were not loaded: the file is not JSON",
                    List.of(new ApiProblem.FieldProblem("file", "MALFORMED_JSON", "The file is not valid JSON (UTF-8)")));
        }
    }

    private static void feature(List<ApiProblem.FieldProblem> errors, String at, JsonNode feature,
                                Map<String, AdministrativeUnit> communes, Set<String> covered, AdministrativeUnit province) {
        if (!feature.isObject() || !"Feature".equals(text(feature.path("type")))) {
            errors.add(new ApiProblem.FieldProblem(at + ".type", "NOT_A_FEATURE", "Each member of features must be a Feature"));
            return;
        }
        String code = text(feature.path("properties").path("code"));
        if (code == null || !code.matches("[0-9]{5}")) {
            errors.add(new ApiProblem.FieldProblem(at + ".properties.code", "INVALID_FORMAT",
                    "Each feature names its commune by the 5-digit code in properties.code"));
        } else if (!communes.containsKey(code)) {
            errors.add(new ApiProblem.FieldProblem(at + ".properties.code", "UNKNOWN_COMMUNE",
                    "No commune " + code + " in force today in " + province.name()));
        } else if (!covered.add(code)) {
            errors.add(new ApiProblem.FieldProblem(at + ".properties.code", "DUPLICATE_COMMUNE",
                    "The commune " + code + " has a feature already; join its parts into one MultiPolygon"));
        }
        JsonNode geometry = feature.path("geometry");
        String type = text(geometry.path("type"));
        JsonNode coordinates = geometry.path("coordinates");
        boolean valid = switch (type == null ? "" : type) {
            case "Polygon" -> polygon(coordinates);
            case "MultiPolygon" -> coordinates.isArray() && !coordinates.isEmpty() && all(coordinates, Boundaries::polygon);
            default -> {
                errors.add(new ApiProblem.FieldProblem(at + ".geometry.type", "UNSUPPORTED_GEOMETRY",
                        "A commune's geometry is a Polygon or a MultiPolygon"));
                yield true;
            }
        };
        if (!valid) {
            errors.add(new ApiProblem.FieldProblem(at + ".geometry.coordinates", "INVALID_COORDINATES",
                    "Each ring is a closed list of at least 4 [longitude, latitude] positions in degrees"));
        }
    }

    private static boolean polygon(JsonNode rings) {
        return rings.isArray() && !rings.isEmpty() && all(rings, Boundaries::ring);
    }

    private static boolean ring(JsonNode ring) {
        if (!ring.isArray() || ring.size() < 4 || !all(ring, Boundaries::position)) {
            return false;
        }
        JsonNode first = ring.get(0);
        JsonNode last = ring.get(ring.size() - 1);
        return first.get(0).doubleValue() == last.get(0).doubleValue() && first.get(1).doubleValue() == last.get(1).doubleValue();
    }

    private static boolean position(JsonNode position) {
        if (!position.isArray() || position.size() < 2 || position.size() > 3 || !all(position, JsonNode::isNumber)) {
            return false;
        }
        double longitude = position.get(0).doubleValue();
        double latitude = position.get(1).doubleValue();
        return Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90;
    }

    private static boolean all(JsonNode array, java.util.function.Predicate<JsonNode> test) {
        for (JsonNode node : array) {
            if (!test.test(node)) {
                return false;
            }
        }
        return true;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    Optional<String> geoJson(long provinceId) {
        return jdbc.sql("select geojson from statistics.boundary where province_id = ?").param(provinceId).query(String.class).optional();
    }

    boolean exists(long provinceId) {
        return jdbc.sql("select count(*) from statistics.boundary where province_id = ?").param(provinceId).query(Long.class).single() > 0;
    }

    List<Loaded> list() {
        return jdbc.sql("select province_id, features, loaded_at, loaded_by from statistics.boundary order by province_id")
                .query((rs, n) -> {
                    var province = units.byId(rs.getLong(1));
                    return new Loaded(province.map(AdministrativeUnit::code).orElse(""), province.map(AdministrativeUnit::name).orElse(""),
                            rs.getInt(2), rs.getTimestamp(3).toInstant(), rs.getString(4));
                }).list();
    }

    @Transactional
    void remove(String provinceCode) {
        AdministrativeUnit province = province(provinceCode);
        if (jdbc.sql("delete from statistics.boundary where province_id = ?").param(province.id()).update() == 0) {
            throw ApiProblem.notFound("BOUNDARIES_NOT_FOUND", "No boundaries are loaded for " + province.name());
        }
    }
}
