package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** A registered residence as stored; {@code type} is a {@link ResidenceType} name, {@code to} null while open-ended. */
public record Residence(long id, String type, long unitId, String addressLine, LocalDate from, LocalDate to) {

    boolean openOn(LocalDate date) {
        return !from.isAfter(date) && (to == null || !to.isBefore(date));
    }

    /** Where the person lives on {@code day}: the current residence, else the temporary one, else the permanent one. */
    static Optional<Residence> current(List<Residence> residences, LocalDate day) {
        for (ResidenceType type : List.of(ResidenceType.CURRENT, ResidenceType.TEMPORARY, ResidenceType.PERMANENT)) {
            for (Residence r : residences) {
                if (r.type().equals(type.name()) && r.openOn(day)) {
                    return Optional.of(r);
                }
            }
        }
        return Optional.empty();
    }
}
