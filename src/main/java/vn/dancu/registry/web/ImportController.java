package vn.dancu.registry.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonImport;

@RestController
@RequestMapping("/api/v1/registry/imports")
@Tag(name = "Bulk import", description = "Import persons from CSV files (docs/import-format.md) as background jobs")
class ImportController {

    private final PersonImport imports;

    ImportController(PersonImport imports) {
        this.imports = imports;
    }

    record Accepted(UUID id, String state, String status, String rejections) {
    }

    @PostMapping(consumes = "multipart/form-data")
    @Operation(summary = "Upload a person file; the import runs as a job. mode: auto (default: the national load into an "
            + "empty registry, else incremental), initial (the national load, refused unless the registry is empty), incremental")
    ResponseEntity<Accepted> upload(@RequestPart("file") MultipartFile file,
                                    @RequestParam(name = "mode", required = false) String mode) throws IOException {
        if (file.isEmpty()) {
            throw ApiProblem.invalidField("file", "EMPTY", "The file is empty");
        }
        PersonImport.Mode chosen = mode(mode);
        String name = file.getOriginalFilename() == null ? "upload.csv" : file.getOriginalFilename().replaceAll("[^\\p{L}\\p{N}._-]", "_");
        UUID id;
        try (InputStream content = file.getInputStream()) {
            id = imports.submit(name, content, CurrentStaff.require().username(), chosen);
        }
        String status = "/api/v1/registry/imports/" + id;
        return ResponseEntity.accepted().location(URI.create(status))
                .body(new Accepted(id, "QUEUED", status, status + "/rejections"));
    }

    private static PersonImport.Mode mode(String value) {
        return switch (value == null ? "auto" : value.strip()) {
            case "auto", "" -> PersonImport.Mode.AUTO;
            case "initial" -> PersonImport.Mode.NATIONAL;
            case "incremental" -> PersonImport.Mode.INCREMENTAL;
            default -> throw ApiProblem.invalidField("mode", "INVALID_VALUE", "mode is auto, initial or incremental");
        };
    }

    @GetMapping("/{id}")
    @Operation(summary = "State of an import: rows read, accepted, already present, rejected, rate")
    PersonImport.JobStatus status(@PathVariable UUID id) {
        return imports.status(id).orElseThrow(() -> ApiProblem.notFound("IMPORT_NOT_FOUND", "No import job " + id));
    }

    @GetMapping("/{id}/rejections")
    @Operation(summary = "Every rejected row with its line number and reason (CSV)")
    void rejections(@PathVariable UUID id, HttpServletResponse response) throws IOException {
        imports.status(id).orElseThrow(() -> ApiProblem.notFound("IMPORT_NOT_FOUND", "No import job " + id));
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"rejections-" + id + ".csv\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        imports.writeRejections(id, response.getWriter());
    }
}
