package vn.dancu.procedures.results;

import java.util.Arrays;
import java.util.Optional;

/** The agencies that sign results of procedures, with the name their certificate carries. */
public enum Agency {
    POLICE("Bộ Công an"),
    JUSTICE("Bộ Tư pháp"),
    SOCIAL_INSURANCE("Bảo hiểm xã hội Việt Nam"),
    // Labour, invalids and social affairs moved to the Ministry of Home Affairs in 2025.
    LABOUR("Bộ Nội vụ");

    private final String nameVi;

    Agency(String nameVi) {
        this.nameVi = nameVi;
    }

    public String nameVi() {
        return nameVi;
    }

    /** The agency with this code; empty for anything else, such as a name read from a foreign certificate. */
    public static Optional<Agency> of(String code) {
        return Arrays.stream(values()).filter(agency -> agency.name().equals(code)).findFirst();
    }
}
