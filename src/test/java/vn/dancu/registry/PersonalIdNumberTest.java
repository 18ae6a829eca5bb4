package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PersonalIdNumberTest {

    @ParameterizedTest(name = "{1} born {2} in province {0} -> {3}")
    @CsvSource({
            "001, MALE, 1975, 0010750",
            "001, FEMALE, 1978, 0011780",
            "079, MALE, 2005, 0792050",
            "079, FEMALE, 2026, 0793260",
            "030, MALE, 2100, 0304000",
            "096, FEMALE, 2399, 0969990"})
    void theCenturyDigitEncodesCenturyAndGender(String code, Gender gender, int year, String expectedStart) {
        PersonalIdNumber number = PersonalIdNumber.compose(code, gender, year, 42);
        assertThat(number.value()).startsWith(expectedStart).endsWith("000042").hasSize(12);
        assertThat(number.gender()).isEqualTo(gender);
        assertThat(number.birthYear()).isEqualTo(year);
        assertThat(number.century()).isEqualTo(year / 100 + 1);
        assertThat(number.issuingCode()).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "00107550077", "0010755007701", "00107550077A", "001 75500770", "００１０７５５００７７０"})
    void onlyTwelveAsciiDigitsAreANumber(String value) {
        assertThat(PersonalIdNumber.isWellFormed(value)).isFalse();
        assertThatThrownBy(() -> new PersonalIdNumber(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(ints = {1899, 2400})
    void birthYearsOutsideTheFiveCenturiesCannotBeEncoded(int year) {
        assertThatThrownBy(() -> PersonalIdNumber.compose("001", Gender.MALE, year, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @org.junit.jupiter.api.Test
    void aNumberContradictsTheWrongGenderOrYear() {
        PersonalIdNumber number = new PersonalIdNumber("001178000001");
        assertThat(number.contradicts(Gender.FEMALE, 1978)).isEmpty();
        assertThat(number.contradicts(Gender.MALE, 1978)).isPresent();
        assertThat(number.contradicts(Gender.FEMALE, 1979)).isPresent();
    }

    @org.junit.jupiter.api.Test
    void aRequestsNumberIsReadOnceWithEveryRefusalNamingItsField() {
        assertThat(PersonalIdNumber.parse(" 001178000001 ")).contains(new PersonalIdNumber("001178000001"));
        assertThat(PersonalIdNumber.parse("0011780000")).isEmpty();
        vn.dancu.platform.FieldErrors errors = new vn.dancu.platform.FieldErrors();
        assertThat(PersonalIdNumber.field(errors, "fatherPersonalId", "00117800000x")).isNull();
        assertThat(PersonalIdNumber.field(errors, "motherPersonalId", "001178000001")).isEqualTo(new PersonalIdNumber("001178000001"));
        assertThat(errors.problems()).containsExactly(new vn.dancu.platform.ApiProblem.FieldProblem("fatherPersonalId",
                "INVALID_PERSONAL_ID", "A personal ID number has exactly 12 digits"));
    }

    @org.junit.jupiter.api.Test
    void aPathsMalformedNumberIsABadRequest() {
        assertThat(PersonalIdNumber.require("001178000001").value()).isEqualTo("001178000001");
        assertThatThrownBy(() -> PersonalIdNumber.require("1234")).isInstanceOfSatisfying(vn.dancu.platform.ApiProblem.class,
                p -> assertThat(p.code()).isEqualTo("INVALID_PERSONAL_ID"));
    }
}
