package vn.dancu.eid;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The scopes a relying party may ask for, the claims each brings, and their names on the consent page. */
final class OidcClaims {

    static final Map<String, List<String>> CLAIMS_OF_SCOPE = new LinkedHashMap<>();
    static final Map<String, String> LABEL_VI = new LinkedHashMap<>();

    static {
        CLAIMS_OF_SCOPE.put("openid", List.of());
        CLAIMS_OF_SCOPE.put("profile", List.of("name", "family_name", "given_name", "birthdate", "gender"));
        CLAIMS_OF_SCOPE.put("address", List.of("address"));
        CLAIMS_OF_SCOPE.put("phone", List.of("phone_number"));
        CLAIMS_OF_SCOPE.put("personal_id", List.of("personal_id_number"));
        CLAIMS_OF_SCOPE.put("household", List.of("household"));
        LABEL_VI.put("name", "Họ, chữ đệm và tên");
        LABEL_VI.put("family_name", "Họ");
        LABEL_VI.put("given_name", "Tên");
        LABEL_VI.put("birthdate", "Ngày, tháng, năm sinh");
        LABEL_VI.put("gender", "Giới tính");
        LABEL_VI.put("address", "Nơi thường trú");
        LABEL_VI.put("phone_number", "Số điện thoại");
        LABEL_VI.put("personal_id_number", "Số định danh cá nhân");
        LABEL_VI.put("household", "Thông tin hộ gia đình (chủ hộ, quan hệ với chủ hộ, thành viên)");
    }

    static final Set<String> USER_SCOPES = CLAIMS_OF_SCOPE.keySet();
    static final Set<String> CLAIMS = Set.copyOf(LABEL_VI.keySet());

    private OidcClaims() {
    }

    /** The claims a login releases: those of the granted scopes that the relying party's registration allows. */
    static List<String> released(java.util.Collection<String> scopes, java.util.Collection<String> allowed) {
        return scopes.stream().flatMap(s -> CLAIMS_OF_SCOPE.getOrDefault(s, List.of()).stream())
                .filter(allowed::contains).distinct().toList();
    }
}
