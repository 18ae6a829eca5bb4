package vn.dancu.statistics.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The map of Vietnam the platform ships: each province a tile at its row and column
 * ({@code statistics/tile-grid.csv}), north at the top. Drawn as squares, so no outside map data
 * is needed; a province absent from the grid (after a future merger) is placed below the others.
 */
@Component
class TileGrid {

    record Tile(int row, int column) {
    }

    private final Map<String, Tile> tiles;

    TileGrid() {
        this.tiles = load("statistics/tile-grid.csv");
    }

    static Map<String, Tile> load(String resource) {
        Map<String, Tile> tiles = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new ClassPathResource(resource).getInputStream(),
                StandardCharsets.UTF_8))) {
            in.lines().filter(line -> !line.isBlank() && !line.startsWith("#") && !line.startsWith("code,")).forEach(line -> {
                String[] cells = line.split(",");
                tiles.put(cells[0].strip(), new Tile(Integer.parseInt(cells[1].strip()), Integer.parseInt(cells[2].strip())));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tiles;
    }

    /** The tile of each province, in the order given; provinces the grid does not know go on a row of their own below. */
    Map<String, Tile> place(List<String> provinceCodes) {
        Map<String, Tile> placed = new LinkedHashMap<>();
        int bottom = tiles.values().stream().mapToInt(Tile::row).max().orElse(-1) + 2;
        int spare = 0;
        for (String code : provinceCodes) {
            Tile tile = tiles.get(code);
            placed.put(code, tile != null ? tile : new Tile(bottom, spare++));
        }
        return placed;
    }

    /** Communes, which have no grid of their own: squares in code order, about as wide as tall. */
    static Map<String, Tile> square(List<String> codes) {
        int columns = Math.max(1, (int) Math.ceil(Math.sqrt(codes.size())));
        Map<String, Tile> placed = new LinkedHashMap<>();
        for (int i = 0; i < codes.size(); i++) {
            placed.put(codes.get(i), new Tile(i / columns, i % columns));
        }
        return placed;
    }

    /** The tiles as a GeoJSON FeatureCollection of squares, {@code properties.code} and {@code name}, for echarts.registerMap. */
    static Map<String, Object> geoJson(Map<String, Tile> tiles, Map<String, String> names) {
        List<Map<String, Object>> features = tiles.entrySet().stream().map(e -> {
            double x = e.getValue().column();
            double y = -e.getValue().row();
            double gap = 0.06;
            List<List<Double>> ring = List.of(List.of(x + gap, y - gap), List.of(x + 1 - gap, y - gap),
                    List.of(x + 1 - gap, y - 1 + gap), List.of(x + gap, y - 1 + gap), List.of(x + gap, y - gap));
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("type", "Feature");
            feature.put("properties", Map.of("code", e.getKey(), "name", names.getOrDefault(e.getKey(), e.getKey())));
            feature.put("geometry", Map.of("type", "Polygon", "coordinates", List.of(ring)));
            return feature;
        }).toList();
        return Map.of("type", "FeatureCollection", "features", features);
    }
}
