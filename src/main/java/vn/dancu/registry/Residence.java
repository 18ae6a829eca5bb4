package vn.dancu.registry;

import java.time.LocalDate;

/** A registered residence as stored; {@code type} is a {@link ResidenceType} name, {@code to} null while open-ended. */
public record Residence(long id, String type, long unitId, String addressLine, LocalDate from, LocalDate to) {
    boolean openOn(LocalDate date) {
        return !from.isAfter(date) && (to == null || !to.isBefore(date));
    }
}
