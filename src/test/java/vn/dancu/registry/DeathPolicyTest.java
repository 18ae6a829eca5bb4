package vn.dancu.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class DeathPolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 5);

    @Test
    void aDeathIsRecordedOnTodayOrEarlier() {
        assertThat(DeathPolicy.deathByToday(TODAY, TODAY)).isEmpty();
        assertThat(DeathPolicy.deathByToday(null, TODAY)).isEmpty();
        assertThat(DeathPolicy.deathByToday(TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("dateOfDeath", "IN_FUTURE");
    }

    @Test
    void aPersonDiesAfterBirth() {
        Person person = APerson.man().born("1990-01-01").build();
        assertThat(DeathPolicy.deathAfterBirth(person, LocalDate.of(1990, 1, 1))).isEmpty();
        assertThat(DeathPolicy.deathAfterBirth(person, LocalDate.of(1989, 12, 31))).get()
                .extracting(Refusal::code).isEqualTo("BEFORE_BIRTH");
    }

    @Test
    void aDeathIsRecordedOnce() {
        assertThat(DeathPolicy.notYetDead(APerson.man().missing().build())).isEmpty();
        assertThat(DeathPolicy.notYetDead(APerson.man().diedOn("2025-03-04").build())).get()
                .extracting(Refusal::code, Refusal::message)
                .containsExactly("PERSON_DECEASED", "The death of this person is already recorded (2025-03-04)");
    }

    @Test
    void aPersonGoesMissingBetweenBirthAndToday() {
        Person person = APerson.man().born("1990-01-01").build();
        assertThat(DeathPolicy.missingInLifetime(person, TODAY, TODAY)).isEmpty();
        assertThat(DeathPolicy.missingInLifetime(person, TODAY.plusDays(1), TODAY)).get()
                .extracting(Refusal::field, Refusal::code).containsExactly("dateMissing", "OUT_OF_RANGE");
        assertThat(DeathPolicy.missingInLifetime(person, LocalDate.of(1989, 1, 1), TODAY)).isPresent();
    }

    @Test
    void onlyALivingPersonIsDeclaredMissing() {
        assertThat(DeathPolicy.missingWhileAlive(APerson.man().build())).isEmpty();
        assertThat(DeathPolicy.missingWhileAlive(APerson.man().missing().build())).get()
                .extracting(Refusal::code, Refusal::message).containsExactly("PERSON_NOT_ALIVE", "The person is already recorded as MISSING");
    }
}
