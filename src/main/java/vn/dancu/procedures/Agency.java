package vn.dancu.procedures;

import java.util.Optional;
import vn.dancu.identity.StaffRole;

/**
 * The agencies whose officers act on applications, each through its own staff roles, and which
 * sign their results under the name of their ministry.
 */
public enum Agency {
    POLICE("Công an", "Police", "Bộ Công an"),
    JUSTICE("Tư pháp - hộ tịch", "Justice (civil status)", "Bộ Tư pháp"),
    SOCIAL_INSURANCE("Bảo hiểm xã hội", "Social insurance", "Bảo hiểm xã hội Việt Nam"),
    // Labour, invalids and social affairs moved to the Ministry of Home Affairs in 2025.
    LABOUR("Lao động - thương binh và xã hội", "Labour and social affairs", "Bộ Nội vụ");

    public final String nameVi;
    public final String nameEn;
    /** The name the agency's signing certificate carries. */
    public final String ministryVi;

    Agency(String nameVi, String nameEn, String ministryVi) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
        this.ministryVi = ministryVi;
    }

    /** The agency with this code; empty for anything else, such as a name read from a foreign certificate. */
    /** Its name in the language of {@code locale}: English, or else Vietnamese. */
    public String nameIn(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }

    public static Optional<Agency> of(String code) {
        return java.util.Arrays.stream(values()).filter(agency -> agency.name().equals(code)).findFirst();
    }

    /** The agency an officer works for; auditors, administrators and leaders act on no application. */
    public static Optional<Agency> forRole(StaffRole role) {
        return Optional.ofNullable(switch (role) {
            case COMMUNE_OFFICER, PROVINCE_OFFICER, CENTRAL_OFFICER -> POLICE;
            case JUSTICE_OFFICER -> JUSTICE;
            case SOCIAL_INSURANCE_OFFICER -> SOCIAL_INSURANCE;
            case LABOUR_OFFICER -> LABOUR;
            case AUDITOR, ADMIN, LEADER -> null;
        });
    }

    /** The agency that handles a procedure of another ministry once it is enabled; empty: not connected here. */
    static Optional<Agency> leading(String leadAgencyEn) {
        return Optional.ofNullable(switch (leadAgencyEn) {
            case "Ministry of Public Security" -> POLICE;
            case "Ministry of Justice" -> JUSTICE;
            case "Vietnam Social Security" -> SOCIAL_INSURANCE;
            case "Ministry of Labour, War Invalids and Social Affairs" -> LABOUR;
            default -> null;
        });
    }
}
