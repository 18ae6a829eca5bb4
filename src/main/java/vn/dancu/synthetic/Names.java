package vn.dancu.synthetic;

import java.util.SplittableRandom;

/**
 * Vietnamese names: family names with their frequencies in the population (Nguyễn about 38%),
 * middle names by gender and generation (Văn and Thị much more common among older people), and
 * common given names.
 */
final class Names {

    private static final String[] FAMILY = {"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng",
            "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Trịnh", "Đào", "Mai", "Trương", "Lâm", "Phùng", "Tạ",
            "Lưu", "Hà", "Cao", "Lương", "Tô", "Châu", "Thái", "Quách", "Kiều", "Đoàn", "Văn", "La"};
    /** Per mille, in the order of {@link #FAMILY}; the last entries share what is left. */
    private static final int[] FAMILY_WEIGHT = {384, 121, 95, 70, 31, 20, 45, 22, 17, 21, 20, 14, 13, 13, 10, 5,
            8, 6, 6, 5, 5, 4, 3, 3, 3, 5, 4, 3, 2, 2, 2, 1, 2, 4, 2, 1};

    private static final String[] MALE_MIDDLE_OLD = {"Văn", "Văn", "Văn", "Văn", "Đức", "Hữu", "Quang", "Công", "Xuân", "Ngọc", "Minh", "Thanh"};
    private static final String[] MALE_MIDDLE_YOUNG = {"Văn", "Minh", "Đức", "Quốc", "Gia", "Hoàng", "Anh", "Tuấn", "Thành", "Trung",
            "Hải", "Bảo", "Đăng", "Nhật", "Quang", "Hữu", "Thanh", "Duy"};
    private static final String[] FEMALE_MIDDLE_OLD = {"Thị", "Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Hồng"};
    private static final String[] FEMALE_MIDDLE_YOUNG = {"Thị", "Ngọc", "Thu", "Thanh", "Minh", "Phương", "Thùy", "Bảo", "Khánh",
            "Mai", "Hồng", "Gia", "Hà", "Quỳnh", "Tường", "Diệu", "Hoài"};
    private static final String[] MALE_GIVEN = {"An", "Bình", "Cường", "Dũng", "Đức", "Hải", "Hùng", "Huy", "Khang", "Khoa",
            "Long", "Minh", "Nam", "Phúc", "Quân", "Sơn", "Tài", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Bảo",
            "Duy", "Hiếu", "Hoàng", "Kiên", "Lâm", "Phong", "Quang", "Thành", "Tùng", "Hưng", "Lộc", "Nghĩa", "Thịnh",
            "Trí", "Tâm", "Hòa", "Đạt", "Khánh", "Anh", "Hậu", "Lợi", "Tiến", "Hiển", "Mạnh"};
    private static final String[] FEMALE_GIVEN = {"Anh", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương",
            "Huyền", "Lan", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
            "Thu", "Thủy", "Trang", "Trinh", "Tuyết", "Vân", "Vy", "Yến", "Hiền", "Hồng", "Lệ", "Liên", "Nhi", "Như",
            "Tâm", "Thư", "Uyên", "Xuân", "Đào", "Diệp", "Hậu", "Lý", "Nhàn", "Thoa"};

    private static final int FAMILY_TOTAL;

    static {
        int sum = 0;
        for (int w : FAMILY_WEIGHT) {
            sum += w;
        }
        FAMILY_TOTAL = sum;
    }

    private Names() {
    }

    static String family(SplittableRandom random) {
        int x = random.nextInt(FAMILY_TOTAL);
        for (int i = 0; i < FAMILY.length; i++) {
            x -= FAMILY_WEIGHT[i];
            if (x < 0) {
                return FAMILY[i];
            }
        }
        return FAMILY[0];
    }

    static String fullName(String family, boolean male, int birthYear, SplittableRandom random) {
        boolean older = birthYear < 1985;
        String[] middles = male ? (older ? MALE_MIDDLE_OLD : MALE_MIDDLE_YOUNG) : (older ? FEMALE_MIDDLE_OLD : FEMALE_MIDDLE_YOUNG);
        String[] given = male ? MALE_GIVEN : FEMALE_GIVEN;
        return family + " " + middles[random.nextInt(middles.length)] + " " + given[random.nextInt(given.length)];
    }
}
