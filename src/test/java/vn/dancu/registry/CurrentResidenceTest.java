package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class CurrentResidenceTest {

    static final LocalDate TODAY = LocalDate.parse("2026-11-27");

    static Residence residence(String type, long unit, String from, String to) {
        return new Residence(unit, type, unit, "x", LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    static Long unit(java.util.Optional<Residence> residence) {
        return residence.map(Residence::unitId).orElse(null);
    }

    @Test
    void aTemporaryResidenceOutranksThePermanentOne() {
        assertThat(unit(Residence.current(List.of(residence("PERMANENT", 1, "2000-01-01", null),
                residence("TEMPORARY", 2, "2026-01-01", "2027-01-01")), TODAY))).isEqualTo(2L);
    }

    @Test
    void anEndedTemporaryResidenceLeavesThePermanentOne() {
        assertThat(unit(Residence.current(List.of(residence("PERMANENT", 1, "2000-01-01", null),
                residence("TEMPORARY", 2, "2024-01-01", "2025-01-01")), TODAY))).isEqualTo(1L);
    }

    @Test
    void aTemporaryAbsenceDoesNotMoveTheResidence() {
        assertThat(unit(Residence.current(List.of(residence("PERMANENT", 1, "2000-01-01", null),
                residence("TEMPORARY_ABSENCE", 3, "2026-11-01", "2027-01-01")), TODAY))).isEqualTo(1L);
    }

    @Test
    void noOpenResidenceMeansNone() {
        assertThat(unit(Residence.current(List.of(residence("PERMANENT", 1, "2000-01-01", "2020-01-01")), TODAY))).isNull();
    }
}
