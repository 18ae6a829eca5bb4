package vn.dancu.procedures;

import java.time.Instant;
import java.util.Optional;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.dancu.procedures.ApplicationRepository.Application;
import vn.dancu.procedures.ApplicationRepository.Leg;
import vn.dancu.procedures.payments.Payment;
import vn.dancu.procedures.payments.PaymentGateway;
import vn.dancu.procedures.payments.PaymentOrder;
import vn.dancu.procedures.payments.PaymentSettled;
import vn.dancu.procedures.payments.Receipt;

/**
 * The applications' side of payments. An application whose procedure declares a fee (or a fine) waits
 * for it: AWAITING_PAYMENT, its first leg not started; the gateway's {@link PaymentSettled} starts it,
 * with its deadline counted from the payment. A refusal refunds what was paid. Each step is in the
 * application's history and the applicant's inbox.
 */
@Component
class ApplicationPayments {

    static final String AWAITING_PAYMENT = "AWAITING_PAYMENT";

    private final PaymentGateway gateway;
    private final ApplicationRepository repository;
    private final Notifications notifications;
    private final WorkingCalendar calendar;

    ApplicationPayments(PaymentGateway gateway, ApplicationRepository repository, Notifications notifications,
                        WorkingCalendar calendar) {
        this.gateway = gateway;
        this.repository = repository;
        this.notifications = notifications;
        this.calendar = calendar;
    }

    /** The application waits for {@code fee}, asked of the gateway in the applicant's name. */
    void await(Application app, Fee fee, Instant now) {
        Payment payment = gateway.create(new PaymentOrder(app.id(), app.code(), fee.purpose(), fee.amount(), fee.descriptionVi(),
                fee.descriptionEn(), app.applicantPersonalId(), app.form().getOrDefault("applicant.fullName", app.applicantPersonalId())));
        repository.awaitPayment(app.id(), payment.reference());
        repository.step(app.id(), null, now, "system", "PAYMENT_REQUESTED",
                payment.reference() + ": " + fee.amount() + " đồng (" + fee.source() + ")");
        notifications.send(app.applicantPersonalId(), app.id(), "Hồ sơ " + app.code() + " chờ thanh toán",
                "Application " + app.code() + " awaits payment",
                fee.descriptionVi() + ": " + fee.amount() + " đồng. Hồ sơ được giải quyết sau khi thanh toán.",
                fee.descriptionEn() + ": " + fee.amount() + " VND. The application is handled once paid.");
    }

    /** Money arrived: the first leg starts now, and the application's deadline counts from now. */
    @EventListener
    void settled(PaymentSettled paid) {
        Application app = repository.lockById(paid.applicationId()).orElseThrow();
        if (!app.status().equals(AWAITING_PAYMENT) || !paid.reference().equals(app.paymentReference())) {
            return; // not a payment the application waits for (a gateway that calls back twice)
        }
        Instant now = calendar.now();
        var legs = repository.legs(app.id());
        Leg first = legs.getFirst();
        repository.paid(app.id(), calendar.due(now, legs.stream().filter(l -> !l.status().equals("SKIPPED")).mapToInt(Leg::workingDays).sum()));
        repository.step(app.id(), null, now, "system", "PAID", paid.reference() + ", " + paid.receiptNumber());
        repository.startLeg(app.id(), first.legNo(), now, calendar.due(now, first.workingDays()), null);
        repository.step(app.id(), first.legNo(), now, "system", "LEG_STARTED", first.agency().nameVi + ": " + first.kind().resultVi);
    }

    /** A refused application's payment goes back to the payer, with a receipt of the refund. */
    void refundOnRejection(Application app, String note, String actor, Instant now) {
        Optional<Payment> paid = payment(app).filter(p -> p.state() == Payment.State.PAID);
        if (paid.isEmpty()) {
            return;
        }
        Receipt refund = gateway.refund(paid.get().reference(), note, actor);
        repository.step(app.id(), null, now, actor, "REFUNDED", refund.number() + ": " + refund.amount() + " đồng");
        notifications.send(app.applicantPersonalId(), app.id(), "Hoàn trả " + refund.amount() + " đồng",
                "Refund of " + refund.amount() + " VND",
                "Hồ sơ " + app.code() + " bị từ chối: số tiền đã nộp được hoàn trả, biên lai " + refund.number() + ".",
                "Application " + app.code() + " was refused: the amount paid is refunded, receipt " + refund.number() + ".");
    }

    /** Cash counted at the counter by the officer, for the application's payment {@code reference}. */
    Receipt cash(Application app, String reference, Long amount, String officer) {
        if (amount == null) {
            throw vn.dancu.platform.ApiProblem.invalidField("amount", "REQUIRED", "amount is the cash counted, in whole đồng");
        }
        if (!reference.equals(app.paymentReference())) {
            throw vn.dancu.platform.ApiProblem.notFound("PAYMENT_NOT_FOUND", "Application " + app.code() + " has no payment " + reference);
        }
        return gateway.recordCash(reference, amount, officer);
    }

    Optional<Payment> payment(Application app) {
        return gateway.find(app.paymentReference());
    }
}
