package vn.dancu.procedures;

/** Where an application is: running, or ended with all, some or none of its results. */
public enum ApplicationStatus {
    IN_PROGRESS, COMPLETED, PARTLY_COMPLETED, REJECTED
}
