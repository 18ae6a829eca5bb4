package vn.dancu.procedures;

/**
 * An application was received or decided, published in the transaction that records it (the same
 * moment as its row in {@code procedures.kpi_event}). {@code kind}: RECEIVED, COMPLETED or REJECTED;
 * {@code procedure}: its code in the catalog;
 * {@code unitId}: the unit of its first leg (the receiving agency); {@code month} (YYYY-MM, Vietnam
 * time) of the event; {@code channel} ONLINE or COUNTER; {@code onTime} for decisions only; the
 * fields of its form filled by the registry and typed by the applicant. Names no one.
 */
public record ApplicationCounted(String kind, String procedure, long unitId, String month, String channel, Boolean onTime,
                                 int prefilledFields, int typedFields) {
}
