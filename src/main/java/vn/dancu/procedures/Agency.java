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
    // Vietnam Social Security came under the Ministry of Finance in 2025 and still signs under its own name.
    SOCIAL_INSURANCE("Bảo hiểm xã hội", "Social insurance", "Bảo hiểm xã hội Việt Nam"),
    // Labour, invalids and social affairs moved to the Ministry of Home Affairs in 2025; its provincial employment
    // service centres take unemployment benefit claims.
    LABOUR("Lao động - thương binh và xã hội", "Labour and social affairs", "Bộ Nội vụ"),
    // The tax offices (Cục Thuế, Ministry of Finance since the 2025 restructuring): tax registration.
    TAX("Thuế", "Tax", "Bộ Tài chính"),
    // The land registration offices: natural resources and environment merged into agriculture and environment in 2025.
    LAND("Văn phòng đăng ký đất đai", "Land registration office", "Bộ Nông nghiệp và Môi trường"),
    // Upper-secondary schools and the provincial departments of education: the graduation exam and admission.
    EDUCATION("Giáo dục và đào tạo", "Education and training", "Bộ Giáo dục và Đào tạo"),
    // The power companies of EVN, a state-owned group, which sign their contracts under its name.
    ELECTRICITY("Điện lực", "Power company", "Tập đoàn Điện lực Việt Nam");

    public final String nameVi;
    public final String nameEn;
    /** The name the agency's signing certificate carries. */
    public final String ministryVi;

    Agency(String nameVi, String nameEn, String ministryVi) {
        this.nameVi = nameVi;
        this.nameEn = nameEn;
        this.ministryVi = ministryVi;
    }

    /** Its name in the language of {@code locale}: English, or else Vietnamese. */
    public String nameIn(java.util.Locale locale) {
        return "en".equals(locale.getLanguage()) ? nameEn : nameVi;
    }

    /** The agency with this code; empty for anything else, such as a name read from a foreign certificate. */
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
            case TAX_OFFICER -> TAX;
            case LAND_OFFICER -> LAND;
            case EDUCATION_OFFICER -> EDUCATION;
            case ELECTRICITY_OFFICER -> ELECTRICITY;
            case AUDITOR, ADMIN, LEADER -> null;
        });
    }
}
