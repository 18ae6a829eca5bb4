package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * A person's statistical profile: what the figures of docs/statistics.md count, and nothing that
 * names the person (no name, no number). Residences and the card come with their dates, so that the
 * profile can be counted on any day ({@link #livingUnitOn}, {@link Residence#inForceOn}).
 *
 * @param sex               {@code MALE} or {@code FEMALE}
 * @param birthUnitId       the commune that registered the birth (a unit id of its era)
 * @param religion          null when none
 * @param status            {@code ALIVE}, {@code MISSING} or {@code DECEASED}
 * @param deathDocumented   whether the death was recorded with its source document
 * @param livingUnitId      where the person lived on the day the profile was read ({@link #livingUnitOn})
 * @param residences        every residence the person had, oldest first
 * @param card              the active identity card, null when none
 */
public record Demographics(String sex, LocalDate dateOfBirth, long birthUnitId, String ethnicity, String religion,
                           String nationality, String maritalStatus, String status, LocalDate dateOfDeath,
                           boolean deathDocumented, long livingUnitId, List<Residence> residences, ActiveCard card) {

    /** The order in which a residence says where a person lives (docs/statistics.md, "Units"). */
    static final List<String> LIVING_ORDER =
            List.of(ResidenceType.PERMANENT.name(), ResidenceType.TEMPORARY.name(), ResidenceType.CURRENT.name());

    public Demographics {
        residences = List.copyOf(residences);
    }

    /** One residence, {@code to} inclusive and null while open. */
    public record Residence(String type, long unitId, LocalDate from, LocalDate to) {

        public boolean inForceOn(LocalDate day) {
            return !from.isAfter(day) && (to == null || !to.isBefore(day));
        }
    }

    /** The active identity card: valid until {@code expiry} inclusive, or for life when {@code expiry} is null. */
    public record ActiveCard(LocalDate expiry) {

        public boolean validOn(LocalDate day) {
            return expiry == null || !expiry.isBefore(day);
        }
    }

    public boolean deceased() {
        return PersonStatus.DECEASED.name().equals(status);
    }

    /** The residences in force on {@code day}. */
    public List<Residence> residencesOn(LocalDate day) {
        return residences.stream().filter(r -> r.inForceOn(day)).toList();
    }

    /**
     * Where the person lives on {@code day}: the permanent residence in force, else the temporary
     * one, else the current place of residence, else the commune that registered the birth.
     */
    public long livingUnitOn(LocalDate day) {
        for (String type : LIVING_ORDER) {
            long unit = residences.stream().filter(r -> r.type().equals(type) && r.inForceOn(day))
                    .max(Comparator.comparing(Residence::from)).map(Residence::unitId).orElse(-1L);
            if (unit >= 0) {
                return unit;
            }
        }
        return birthUnitId;
    }

    /** The permanent residences, oldest first: each change of unit between two of them is a move. */
    public List<Residence> permanentHistory() {
        return residences.stream().filter(r -> r.type().equals(ResidenceType.PERMANENT.name()))
                .sorted(Comparator.comparing(Residence::from)).toList();
    }
}
