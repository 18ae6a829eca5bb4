package vn.dancu.cards;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;

/** ADMIN's page of the chip trust store: the CSCAs and their lists, upload a CSCA or a list, deactivate a CSCA, the changes. */
@Controller
@vn.dancu.platform.Page
class TrustStorePages {

    static final String PATH = "/staff/admin/cards/trust-store";

    private final TrustStore trustStore;
    private final MessageSource messages;

    TrustStorePages(TrustStore trustStore, MessageSource messages) {
        this.trustStore = trustStore;
        this.messages = messages;
    }

    @GetMapping(PATH)
    String list(Model model) {
        return render(model, null, null);
    }

    @PostMapping(PATH + "/cscas")
    String addCsca(@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response, Locale locale) {
        return attempt(model, response, () -> {
            TrustStore.CscaView csca = trustStore.addCsca(bytes(file), CurrentStaff.require().username());
            return messages.getMessage("chip.trust.done.csca", new Object[] {csca.subject()}, locale);
        });
    }

    @PostMapping(PATH + "/cscas/{id}/deactivate")
    String deactivate(@PathVariable long id, Model model, HttpServletResponse response, Locale locale) {
        return attempt(model, response, () -> {
            TrustStore.CscaView csca = trustStore.deactivate(id, CurrentStaff.require().username());
            return messages.getMessage("chip.trust.done.deactivated", new Object[] {csca.subject()}, locale);
        });
    }

    @PostMapping(PATH + "/crls")
    String addCrl(@RequestParam(required = false) MultipartFile file, Model model, HttpServletResponse response, Locale locale) {
        return attempt(model, response, () -> {
            TrustStore.CrlView crl = trustStore.addCrl(bytes(file), CurrentStaff.require().username());
            return messages.getMessage("chip.trust.done.crl", new Object[] {crl.revoked()}, locale);
        });
    }

    private String attempt(Model model, HttpServletResponse response, Supplier<String> change) {
        try {
            return render(model, change.get(), null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, null, problem);
        }
    }

    private String render(Model model, String done, ApiProblem problem) {
        model.addAttribute("cscas", trustStore.cscas());
        model.addAttribute("changes", trustStore.changes());
        model.addAttribute("done", done);
        model.addAttribute("problem", problem);
        return "cards/trust-store";
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            if (file == null || file.isEmpty()) {
                throw ApiProblem.invalidField("file", "FILE_REQUIRED", "Choose a file (PEM or DER)");
            }
            if (file.getSize() > TrustStore.MAX_FILE_BYTES) {
                throw ApiProblem.invalidField("file", "FILE_TOO_LARGE", "The file is larger than " + TrustStore.MAX_FILE_BYTES + " bytes");
            }
            return file.getBytes();
        } catch (IOException e) {
            throw ApiProblem.invalidField("file", "FILE_REQUIRED", "The file could not be read");
        }
    }
}
