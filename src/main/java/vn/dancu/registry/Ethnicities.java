package vn.dancu.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.dancu.platform.Text;

/**
 * The 54 ethnic groups of Vietnam (General Statistics Office list, Decision 121-TCTK/PPCĐ), plus
 * the entry for foreign-born persons. Input is matched without regard to case or diacritics.
 */
final class Ethnicities {

    static final List<String> NAMES = List.of(
            "Kinh", "Tày", "Thái", "Hoa", "Khơ-me", "Mường", "Nùng", "HMông", "Dao", "Gia-rai", "Ngái", "Ê-đê",
            "Ba-na", "Xơ-Đăng", "Sán Chay", "Cơ-ho", "Chăm", "Sán Dìu", "Hrê", "Mnông", "Ra-glai", "Xtiêng",
            "Bru-Vân Kiều", "Thổ", "Giáy", "Cơ-tu", "Gié-Triêng", "Mạ", "Khơ-mú", "Co", "Tà-ôi", "Chơ-ro",
            "Kháng", "Xinh-mun", "Hà Nhì", "Chu-ru", "Lào", "La Chí", "La Ha", "Phù Lá", "La Hủ", "Lự",
            "Lô Lô", "Chứt", "Mảng", "Pà Thẻn", "Cơ Lao", "Cống", "Bố Y", "Si La", "Pu Péo", "Brâu", "Ơ-đu",
            "Rơ-măm", "Người nước ngoài");

    private static final Map<String, String> BY_KEY = new LinkedHashMap<>();
    private static final java.util.regex.Pattern NOT_A_LETTER = java.util.regex.Pattern.compile("[^a-z]");

    static {
        for (String name : NAMES) {
            BY_KEY.put(key(name), name);
        }
    }

    private Ethnicities() {
    }

    /** The official spelling of an ethnic group written in any common way ("hmong", "Khơ Me", "ede"). */
    static Optional<String> canonical(String input) {
        return Optional.ofNullable(BY_KEY.get(key(input)));
    }

    private static String key(String name) {
        return NOT_A_LETTER.matcher(Text.searchKey(name)).replaceAll("");
    }
}
