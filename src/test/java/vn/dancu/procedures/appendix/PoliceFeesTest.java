package vn.dancu.procedures.appendix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.dancu.platform.ApiProblem;

/** The police's fees, validities and numbers, each rule by itself. */
class PoliceFeesTest {

    @Test
    void aCardCostsByWhatItReplacesAndNothingWhenRenewedAtAgeOrForABoundaryChange() {
        assertThat(PoliceFees.card("CONVERSION", false)).isEqualTo(30_000);
        assertThat(PoliceFees.card("DAMAGED", false)).isEqualTo(50_000);
        assertThat(PoliceFees.card("DETAILS_CHANGED", false)).isEqualTo(50_000);
        assertThat(PoliceFees.card("LOST", false)).isEqualTo(70_000);
        assertThat(PoliceFees.card("EXPIRED", false)).isZero();
        assertThat(PoliceFees.card("CONVERSION", true)).isZero();
        assertThat(PoliceFees.card("DETAILS_CHANGED", true)).isZero();
        assertThat(PoliceFees.card("LOST", true)).as("a lost card is not exchanged for the boundary change").isEqualTo(70_000);
    }

    @Test
    void aMotorbikeCostsByAreaAndValue() {
        assertThat(PoliceFees.motorbike("01", 15_000_000)).isEqualTo(1_000_000);
        assertThat(PoliceFees.motorbike("79", 15_000_001)).isEqualTo(2_000_000);
        assertThat(PoliceFees.motorbike("01", 40_000_001)).isEqualTo(4_000_000);
        assertThat(PoliceFees.motorbike("48", 10_000_000)).isEqualTo(200_000);
        assertThat(PoliceFees.motorbike("92", 30_000_000)).isEqualTo(400_000);
        assertThat(PoliceFees.motorbike("31", 90_000_000)).isEqualTo(800_000);
        assertThat(PoliceFees.motorbike("66", 90_000_000)).isEqualTo(150_000);
    }

    @Test
    void aPassportCostsTwiceAsMuchAfterALossOrDamage() {
        assertThat(PoliceFees.passport("FIRST")).isEqualTo(200_000);
        assertThat(PoliceFees.passport("RENEWAL")).isEqualTo(200_000);
        assertThat(PoliceFees.passport("LOST_OR_DAMAGED")).isEqualTo(400_000);
    }

    @Test
    void aPassportIsValidTenYearsAndFiveForAChildUnderFourteen() {
        LocalDate issued = LocalDate.of(2026, 12, 5);
        assertThat(Passport.validTo(LocalDate.of(1990, 1, 1), issued)).isEqualTo(LocalDate.of(2036, 12, 5));
        assertThat(Passport.validTo(LocalDate.of(2012, 12, 6), issued)).isEqualTo(LocalDate.of(2031, 12, 5));
        assertThat(Passport.validTo(LocalDate.of(2012, 12, 5), issued)).isEqualTo(LocalDate.of(2036, 12, 5));
    }

    @Test
    void aDrivingLicenceIsValidByItsClass() {
        LocalDate issued = LocalDate.of(2026, 12, 5);
        assertThat(DrivingLicenceRenewal.validTo("A1", issued)).isNull();
        assertThat(DrivingLicenceRenewal.validTo("B", issued)).isEqualTo(LocalDate.of(2036, 12, 5));
        assertThat(DrivingLicenceRenewal.validTo("D", issued)).isEqualTo(LocalDate.of(2031, 12, 5));
    }

    @Test
    void platesRunThroughTheirSerialsThenTheNextSeries() {
        assertThat(PoliceNumbers.format("29", "A1", 1)).isEqualTo("29-A1 000.01");
        assertThat(PoliceNumbers.format("29", "B3", 12_345)).isEqualTo("29-B3 123.45");
        assertThat(PoliceNumbers.nextSeries("A1")).isEqualTo("A2");
        assertThat(PoliceNumbers.nextSeries("H9")).isEqualTo("K1");
        assertThatThrownBy(() -> PoliceNumbers.nextSeries("Z9")).isInstanceOf(ApiProblem.class).hasMessageContaining("used up");
        assertThat(PoliceNumbers.PLATE_CODES).hasSize(34).containsEntry("01", "29").containsEntry("79", "59");
    }
}
