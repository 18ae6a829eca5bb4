package vn.dancu.statistics.web;

import java.time.Instant;

/** What the reports page shows; public only so that its precompiled template can read it (an internal package of statistics). */
public final class ReportRows {

    private ReportRows() {
    }

    /** A kept report as the page lists it; {@code unit} null for the whole country. */
    public record ReportView(long id, String month, String unit, Instant generatedAt, String trigger, String by, boolean bySystem,
                             long pdfKib, long csvKib) {
    }

    /**
     * An option of a select: its value and what it reads, then the text of a message ({@code note},
     * a key of messages*.properties, or null): the whole country is a note alone, the current month a label and a note.
     */
    public record Choice(String value, String label, String note) {
    }
}
