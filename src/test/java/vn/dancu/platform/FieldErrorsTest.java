package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.YearMonth;
import org.junit.jupiter.api.Test;

class FieldErrorsTest {

    private enum Colour { RED, GREEN }

    @Test
    void aTextIsTrimmedWithSingleSpacesAndNoControlCharacters() {
        FieldErrors errors = new FieldErrors();
        assertThat(errors.optionalText("a", " Số 1  phố\tHuế ", 50)).isEqualTo("Số 1 phố Huế");
        assertThat(errors.optionalText("b", "Số 1 phố Huế", 50)).isEqualTo("Số 1 phố Huế");
        assertThat(errors.optionalText("c", "a\u0007b", 50)).isNull();
        assertThat(errors.optionalText("d", "x".repeat(51), 50)).isNull();
        assertThat(errors.problems()).extracting(ApiProblem.FieldProblem::code).containsExactly("INVALID_CHARACTERS", "TOO_LONG");
    }

    @Test
    void anEnumIsReadByItsNameIgnoringCaseAndBlanks() {
        FieldErrors errors = new FieldErrors();
        assertThat(errors.oneOf("colour", " green ", Colour.class)).isEqualTo(Colour.GREEN);
        assertThat(errors.isEmpty()).isTrue();
    }

    @Test
    void anUnknownOrMissingNameIsRefusedListingTheNamesInOrder() {
        FieldErrors errors = new FieldErrors();
        assertThat(errors.oneOf("colour", "BLUE", Colour.class)).isNull();
        assertThat(errors.oneOf("shade", " ", Colour.class)).isNull();
        assertThat(errors.problems()).containsExactly(
                new ApiProblem.FieldProblem("colour", "NOT_ALLOWED", "colour must be one of [RED, GREEN]"),
                new ApiProblem.FieldProblem("shade", "REQUIRED", "shade is required, one of [RED, GREEN]"));
    }

    @Test
    void aMonthIsWrittenYearDashMonth() {
        FieldErrors errors = new FieldErrors();
        assertThat(errors.month("month", " 2026-02 ")).isEqualTo(YearMonth.of(2026, 2));
        assertThat(errors.month("month", "2026-2")).isNull();
        assertThat(errors.month("month", null)).isNull();
        assertThat(errors.problems()).extracting(ApiProblem.FieldProblem::code).containsExactly("INVALID_FORMAT", "INVALID_FORMAT");
        assertThatThrownBy(errors::throwIfAny).isInstanceOfSatisfying(ApiProblem.class,
                p -> assertThat(p.code()).isEqualTo("VALIDATION_FAILED"));
    }

    @Test
    void datesAndMonthsAreReadOneWayForEveryReader() {
        assertThat(FieldErrors.isoDate(" 2026-12-05 ")).contains(java.time.LocalDate.of(2026, 12, 5));
        assertThat(FieldErrors.isoDate("05/12/2026")).isEmpty();
        assertThat(FieldErrors.isoDate(null)).isEmpty();
        // the fast path for yyyy-MM-dd refuses what the strict ISO parse refuses
        assertThat(FieldErrors.isoDate("2024-02-29")).contains(java.time.LocalDate.of(2024, 2, 29));
        assertThat(FieldErrors.isoDate("2023-02-29")).isEmpty();
        assertThat(FieldErrors.isoDate("2023-13-01")).isEmpty();
        assertThat(FieldErrors.isoDate("2023-00-10")).isEmpty();
        assertThat(FieldErrors.isoDate("2023-1a-01")).isEmpty();
        assertThat(FieldErrors.isoDate("2023-1-01")).isEmpty();
        assertThat(FieldErrors.isoDate("+12023-01-01")).contains(java.time.LocalDate.of(12023, 1, 1));
        assertThat(FieldErrors.isoMonth("2026-12")).contains(YearMonth.of(2026, 12));
        assertThat(FieldErrors.isoMonth("2026-13")).isEmpty();
    }

    @Test
    void idNumbersHaveTwelveOrNineAsciiDigits() {
        assertThat(IdNumbers.isPersonalId("001178000001")).isTrue();
        assertThat(IdNumbers.isPersonalId("00117800000")).isFalse();
        assertThat(IdNumbers.isLegacyId("012345678")).isTrue();
        assertThat(IdNumbers.isLegacyId("01234567x")).isFalse();
        assertThat(IdNumbers.isLegacyId(null)).isFalse();
    }
}
