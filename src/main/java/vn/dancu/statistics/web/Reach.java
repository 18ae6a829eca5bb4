package vn.dancu.statistics.web;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/**
 * Which areas a reader of the IOC may open. Everyone admitted sees the nation and its provinces as
 * a whole; drilling down stays inside the reader's jurisdiction: a central officer anywhere, a
 * leader or officer of a province that province and its communes, a leader of a commune that
 * commune. The figures are aggregates, never persons; the jurisdiction still bounds how fine they get.
 */
@Component
class Reach {

    private final Units units;

    Reach(Units units) {
        this.units = units;
    }

    /** The area a code names today: {@code VN}, a province (2 digits) or a commune (5 digits). */
    Area area(String code) {
        if (Area.NATION_CODE.equals(code)) {
            return Area.nation("Việt Nam");
        }
        if (code == null || !code.matches("[0-9]{2}|[0-9]{5}")) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", "The request has invalid fields",
                    List.of(new ApiProblem.FieldProblem("unit", "INVALID_FORMAT",
                            "A unit is VN (the nation), a province code of 2 digits or a commune code of 5")));
        }
        String level = code.length() == 2 ? AdministrativeUnit.PROVINCE : AdministrativeUnit.COMMUNE;
        AdministrativeUnit unit = units.find(level, code, units.today()).orElseThrow(() -> ApiProblem.notFound("UNKNOWN_UNIT",
                "No province or commune in force today has the code " + code));
        return Area.of(unit, units.province(unit));
    }

    /** The area, if the reader may open it; else 403 {@code OUTSIDE_JURISDICTION}. */
    Area open(Staff reader, String code) {
        Area area = area(code);
        if (!opens(reader, area)) {
            throw ApiProblem.forbidden("OUTSIDE_JURISDICTION", area.name() + " lies outside your jurisdiction");
        }
        return area;
    }

    boolean opens(Staff reader, Area area) {
        if (area.isNation() || reader.role().nationwide()) {
            return true;
        }
        Long jurisdiction = reader.jurisdictionUnitId();
        if (jurisdiction == null) {
            return false;
        }
        return area.unitId() == jurisdiction || (area.isCommune() && area.province().id() == jurisdiction);
    }

    /** Where the reader's own figures are: their province or commune, or the nation for central officers. */
    String home(Staff reader) {
        if (reader.role().nationwide() || reader.jurisdictionUnitId() == null) {
            return Area.NATION_CODE;
        }
        return units.byId(reader.jurisdictionUnitId()).filter(u -> u.validOn(units.today())).map(AdministrativeUnit::code)
                .orElse(Area.NATION_CODE);
    }
}
