package vn.dancu.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Dates;

/**
 * What every page needs besides its own data: the language and its texts, the CSRF token for
 * forms, who is signed in, and whether this is a demo installation.
 *
 * <p>Pages never print a code, a field name or an API message as they are: a code goes through
 * {@link #label}, a date through {@link #date}/{@link #time}, a refusal through {@link #problem}
 * and {@link #problems}. A code without a label shows as its key ({@code marital.ENGAGED}), which
 * PageLanguageTest finds.
 */
public record PageContext(Locale locale, MessageSource messages, String csrfParameter, String csrfToken, String user,
                          String role, String path, boolean demo) {

    public String t(String key, Object... args) {
        return messages.getMessage(key, args, key, locale);
    }

    public boolean english() {
        return "en".equals(locale.getLanguage());
    }

    /**
     * A text the platform holds as data in both languages (Appendix I's names, a purpose of data
     * sharing, a notification as it was sent): the page's one. Labels are never data: they are keys.
     */
    public String recorded(String vietnamese, String english) {
        return english() && english != null && !english.isBlank() ? english : vietnamese;
    }

    public boolean signedIn() {
        return user != null;
    }

    /** The current page, with its query, in the other language. */
    public String switchLanguageUrl() {
        return path + (path.contains("?") ? "&" : "?") + "lang=" + (english() ? "vi" : "en");
    }

    /**
     * A code of kind {@code kind} ({@code marital}, {@code relationship}, {@code nationality},
     * {@code history}…) in the page's language, from the message {@code kind.CODE}; empty for no code.
     */
    public String label(String kind, Object code) {
        return code == null || code.toString().isEmpty() ? "" : t(kind + "." + code);
    }

    /** A code's label, or for a code without one the text of the key {@code otherwise} (a result kind of an earlier version). */
    public String labelOr(String kind, Object code, String otherwise) {
        return hasLabel(kind, code) ? label(kind, code) : t(otherwise);
    }

    /** Whether the code has a label of this kind, for codes that are data as often as codes. */
    public boolean hasLabel(String kind, Object code) {
        return code != null && messages.getMessage(kind + "." + code, null, null, locale) != null;
    }

    /** A nationality (ISO 3166 alpha-2) by the country's name in the page's language. */
    public String country(String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        if (hasLabel("nationality", code)) {
            return t("nationality." + code);
        }
        String name = Locale.of("", code).getDisplayCountry(locale);
        return name.isEmpty() || name.equalsIgnoreCase(code) ? "nationality." + code : name;
    }

    /**
     * A value of the registry's change history as people read it: a code by its label, a nationality
     * by its country, days as pages write them; the field's label is {@code label("history", field)}.
     */
    public String changeValue(String field, String value) {
        if (value == null) {
            return "∅";
        }
        String kind = CHANGE_VALUE_KINDS.get(field);
        if (kind != null) {
            return label(kind, value);
        }
        if ("nationality".equals(field)) {
            return country(value);
        }
        if ("card.expiryDate".equals(field) && "không thời hạn".equals(value)) {
            return t("card.noExpiry"); // written so by Registry before expiry dates were codes
        }
        // a document's validity is written "from/to", the open end as "null"
        return Dates.inText(value.replaceAll("(\\d{4}-\\d{2}-\\d{2})/null", "$1 –")
                .replaceAll("(\\d{4}-\\d{2}-\\d{2})/(\\d{4}-\\d{2}-\\d{2})", "$1 – $2"));
    }

    private static final java.util.Map<String, String> CHANGE_VALUE_KINDS = java.util.Map.of("gender", "gender",
            "maritalStatus", "marital", "relationshipToHead", "relationship", "status", "status");

    /** A recorded text (a signed result's value, a note) with its ISO days written as pages write them. */
    public String datesIn(String text) {
        return Dates.inText(text);
    }

    public String date(LocalDate date) {
        return Dates.day(date);
    }

    public String date(Instant instant) {
        return Dates.day(instant);
    }

    public String time(Instant instant) {
        return Dates.time(instant);
    }

    /**
     * A refusal in the page's language, by its stable code ({@code problem.CODE}). The API keeps its
     * English detail; a code without a text here falls back to it, which PageLanguageTest finds.
     */
    public String problem(ApiProblem problem) {
        return message("problem." + problem.code(), problem.getMessage());
    }

    /** Each wrong field as "its label: what is wrong", in the page's language. */
    public List<String> problems(ApiProblem problem) {
        return problem.errors().stream().map(this::fieldProblem).toList();
    }

    public String fieldProblem(ApiProblem.FieldProblem error) {
        return label("field", error.field()) + ": " + message("problem." + error.code(), error.message());
    }

    private String message(String key, String fallback) {
        return messages.getMessage(key, null, fallback, locale);
    }
}
