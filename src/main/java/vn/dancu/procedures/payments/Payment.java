package vn.dancu.procedures.payments;

import java.time.Instant;
import java.util.List;

/** A payment as the gateway knows it, with its receipts (the payment's, then a refund's) and every state it took. */
public record Payment(String reference, long applicationId, String applicationCode, PaymentOrder.Purpose purpose,
                      String descriptionVi, String descriptionEn, long amount, String payerPersonalId, String payerName,
                      State state, Instant createdAt, List<Receipt> receipts, List<Event> events) {

    public enum State { AWAITING, PAID, REFUNDED }

    /** A state the payment took: when, by whom and why. */
    public record Event(Instant at, String actor, State state, String detail) {
    }

    public boolean awaiting() {
        return state == State.AWAITING;
    }
}
