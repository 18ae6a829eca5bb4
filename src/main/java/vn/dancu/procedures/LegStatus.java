package vn.dancu.procedures;

/** Where a leg is: waiting for the one before, running (pending a decision), decided, or not run at all. */
public enum LegStatus {
    WAITING, PENDING, APPROVED, REJECTED,
    /** A part of a linked procedure the applicant did not ask for. */
    SKIPPED,
    /** Not carried out: a leg before it was refused, or the process ended without it. */
    CANCELLED
}
