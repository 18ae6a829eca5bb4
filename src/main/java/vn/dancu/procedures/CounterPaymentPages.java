package vn.dancu.procedures;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.payments.Receipt;

/** The counter officer records cash paid for an application, from the application's page. */
@Controller
@vn.dancu.platform.Page
class CounterPaymentPages {

    private final OfficerPayments payments;

    CounterPaymentPages(OfficerPayments payments) {
        this.payments = payments;
    }

    @PostMapping("/staff/applications/{code}/payments/{reference}/cash")
    String cash(@PathVariable String code, @PathVariable String reference, @RequestParam(required = false) String amount,
                RedirectAttributes redirect) {
        try {
            Receipt receipt = payments.cash(code, reference, amount == null || amount.isBlank() ? null
                    : vn.dancu.procedures.payments.PaymentPages.parseAmount(amount), AccessLog.Channel.WEB);
            redirect.addFlashAttribute("cashReceipt", receipt.number());
        } catch (ApiProblem problem) {
            if (problem.status() == org.springframework.http.HttpStatus.NOT_FOUND) {
                throw ProcedurePages.notFound();
            }
            redirect.addFlashAttribute("paymentProblem", problem.code());
        }
        return "redirect:/staff/applications/" + code + "#payment";
    }
}
