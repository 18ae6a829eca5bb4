package vn.dancu.identity;

/**
 * What a staff account may do. Police officers (commune, province, central) keep the registry:
 * they read and change persons inside their jurisdiction (central officers: everywhere). Commune
 * justice officers read persons and register civil-status events (birth, death, marriage) by
 * deciding applications, never by changing the registry directly. Social insurance and labour
 * officers act only on the applications routed to their agency, and so do the officers of the other ministries
 * and companies that take part in the procedures of Appendix I (tax, land registration, education, electricity).
 * Auditors inspect the access log;
 * administrators run the platform and its accounts but do not read citizens' data. Leaders of a
 * province or a commune read the aggregated figures of the IOC (docs/ioc.md), never a person. Which operation
 * each role may call: {@link AuthorizationMatrix}.
 */
public enum StaffRole {
    COMMUNE_OFFICER, PROVINCE_OFFICER, CENTRAL_OFFICER, AUDITOR, ADMIN,
    JUSTICE_OFFICER, SOCIAL_INSURANCE_OFFICER, LABOUR_OFFICER, LEADER,
    TAX_OFFICER, LAND_OFFICER, EDUCATION_OFFICER, ELECTRICITY_OFFICER;

    /** The roles the authorisation matrix lets read persons (the registry checks it again per person). */
    public boolean readsPersons() {
        return AuthorizationMatrix.PERSON_READERS.contains(this);
    }

    public boolean nationwide() {
        return this == CENTRAL_OFFICER;
    }

    /** Roles that act only inside a unit: the account must name its commune or province. */
    public boolean needsJurisdiction() {
        return this != CENTRAL_OFFICER && this != AUDITOR && this != ADMIN;
    }
}
