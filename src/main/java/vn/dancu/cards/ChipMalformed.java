package vn.dancu.cards;

/** A data group or EF.SOD that cannot be read: answered 400 with its {@link ChipCode}, never a 500. */
final class ChipMalformed extends RuntimeException {

    private final ChipFailure failure;

    ChipMalformed(ChipCode code, int group, String detail) {
        super(detail, null, false, false);
        this.failure = ChipFailure.of(code, group, detail);
    }

    ChipFailure failure() {
        return failure;
    }
}
