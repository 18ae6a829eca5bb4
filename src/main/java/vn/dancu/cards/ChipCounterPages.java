package vn.dancu.cards;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;

/**
 * The officer's chip check at the counter: the one-stop shop's reader saves what it read from the
 * card's chip as a file (the JSON of the members' API body, which make-chip writes too), the officer
 * uploads it with a live photo if one was taken, and sees the same answer a member gets, receipt
 * included. The registry read is in the access log with the officer's purpose ({@link CardChecks#officer}).
 */
@Controller
@vn.dancu.platform.Page
class ChipCounterPages {

    static final String PATH = "/staff/cards/chip-check";

    /** The reader's file: the groups, and optionally a live photo, all base64; other members of make-chip's files are ignored. */
    record ChipFile(String sod, String dg1, String dg2, String dg13, String dg14, String dg15, String livePhoto) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    static final long MAX_FILE_BYTES = 2_000_000;

    private final ChipChecks chips;
    private final CardChecks cards;

    ChipCounterPages(ChipChecks chips, CardChecks cards) {
        this.chips = chips;
        this.cards = cards;
    }

    @GetMapping(PATH)
    String form(Model model) {
        return render(model, "", null, null);
    }

    @PostMapping(PATH)
    String check(@RequestParam(required = false) MultipartFile file, @RequestParam(required = false) MultipartFile photo,
                 @RequestParam(defaultValue = "") String purpose, Model model, HttpServletResponse response) {
        Staff staff = CurrentStaff.require();
        try {
            var reader = cards.officer(staff, purpose, AccessLog.Channel.WEB);
            ChipFile chip = chipFile(file);
            String live = photo != null && !photo.isEmpty() ? java.util.Base64.getEncoder().encodeToString(photo.getBytes())
                    : chip.livePhoto();
            ChipChecks.Reading reading = chips.read(new ChipChecks.Submission(new ChipImage.Encoded(chip.sod(), chip.dg1(), chip.dg2(),
                    chip.dg13(), chip.dg14(), chip.dg15()), null, null, live));
            if (reading instanceof ChipChecks.Refused refused) {
                throw chips.refuse(refused, AccessLog.ActorType.STAFF, staff.username());
            }
            return render(model, purpose, chips.answer((ChipChecks.Authentic) reading, reader), null);
        } catch (ApiProblem problem) {
            response.setStatus(problem.status().value());
            return render(model, purpose, null, problem);
        } catch (IOException e) {
            response.setStatus(400);
            return render(model, purpose, null, ApiProblem.invalidField("photo", "FILE_REQUIRED", "The photo could not be read"));
        }
    }

    private static ChipFile chipFile(MultipartFile file) throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiProblem.invalidField("file", "FILE_REQUIRED", "Choose the file the chip reader saved");
        }
        if (file.getSize() > MAX_FILE_BYTES) {
            throw ApiProblem.invalidField("file", "FILE_TOO_LARGE", "The file is larger than " + MAX_FILE_BYTES + " bytes");
        }
        try {
            ChipFile chip = JSON.readValue(file.getBytes(), ChipFile.class);
            if (chip == null) {
                throw new IllegalArgumentException();
            }
            return chip;
        } catch (RuntimeException e) {
            throw ApiProblem.invalidField("file", "CHIP_FILE_UNREADABLE", "The file is not a chip reader's JSON (sod, dg1, dg13, ...)");
        }
    }

    private static String render(Model model, String purpose, ChipChecks.Answer answer, ApiProblem problem) {
        model.addAttribute("purpose", purpose);
        model.addAttribute("answer", answer);
        model.addAttribute("problem", problem);
        return "cards/chip-check";
    }
}
