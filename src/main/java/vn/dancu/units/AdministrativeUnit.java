package vn.dancu.units;

import java.time.LocalDate;

/**
 * One version of a province or commune. The same code can name different units in different
 * eras, so a unit is identified by {@code id}; {@code validTo} is inclusive.
 */
public record AdministrativeUnit(long id, String code, String level, String name, String type, Long parentId,
                                 LocalDate validFrom, LocalDate validTo, String idIssuingCode) {

    public static final String PROVINCE = "PROVINCE";
    public static final String COMMUNE = "COMMUNE";

    public boolean validOn(LocalDate date) {
        return (validFrom == null || !date.isBefore(validFrom)) && (validTo == null || !date.isAfter(validTo));
    }

    public boolean isProvince() {
        return PROVINCE.equals(level);
    }
}
