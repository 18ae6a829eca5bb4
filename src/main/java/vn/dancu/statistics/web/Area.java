package vn.dancu.statistics.web;

import vn.dancu.statistics.Statistics;
import vn.dancu.units.AdministrativeUnit;

/**
 * What an IOC page or answer is about: the nation, a province or a commune in force today.
 * {@code code} is {@value #NATION_CODE} for the nation, else the unit's code.
 */
public record Area(String code, Level level, long unitId, String name, AdministrativeUnit province) {

    static final String NATION_CODE = "VN";

    public enum Level { NATION, PROVINCE, COMMUNE }

    static Area nation(String name) {
        return new Area(NATION_CODE, Level.NATION, Statistics.NATION, name, null);
    }

    static Area of(AdministrativeUnit unit, AdministrativeUnit province) {
        return new Area(unit.code(), unit.isProvince() ? Level.PROVINCE : Level.COMMUNE, unit.id(), unit.name(), province);
    }

    public boolean isNation() {
        return level == Level.NATION;
    }

    public boolean isProvince() {
        return level == Level.PROVINCE;
    }

    public boolean isCommune() {
        return level == Level.COMMUNE;
    }
}
