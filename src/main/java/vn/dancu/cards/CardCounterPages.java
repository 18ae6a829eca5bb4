package vn.dancu.cards;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Page;

/**
 * The counter's card check (/staff/cards/qr-check): an officer who reads persons takes the QR code
 * of the card a citizen presents (a photo decoded here, the camera read in the browser by
 * html5-qrcode, or the text pasted) and sees what the card states beside the registry's yes/no,
 * with the purpose they state in the access log. See {@link CardChecks} for who may check whom.
 */
@Controller
@Page
class CardCounterPages {

    static final String PATH = "/staff/cards/qr-check";

    private final CardChecks checks;

    CardCounterPages(CardChecks checks) {
        this.checks = checks;
    }

    @GetMapping(PATH)
    String form(Model model) {
        return page(model, "", "", null, null, null, null);
    }

    @PostMapping(PATH)
    String check(@RequestParam(defaultValue = "") String purpose, @RequestParam(defaultValue = "") String qr,
                 @RequestParam(required = false) MultipartFile photo, Model model, HttpServletResponse response) throws IOException {
        String text = qr;
        if (photo != null && !photo.isEmpty()) {
            QrPhotos.Outcome outcome;
            try (InputStream in = photo.getInputStream()) {
                outcome = QrPhotos.read(in, photo.getSize());
            }
            if (outcome instanceof QrPhotos.Unreadable unreadable) {
                response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
                return page(model, purpose, qr, "cards.photo." + unreadable.code(), null, null, null);
            }
            text = ((QrPhotos.Found) outcome).text();
        }
        CardQr.Reading reading = checks.readQr(text);
        if (reading instanceof CardQr.Malformed malformed) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return page(model, purpose, text, null, malformed.problems(), null, null);
        }
        CardQr.Read read = (CardQr.Read) reading;
        try {
            CardCheck check = checks.check(read.statement(), checks.officer(CurrentStaff.require(), purpose, AccessLog.Channel.WEB));
            return page(model, purpose, text, null, List.of(), read, check);
        } catch (ApiProblem refused) {
            response.setStatus(refused.status().value());
            return page(model, purpose, text, null, refused.errors().isEmpty()
                    ? List.of(new ApiProblem.FieldProblem("purpose", refused.code(), refused.getMessage())) : refused.errors(), read, null);
        }
    }

    private static String page(Model model, String purpose, String qr, String photoProblem, List<ApiProblem.FieldProblem> problems,
                               CardQr.Read read, CardCheck check) {
        model.addAttribute("purpose", purpose);
        model.addAttribute("qr", qr == null ? "" : qr);
        model.addAttribute("photoProblem", photoProblem);
        model.addAttribute("problems", problems == null ? List.of() : problems);
        model.addAttribute("read", read);
        model.addAttribute("check", check);
        return "cards/qr-check";
    }
}
