package vn.dancu.procedures.appendix;

import java.util.Set;
import vn.dancu.procedures.Fee;

/**
 * The fees of the police's procedures, as the Ministry of Finance's circulars set them (docs/procedures.md
 * states each figure and its source). Amounts in whole đồng.
 */
final class PoliceFees {

    /** Circular 59/2019/TT-BTC, Art. 4: the identity card fee by what the card replaces. */
    static final String CARD_SOURCE = "Thông tư 59/2019/TT-BTC, Điều 4, Điều 5";
    /** Circular 60/2023/TT-BTC, Art. 5: registration and plate of a motorbike, by area and the vehicle's value. */
    static final String MOTORBIKE_SOURCE = "Thông tư 60/2023/TT-BTC, Điều 5";
    /** Circular 25/2021/TT-BTC, the schedule's item 1: ordinary passports. */
    static final String PASSPORT_SOURCE = "Thông tư 25/2021/TT-BTC, Biểu phí, mục 1";
    /** Circular 37/2023/TT-BTC: the driving licence, issued, exchanged or re-issued. */
    static final String LICENCE_SOURCE = "Thông tư 37/2023/TT-BTC";

    static final long DRIVING_LICENCE = 135_000;

    /** Area I of Circular 60/2023: Hà Nội and Hồ Chí Minh City. */
    private static final Set<String> AREA_I = Set.of("01", "79");
    /**
     * Area II: the other centrally-run cities (the circular also names provincial cities and towns, a
     * level the 2025 reform removed: their communes are counted in area III here).
     */
    private static final Set<String> AREA_II = Set.of("31", "46", "48", "92");

    private PoliceFees() {
    }

    /**
     * The card fee for {@code reason}; zero when the card is renewed at the ages the law sets (EXPIRED) or
     * exchanged because the State changed administrative boundaries (Art. 5: exempt).
     */
    static long card(String reason, boolean boundaryChange) {
        if (reason.equals("EXPIRED") || (boundaryChange && !reason.equals("LOST"))) {
            return 0;
        }
        return switch (reason) {
            case "CONVERSION" -> 30_000;
            case "DAMAGED", "DETAILS_CHANGED" -> 50_000;
            case "LOST" -> 70_000;
            default -> throw new IllegalArgumentException("No card fee for " + reason);
        };
    }

    /** The motorbike's registration and plate fee in the province {@code provinceCode} (2 digits) for a vehicle worth {@code value} đồng. */
    static long motorbike(String provinceCode, long value) {
        int tier = value <= 15_000_000 ? 0 : value <= 40_000_000 ? 1 : 2;
        if (AREA_I.contains(provinceCode)) {
            return new long[] {1_000_000, 2_000_000, 4_000_000}[tier];
        }
        if (AREA_II.contains(provinceCode)) {
            return new long[] {200_000, 400_000, 800_000}[tier];
        }
        return 150_000;
    }

    /** A passport: 200,000 issued new (first, renewed, details changed), 400,000 re-issued after loss or damage. */
    static long passport(String request) {
        return request.equals("LOST_OR_DAMAGED") ? 400_000 : 200_000;
    }

    static Fee fee(long amount, String vi, String en, String source) {
        return Fee.of(amount, vi, en, source);
    }
}
