package vn.dancu.registry;

/** The state of an identity card: the one in use, one replaced by a newer card, or one revoked; stored as the name. */
public enum CardStatus {
    ACTIVE, REPLACED, REVOKED
}
