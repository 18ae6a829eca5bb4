package vn.dancu.registry;

/** The marital status kept on a person's record; stored as the enum's name. */
public enum MaritalStatus {
    SINGLE, MARRIED, DIVORCED, WIDOWED
}
