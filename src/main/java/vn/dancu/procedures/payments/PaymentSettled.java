package vn.dancu.procedures.payments;

/** Money arrived for a payment: published by the gateway in the transaction that records it. */
public record PaymentSettled(String reference, long applicationId, PaymentOrder.Purpose purpose, String receiptNumber) {
}
