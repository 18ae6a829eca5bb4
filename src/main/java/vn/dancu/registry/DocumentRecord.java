package vn.dancu.registry;

import java.util.Map;

/**
 * A sector record that belongs to the person (health insurance card, driving licence, ...),
 * pushed by the agency that owns it: kept as one of the person's integrated documents.
 */
public record DocumentRecord(String kind, String number, String validFrom, String validTo,
                             Map<String, String> details) {
}
