package vn.dancu.exchange;

import java.util.List;

/**
 * Persons who now have an open reconciliation difference (a member's latest record of them
 * disagreed with the registry) and persons who no longer have any, published in the transaction
 * of the reconciliation chunk that changed it. For the data-quality indicator.
 */
public record DifferencesChanged(List<String> opened, List<String> closed) {
}
