package vn.dancu.platform.web;

import java.util.Locale;
import org.springframework.context.MessageSource;

/**
 * What every page needs besides its own data: the language and its texts, the CSRF token for
 * forms, who is signed in, and whether this is a demo installation.
 */
public record PageContext(Locale locale, MessageSource messages, String csrfParameter, String csrfToken, String user,
                          String role, String path, boolean demo) {

    public String t(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    public boolean english() {
        return "en".equals(locale.getLanguage());
    }

    public boolean signedIn() {
        return user != null;
    }

    /** The current page, with its query, in the other language. */
    public String switchLanguageUrl() {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + (english() ? "vi" : "en");
    }
}
