package vn.dancu.cards;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import vn.dancu.platform.FieldErrors;

/**
 * What a reader took from a card's chip: EF.SOD and the data groups, as read (DER, with their
 * outer tags). {@code dg2}, {@code dg14} and {@code dg15} may be null.
 */
public record ChipImage(byte[] sod, byte[] dg1, byte[] dg2, byte[] dg13, byte[] dg14, byte[] dg15) {

    /** The submitted text form: each group base64 (standard or URL alphabet), as make-chip writes it. */
    public record Encoded(String sod, String dg1, String dg2, String dg13, String dg14, String dg15) {
    }

    /** The largest group accepted (a DG2 with a JPEG2000 face is 15-25 kB on real cards). */
    static final int MAX_GROUP_BYTES = 200_000;

    /** Decodes the text form; every field that is missing or not base64 is a field error, reported together. */
    public static ChipImage decode(Encoded encoded, FieldErrors errors) {
        ChipImage image = new ChipImage(required(errors, "sod", encoded.sod()), required(errors, "dg1", encoded.dg1()),
                optional(errors, "dg2", encoded.dg2()), required(errors, "dg13", encoded.dg13()),
                optional(errors, "dg14", encoded.dg14()), optional(errors, "dg15", encoded.dg15()));
        return image;
    }

    public Encoded encode() {
        return new Encoded(text(sod), text(dg1), text(dg2), text(dg13), text(dg14), text(dg15));
    }

    /** The groups sent, by number, in order. */
    Map<Integer, byte[]> groups() {
        Map<Integer, byte[]> groups = new LinkedHashMap<>();
        groups.put(1, dg1);
        if (dg2 != null) {
            groups.put(2, dg2);
        }
        groups.put(13, dg13);
        if (dg14 != null) {
            groups.put(14, dg14);
        }
        if (dg15 != null) {
            groups.put(15, dg15);
        }
        return groups;
    }

    static String fieldOf(int group) {
        return group == 0 ? "sod" : "dg" + group;
    }

    private static byte[] required(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(field, "REQUIRED", field + " is required (base64 of the data group as read from the chip)");
            return null;
        }
        return optional(errors, field, value);
    }

    private static byte[] optional(FieldErrors errors, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String compact = value.replaceAll("\\s", "");
        try {
            byte[] bytes = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(compact)
                    : Base64.getDecoder().decode(compact);
            if (bytes.length == 0 || bytes.length > MAX_GROUP_BYTES) {
                errors.add(field, "INVALID_LENGTH", field + " must hold 1 to " + MAX_GROUP_BYTES + " bytes");
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            errors.add(field, "INVALID_BASE64", field + " is not base64");
            return null;
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
