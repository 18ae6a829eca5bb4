package vn.dancu.units;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

@RestController
@RequestMapping("/api/v1/units")
@Tag(name = "Administrative units", description = "Provinces and communes as versioned data, with the 2025 old-to-new mapping")
class UnitController {

    private final Units units;

    UnitController(Units units) {
        this.units = units;
    }

    record UnitRef(String code, String level, String name, LocalDate validFrom, LocalDate validTo) {
        static UnitRef of(AdministrativeUnit u) {
            return new UnitRef(u.code(), u.level(), u.name(), u.validFrom(), u.validTo());
        }
    }

    record UnitView(String code, String level, String name, String type, String status, UnitRef parent,
                    LocalDate validFrom, LocalDate validTo, String idIssuingCode,
                    List<UnitRef> successors, List<UnitRef> predecessors, List<UnitRef> today) {
    }

    @GetMapping
    @Operation(summary = "Units of a level in force on a date (default today), optionally within a parent")
    List<UnitView> list(@RequestParam(defaultValue = "PROVINCE") String level,
                        @RequestParam(required = false) String parent,
                        @RequestParam(required = false) String date) {
        FieldErrors errors = new FieldErrors();
        String lvl = errors.oneOf("level", level, java.util.Set.of(AdministrativeUnit.PROVINCE, AdministrativeUnit.COMMUNE));
        LocalDate on = date == null ? units.today() : errors.date("date", date);
        errors.throwIfAny();
        Long parentId = null;
        if (parent != null && !parent.isBlank()) {
            parentId = units.find(AdministrativeUnit.PROVINCE, parent.strip(), on)
                    .orElseThrow(() -> ApiProblem.invalidField("parent", "UNKNOWN_UNIT",
                            "No province " + parent.strip() + " on " + on))
                    .id();
        }
        return units.list(lvl, parentId, on).stream().map(u -> view(u, false)).toList();
    }

    @GetMapping("/{code}")
    @Operation(summary = "One unit by code. A dissolved unit answers with its validity and its successors")
    UnitView get(@PathVariable String code, @RequestParam(required = false) String level,
                 @RequestParam(required = false) String date) {
        FieldErrors errors = new FieldErrors();
        if (!code.matches("[0-9]{2,5}")) {
            errors.add("code", "INVALID_FORMAT", "A unit code has 2 (province) or 5 (commune) digits");
        }
        String lvl = level != null ? errors.oneOf("level", level, java.util.Set.of(AdministrativeUnit.PROVINCE, AdministrativeUnit.COMMUNE))
                : code.length() <= 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE;
        LocalDate on = date == null ? units.today() : errors.date("date", date);
        errors.throwIfAny();
        AdministrativeUnit unit = units.find(lvl, code, on)
                .or(() -> units.versions(lvl, code).stream().findFirst())
                .orElseThrow(() -> ApiProblem.notFound("UNIT_NOT_FOUND", "No " + lvl.toLowerCase(Locale.ROOT) + " has code " + code));
        return view(unit, true);
    }

    @PostMapping(path = "/imports", consumes = "multipart/form-data")
    @Operation(summary = "Import unit lists (CSV, docs/units-format.md); all or nothing")
    ResponseEntity<UnitImporter.Result> importUnits(@RequestPart("units") MultipartFile unitsFile,
                                                    @RequestPart(name = "successions", required = false) MultipartFile successionsFile)
            throws IOException {
        try (Reader unitsReader = reader(unitsFile); Reader successionsReader = successionsFile == null ? null : reader(successionsFile)) {
            UnitImporter.Result result = units.importCsv(unitsReader, successionsReader);
            if (!result.errors().isEmpty()) {
                throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNIT_IMPORT_REJECTED",
                        "Nothing was imported: " + result.errors().size() + " rows are wrong. "
                                + String.join("; ", result.errors().subList(0, Math.min(50, result.errors().size()))));
            }
            return ResponseEntity.ok(result);
        }
    }

    private static Reader reader(MultipartFile file) throws IOException {
        return new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8);
    }

    private UnitView view(AdministrativeUnit u, boolean withHistory) {
        LocalDate now = units.today();
        String status = u.validOn(now) ? "IN_FORCE" : u.validFrom() != null && u.validFrom().isAfter(now) ? "NOT_YET_IN_FORCE" : "DISSOLVED";
        UnitRef parent = u.parentId() == null ? null : units.byId(u.parentId()).map(UnitRef::of).orElse(null);
        List<UnitRef> successors = withHistory ? units.successors(u).stream().map(UnitRef::of).toList() : List.of();
        List<UnitRef> predecessors = withHistory ? units.predecessors(u).stream().map(UnitRef::of).toList() : List.of();
        List<UnitRef> today = withHistory && !u.validOn(now) ? units.today(u).stream().map(UnitRef::of).toList() : List.of();
        return new UnitView(u.code(), u.level(), u.name(), u.type(), status, parent, u.validFrom(), u.validTo(),
                u.idIssuingCode(), successors, predecessors, today);
    }
}
