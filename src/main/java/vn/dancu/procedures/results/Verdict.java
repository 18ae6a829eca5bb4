package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import java.util.Map;
import java.util.UUID;

/**
 * The outcome of checking a signed result; {@code code} is stable for machines: {@value #VALID}, or why not. The
 * other fields are set only for a valid result.
 */
public record Verdict(boolean valid, String code, UUID documentId, String signer, String agency, Map<String, Object> payload) {

    public static final String VALID = "VALID";
    /** The bytes are no PDF. */
    public static final String NOT_A_PDF = "NOT_A_PDF";
    /** A PDF without a signature. */
    public static final String NO_SIGNATURE = "NO_SIGNATURE";
    /** The signature does not cover the whole file: something was added or changed after signing. */
    public static final String NOT_COVERED = "NOT_COVERED";
    /** The signed content differs from what was signed. */
    public static final String DIGEST_MISMATCH = "DIGEST_MISMATCH";
    /** The signature itself does not verify, or does not name its certificate. */
    public static final String BAD_SIGNATURE = "BAD_SIGNATURE";
    /** The signer's certificate is not an agency certificate issued by our root and valid when signing. */
    public static final String UNTRUSTED_CERTIFICATE = "UNTRUSTED_CERTIFICATE";
    /** The record names another agency than the one whose key signed it. */
    public static final String WRONG_AGENCY = "WRONG_AGENCY";
    /** Not in the form results are issued in: a JWS that does not parse, a missing id or signing time. */
    public static final String MALFORMED = "MALFORMED";

    public Verdict {
        payload = payload == null ? Map.of() : payload;
    }

    static Verdict invalid(String code) {
        return new Verdict(false, code, null, null, null, Map.of());
    }

    static Verdict valid(UUID documentId, String signer, Agency agency, Map<String, Object> payload) {
        return new Verdict(true, VALID, documentId, signer, agency.name(), payload);
    }
}
