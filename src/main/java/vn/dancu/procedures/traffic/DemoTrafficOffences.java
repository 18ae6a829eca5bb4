package vn.dancu.procedures.traffic;

import java.time.Instant;
import java.util.List;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Demo mode: offences caught by cameras in Hà Nội for the demo citizens' vehicles, so that procedure 8
 * can be tried (README, "Procedures"). Fines are the middle of the ranges of Decree 168/2024/NĐ-CP.
 */
@Component
@ConditionalOnProperty(name = "dancu.demo", havingValue = "true")
class DemoTrafficOffences implements ApplicationRunner {

    static final List<TrafficOffences.Offence> OFFENCES = List.of(
            offence("CSGT-HN-2026-000101", "30A-678.90", "030178862050",
                    "Điều khiển xe ô tô chạy quá tốc độ quy định từ 05 km/h đến dưới 10 km/h (Nghị định 168/2024/NĐ-CP, Điều 6)",
                    "Car speeding by 5 to under 10 km/h (Decree 168/2024, Art. 6)", "Đại lộ Thăng Long, km 8", "2026-10-12T01:20:00Z", 900_000),
            offence("CSGT-HN-2026-000102", "30A-678.90", "030178862050",
                    "Điều khiển xe ô tô không chấp hành hiệu lệnh của đèn tín hiệu giao thông (Nghị định 168/2024/NĐ-CP, Điều 6)",
                    "Car not obeying a traffic light (Decree 168/2024, Art. 6)", "Ngã tư Kim Mã - Liễu Giai", "2026-11-03T10:05:00Z", 19_000_000),
            offence("CSGT-HN-2026-000103", "29-B1 123.45", "001075503799",
                    "Điều khiển xe mô tô không chấp hành hiệu lệnh của đèn tín hiệu giao thông (Nghị định 168/2024/NĐ-CP, Điều 7)",
                    "Motorbike not obeying a traffic light (Decree 168/2024, Art. 7)", "Ngã tư Phan Đình Phùng - Hùng Vương", "2026-11-20T00:45:00Z", 5_000_000),
            offence("CSGT-HN-2026-000104", "29-E2 456.78", "001190318773",
                    "Điều khiển xe mô tô chạy quá tốc độ quy định từ 05 km/h đến dưới 10 km/h (Nghị định 168/2024/NĐ-CP, Điều 7)",
                    "Motorbike speeding by 5 to under 10 km/h (Decree 168/2024, Art. 7)", "Đường Cầu Giấy", "2026-11-25T09:30:00Z", 500_000));

    private final LocalTrafficOffences offences;

    DemoTrafficOffences(LocalTrafficOffences offences) {
        this.offences = offences;
    }

    @Override
    public void run(ApplicationArguments args) {
        OFFENCES.forEach(offences::record);
    }

    private static TrafficOffences.Offence offence(String record, String plate, String offender, String vi, String en, String place,
                                                   String at, long fine) {
        return new TrafficOffences.Offence(record, plate, offender, vi, en, place, Instant.parse(at), fine, true, null);
    }
}
