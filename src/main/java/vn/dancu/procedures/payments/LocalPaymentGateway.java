package vn.dancu.procedures.payments;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;

/**
 * The platform's own payment gateway, a real local implementation of {@link PaymentGateway}: payments,
 * receipts and every state change in the database ({@code procedures.payment}, {@code receipt},
 * {@code payment_event}), a payment page where the citizen pays ({@link PaymentPages}) and the counter
 * where an officer takes cash. No money moves and no card data is collected: paying on its page records
 * that the citizen paid, as a bank's confirmation would. A production deployment replaces it with a
 * {@code @Primary} bean that calls the National Public Service Portal's payment platform.
 */
@Component
public class LocalPaymentGateway implements PaymentGateway {

    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    private final PaymentRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AccessLog accessLog;

    LocalPaymentGateway(PaymentRepository repository, ApplicationEventPublisher events, Clock clock, AccessLog accessLog) {
        this.accessLog = accessLog;
        this.repository = repository;
        this.events = events;
        this.clock = clock;
    }

    @Override
    @Transactional
    public Payment create(PaymentOrder order) {
        Instant now = clock.instant();
        String reference = repository.nextReference(now.atZone(VIETNAM).getYear());
        repository.insert(reference, order, now);
        PaymentRepository.Row row = repository.find(reference).orElseThrow();
        repository.event(row.id(), now, "system", Payment.State.AWAITING, order.descriptionVi());
        return payment(row);
    }

    /** Where the payer pays: this gateway's own page. */
    @Override
    public String pageOf(String reference) {
        return "/eid/payments/" + reference;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Payment> find(String reference) {
        return reference == null ? Optional.empty() : repository.find(reference).map(this::payment);
    }

    /** A payment shown to its payer on the payment page, their read of it in the access log; empty for anyone else. */
    @Transactional
    public Optional<Payment> forPayer(String reference, String personalId) {
        Optional<Payment> payment = find(reference).filter(p -> p.payerPersonalId().equals(personalId));
        payment.ifPresent(p -> accessLog.record(new AccessLog.Entry(AccessLog.ActorType.SELF, "citizen", personalId,
                List.of("personalId", "fullName", "payments"), "Thanh toán " + p.reference(), AccessLog.Channel.SELF,
                p.applicationCode(), "ADMINISTRATIVE_PROCEDURE")));
        return payment;
    }

    /**
     * The payer pays on the payment page ({@code method} ONLINE, {@code payer} the citizen logged in,
     * who must be the payment's payer), or an officer takes cash at the counter ({@code payer} null,
     * {@code actor} the officer). {@code amount}: what the page showed, or the cash counted; it must be
     * the payment's. Paying twice is refused ({@code ALREADY_PAID}), and so is paying a refunded payment.
     */
    @Transactional
    public Receipt pay(String reference, String payer, long amount, Receipt.Method method, String actor) {
        PaymentRepository.Row row = repository.lock(reference)
                .filter(p -> payer == null || p.payerPersonalId().equals(payer))
                .orElseThrow(() -> notFound(reference)); // someone else's payment is not confirmed to exist
        switch (row.state()) {
            case PAID -> throw ApiProblem.conflict("ALREADY_PAID", "Payment " + reference + " is paid already");
            case REFUNDED -> throw ApiProblem.conflict("ALREADY_REFUNDED", "Payment " + reference + " was refunded");
            case AWAITING -> {
            }
        }
        if (amount != row.amount()) {
            throw ApiProblem.invalidField("amount", "AMOUNT_MISMATCH", "The amount due is " + row.amount() + " VND");
        }
        Instant now = clock.instant();
        Receipt receipt = new Receipt(repository.nextReceiptNumber(now.atZone(VIETNAM).getYear()), reference, Receipt.Kind.PAYMENT,
                row.amount(), row.payerPersonalId(), row.payerName(), method, now, actor, null);
        repository.insertReceipt(row.id(), receipt);
        repository.setState(row.id(), Payment.State.PAID);
        repository.event(row.id(), now, actor, Payment.State.PAID, method.name() + " " + receipt.number());
        events.publishEvent(new PaymentSettled(reference, row.applicationId(), row.purpose(), receipt.number()));
        return receipt;
    }

    @Override
    @Transactional
    public Receipt recordCash(String reference, long amount, String officer) {
        return pay(reference, null, amount, Receipt.Method.CASH, officer);
    }

    @Override
    @Transactional
    public Receipt refund(String reference, String reason, String actor) {
        PaymentRepository.Row row = repository.lock(reference).orElseThrow(() -> notFound(reference));
        if (row.state() != Payment.State.PAID) {
            throw new ApiProblem(HttpStatus.CONFLICT, "NOT_PAID", "Payment " + reference + " is " + row.state() + ": nothing to refund");
        }
        Instant now = clock.instant();
        Receipt receipt = new Receipt(repository.nextReceiptNumber(now.atZone(VIETNAM).getYear()), reference, Receipt.Kind.REFUND,
                row.amount(), row.payerPersonalId(), row.payerName(), Receipt.Method.RETURNED, now, actor, reason);
        repository.insertReceipt(row.id(), receipt);
        repository.setState(row.id(), Payment.State.REFUNDED);
        repository.event(row.id(), now, actor, Payment.State.REFUNDED, receipt.number() + ": " + reason);
        return receipt;
    }

    private Payment payment(PaymentRepository.Row row) {
        return new Payment(row.reference(), row.applicationId(), row.applicationCode(), row.purpose(), row.descriptionVi(),
                row.descriptionEn(), row.amount(), row.payerPersonalId(), row.payerName(), row.state(), row.createdAt(),
                repository.receipts(row.id(), row.reference()), repository.events(row.id()));
    }

    static ApiProblem notFound(String reference) {
        return ApiProblem.notFound("PAYMENT_NOT_FOUND", "No payment " + reference);
    }
}
