package vn.dancu.procedures;

/** Where an application is: waiting for its payment, running, or ended with all, some or none of its results. */
public enum ApplicationStatus {
    /** Its fee or fine is not paid yet: its first leg has not started. */
    AWAITING_PAYMENT,
    IN_PROGRESS, COMPLETED, PARTLY_COMPLETED, REJECTED
}
