package vn.dancu.statistics.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** The administrator's page for the communes' boundaries (the same rules as the API, {@link BoundaryController}). */
@Controller
@Page
class BoundaryPages {

    private final Boundaries boundaries;
    private final Units units;

    BoundaryPages(Boundaries boundaries, Units units) {
        this.boundaries = boundaries;
        this.units = units;
    }

    @GetMapping("/staff/admin/boundaries")
    String page(Model model) {
        return show(model, null, null);
    }

    @PostMapping("/staff/admin/boundaries")
    String load(@RequestParam(defaultValue = "") String province, @RequestParam(required = false) MultipartFile file, Model model,
                HttpServletResponse response) throws IOException {
        try {
            if (file == null || file.isEmpty()) {
                throw new ApiProblem(org.springframework.http.HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                        java.util.List.of(new ApiProblem.FieldProblem("file", "REQUIRED", "Choose a GeoJSON file")));
            }
            byte[] body;
            try (InputStream in = file.getInputStream()) {
                body = in.readNBytes(Boundaries.MAX_BYTES + 1);
            }
            return show(model, boundaries.load(province, body, CurrentStaff.require().username()), null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return show(model, null, problem);
        }
    }

    @PostMapping("/staff/admin/boundaries/{province}/remove")
    String remove(@PathVariable String province, Model model, HttpServletResponse response) {
        try {
            boundaries.remove(province);
            return "redirect:/staff/admin/boundaries";
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return show(model, null, problem);
        }
    }

    private String show(Model model, Boundaries.Result loaded, ApiProblem problem) {
        model.addAttribute("provinces", units.list(AdministrativeUnit.PROVINCE, null, units.today()));
        model.addAttribute("loaded", boundaries.list().stream().map(l -> new View.Loaded(l.province(), l.name(), l.features(),
                l.loadedAt(), l.loadedBy())).toList());
        model.addAttribute("result", loaded == null ? null : new View.LoadResult(loaded.province(), loaded.features(),
                loaded.communesWithout()));
        model.addAttribute("problem", problem);
        model.addAttribute("maxMegabytes", Boundaries.MAX_BYTES / (1024 * 1024));
        return "statistics/boundaries";
    }
}
