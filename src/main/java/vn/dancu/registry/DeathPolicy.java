package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The rules of recording a death (Luật Hộ tịch 2014, Điều 32-34) and of declaring a person missing
 * (Bộ luật Dân sự 2015, Điều 68): dates between birth and today, and a life recorded ended once.
 */
final class DeathPolicy {

    private DeathPolicy() {
    }

    static Optional<Refusal> deathByToday(LocalDate dateOfDeath, LocalDate today) {
        if (dateOfDeath != null && dateOfDeath.isAfter(today)) {
            return Optional.of(Refusal.invalid("dateOfDeath", "IN_FUTURE", "The date of death is after today"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> deathAfterBirth(Person person, LocalDate dateOfDeath) {
        if (dateOfDeath.isBefore(person.dateOfBirth())) {
            return Optional.of(Refusal.invalid("dateOfDeath", "BEFORE_BIRTH", "The date of death is before the date of birth"));
        }
        return Optional.empty();
    }

    /** A death is recorded once. */
    static Optional<Refusal> notYetDead(Person person) {
        if (person.isDeceased()) {
            return Optional.of(Refusal.conflict("PERSON_DECEASED",
                    "The death of this person is already recorded (" + person.dateOfDeath() + ")"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> missingInLifetime(Person person, LocalDate dateMissing, LocalDate today) {
        if (dateMissing.isAfter(today) || dateMissing.isBefore(person.dateOfBirth())) {
            return Optional.of(Refusal.invalid("dateMissing", "OUT_OF_RANGE", "The date must lie between birth and today"));
        }
        return Optional.empty();
    }

    /** Only a living person is declared missing: not a dead one, nor one declared missing already. */
    static Optional<Refusal> missingWhileAlive(Person person) {
        if (person.status() != PersonStatus.ALIVE) {
            return Optional.of(Refusal.conflict("PERSON_NOT_ALIVE", "The person is already recorded as " + person.status()));
        }
        return Optional.empty();
    }
}
