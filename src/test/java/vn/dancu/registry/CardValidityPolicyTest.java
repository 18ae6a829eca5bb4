package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CardValidityPolicyTest {

    @ParameterizedTest(name = "born 2000-05-10, issued {0} -> valid until {1}")
    @CsvSource({
            "2010-01-01, 2014-05-10",   // under 12: until 14
            "2012-05-10, 2025-05-10",   // within two years of 14: until 25
            "2014-06-01, 2025-05-10",
            "2022-12-31, 2025-05-10",
            "2023-05-10, 2040-05-10",   // within two years of 25: until 40
            "2038-05-10, 2060-05-10",
            "2057-05-09, 2060-05-10"})
    void cardsAreRenewedAt14_25_40And60WithTwoYearsGrace(LocalDate issued, LocalDate expiry) {
        assertThat(CardValidityPolicy.expiry(LocalDate.parse("2000-05-10"), issued)).contains(expiry);
    }

    @ParameterizedTest
    @CsvSource({"2058-05-10", "2070-01-01"})
    void aCardIssuedFrom58IsValidForLife(LocalDate issued) {
        assertThat(CardValidityPolicy.expiry(LocalDate.parse("2000-05-10"), issued)).isEmpty();
    }
}
