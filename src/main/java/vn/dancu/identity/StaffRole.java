package vn.dancu.identity;

/**
 * What a staff account may do. Officers read and change persons inside their jurisdiction
 * (central officers: everywhere); auditors inspect the access log; administrators run the
 * platform and its accounts but do not read citizens' data.
 */
public enum StaffRole {
    COMMUNE_OFFICER, PROVINCE_OFFICER, CENTRAL_OFFICER, AUDITOR, ADMIN;

    public boolean readsPersons() {
        return this == COMMUNE_OFFICER || this == PROVINCE_OFFICER || this == CENTRAL_OFFICER;
    }

    public boolean nationwide() {
        return this == CENTRAL_OFFICER;
    }
}
