package vn.dancu.identity;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * What a staff account may hold: a username of a-z, 0-9 and {@code . _ -}, a display name, a role,
 * and a jurisdiction that fits the role (V12: the officers of a commune or a province need one, in
 * force today; commune police a commune, province police a province, leaders either; nationwide roles none).
 * The agency follows from the role (police, justice, social insurance, labour, tax, land registration, education,
 * electricity: procedures.Agency).
 */
@Component
public class StaffRules {

    static final int MAX_REASON = 500;
    static final Set<String> ROLES = java.util.Arrays.stream(StaffRole.values()).map(Enum::name).collect(Collectors.toSet());

    /** A jurisdiction as pages and answers show it. */
    public record Unit(String code, String level, String name) {
    }

    private final Units units;

    StaffRules(Units units) {
        this.units = units;
    }

    static String username(FieldErrors errors, String field, String value) {
        String username = errors.text(field, value, 64);
        if (username != null && !username.toLowerCase(Locale.ROOT).matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            errors.add(field, "INVALID_FORMAT", "3 to 64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit");
            return null;
        }
        return username == null ? null : username.toLowerCase(Locale.ROOT);
    }

    static String displayName(FieldErrors errors, String field, String value) {
        String name = errors.text(field, value, 200);
        return name == null ? null : vn.dancu.platform.Text.canonical(name);
    }

    static StaffRole role(FieldErrors errors, String field, String value) {
        String role = errors.oneOf(field, value, ROLES);
        return role == null ? null : StaffRole.valueOf(role);
    }

    /** Every change states why: it goes into the record of changes with who made it. */
    static String reason(FieldErrors errors, String value) {
        return errors.text("reason", value, MAX_REASON);
    }

    /**
     * The unit id of a jurisdiction code for {@code role} (null: the whole country, or an error);
     * {@code province} not null: the unit must lie in that province (a province's import).
     */
    Long jurisdiction(FieldErrors errors, String field, StaffRole role, String code, AdministrativeUnit province) {
        if (role == null) {
            return null;
        }
        boolean given = code != null && !code.isBlank();
        if (!role.needsJurisdiction()) {
            if (given) {
                errors.add(field, "JURISDICTION_NOT_ALLOWED", "The role " + role + " acts for the whole country: give no unit");
            }
            return null;
        }
        if (!given) {
            errors.add(field, "REQUIRED", "An officer of a commune or a province needs a jurisdiction (a unit code)");
            return null;
        }
        String trimmed = code.strip();
        Optional<AdministrativeUnit> unit = inForce(errors, field, trimmed);
        if (unit.isEmpty()) {
            return null;
        }
        AdministrativeUnit found = unit.get();
        if (role == StaffRole.COMMUNE_OFFICER && found.isProvince()) {
            errors.add(field, "UNIT_LEVEL", "A commune officer's jurisdiction is a commune, not the province " + found.name());
            return null;
        }
        if (role == StaffRole.PROVINCE_OFFICER && !found.isProvince()) {
            errors.add(field, "UNIT_LEVEL", "A province officer's jurisdiction is a province, not the commune " + found.name());
            return null;
        }
        if (province != null && found.id() != province.id() && !units.within(found.id(), province.id())) {
            errors.add(field, "OUTSIDE_PROVINCE", found.name() + " does not lie in " + province.name());
            return null;
        }
        return found.id();
    }

    /** A unit in force today by its code: 2 digits a province, 5 a commune. */
    Optional<AdministrativeUnit> inForce(FieldErrors errors, String field, String code) {
        if (!code.matches("[0-9]{2}|[0-9]{5}")) {
            errors.add(field, "INVALID_FORMAT", "A unit code has 2 digits (province) or 5 (commune)");
            return Optional.empty();
        }
        String level = code.length() == 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE;
        Optional<AdministrativeUnit> unit = units.find(level, code, units.today());
        if (unit.isEmpty()) {
            var versions = units.versions(level, code);
            if (versions.isEmpty()) {
                errors.add(field, "UNKNOWN_UNIT", "No unit has the code " + code);
            } else {
                String today = units.today(versions.getFirst()).stream().map(AdministrativeUnit::name).sorted()
                        .collect(Collectors.joining(", "));
                errors.add(field, "UNIT_NOT_IN_FORCE", versions.getFirst().name() + " (" + code + ") is not in force today"
                        + (today.isEmpty() ? "" : "; it lies in " + today));
            }
        }
        return unit;
    }

    Unit unit(Long id) {
        return id == null ? null : units.byId(id).map(u -> new Unit(u.code(), u.level(), u.name())).orElse(null);
    }

    /** The units whose accounts a search by {@code code} finds: the unit and everything inside it today. */
    long[] within(FieldErrors errors, String field, String code) {
        return inForce(errors, field, code.strip()).map(u -> units.idsWithin(u.id())).orElse(null);
    }
}
