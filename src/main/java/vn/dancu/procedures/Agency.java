package vn.dancu.procedures;

import java.util.Optional;
import vn.dancu.identity.StaffRole;

/** The agencies whose officers act on applications, each through its own staff roles. */
public enum Agency {
    POLICE("Công an", "Police"),
    JUSTICE("Tư pháp - hộ tịch", "Justice (civil status)"),
    SOCIAL_INSURANCE("Bảo hiểm xã hội", "Social insurance"),
    LABOUR("Lao động - thương binh và xã hội", "Labour and social affairs");

    public final String nameVi;
    public final String nameEn;

    Agency(String nameVi, String nameEn) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
    }

    /** The agency an officer works for; auditors and administrators act on no application. */
    public static Optional<Agency> of(StaffRole role) {
        return Optional.ofNullable(switch (role) {
            case COMMUNE_OFFICER, PROVINCE_OFFICER, CENTRAL_OFFICER -> POLICE;
            case JUSTICE_OFFICER -> JUSTICE;
            case SOCIAL_INSURANCE_OFFICER -> SOCIAL_INSURANCE;
            case LABOUR_OFFICER -> LABOUR;
            case AUDITOR, ADMIN -> null;
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
