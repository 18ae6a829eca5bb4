package vn.dancu.procedures.appendix;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The Vietnamese names of a form's options, as the signed documents write them: the labels the form shows
 * ({@code form.option.<field>.<VALUE>}), so that a document and its form never name an option differently.
 */
@Component
class Options {

    private static final Locale VIETNAMESE = Locale.forLanguageTag("vi");

    private final MessageSource messages;

    Options(MessageSource messages) {
        this.messages = messages;
    }

    /** The option's label, or the value itself when it has none. */
    String vi(String field, String value) {
        return value == null ? "" : messages.getMessage("form.option." + field + "." + value, null, value, VIETNAMESE);
    }
}
