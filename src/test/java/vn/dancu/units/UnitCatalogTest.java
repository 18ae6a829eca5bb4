package vn.dancu.units;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The old-to-new mapping on a small hand-made catalog: two old provinces merged, communes merged and split. */
class UnitCatalogTest {

    static final LocalDate OLD_END = LocalDate.parse("2025-06-30");
    static final LocalDate NEW_START = LocalDate.parse("2025-07-01");

    static AdministrativeUnit province(long id, String code, LocalDate from, LocalDate to) {
        return new AdministrativeUnit(id, code, AdministrativeUnit.PROVINCE, "P" + code, "Tỉnh", null, from, to, "0" + code);
    }

    static AdministrativeUnit commune(long id, String code, long parent, LocalDate from, LocalDate to) {
        return new AdministrativeUnit(id, code, AdministrativeUnit.COMMUNE, "C" + code, "Xã", parent, from, to, null);
    }

    final UnitCatalog catalog = new UnitCatalog(List.of(
            province(1, "31", null, OLD_END), province(2, "30", null, OLD_END), province(3, "31", NEW_START, null),
            commune(10, "11311", 1, null, OLD_END), commune(11, "10513", 2, null, OLD_END),
            commune(12, "10999", 2, null, OLD_END), commune(13, "10514", 2, null, OLD_END),
            commune(20, "11311", 3, NEW_START, null), commune(21, "10513", 3, NEW_START, null)),
            List.of(new UnitCatalog.Succession(1, 3, NEW_START), new UnitCatalog.Succession(2, 3, NEW_START),
                    new UnitCatalog.Succession(10, 20, NEW_START), new UnitCatalog.Succession(11, 21, NEW_START),
                    new UnitCatalog.Succession(13, 20, NEW_START), new UnitCatalog.Succession(13, 21, NEW_START)), LocalDate.parse("2026-11-27"));

    @Test
    void aCodeNamesDifferentUnitsInDifferentEras() {
        assertThat(catalog.validOn("PROVINCE", "31", OLD_END).orElseThrow().id()).isEqualTo(1);
        assertThat(catalog.validOn("PROVINCE", "31", NEW_START).orElseThrow().id()).isEqualTo(3);
        assertThat(catalog.validOn("PROVINCE", "30", NEW_START)).isEmpty();
    }

    @Test
    void aMergedCommuneIsTodayItsSuccessor() {
        assertThat(catalog.today(11)).extracting(AdministrativeUnit::id).containsExactly(21L);
    }

    @Test
    void aSplitCommuneIsTodayAllItsSuccessors() {
        assertThat(catalog.today(13)).extracting(AdministrativeUnit::id).containsExactlyInAnyOrder(20L, 21L);
    }

    @Test
    void aCommuneWithoutKnownSuccessorStillLiesInItsProvincesSuccessor() {
        assertThat(catalog.today(12)).extracting(AdministrativeUnit::id).containsExactly(3L);
    }

    @Test
    void aReformDatedAheadTakesEffectOnItsDayNotOnImport() {
        LocalDate end = LocalDate.parse("2027-06-30");
        List<AdministrativeUnit> units = List.of(province(1, "31", null, end), province(2, "31", end.plusDays(1), null));
        List<UnitCatalog.Succession> successions = List.of(new UnitCatalog.Succession(1, 2, end.plusDays(1)));
        assertThat(new UnitCatalog(units, successions, LocalDate.parse("2026-11-27")).today(1))
                .extracting(AdministrativeUnit::id).containsExactly(1L);
        assertThat(new UnitCatalog(units, successions, end.plusDays(1)).today(1))
                .extracting(AdministrativeUnit::id).containsExactly(2L);
    }

    @Test
    void theNewProvinceContainsEveryUnitOfBothOldOnes() {
        assertThat(catalog.within(3)).contains(1, 2, 3, 10, 11, 12, 13, 20, 21);
        assertThat(catalog.within(21)).contains(11, 13, 21).doesNotContain(10, 12);
    }
}
