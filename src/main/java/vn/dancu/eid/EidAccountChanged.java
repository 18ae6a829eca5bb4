package vn.dancu.eid;

/**
 * An e-ID account entered, left or changed level among the accounts in use (state {@code ACTIVE},
 * or {@code LOCKED} for a while after wrong passwords), published in the transaction of the change.
 * A level is 1 or 2, or 0 when the account is not in use before or after (pending, suspended,
 * revoked, or not yet created). For the programme's indicators; the number is the account holder's.
 */
public record EidAccountChanged(String personalId, int levelBefore, int levelAfter) {
}
