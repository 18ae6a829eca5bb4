package vn.dancu.procedures.payments;

import java.util.Optional;

/**
 * A payment platform: the National Public Service Portal's payment platform, or a bank's. The platform
 * asks it for a payment of a fee or a fine, learns its state, and has it refunded when the application
 * is refused; the citizen pays on the platform's own page. When money arrives the gateway publishes
 * {@link PaymentSettled} in the transaction that records it (a real platform's callback, or its polling,
 * does the same). The implementation here is {@link LocalPaymentGateway}, a real local one: it keeps
 * payments and receipts in the database and offers its own payment page, and collects no card data.
 * A production deployment provides its own {@code @Primary} bean of this type.
 */
public interface PaymentGateway {

    /** Asks for a payment; answers it with the reference the payer pays under, AWAITING. */
    Payment create(PaymentOrder order);

    Optional<Payment> find(String reference);

    /** The address of the page where the payer pays a payment: the applicant's page links to it. */
    String pageOf(String reference);

    /**
     * Records cash an officer took at the counter for an AWAITING payment, and answers its receipt.
     * Refused with {@code AMOUNT_MISMATCH} (400) for another amount, {@code ALREADY_PAID} (409) when paid.
     */
    Receipt recordCash(String reference, long amount, String officer);

    /**
     * Returns a PAID payment's amount to its payer, and answers the refund's receipt. Refused with
     * {@code NOT_PAID} (409) when the payment is not PAID.
     */
    Receipt refund(String reference, String reason, String actor);
}
