package vn.dancu.registry;

/**
 * The legal basis recorded with a change when the caller names no procedure of their own.
 * Callers that run a procedure (an application number, a court decision) pass it as {@code reason}.
 */
final class LegalBasis {

    static final String BIRTH = "Luật Hộ tịch 2014, Điều 13-17: đăng ký khai sinh";
    static final String DEATH = "Luật Hộ tịch 2014, Điều 32-34: đăng ký khai tử";
    static final String MISSING = "Bộ luật Dân sự 2015, Điều 68: tuyên bố mất tích";
    static final String RESIDENCE = "Luật Cư trú 2020";
    static final String LEGACY_ID = "Thông tư 59/2021/TT-BCA: xác nhận số Chứng minh nhân dân";
    static final String CARD = "Luật Căn cước 2023: cấp thẻ căn cước";
    static final String HOUSEHOLD = "Luật Cư trú 2020: hộ gia đình, chủ hộ";
    static final String NAME = "Luật Hộ tịch 2014, Điều 26-28: thay đổi họ, chữ đệm, tên";
    static final String MARRIAGE = "Luật Hộ tịch 2014, Điều 17-18: đăng ký kết hôn";
    static final String RESIDENCE_REMOVAL = "Luật Cư trú 2020, Điều 24: xóa đăng ký thường trú";
    static final String DOCUMENT = "Quyết định 06/QĐ-TTg, II.10: tích hợp giấy tờ của ngành";

    private LegalBasis() {
    }

    static String residence(ResidenceType type) {
        return switch (type) {
            case PERMANENT -> "Luật Cư trú 2020, Điều 20-22: đăng ký thường trú";
            case TEMPORARY -> "Luật Cư trú 2020, Điều 27-28: đăng ký tạm trú";
            case TEMPORARY_ABSENCE -> "Luật Cư trú 2020, Điều 31: khai báo tạm vắng";
            case STAY_NOTIFICATION -> "Luật Cư trú 2020, Điều 30: thông báo lưu trú";
            case CURRENT -> "Luật Cư trú 2020, Điều 19: nơi ở hiện tại";
        };
    }
}
