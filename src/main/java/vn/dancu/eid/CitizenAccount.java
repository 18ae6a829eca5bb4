package vn.dancu.eid;

import java.time.Instant;

/** A citizen's e-ID account: one per person, level 1 (self-registered) or 2 (identity checked at a counter). */
record CitizenAccount(long id, String personalId, int level, State state, String passwordHash, String phone,
                      Instant phoneConfirmedAt, byte[] sealedTotpSecret, byte[] sealedPendingTotp, boolean totpEnabled, Long totpLastStep,
                      int failedLogins, int lockouts, Instant lockedUntil, Instant level2At, String level2By,
                      String level2Evidence, String stateReason, Instant createdAt, Instant lastLoginAt) {

    enum State {
        /** Registered, phone not yet confirmed (level 1), or created at a counter and not yet given a password (level 2). */
        PENDING,
        ACTIVE,
        /** Too many wrong passwords: refused until {@code lockedUntil}, then active again. */
        LOCKED,
        /** Stopped by an officer (suspected misuse, a lost phone); an officer reinstates it. */
        SUSPENDED,
        /** Ended for good: the person died, or an officer revoked it. */
        REVOKED
    }

    /** Wrong passwords lock an account whatever its state, so that guessing gets nowhere while it is pending or suspended. */
    boolean lockedAt(Instant now) {
        return lockedUntil != null && lockedUntil.isAfter(now);
    }

    /** Active, or locked with the lock expired. */
    boolean usableAt(Instant now) {
        return (state == State.ACTIVE || state == State.LOCKED) && !lockedAt(now);
    }

    /** Level-2 accounts always use a second factor; level-1 accounts once they have set up an app. */
    boolean requiresSecondFactor() {
        return level == 2 || totpEnabled;
    }

    String maskedPhone() {
        return phone == null || phone.length() < 4 ? "" : "•••••" + phone.substring(phone.length() - 3);
    }

    String principalName() {
        return CitizenPrincipal.NAME_PREFIX + id;
    }
}
