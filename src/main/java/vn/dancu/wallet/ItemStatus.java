package vn.dancu.wallet;

import java.time.LocalDate;
import java.util.Map;
import vn.dancu.registry.Card;
import vn.dancu.registry.CardStatus;
import vn.dancu.registry.Document;

/**
 * Whether a wallet item is in force today. Withdrawn weighs more than replaced, replaced more than
 * expired: a revoked card that has also expired is shown as revoked, since that is what a verifier must learn.
 */
final class ItemStatus {

    /** Details an agency pushes with a document to say it ended it before its term, or which document took its place. */
    static final String WITHDRAWN = "withdrawn";
    static final String ENDED = "ended";
    static final String REPLACED_BY = "replacedBy";

    private ItemStatus() {
    }

    static WalletItem.Status ofCard(Card card, LocalDate today) {
        if (CardStatus.REVOKED.name().equals(card.status())) {
            return WalletItem.Status.WITHDRAWN;
        }
        if (CardStatus.REPLACED.name().equals(card.status())) {
            return WalletItem.Status.REPLACED;
        }
        return expired(card.expiryDate(), today) ? WalletItem.Status.EXPIRED : WalletItem.Status.VALID;
    }

    static WalletItem.Status ofDocument(Document document, LocalDate today) {
        Map<String, String> details = document.details() == null ? Map.of() : document.details();
        if (details.containsKey(WITHDRAWN) || details.containsKey(ENDED)) {
            return WalletItem.Status.WITHDRAWN;
        }
        if (details.containsKey(REPLACED_BY)) {
            return WalletItem.Status.REPLACED;
        }
        return expired(document.validTo(), today) ? WalletItem.Status.EXPIRED : WalletItem.Status.VALID;
    }

    /** The last day of validity is still a day of validity. */
    private static boolean expired(LocalDate lastDay, LocalDate today) {
        return lastDay != null && lastDay.isBefore(today);
    }
}
