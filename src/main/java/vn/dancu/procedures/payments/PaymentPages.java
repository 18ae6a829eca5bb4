package vn.dancu.procedures.payments;

import jakarta.servlet.http.HttpServletResponse;
import java.text.NumberFormat;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.platform.ApiProblem;

/**
 * The local gateway's payment page: the payer, logged in with their e-ID, sees what is due and pays,
 * and gets the receipt. Nothing about a card or an account is asked for or kept; the page says so. A
 * payment is shown to its payer only: anyone else is answered 404, as for a payment that does not exist.
 */
@Controller
@vn.dancu.platform.Page
public class PaymentPages {

    private final LocalPaymentGateway gateway;
    private final CitizenAccounts accounts;

    PaymentPages(LocalPaymentGateway gateway, CitizenAccounts accounts) {
        this.gateway = gateway;
        this.accounts = accounts;
    }

    @GetMapping("/eid/payments/{reference}")
    String payment(@PathVariable String reference, Model model) {
        model.addAttribute("payment", own(reference));
        model.addAttribute("problem", null);
        return "procedures/payment";
    }

    @PostMapping("/eid/payments/{reference}")
    String pay(@PathVariable String reference, @RequestParam(required = false) String amount, Model model,
               HttpServletResponse response, RedirectAttributes redirect) {
        String citizen = citizen();
        try {
            gateway.pay(reference, citizen, parseAmount(amount), Receipt.Method.ONLINE, "citizen");
            redirect.addFlashAttribute("paid", true);
            return "redirect:/eid/payments/" + reference;
        } catch (ApiProblem problem) {
            if (problem.status() == HttpStatus.NOT_FOUND) {
                throw notFound();
            }
            response.setStatus(problem.status().value());
            model.addAttribute("payment", own(reference));
            model.addAttribute("problem", problem);
            return "procedures/payment";
        }
    }

    /** An amount in whole đồng as a form sends it; anything else is refused as not the amount due. */
    public static long parseAmount(String amount) {
        if (amount == null || !amount.strip().matches("[0-9]{1,15}")) {
            throw ApiProblem.invalidField("amount", "AMOUNT_MISMATCH", "The amount is a whole number of đồng");
        }
        return Long.parseLong(amount.strip());
    }

    /** The citizen's own payment, read in the access log as their own; anyone else's is a 404. */
    private Payment own(String reference) {
        return gateway.forPayer(reference, citizen()).orElseThrow(PaymentPages::notFound);
    }

    /** An amount as pages write it: 1.000.000 đ in Vietnamese, 1,000,000 VND in English. */
    public static String amount(long vnd, boolean en) {
        NumberFormat format = NumberFormat.getIntegerInstance(en ? Locale.UK : Locale.forLanguageTag("vi-VN"));
        return en ? format.format(vnd) + " VND" : format.format(vnd) + " đ";
    }

    private String citizen() {
        return accounts.currentPersonalId().orElseThrow(() -> new AccessDeniedException("Citizens only"));
    }

    private static ResponseStatusException notFound() {
        return new ResponseStatusException(HttpStatus.NOT_FOUND);
    }
}
