package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RegistryEventTest {

    /** Members branch on these names (docs/api/exchange-v1.md): renaming one breaks them. */
    @Test
    void theKindsMembersSeeKeepTheirPublishedNames() {
        assertThat(Arrays.stream(RegistryEvent.Kind.values()).map(RegistryEvent.Kind::type)).containsExactly(
                "person.born", "person.died", "person.missing", "person.married", "person.name_changed",
                "person.residence_changed", "person.card_issued", "person.legacy_id_linked", "person.document_recorded",
                "household.changed");
    }

    @Test
    void eachEventNamesItsKindAndOnlyAHouseholdChangeItsHousehold() {
        RegistryEvent died = new RegistryEvent.Died("001090000001", LocalDate.of(2026, 1, 1));
        assertThat(died.type()).isEqualTo("person.died");
        assertThat(died.householdId()).isNull();
        RegistryEvent joined = new RegistryEvent.HouseholdChanged("001090000001", 5L);
        assertThat(joined.type()).isEqualTo("household.changed");
        assertThat(joined.householdId()).isEqualTo(5L);
        assertThat(new RegistryEvent.DeclaredMissing("001090000001").kind()).isEqualTo(RegistryEvent.Kind.MISSING);
    }
}
