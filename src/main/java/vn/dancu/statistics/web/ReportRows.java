package vn.dancu.statistics.web;

import java.time.Instant;

/** What the reports page shows; public only so that its precompiled template can read it (an internal package of statistics). */
public final class ReportRows {

    private ReportRows() {
    }

    /** A kept report as the page lists it. */
    public record ReportView(long id, String month, String unit, Instant generatedAt, String trigger, String by, boolean bySystem,
                             long pdfKib, long csvKib) {
    }

    /** An option of a select: its value and what it reads. */
    public record Choice(String value, String label) {
    }
}
