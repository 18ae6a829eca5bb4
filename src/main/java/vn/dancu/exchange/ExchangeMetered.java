package vn.dancu.exchange;

import java.util.List;

/**
 * Calls and fees written to the members' statements, published in the transaction that meters
 * them (one answer, or one chunk of a reconciliation). Names no person.
 */
public record ExchangeMetered(List<Use> uses) {

    /** {@code purpose} is empty when the call named none; {@code feeVnd} in đồng. */
    public record Use(String member, String product, String purpose, long calls, long feeVnd) {
    }
}
