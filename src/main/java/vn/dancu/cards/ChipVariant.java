package vn.dancu.cards;

/**
 * The chip images make-chip writes: one genuine, and one per way a forged or faulty card is refused,
 * with the code the check answers (null: accepted; {@link #DG13_NAMES_DIFFER} passes passive
 * authentication and shows the differences in the registry comparison).
 */
public enum ChipVariant {
    VALID(null),
    DG13_BYTE_CHANGED(ChipCode.DG_HASH_MISMATCH),
    DG_HASH_MISMATCH(ChipCode.DG_HASH_MISMATCH),
    UNTRUSTED_DSC(ChipCode.CSCA_UNTRUSTED),
    EXPIRED_DSC(ChipCode.DSC_EXPIRED),
    REVOKED_DSC(ChipCode.DSC_REVOKED),
    MRZ_CHECK_DIGIT(ChipCode.MRZ_CHECK_DIGIT),
    DG13_NAMES_DIFFER(null);

    public final ChipCode expected;

    ChipVariant(ChipCode expected) {
        this.expected = expected;
    }

    /** The file name make-chip gives it. */
    public String fileName() {
        return "chip-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + ".json";
    }
}
