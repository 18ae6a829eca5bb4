package vn.dancu.platform;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Collects every problem of a request before answering, so that a form gets all its errors at once.
 * Parsing methods return {@code null} for a bad value and record why.
 */
public final class FieldErrors {

    /** No date of a person's life lies outside these; they also keep dates inside what PostgreSQL stores. */
    public static final LocalDate EARLIEST = LocalDate.of(1800, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);

    private final List<ApiProblem.FieldProblem> problems = new ArrayList<>();

    public void add(String field, String code, String message) {
        problems.add(new ApiProblem.FieldProblem(field, code, message));
    }

    /** Every problem of {@code other} too (a file's lines, each checked on its own). */
    public void addAll(FieldErrors other) {
        problems.addAll(other.problems);
    }

    public boolean has(String field) {
        return problems.stream().anyMatch(p -> p.field().equals(field));
    }

    /** The problems recorded so far, in order. */
    public List<ApiProblem.FieldProblem> problems() {
        return List.copyOf(problems);
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** A required text, trimmed; blank or too long is an error. */
    public String text(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            add(field, "REQUIRED", field + " is required");
            return null;
        }
        return optionalText(field, value, maxLength);
    }

    public String optionalText(String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = Text.singleSpaces(value.strip());
        if (trimmed.length() > maxLength) {
            add(field, "TOO_LONG", field + " must have at most " + maxLength + " characters");
            return null;
        }
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            add(field, "INVALID_CHARACTERS", field + " contains control characters");
            return null;
        }
        return trimmed;
    }

    public LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            add(field, "REQUIRED", field + " is required (yyyy-MM-dd)");
            return null;
        }
        return optionalDate(field, value);
    }

    public LocalDate optionalDate(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date = isoDate(value).orElse(null);
        if (date == null) {
            add(field, "INVALID_DATE", field + " must be a date written yyyy-MM-dd");
            return null;
        }
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            add(field, "INVALID_DATE", field + " must lie between " + EARLIEST + " and " + LATEST);
            return null;
        }
        return date;
    }

    /**
     * yyyy-MM-dd with ASCII digits: read without the formatter, whose parse costs more than the rest of an
     * import row's date checks; LocalDate.of refuses a day the month lacks, as the strict ISO parse does.
     */
    private static boolean plainIsoDate(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return false;
        }
        for (int i = 0; i < 10; i++) {
            char c = s.charAt(i);
            if (i != 4 && i != 7 && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static int digits(String s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n = n * 10 + (s.charAt(i) - '0');
        }
        return n;
    }

    /** A required month written YYYY-MM; null after recording why. */
    public YearMonth month(String field, String value) {
        return isoMonth(value).orElseGet(() -> {
            add(field, "INVALID_FORMAT", "The month as YYYY-MM");
            return null;
        });
    }

    /**
     * The one way a date written yyyy-MM-dd is read (blanks around it ignored), for readers that
     * report a bad one their own way (a file's lines); empty when it is not one.
     */
    public static Optional<LocalDate> isoDate(String value) {
        if (value == null) {
            return Optional.empty();
        }
        String date = value.strip();
        try {
            return Optional.of(plainIsoDate(date) ? LocalDate.of(digits(date, 0, 4), digits(date, 5, 7), digits(date, 8, 10))
                    : LocalDate.parse(date));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The one way a month written YYYY-MM is read (blanks around it ignored); empty when it is not one. */
    public static Optional<YearMonth> isoMonth(String value) {
        try {
            return value == null ? Optional.empty() : Optional.of(YearMonth.parse(value.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A required value from a closed list; the list is named in the message so the caller can fix it. */
    public String oneOf(String field, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            add(field, "REQUIRED", field + " is required, one of " + allowed);
            return null;
        }
        String upper = value.strip().toUpperCase(java.util.Locale.ROOT);
        if (!allowed.contains(upper)) {
            add(field, "NOT_ALLOWED", field + " must be one of " + allowed);
            return null;
        }
        return upper;
    }

    /**
     * A required value from an enum, by its name (case ignored): a code parsed once at the edge into
     * the type the rest of the code uses. The names are listed in the message in declaration order.
     */
    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        Set<String> names = new java.util.LinkedHashSet<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        String name = oneOf(field, value, names);
        return name == null ? null : Enum.valueOf(type, name);
    }

    /** Every problem as "field: message", for reports. */
    public String describe() {
        return String.join("; ", problems.stream()
                .map(p -> p.message().startsWith(p.field()) ? p.message() : p.field() + ": " + p.message()).toList());
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED",
                    "The request has invalid fields", problems);
        }
    }
}
