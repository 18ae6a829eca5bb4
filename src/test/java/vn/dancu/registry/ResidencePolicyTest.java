package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ResidencePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    private static Residence open(ResidenceType type, String from) {
        return new Residence(7, type.name(), 1, "Số 1", LocalDate.parse(from), null);
    }

    @ParameterizedTest
    @EnumSource(value = ResidenceType.class, names = {"STAY_NOTIFICATION", "TEMPORARY_ABSENCE"})
    void onlyAStayOrAnAbsenceIsAnnouncedAhead(ResidenceType type) {
        assertThat(ResidencePolicy.startsByToday(type, TODAY.plusDays(3), TODAY)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = ResidenceType.class, names = {"PERMANENT", "TEMPORARY", "CURRENT"})
    void aLivingResidenceStartsByToday(ResidenceType type) {
        assertThat(ResidencePolicy.startsByToday(type, TODAY, TODAY)).isEmpty();
        assertThat(ResidencePolicy.startsByToday(type, TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("from", "IN_FUTURE");
    }

    @Test
    void aResidenceEndsOnOrAfterItsStart() {
        assertThat(ResidencePolicy.endsAfterStart(TODAY, TODAY)).isEmpty();
        assertThat(ResidencePolicy.endsAfterStart(TODAY, TODAY.minusDays(1))).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("to", "BEFORE_START");
    }

    @Test
    void aStayNotificationAndATemporaryAbsenceNameTheirEnd() {
        assertThat(ResidencePolicy.endNamed(ResidenceType.STAY_NOTIFICATION, null)).get()
                .extracting(Refusal::code, Refusal::message).containsExactly("REQUIRED", "A stay notification needs an end date");
        assertThat(ResidencePolicy.endNamed(ResidenceType.TEMPORARY_ABSENCE, TODAY)).isEmpty();
        assertThat(ResidencePolicy.endNamed(ResidenceType.PERMANENT, null)).isEmpty();
    }

    @Test
    void aTemporaryResidenceLastsAtMostTwoYears() {
        assertThat(ResidencePolicy.temporaryWithinLimit(ResidenceType.TEMPORARY, TODAY, TODAY.plusYears(2))).isEmpty();
        assertThat(ResidencePolicy.temporaryWithinLimit(ResidenceType.TEMPORARY, TODAY, TODAY.plusYears(2).plusDays(1))).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("to", "TOO_LONG");
        assertThat(ResidencePolicy.temporaryWithinLimit(ResidenceType.STAY_NOTIFICATION, TODAY, TODAY.plusYears(3))).isEmpty();
    }

    @Test
    void aTemporaryResidenceWithoutAnEndLastsTwoYears() {
        assertThat(ResidencePolicy.end(ResidenceType.TEMPORARY, TODAY, null)).isEqualTo(TODAY.plusYears(2).minusDays(1));
        assertThat(ResidencePolicy.end(ResidenceType.TEMPORARY, TODAY, TODAY.plusMonths(6))).isEqualTo(TODAY.plusMonths(6));
        assertThat(ResidencePolicy.end(ResidenceType.PERMANENT, TODAY, null)).isNull();
    }

    @Test
    void everyRuleOnTheDatesIsReportedAtOnce() {
        assertThat(ResidencePolicy.registration(ResidenceType.STAY_NOTIFICATION, TODAY, null, TODAY))
                .extracting(Refusal::code).containsExactly("REQUIRED");
        assertThat(ResidencePolicy.registration(null, TODAY.plusDays(1), TODAY, TODAY))
                .extracting(Refusal::code).containsExactly("IN_FUTURE", "BEFORE_START");
        assertThat(ResidencePolicy.registration(ResidenceType.PERMANENT, TODAY, null, TODAY)).isEmpty();
    }

    @Test
    void aResidenceStartsAfterBirth() {
        Person person = APerson.man().born("2000-01-01").build();
        assertThat(ResidencePolicy.startsAfterBirth(person, LocalDate.of(2000, 1, 1))).isEmpty();
        assertThat(ResidencePolicy.startsAfterBirth(person, LocalDate.of(1999, 12, 31))).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("from", "BEFORE_BIRTH");
    }

    @Test
    void residenceDoesNotChangeAfterDeath() {
        assertThat(ResidencePolicy.alive(APerson.man().build())).isEmpty();
        assertThat(ResidencePolicy.alive(APerson.man().diedOn("2026-01-02").build())).get()
                .extracting(Refusal::code, Refusal::message)
                .containsExactly("PERSON_DECEASED", "The person died on 2026-01-02; residence cannot change after death");
    }

    @Test
    void aNewResidenceStartsAfterTheOpenOneOfItsType() {
        Residence permanent = open(ResidenceType.PERMANENT, "2020-01-01");
        assertThat(ResidencePolicy.openOfType(permanent, ResidenceType.PERMANENT, TODAY)).isTrue();
        assertThat(ResidencePolicy.openOfType(permanent, ResidenceType.TEMPORARY, TODAY)).isFalse();
        assertThat(ResidencePolicy.replaces(permanent, ResidenceType.PERMANENT, TODAY)).isEmpty();
        assertThat(ResidencePolicy.replaces(permanent, ResidenceType.PERMANENT, LocalDate.of(2020, 1, 1))).get()
                .extracting(Refusal::code, Refusal::kind).containsExactly("RESIDENCE_OVERLAP", Refusal.Kind.CONFLICT);
    }

    @Test
    void aClosedResidenceIsNotOpen() {
        Residence closed = new Residence(7, "CURRENT", 1, "Số 1", LocalDate.parse("2020-01-01"), LocalDate.parse("2021-01-01"));
        assertThat(ResidencePolicy.openOfType(closed, ResidenceType.CURRENT, LocalDate.parse("2021-01-01"))).isTrue();
        assertThat(ResidencePolicy.openOfType(closed, ResidenceType.CURRENT, LocalDate.parse("2021-01-02"))).isFalse();
    }

    @Test
    void aResidenceIsRemovedFromItsStartUntilToday() {
        assertThat(ResidencePolicy.removalByToday(TODAY, TODAY)).isEmpty();
        assertThat(ResidencePolicy.removalByToday(TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("date", "IN_FUTURE");
        Residence permanent = open(ResidenceType.PERMANENT, "2020-01-01");
        assertThat(ResidencePolicy.removalAfterStart(permanent, LocalDate.parse("2020-01-01"))).isEmpty();
        assertThat(ResidencePolicy.removalAfterStart(permanent, LocalDate.parse("2019-12-31"))).get()
                .extracting(Refusal::code).isEqualTo("BEFORE_START");
        assertThat(ResidencePolicy.nothingOpen(ResidenceType.TEMPORARY_ABSENCE, TODAY).message())
                .isEqualTo("The person has no temporary_absence residence open on 2026-12-05");
    }
}
