package vn.dancu.identity;

import java.util.List;

/**
 * Staff accounts whose password is public: those of a demo installation, which the staff login
 * page lists so that a visitor can try each role. Only demo mode provides a bean of this type;
 * without one, the page lists nothing.
 */
public interface PublishedStaffAccounts {

    /** An account as the login page shows it: the unit is the code of its jurisdiction, or null for the whole country. */
    record Account(String username, StaffRole role, String jurisdictionUnitCode) {
    }

    List<Account> accounts();

    /** The one password of every published account. */
    String password();
}
