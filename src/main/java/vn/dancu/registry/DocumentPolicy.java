package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/** The rules of a sector document kept with the person: a validity that ends after it starts, and bounded details. */
final class DocumentPolicy {

    static final int MAX_DETAILS = 20;
    static final int MAX_DETAIL_KEY = 50;
    static final int MAX_DETAIL_VALUE = 300;

    private DocumentPolicy() {
    }

    static Optional<Refusal> validity(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            return Optional.of(Refusal.invalid("validTo", "BEFORE_VALID_FROM", "validTo is before validFrom"));
        }
        return Optional.empty();
    }

    /** The agency's own details (class, category, issuing office...): a few short named values. */
    static Optional<Refusal> details(Map<String, String> details) {
        if (details.size() > MAX_DETAILS || details.entrySet().stream().anyMatch(e -> e.getKey() == null
                || e.getKey().length() > MAX_DETAIL_KEY || e.getValue() == null || e.getValue().length() > MAX_DETAIL_VALUE)) {
            return Optional.of(Refusal.invalid("details", "TOO_LARGE",
                    "details holds at most 20 entries, keys of 50 and values of 300 characters"));
        }
        return Optional.empty();
    }
}
