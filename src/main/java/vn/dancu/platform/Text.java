package vn.dancu.platform;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text rules shared by every module. */
public final class Text {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SPACES = Pattern.compile("\\s+");

    private Text() {
    }

    /**
     * The search key of a Vietnamese name: without diacritics, lower case, single spaces.
     * {@code đ} is a letter of its own, not a {@code d} with a mark, so it is folded explicitly.
     */
    public static String searchKey(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        String bare = MARKS.matcher(decomposed).replaceAll("").replace('đ', 'd').replace('Đ', 'D');
        return SPACES.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    /** A name as it is stored: NFC (one code point per letter) and single spaces. */
    public static String canonical(String text) {
        return SPACES.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
    }
}
