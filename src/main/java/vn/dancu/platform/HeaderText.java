package vn.dancu.platform;

import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Text sent in an HTTP header. Headers are ISO-8859-1 on the wire, so Vietnamese text arrives
 * either as raw UTF-8 bytes (which the container reads as Latin-1) or percent-encoded
 * ({@code ki%E1%BB%83m%20tra}); both are accepted.
 */
public final class HeaderText {

    private static final Pattern PERCENT_ENCODED = Pattern.compile(".*%[0-9A-Fa-f]{2}.*");

    private HeaderText() {
    }

    public static String decode(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw;
        byte[] bytes = raw.getBytes(StandardCharsets.ISO_8859_1);
        if (new String(bytes, StandardCharsets.ISO_8859_1).equals(raw)) {
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes)).toString();
            } catch (CharacterCodingException notUtf8) {
                text = raw;
            }
        }
        if (PERCENT_ENCODED.matcher(text).matches()) {
            try {
                text = URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notEncoded) {
                // a literal percent sign: keep the text as it came
            }
        }
        return text;
    }
}
