package vn.dancu.cards;

/**
 * Why a chip image is refused (docs/chip.md lists each). {@link #malformed} codes answer 400 (the
 * request cannot be read); the others answer 422: the data was read and is not authentic or not
 * consistent.
 */
public enum ChipCode {
    SOD_MALFORMED(true),
    DG1_MALFORMED(true),
    DG2_MALFORMED(true),
    DG13_MALFORMED(true),
    DG14_MALFORMED(true),
    DG15_MALFORMED(true),
    CSCA_UNTRUSTED(false),
    CSCA_EXPIRED(false),
    DSC_EXPIRED(false),
    DSC_NOT_YET_VALID(false),
    DSC_REVOKED(false),
    CRL_STALE(false),
    SOD_SIGNATURE_INVALID(false),
    DG_HASH_MISMATCH(false),
    DG_HASH_MISSING(false),
    DG_MISSING(false),
    MRZ_NOT_VIETNAMESE_ID(false),
    MRZ_CHECK_DIGIT(false),
    MRZ_MISMATCH(false),
    DG13_FIELD_INVALID(false),
    AA_KEY_MISSING(false),
    AA_ALGORITHM_UNSUPPORTED(false),
    AA_CHALLENGE_INVALID(false),
    AA_FAILED(false);

    public final boolean malformed;

    ChipCode(boolean malformed) {
        this.malformed = malformed;
    }
}
