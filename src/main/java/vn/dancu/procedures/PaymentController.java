package vn.dancu.procedures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.audit.AccessLog;
import vn.dancu.procedures.payments.Payment;
import vn.dancu.procedures.payments.Receipt;

/** The payments of applications over HTTP, for officers: what is due and paid, and cash taken at the counter. */
@RestController
@Tag(name = "Payments", description = "Fees and fines of applications: their state, receipts and refunds; cash at the counter")
class PaymentController {

    /** Cash counted at the counter: {@code amount} in whole đồng, which must be the amount due. */
    record CashPayment(Long amount) {
    }

    private final OfficerPayments payments;

    PaymentController(OfficerPayments payments) {
        this.payments = payments;
    }

    @GetMapping("/api/v1/applications/{code}/payments")
    @Operation(summary = "The application's fee or fine: its state, receipts (payment, refund) and every state it took")
    List<Payment> payments(@PathVariable String code) {
        return payments.of(code, AccessLog.Channel.API).stream().toList();
    }

    @PostMapping("/api/v1/applications/{code}/payments/{reference}/cash")
    @Operation(summary = "Record cash paid at the counter: answers the receipt; the application's first step starts")
    ResponseEntity<Receipt> cash(@PathVariable String code, @PathVariable String reference, @RequestBody CashPayment body) {
        Receipt receipt = payments.cash(code, reference, body == null ? null : body.amount(), AccessLog.Channel.API);
        return ResponseEntity.created(URI.create("/api/v1/applications/" + code + "/payments")).body(receipt);
    }
}
