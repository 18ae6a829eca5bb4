package vn.dancu.identity;

import java.io.Serializable;

/** A signed-in staff member. {@code jurisdictionUnitId} is a unit in force, or null for the whole country. */
public record Staff(long id, String username, String displayName, StaffRole role, Long jurisdictionUnitId)
        implements Serializable, java.security.Principal {

    /** Held by every staff login, whatever the role; citizens' and clients' logins do not have it. */
    public static final String AUTHORITY = "STAFF";

    @Override
    public String getName() {
        return username;
    }
}
