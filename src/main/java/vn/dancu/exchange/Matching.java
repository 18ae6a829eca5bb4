package vn.dancu.exchange;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;
import vn.dancu.platform.Text;
import vn.dancu.registry.PersonFinder;

/**
 * How a value a member holds is compared with the registry's. Names follow the member's policy:
 * {@code EXACT} (the same letters and marks; only Unicode normalisation and outer spaces are
 * forgiven), {@code CASE_AND_SPACING}, or {@code DIACRITICS} (also forgives missing tone marks,
 * as in databases typed without a Vietnamese keyboard). Addresses forgive diacritics, spacing,
 * punctuation, the words for unit types and the 2025 reform: the old commune's name and the new
 * one both match.
 */
final class Matching {

    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s.\\-]");
    private static final Pattern PUNCTUATION = Pattern.compile("[,.;:/\\\\()\\-]+");
    /**
     * Words people write or leave out at will: unit types, and "phố"/"đường" before a street name.
     * Without diacritics, longest first so that "thi tran" goes before "thi".
     */
    private static final Pattern UNIT_WORDS = Pattern.compile(
            "\\b(thanh pho|thi tran|thi xa|dac khu|phuong|tinh|quan|huyen|xa|tp|pho|duong)\\b");

    private Matching() {
    }

    static boolean name(String submitted, String registered, String mode) {
        if (submitted == null || registered == null) {
            return false;
        }
        return switch (mode) {
            case "EXACT" -> Normalizer.normalize(submitted.strip(), Normalizer.Form.NFC).equals(registered);
            case "CASE_AND_SPACING" -> Text.canonical(submitted).toLowerCase(Locale.ROOT).equals(registered.toLowerCase(Locale.ROOT));
            default -> Text.searchKey(submitted).equals(Text.searchKey(registered));
        };
    }

    /** The submitted address names the registered address line and the commune, under any of its names. */
    static boolean address(String submitted, PersonFinder.Address registered) {
        if (submitted == null || registered == null) {
            return false;
        }
        String given = key(submitted);
        String line = key(registered.line());
        if (!given.startsWith(line)) {
            return false;
        }
        String rest = " " + given.substring(line.length()).strip() + " ";
        return registered.communeNames().stream().map(Matching::key).filter(n -> !n.isEmpty())
                .anyMatch(n -> rest.contains(" " + n + " "));
    }

    /** Without diacritics, punctuation or unit-type words, in single spaces. */
    static String key(String text) {
        String bare = PUNCTUATION.matcher(Text.searchKey(text)).replaceAll(" ");
        return SPACES.matcher(UNIT_WORDS.matcher(bare).replaceAll(" ")).replaceAll(" ").strip();
    }

    /** A card number or personal ID as typed: digits only count. */
    static String digits(String value) {
        return value == null ? "" : SEPARATORS.matcher(value).replaceAll("");
    }
}
