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
        return singleSpaces(bare.toLowerCase(Locale.ROOT)).strip();
    }

    /** A name as it is stored: NFC (one code point per letter) and single spaces. */
    public static String canonical(String text) {
        return singleSpaces(Normalizer.normalize(text, Normalizer.Form.NFC)).strip();
    }

    /**
     * Every run of whitespace ({@code \s}: space, tab, line breaks, vertical tab, form feed) as one space. Most
     * values have single spaces only: they are returned as they are, without running the regex (a national load
     * passes every name and address of the file through here).
     */
    public static String singleSpaces(String text) {
        boolean previousSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
            if (space && (c != ' ' || previousSpace)) {
                return SPACES.matcher(text).replaceAll(" ");
            }
            previousSpace = space;
        }
        return text;
    }
}
