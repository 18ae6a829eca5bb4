package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules of registering and removing a residence (Luật Cư trú 2020): which types may start
 * ahead, which need an end, how long a temporary residence lasts, and that a person has one open
 * residence of each living type at a time.
 */
final class ResidencePolicy {

    /** A temporary residence is registered for at most two years at a time (Luật Cư trú, Điều 27). */
    static final int TEMPORARY_YEARS = 2;

    private ResidencePolicy() {
    }

    /**
     * The rules on the dates of a registration, all of them: each refusal names its field.
     * {@code type} is null when the request's type is wrong itself; so are the dates.
     */
    static List<Refusal> registration(ResidenceType type, LocalDate from, LocalDate to, LocalDate today) {
        return Stream.of(startsByToday(type, from, today), endsAfterStart(from, to), endNamed(type, to), temporaryWithinLimit(type, from, to))
                .flatMap(Optional::stream).toList();
    }

    /** Only a stay notification or a temporary absence is announced ahead; the other types start by today. */
    static Optional<Refusal> startsByToday(ResidenceType type, LocalDate from, LocalDate today) {
        if (from != null && from.isAfter(today) && (type == null || !type.mayStartInFuture())) {
            return Optional.of(Refusal.invalid("from", "IN_FUTURE", "Only a stay notification or a temporary absence may start in the future"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> endsAfterStart(LocalDate from, LocalDate to) {
        if (from != null && to != null && to.isBefore(from)) {
            return Optional.of(Refusal.invalid("to", "BEFORE_START", "to is before from"));
        }
        return Optional.empty();
    }

    /** A stay notification and a temporary absence name their end. */
    static Optional<Refusal> endNamed(ResidenceType type, LocalDate to) {
        if (to == null && type != null && type.needsEnd()) {
            return Optional.of(Refusal.invalid("to", "REQUIRED", "A " + words(type) + " needs an end date"));
        }
        return Optional.empty();
    }

    static Optional<Refusal> temporaryWithinLimit(ResidenceType type, LocalDate from, LocalDate to) {
        if (type == ResidenceType.TEMPORARY && from != null && to != null && to.isAfter(from.plusYears(TEMPORARY_YEARS))) {
            return Optional.of(Refusal.invalid("to", "TOO_LONG", "A temporary residence is registered for at most 2 years at a time"));
        }
        return Optional.empty();
    }

    /** A residence starts on or after the person's birth. */
    static Optional<Refusal> startsAfterBirth(Person person, LocalDate from) {
        if (from.isBefore(person.dateOfBirth())) {
            return Optional.of(Refusal.invalid("from", "BEFORE_BIRTH", "The residence starts before the person was born"));
        }
        return Optional.empty();
    }

    /** Residence does not change after death. */
    static Optional<Refusal> alive(Person person) {
        if (person.isDeceased()) {
            return Optional.of(Refusal.conflict("PERSON_DECEASED", "The person died on " + person.dateOfDeath()
                    + "; residence cannot change after death"));
        }
        return Optional.empty();
    }

    /** The end a registration is recorded with: a temporary residence lasts two years unless it says less. */
    static LocalDate end(ResidenceType type, LocalDate from, LocalDate to) {
        return type == ResidenceType.TEMPORARY && to == null ? from.plusYears(TEMPORARY_YEARS).minusDays(1) : to;
    }

    /** Whether {@code residence} is of this type and still open on {@code date}. */
    static boolean openOfType(Residence residence, ResidenceType type, LocalDate date) {
        return residence.type().equals(type.name()) && (residence.to() == null || !residence.to().isBefore(date));
    }

    /**
     * A new residence of a living type closes the open one of its type the day before it starts;
     * it cannot start on or before the day the open one started.
     */
    static Optional<Refusal> replaces(Residence open, ResidenceType type, LocalDate from) {
        if (!open.from().isBefore(from)) {
            return Optional.of(Refusal.conflict("RESIDENCE_OVERLAP", "The current " + type.name().toLowerCase(Locale.ROOT)
                    + " residence started on " + open.from() + "; a new one must start later"));
        }
        return Optional.empty();
    }

    /** A residence is removed from today or an earlier day. */
    static Optional<Refusal> removalByToday(LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            return Optional.of(Refusal.invalid("date", "IN_FUTURE", "A residence is removed from today or an earlier day"));
        }
        return Optional.empty();
    }

    static Refusal nothingOpen(ResidenceType type, LocalDate date) {
        return Refusal.conflict("NO_OPEN_RESIDENCE", "The person has no " + type.name().toLowerCase(Locale.ROOT)
                + " residence open on " + date);
    }

    /** A residence ends on or after the day it started. */
    static Optional<Refusal> removalAfterStart(Residence open, LocalDate date) {
        if (date.isBefore(open.from())) {
            return Optional.of(Refusal.invalid("date", "BEFORE_START", "The residence started on " + open.from()));
        }
        return Optional.empty();
    }

    private static String words(ResidenceType type) {
        return type.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
