package vn.dancu.registry;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The one way an address is written out: the address line, then the commune and the province.
 * The unit is kept apart from the line, but lines typed before that rule (or by hand) may name it
 * already; a unit the line names already is not written twice ("…, Phường Ba Đình, Phường Ba Đình").
 */
public final class AddressText {

    private AddressText() {
    }

    /** {@code line}, then each of {@code units} (commune, province) that is not blank and not in the line yet. */
    public static String of(String line, String... units) {
        List<String> parts = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        if (line != null && !line.isBlank()) {
            parts.add(line.strip());
            for (String part : line.split(",")) {
                seen.add(key(part));
            }
        }
        for (String unit : units) {
            if (unit != null && !unit.isBlank() && !seen.contains(key(unit))) {
                parts.add(unit.strip());
                seen.add(key(unit));
            }
        }
        return String.join(", ", parts);
    }

    private static String key(String part) {
        return Normalizer.normalize(part.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
    }
}
