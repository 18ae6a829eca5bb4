package vn.dancu.registry;

/** The kinds of residence registered under the Law on Residence 2020; stored as the enum's name. */
public enum ResidenceType {
    PERMANENT, TEMPORARY, CURRENT, TEMPORARY_ABSENCE, STAY_NOTIFICATION;

    /** Whether the person lives there: a temporary absence or a stay notification is not where one lives. */
    public boolean isLiving() {
        return this == PERMANENT || this == TEMPORARY || this == CURRENT;
    }

    /**
     * Whether registering one closes the open one of the same type: a person has one permanent, one
     * temporary and one current residence at a time.
     */
    public boolean closesPrevious() {
        return isLiving();
    }

    /** Whether it must name its end date: a stay notification and a temporary absence do. */
    public boolean needsEnd() {
        return this == STAY_NOTIFICATION || this == TEMPORARY_ABSENCE;
    }

    /** Whether it may start after today: only a stay notification or a temporary absence is announced ahead. */
    public boolean mayStartInFuture() {
        return needsEnd();
    }
}
