package vn.dancu.procedures.appendix;

import java.time.LocalDate;

/** Dates as the registry's commands and the signed documents write them (ISO 8601), null kept null. */
final class Iso {

    private Iso() {
    }

    static String of(LocalDate date) {
        return date == null ? null : date.toString();
    }
}
