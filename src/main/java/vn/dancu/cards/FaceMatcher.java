package vn.dancu.cards;

/**
 * Compares a live photo (the probe) with a reference photo. The reference is the chip's DG2: the
 * registry keeps no photos. An integration point: a certified biometric engine (the kind Circular
 * 17/2024 expects of banks) comes in as another implementation, chosen by {@code dancu.cards.face-matcher}.
 */
public interface FaceMatcher {

    enum Outcome { MATCH, NO_MATCH, NOT_PERFORMED }

    /** {@code score} in [0, 1], null when not performed; {@code engine} names the implementation. */
    record Result(Outcome outcome, Double score, String engine, String reason) {
    }

    Result match(byte[] probe, byte[] reference);

    /** No engine configured: nothing is compared, and the answer says so. */
    FaceMatcher NONE = (probe, reference) -> new Result(Outcome.NOT_PERFORMED, null, "none",
            "No face matching engine is configured (dancu.cards.face-matcher)");
}
