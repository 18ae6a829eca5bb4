package vn.dancu.cards;

import java.util.Map;
import vn.dancu.registry.PersonStatus;

/**
 * The registry's answer about a card: whether its number names a person, whether that person is
 * alive, which of the person's cards it is, and for each field the card states whether the
 * registry agrees. No value of the registry is in it, only yes/no, as in exchange's verify.
 *
 * @param found whether the card's personal ID number names a person; when not, the rest is null or empty
 * @param personStatus alive, deceased or missing
 * @param card which of the holder's cards this is, by its issue date
 * @param fields one entry per field the card states ({@link CardStatement#FIELDS} names), in that order
 */
public record CardCheck(boolean found, PersonStatus personStatus, CardState card, Map<String, FieldCheck> fields) {

    public CardCheck {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields)); // in the card's order
    }

    /** The number names nobody: nothing was read or compared. */
    public static CardCheck notFound() {
        return new CardCheck(false, null, null, Map.of());
    }

    public boolean alive() {
        return personStatus == PersonStatus.ALIVE;
    }

    /** Found, alive, the current valid card, and every stated field the registry holds agrees. */
    public boolean allAgree() {
        return found && alive() && card == CardState.VALID && !fields.containsValue(FieldCheck.MISMATCH);
    }

    /** How a field the card states compares with the registry. */
    public enum FieldCheck {
        MATCH,
        MISMATCH,
        /** The registry keeps no value to compare with (identifying features, a spouse it does not know, an unlinked old number). */
        NOT_RECORDED
    }

    /**
     * Which of the holder's cards this is. A card is known by its issue date: the registry records
     * each card issued with its date, and a holder never gets two cards on one day.
     */
    public enum CardState {
        /** The holder's current card, not expired. */
        VALID,
        /** The holder's current card, past the expiry date the registry records. */
        EXPIRED,
        /** An older card: recorded as replaced, or issued before the current card though the registry no longer lists it. */
        REPLACED,
        /** A card the registry records as revoked. */
        REVOKED,
        /** No card of this holder was issued on that date, and it is not older than the current one: not a card of the registry. */
        NOT_ISSUED,
        /** The card states no issue date, so which card it is cannot be told. */
        UNKNOWN
    }
}
