package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;
import vn.dancu.platform.FieldErrors;
import vn.dancu.platform.Text;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * The field rules of a person, shared by the API and the bulk import so that a row of a file is
 * judged exactly like a request. Each method returns the clean value, or null after recording why.
 */
@Component
class PersonRules {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    /** Compiled once: a national load checks a name and up to three commune codes per row. */
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{M} '\\-.]*");
    private static final Pattern COMMUNE_CODE = Pattern.compile("[0-9]{5}");
    private static final Set<String> BLOOD_GROUPS = Set.of("A", "B", "AB", "O", "A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-");

    private final Units units;

    PersonRules(Units units) {
        this.units = units;
    }

    String name(FieldErrors errors, String field, String value) {
        String name = errors.text(field, value, 150);
        if (name == null) {
            return null;
        }
        String canonical = Text.canonical(name);
        if (!NAME.matcher(canonical).matches()) {
            errors.add(field, "INVALID_CHARACTERS", "A name contains letters, spaces, apostrophes, hyphens and dots only");
            return null;
        }
        return canonical;
    }

    AdministrativeUnit commune(FieldErrors errors, String field, String code, LocalDate on) {
        if (code == null || code.isBlank()) {
            errors.add(field, "REQUIRED", field + " (a commune code) is required");
            return null;
        }
        String trimmed = code.strip();
        if (!COMMUNE_CODE.matcher(trimmed).matches()) {
            errors.add(field, "INVALID_FORMAT", "A commune code has 5 digits");
            return null;
        }
        AdministrativeUnit unit = units.find(AdministrativeUnit.COMMUNE, trimmed, on).orElse(null);
        if (unit == null) {
            errors.add(field, "UNKNOWN_UNIT", "No commune " + trimmed + " was in force on " + on);
        }
        return unit;
    }

    String nationality(FieldErrors errors, String value) {
        if (value == null || value.isBlank()) {
            errors.add("nationality", "REQUIRED", "nationality is required (ISO 3166 code, VN for Vietnamese)");
            return null;
        }
        String code = value.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(code)) {
            errors.add("nationality", "UNKNOWN_COUNTRY", "nationality must be an ISO 3166 alpha-2 code such as VN");
            return null;
        }
        return code;
    }

    String ethnicity(FieldErrors errors, String value) {
        if (value == null || value.isBlank()) {
            errors.add("ethnicity", "REQUIRED", "ethnicity is required");
            return null;
        }
        return Ethnicities.canonical(value).orElseGet(() -> {
            errors.add("ethnicity", "UNKNOWN_ETHNICITY", "Not one of the 54 ethnic groups of Vietnam");
            return null;
        });
    }

    String bloodGroup(FieldErrors errors, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.strip().toUpperCase(Locale.ROOT);
        if (!BLOOD_GROUPS.contains(upper)) {
            errors.add("bloodGroup", "NOT_ALLOWED", "bloodGroup is A, B, AB or O, optionally with + or -");
            return null;
        }
        return upper;
    }

}
