package vn.dancu.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** An integrated document as stored: {@code source} is the agency that pushed it. */
public record Document(String kind, String number, String source, LocalDate validFrom, LocalDate validTo,
                       Map<String, String> details, Instant recordedAt) {
}
