package vn.dancu.cards;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * DG1: the card's machine-readable zone, TD1 (three lines of 30), as the Vietnamese card writes it
 * (DOMAIN.md §4): {@code IDVNM}, the last 9 digits of the personal ID number as document number,
 * its check digit, the whole 12-digit number in the optional data. Check digits are validated here
 * (ICAO 9303 part 3, weights 7-3-1), not trusted from a library.
 */
public record Dg1Mrz(String text, String documentCode, String issuingState, String documentNumber, String personalId,
                     String dateOfBirth, String sex, String dateOfExpiry, String nationality, String name) {

    static final int LINE = 30;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    /** Reads DG1 (tag 0x61 holding 0x5F1F, the 90 characters). */
    public static Dg1Mrz read(byte[] dg1) {
        ChipTlv.Slice outer = ChipTlv.whole(dg1, 0x61, ChipCode.DG1_MALFORMED, 1);
        ChipTlv.Slice mrz = ChipTlv.read(dg1, outer.start(), outer.end(), 0x5F1F, ChipCode.DG1_MALFORMED, 1);
        if (mrz.end() != outer.end()) {
            throw new ChipMalformed(ChipCode.DG1_MALFORMED, 1, "DG1 holds more than the MRZ");
        }
        String text = new String(mrz.value(), StandardCharsets.US_ASCII);
        if (text.length() != 3 * LINE || !text.matches("[A-Z0-9<]+")) {
            throw new ChipMalformed(ChipCode.DG1_MALFORMED, 1, "The MRZ is not three lines of 30 characters A-Z, 0-9 and <");
        }
        String optional = text.substring(15, 30);
        return new Dg1Mrz(text, text.substring(0, 2), text.substring(2, 5), text.substring(5, 14),
                optional.replace("<", ""), text.substring(30, 36), text.substring(37, 38), text.substring(38, 44),
                text.substring(45, 48), text.substring(60, 90).replaceAll("<+$", "").replace("<<", ", ").replace('<', ' '));
    }

    /** The document code, the state, and every check digit: each wrong one is its own failure. */
    public List<ChipFailure> check() {
        List<ChipFailure> failures = new ArrayList<>();
        if (!"ID".equals(documentCode) || !"VNM".equals(issuingState)) {
            failures.add(ChipFailure.of(ChipCode.MRZ_NOT_VIETNAMESE_ID, 1, "The MRZ begins " + documentCode + issuingState + ", not IDVNM"));
        }
        digit(failures, "document number", text.substring(5, 14), text.charAt(14));
        digit(failures, "date of birth", text.substring(30, 36), text.charAt(36));
        digit(failures, "date of expiry", text.substring(38, 44), text.charAt(44));
        digit(failures, "composite", text.substring(5, 30) + text.substring(30, 37) + text.substring(38, 45) + text.substring(48, 59),
                text.charAt(59));
        if (!personalId.matches("\\d{12}") || !personalId.endsWith(documentNumber)) {
            failures.add(ChipFailure.of(ChipCode.MRZ_MISMATCH, 1,
                    "The optional data does not hold the 12-digit number whose last 9 digits are the document number"));
        }
        return failures;
    }

    private static void digit(List<ChipFailure> failures, String field, String data, char stated) {
        char expected = (char) ('0' + checkDigit(data));
        if (stated != expected) {
            failures.add(ChipFailure.of(ChipCode.MRZ_CHECK_DIGIT, 1, "The check digit of the " + field + " is " + stated
                    + ", it should be " + expected));
        }
    }

    /** ICAO 9303 part 3, 4.9: weights 7, 3, 1; digits their value, A-Z 10-35, the filler 0. */
    static int checkDigit(String data) {
        int[] weights = {7, 3, 1};
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            char c = data.charAt(i);
            int value = c >= '0' && c <= '9' ? c - '0' : c >= 'A' && c <= 'Z' ? c - 'A' + 10 : 0;
            sum += value * weights[i % 3];
        }
        return sum % 10;
    }

    /**
     * The MRZ of a card: {@code expiry} null for a card valid for life (the field is then filler).
     * {@code sex} M, F or &lt;.
     */
    static String compose(String personalId, LocalDate dateOfBirth, String sex, LocalDate expiry, String fullName) {
        String number = personalId.substring(3);
        String line1 = pad("IDVNM" + number + checkDigit(number) + personalId, LINE);
        String birth = dateOfBirth.format(YYMMDD);
        String until = expiry == null ? "<<<<<<" : expiry.format(YYMMDD);
        String line2 = birth + checkDigit(birth) + sex + until + checkDigit(until) + "VNM" + "<".repeat(11);
        line2 = line2 + checkDigit(line1.substring(5) + line2.substring(0, 7) + line2.substring(8, 15) + line2.substring(18, 29));
        return line1 + line2 + pad(nameField(fullName), LINE).substring(0, LINE);
    }

    static byte[] encode(String text) {
        return ChipTlv.wrap(0x61, ChipTlv.wrap(0x5F1F, text.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Family name, then the given names, without diacritics (Đ as D), as ICAO 9303 part 3 transliterates. */
    static String nameField(String fullName) {
        String plain = Normalizer.normalize(fullName.replace('Đ', 'D').replace('đ', 'd'), Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z ]", " ").strip();
        String[] words = plain.split("\\s+");
        return words[0] + "<<" + String.join("<", java.util.Arrays.copyOfRange(words, 1, words.length));
    }

    private static String pad(String text, int length) {
        return text.length() >= length ? text : text + "<".repeat(length - text.length());
    }
}
