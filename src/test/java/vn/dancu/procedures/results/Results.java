package vn.dancu.procedures.results;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.UUID;

/** Documents, clocks and signers the tests share. */
final class Results {

    static final Instant NOW = Instant.parse("2025-07-01T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneId.of("Asia/Ho_Chi_Minh"));
    static final String PUBLIC_URL = "https://dancu.example.vn";

    private Results() {
    }

    static ResultDocument birthRegistration() {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        fields.put("Loại việc hộ tịch", "Đăng ký khai sinh");
        fields.put("Họ, chữ đệm và tên", "Nguyễn Thị Ánh");
        fields.put("Ngày, tháng, năm sinh", "14/06/2025");
        fields.put("Giới tính", "Nữ");
        fields.put("Nơi sinh", "Bệnh viện Từ Dũ, 284 Cống Quỳnh, phường Bến Thành, Thành phố Hồ Chí Minh");
        fields.put("Họ, chữ đệm và tên người mẹ", "Trần Thị Hồng Nhung");
        fields.put("Họ, chữ đệm và tên người cha", "Nguyễn Văn Đức");
        return new ResultDocument(UUID.fromString("0f8c2a8e-3d53-4e54-9a55-2f6b6c1d9e01"), "BIRTH_REGISTRATION",
                "Trích lục khai sinh", "Extract of birth registration", "JUSTICE",
                "UBND phường Tân Định – Công chức tư pháp – hộ tịch", "079325001234", NOW.minusSeconds(3600),
                "HS-2025-000123", fields);
    }

    static ResultSigner signer(CertificationAuthority authority) {
        return new ResultSigner(authority, CLOCK, PUBLIC_URL);
    }
}
