package vn.dancu.registry;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The rules of a birth registration (Luật Hộ tịch 2014, Điều 13-17): when the child was born and
 * registered, and who may be named as the parents.
 */
final class BirthPolicy {

    /** Personal ID numbers encode birth years from 1900 (DOMAIN.md §1). */
    static final int FIRST_YEAR = 1900;
    /** A father may die before the birth, within a pregnancy's length. */
    static final int MONTHS_BEFORE_BIRTH = 10;

    private BirthPolicy() {
    }

    /** A child is born on or before today, in a year personal ID numbers can encode. */
    static Optional<Refusal> dateOfBirth(LocalDate dateOfBirth, LocalDate today) {
        if (dateOfBirth.isAfter(today)) {
            return Optional.of(Refusal.invalid("dateOfBirth", "IN_FUTURE", "The date of birth is after today"));
        }
        if (dateOfBirth.getYear() < FIRST_YEAR) {
            return Optional.of(Refusal.invalid("dateOfBirth", "TOO_EARLY", "Personal ID numbers encode birth years from 1900"));
        }
        return Optional.empty();
    }

    /** A birth is registered between the birth and today (a past date for records migrated from paper). */
    static Optional<Refusal> registeredOn(LocalDate dateOfBirth, LocalDate registeredOn, LocalDate today) {
        if (!dateOfBirth.isAfter(today) && (registeredOn.isBefore(dateOfBirth) || registeredOn.isAfter(today))) {
            return Optional.of(Refusal.invalid("registeredOn", "OUT_OF_RANGE", "A birth is registered between the birth and today"));
        }
        return Optional.empty();
    }

    /**
     * A parent has the parent's gender, was born before the child and was alive, or dead for less
     * than a pregnancy, at the birth. {@code childBirth} is null when the child's date is wrong itself.
     */
    static List<Refusal> parent(String field, Person parent, Gender gender, LocalDate childBirth) {
        List<Refusal> refusals = new ArrayList<>();
        if (parent.gender() != gender) {
            refusals.add(Refusal.invalid(field, "WRONG_GENDER",
                    field + " must name a " + gender.name().toLowerCase(Locale.ROOT) + " person"));
        }
        if (childBirth != null && !parent.dateOfBirth().isBefore(childBirth)) {
            refusals.add(Refusal.invalid(field, "BORN_AFTER_CHILD", "The parent was born on or after the child's date of birth"));
        }
        if (childBirth != null && parent.dateOfDeath() != null
                && parent.dateOfDeath().isBefore(childBirth.minusMonths(MONTHS_BEFORE_BIRTH))) {
            refusals.add(Refusal.invalid(field, "DEAD_BEFORE_BIRTH", "The parent died long before the child's birth"));
        }
        return refusals;
    }
}
