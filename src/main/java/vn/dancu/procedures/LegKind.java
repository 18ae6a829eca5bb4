package vn.dancu.procedures;

/**
 * What one agency does in an application, the working days it has (Law on Residence 2020,
 * Law on Civil Status 2014, Decree 63/2024 for the linked procedures), and the document it issues.
 */
public enum LegKind {
    LEGACY_ID_CONFIRMATION(Agency.POLICE, 3, "Giấy xác nhận số Chứng minh nhân dân", "Confirmation of the old ID card number"),
    PERMANENT_RESIDENCE(Agency.POLICE, 7, "Thông báo kết quả đăng ký thường trú", "Notice of permanent residence registration"),
    TEMPORARY_RESIDENCE(Agency.POLICE, 3, "Thông báo kết quả đăng ký tạm trú", "Notice of temporary residence registration"),
    TEMPORARY_ABSENCE(Agency.POLICE, 1, "Thông báo kết quả khai báo tạm vắng", "Notice of the temporary absence declaration"),
    STAY_NOTIFICATION(Agency.POLICE, 0, "Xác nhận thông báo lưu trú", "Acknowledgement of the stay notification"),
    BIRTH(Agency.JUSTICE, 0, "Giấy khai sinh", "Birth certificate"),
    DEATH(Agency.JUSTICE, 0, "Trích lục khai tử", "Death certificate"),
    MARRIAGE(Agency.JUSTICE, 0, "Giấy chứng nhận kết hôn", "Marriage certificate"),
    CHILD_RESIDENCE(Agency.POLICE, 2, "Thông báo kết quả đăng ký thường trú", "Notice of permanent residence registration"),
    CHILD_HEALTH_INSURANCE(Agency.SOCIAL_INSURANCE, 2, "Thẻ bảo hiểm y tế", "Health insurance card"),
    RESIDENCE_REMOVAL(Agency.POLICE, 1, "Thông báo xóa đăng ký thường trú", "Notice of removal of permanent residence"),
    FUNERAL_ALLOWANCE(Agency.SOCIAL_INSURANCE, 3, "Quyết định hưởng trợ cấp mai táng", "Decision on the funeral allowance"),
    GENERIC(null, 5, "Phiếu kết quả giải quyết thủ tục hành chính", "Result of the administrative procedure");

    /** The agency that acts; null where the procedure decides it (its lead agency). */
    public final Agency agency;
    public final int workingDays;
    public final String resultVi;
    public final String resultEn;

    /** The Vietnamese title of a stored result's kind: a leg's kind, or PROCEDURE_n of a generic leg. */
    static String titleOf(String kind) {
        return java.util.Arrays.stream(values()).filter(k -> k.name().equals(kind)).findFirst()
                .map(k -> k.resultVi).orElse(GENERIC.resultVi);
    }

    LegKind(Agency agency, int workingDays, String resultVi, String resultEn) {
        this.agency = agency;
        this.workingDays = workingDays;
        this.resultVi = resultVi;
        this.resultEn = resultEn;
    }
}
