package vn.dancu.registry;

/** Whether a person is alive, recorded dead or declared missing; stored as the enum's name. */
public enum PersonStatus {
    ALIVE, DECEASED, MISSING
}
