package vn.dancu.cards;

/** One failed check: its code, the field (data group) it concerns, and a sentence for people. */
public record ChipFailure(ChipCode code, String field, String detail) {

    static ChipFailure of(ChipCode code, int group, String detail) {
        return new ChipFailure(code, ChipImage.fieldOf(group), detail);
    }
}
