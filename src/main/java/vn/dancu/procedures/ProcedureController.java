package vn.dancu.procedures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;

/** The public catalog of procedures: what anyone may read before applying. */
@RestController
@RequestMapping("/api/v1/procedures")
@Tag(name = "Procedures", description = "The essential administrative procedures of Decision 06, Appendix I")
class ProcedureController {

    private final ProcedureCatalog catalog;

    ProcedureController(ProcedureCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping
    @Operation(summary = "The 25 procedures of Appendix I, with their Appendix I number, service level and agencies")
    List<ProcedureCatalog.Procedure> all() {
        return catalog.all();
    }

    @GetMapping("/{appendixNo}")
    ProcedureCatalog.Procedure one(@PathVariable int appendixNo) {
        return catalog.byAppendixNo(appendixNo)
                .orElseThrow(() -> ApiProblem.notFound("PROCEDURE_NOT_FOUND", "Appendix I has no procedure " + appendixNo));
    }
}
