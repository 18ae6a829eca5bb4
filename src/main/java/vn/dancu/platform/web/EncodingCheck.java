package vn.dancu.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, before anything reads a parameter, a query string or a form body that is not valid
 * percent-encoded UTF-8 ({@code BAD_ENCODING}) or that holds a NUL or another control character
 * ({@code REQUEST_REJECTED}; tab, CR and LF aside, which a form's text area sends). Otherwise Tomcat would fail on the first {@code getParameter}
 * wherever that happens (a security filter, an interceptor, a controller), and a NUL would reach
 * PostgreSQL, which stores no NUL in text: both were answered 500.
 */
final class EncodingCheck extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Refusal refusal = checkQuery(request.getQueryString());
        HttpServletRequest checked = request;
        if (refusal == null && isForm(request) && "POST".equals(request.getMethod())) {
            refusal = checkForm(request);
        } else if (refusal == null && isForm(request)) {
            // Tomcat parses forms of POSTs only; Spring's form filter reads the others' bodies and fails on bad encoding.
            byte[] body = request.getInputStream().readNBytes(MAX_FORM_BYTES + 1);
            refusal = body.length > MAX_FORM_BYTES ? Refusal.FORM_TOO_LARGE : checkQuery(new String(body, StandardCharsets.ISO_8859_1));
            checked = new Replayed(request, body);
        }
        if (refusal != null) {
            refusal.answer(request, response);
            return;
        }
        chain.doFilter(checked, response);
    }

    /** Tomcat's limit for a form it parses itself (maxPostSize). */
    private static final int MAX_FORM_BYTES = 2 * 1024 * 1024;

    private static boolean isForm(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
    }

    /**
     * Each name and value of the query must decode from %XX escapes to UTF-8 ({@code BAD_ENCODING})
     * without control characters ({@code REQUEST_REJECTED}); {@code null} when it does.
     */
    static Refusal checkQuery(String query) {
        if (query == null) {
            return null;
        }
        Refusal refusal = null;
        for (String part : query.split("[&=]", -1)) {
            String text = decode(part);
            if (text == null) {
                return Refusal.BAD_ENCODING;
            }
            if (!text.chars().allMatch(EncodingCheck::allowed)) {
                refusal = Refusal.REQUEST_REJECTED;
            }
        }
        return refusal;
    }

    /** Percent-decoded UTF-8 ({@code +} is a space), or {@code null} when it does not decode. */
    static String decode(String encoded) {
        byte[] bytes = new byte[encoded.length()];
        int length = 0;
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                int high = i + 2 < encoded.length() ? Character.digit(encoded.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(encoded.charAt(i + 2), 16);
                if (low < 0) {
                    return null;
                }
                bytes[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c > 0x7f) {
                return null; // Tomcat hands the raw query over as ISO-8859-1: a raw byte above 0x7f was not encoded
            } else {
                bytes[length++] = (byte) (c == '+' ? ' ' : c);
            }
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean allowed(int c) {
        return c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c);
    }

    /**
     * A form body is parsed here, as the first security filter would parse it anyway; other bodies
     * (JSON, CSV, uploads) are left unread for their controllers.
     */
    private static Refusal checkForm(HttpServletRequest request) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (IllegalStateException brokenEncoding) {
            return Refusal.of(brokenEncoding) == null ? Refusal.BAD_ENCODING : Refusal.of(brokenEncoding);
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            if (!parameter.getKey().chars().allMatch(EncodingCheck::allowed)
                    || !java.util.Arrays.stream(parameter.getValue()).allMatch(v -> v.chars().allMatch(EncodingCheck::allowed))) {
                return Refusal.REQUEST_REJECTED;
            }
        }
        return null;
    }

    /** A request whose body was read for the check, handed on with the same bytes. */
    private static final class Replayed extends jakarta.servlet.http.HttpServletRequestWrapper {

        private final byte[] body;

        Replayed(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() {
            java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
            return new jakarta.servlet.ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                /** The whole body is in memory: it is available at once, then all read. */
                @Override
                public void setReadListener(jakarta.servlet.ReadListener listener) {
                    try {
                        if (!isFinished()) {
                            listener.onDataAvailable();
                        }
                        listener.onAllDataRead();
                    } catch (IOException e) {
                        listener.onError(e);
                    }
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() throws java.io.UnsupportedEncodingException {
            String encoding = getCharacterEncoding();
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    encoding == null ? StandardCharsets.UTF_8.name() : encoding));
        }
    }
}
