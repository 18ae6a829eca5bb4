package vn.dancu.procedures;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Optional;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.payments.Payment;
import vn.dancu.procedures.payments.PaymentGateway;
import vn.dancu.procedures.payments.PaymentOrder;
import vn.dancu.procedures.payments.PaymentPages;
import vn.dancu.procedures.payments.Receipt;

/**
 * The applications' side of payments. An application whose procedure declares a fee or a fine
 * ({@link Procedure#fee}) waits for it: AWAITING_PAYMENT, its first leg not started, until the gateway
 * reports the payment ({@link Applications#paid}). A refusal refunds what was paid; the signed result
 * states what was paid and its receipt. Each step is in the application's history and the applicant's inbox.
 */
@Component
class ApplicationPayments {

    private final PaymentGateway gateway;
    private final ApplicationRepository repository;
    private final Notifications notifications;

    ApplicationPayments(PaymentGateway gateway, ApplicationRepository repository, Notifications notifications) {
        this.gateway = gateway;
        this.repository = repository;
        this.notifications = notifications;
    }

    /** The application waits for {@code fee}, asked of the gateway in the applicant's name. */
    void await(Application app, Fee fee, Instant now) {
        Payment payment = gateway.create(new PaymentOrder(app.id(), app.code(), fee.purpose(), fee.amount(), fee.descriptionVi(),
                fee.descriptionEn(), app.applicantPersonalId(), app.form().getOrDefault("applicant.fullName", app.applicantPersonalId())));
        repository.awaitPayment(app.id(), payment.reference());
        repository.step(app.id(), null, now, "system", "PAYMENT_REQUESTED",
                payment.reference() + ": " + fee.amount() + " đồng (" + fee.source() + ")");
        notifications.send(app.applicantPersonalId(), app.id(), "awaitingPayment", locale -> new Object[] {app.code(),
                locale.getLanguage().equals("en") ? fee.descriptionEn() : fee.descriptionVi(),
                PaymentPages.amount(fee.amount(), locale.getLanguage().equals("en"))});
    }

    /** A refused application's payment goes back to the payer, with a receipt of the refund. */
    void refundOnRejection(Application app, String note, String actor, Instant now) {
        Optional<Payment> paid = payment(app).filter(p -> p.state() == Payment.State.PAID);
        if (paid.isEmpty()) {
            return;
        }
        Receipt refund = gateway.refund(paid.get().reference(), note, actor);
        repository.step(app.id(), null, now, actor, "REFUNDED", refund.number() + ": " + refund.amount() + " đồng");
        notifications.send(app.applicantPersonalId(), app.id(), "refunded", locale -> new Object[] {app.code(),
                PaymentPages.amount(refund.amount(), locale.getLanguage().equals("en")), refund.number()});
    }

    /** Cash counted at the counter by the officer, for the application's payment {@code reference}. */
    Receipt cash(Application app, String reference, Long amount, String officer) {
        if (amount == null) {
            throw ApiProblem.invalidField("amount", "REQUIRED", "amount is the cash counted, in whole đồng");
        }
        if (!reference.equals(app.paymentReference())) {
            throw ApiProblem.notFound("PAYMENT_NOT_FOUND", "Application " + app.code() + " has no payment " + reference);
        }
        return gateway.recordCash(reference, amount, officer);
    }

    /** The signed document's fields, and what was paid for the application with its receipt. */
    LinkedHashMap<String, String> withReceipt(Application app, LinkedHashMap<String, String> fields) {
        LinkedHashMap<String, String> all = new LinkedHashMap<>(fields);
        payment(app).filter(p -> p.state() == Payment.State.PAID).ifPresent(p -> p.receipts().stream()
                .filter(r -> r.kind() == Receipt.Kind.PAYMENT).findFirst().ifPresent(r -> {
                    all.put(p.purpose() == PaymentOrder.Purpose.FINE ? "Số tiền phạt đã nộp" : "Lệ phí đã nộp", r.amount() + " đồng");
                    all.put("Biên lai thu tiền", r.number());
                }));
        return all;
    }

    /** The payment of the application {@code code}, for its pages (whose reads of the application are logged there). */
    Optional<Payment> ofApplication(String code) {
        return repository.byCode(code).flatMap(this::payment);
    }

    Optional<Payment> payment(Application app) {
        return gateway.find(app.paymentReference());
    }

    /** Where the applicant pays. */
    String pageOf(Payment payment) {
        return gateway.pageOf(payment.reference());
    }
}
