package vn.dancu.procedures.payments;

/**
 * What is to be paid: {@code amount} in whole đồng (VND has no minor unit), for the application
 * {@code applicationId}, by the person named (the applicant; the offender for a fine).
 */
public record PaymentOrder(long applicationId, String applicationCode, Purpose purpose, long amount, String descriptionVi,
                           String descriptionEn, String payerPersonalId, String payerName) {

    public enum Purpose { FEE, FINE }

    public PaymentOrder {
        if (amount <= 0) {
            throw new IllegalArgumentException("A payment is of a positive amount");
        }
    }
}
