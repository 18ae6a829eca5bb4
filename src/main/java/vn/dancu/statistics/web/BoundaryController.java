package vn.dancu.statistics.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;

/** ADMIN loads the boundaries of a province's communes for the IOC's province maps (docs/ioc.md). */
@RestController
class BoundaryController {

    private final Boundaries boundaries;

    BoundaryController(Boundaries boundaries) {
        this.boundaries = boundaries;
    }

    @GetMapping("/api/v1/admin/statistics/boundaries")
    List<Boundaries.Loaded> list() {
        return boundaries.list();
    }

    @GetMapping(value = "/api/v1/admin/statistics/boundaries/{province}", produces = "application/geo+json")
    ResponseEntity<String> get(@PathVariable String province) {
        var unit = boundaries.province(province);
        return boundaries.geoJson(unit.id()).map(json -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/geo+json"))
                .body(json)).orElseThrow(() -> ApiProblem.notFound("BOUNDARIES_NOT_FOUND", "No boundaries are loaded for " + unit.name()));
    }

    /** The body is the GeoJSON file itself ({@code application/geo+json} or {@code application/json}), read up to the limit. */
    @PutMapping(value = "/api/v1/admin/statistics/boundaries/{province}", consumes = {"application/geo+json", "application/json"})
    Boundaries.Result put(@PathVariable String province, HttpServletRequest request) throws IOException {
        boundaries.province(province);
        return boundaries.load(province, read(request), CurrentStaff.require().username());
    }

    @DeleteMapping("/api/v1/admin/statistics/boundaries/{province}")
    ResponseEntity<Void> delete(@PathVariable String province) {
        boundaries.remove(province);
        return ResponseEntity.noContent().build();
    }

    /** At most one byte more than the limit: a larger body is refused without being held in memory. */
    static byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > Boundaries.MAX_BYTES) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "GEOJSON_TOO_LARGE", "The file has more than " + Boundaries.MAX_BYTES
                    + " bytes; simplify the boundaries (for instance to 10 m) and load it again");
        }
        try (InputStream in = request.getInputStream()) {
            return in.readNBytes(Boundaries.MAX_BYTES + 1);
        }
    }
}
