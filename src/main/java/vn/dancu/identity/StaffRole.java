package vn.dancu.identity;

/**
 * What a staff account may do. Police officers (commune, province, central) keep the registry:
 * they read and change persons inside their jurisdiction (central officers: everywhere). Commune
 * justice officers register civil-status events (birth, death, marriage) and so read and change
 * persons too. Social insurance and labour officers act only on the applications routed to their
 * agency. Auditors inspect the access log; administrators run the platform and its accounts but
 * do not read citizens' data.
 */
public enum StaffRole {
    COMMUNE_OFFICER, PROVINCE_OFFICER, CENTRAL_OFFICER, AUDITOR, ADMIN,
    JUSTICE_OFFICER, SOCIAL_INSURANCE_OFFICER, LABOUR_OFFICER;

    public boolean readsPersons() {
        return this == COMMUNE_OFFICER || this == PROVINCE_OFFICER || this == CENTRAL_OFFICER || this == JUSTICE_OFFICER;
    }

    public boolean nationwide() {
        return this == CENTRAL_OFFICER;
    }

    /** Roles that act only inside a unit: the account must name its commune or province. */
    public boolean needsJurisdiction() {
        return this != CENTRAL_OFFICER && this != AUDITOR && this != ADMIN;
    }
}
