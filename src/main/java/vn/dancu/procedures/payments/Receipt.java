package vn.dancu.procedures.payments;

import java.time.Instant;

/**
 * A receipt: of a payment ({@code PAYMENT}, paid ONLINE or in CASH at the counter) or of its refund
 * ({@code REFUND}, method RETURNED). Amounts in whole đồng.
 */
public record Receipt(String number, String paymentReference, Kind kind, long amount, String payerPersonalId, String payerName,
                      Method method, Instant issuedAt, String issuedBy, String reason) {

    public enum Kind { PAYMENT, REFUND }

    public enum Method { ONLINE, CASH, RETURNED }
}
