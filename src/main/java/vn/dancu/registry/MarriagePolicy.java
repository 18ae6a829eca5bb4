package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The conditions of a marriage (Luật Hôn nhân và gia đình 2014, Điều 5 and 8): a man of 20 and a
 * woman of 18 or more, both alive, neither married, not parent and child nor brother and sister.
 * The rules are checked in the order {@link #allCurrentPolicies()} lists them; the first refusal answers.
 */
final class MarriagePolicy {

    static final int MIN_AGE_MAN = 20;
    static final int MIN_AGE_WOMAN = 18;

    private MarriagePolicy() {
    }

    /**
     * Two persons who would marry on {@code date}; {@code first} is the one the request's path names
     * (field {@code personalId}), {@code spouse} the one its body names ({@code spousePersonalId}).
     */
    record Couple(Person first, Person spouse, LocalDate date) {

        Person man() {
            return first.gender() == Gender.MALE ? first : spouse;
        }

        Person woman() {
            return man() == first ? spouse : first;
        }

        String fieldOf(Person person) {
            return person.personalId().equals(first.personalId()) ? "personalId" : "spousePersonalId";
        }
    }

    @FunctionalInterface
    interface Rule {
        Optional<Refusal> check(Couple couple);
    }

    /** Vietnamese law registers the marriage of a man and a woman. */
    static final Rule MAN_AND_WOMAN = c -> c.man().gender() == Gender.MALE && c.woman().gender() == Gender.FEMALE
            ? Optional.empty()
            : Optional.of(Refusal.invalid("spousePersonalId", "SAME_GENDER", "Vietnamese law registers the marriage of a man and a woman"));

    /** A man marries from 20, a woman from 18, counted on the day of the marriage. */
    static final Rule OF_AGE = c -> firstOf(
            () -> ofAge(c, c.man(), MIN_AGE_MAN, "man"),
            () -> ofAge(c, c.woman(), MIN_AGE_WOMAN, "woman"));

    /** Parents and children, and brothers and sisters (by either parent), may not marry. */
    static final Rule NOT_CLOSE_RELATIVES = c -> closeRelatives(c.man(), c.woman())
            ? Optional.of(Refusal.conflict("CLOSE_RELATIVES", "Parents and children, and brothers and sisters, may not marry"))
            : Optional.empty();

    /** Each of them, the man first, is alive and not married. */
    static final Rule BOTH_FREE = c -> firstOf(
            () -> AlivePolicy.alive(c.man()), () -> unmarried(c.man()),
            () -> AlivePolicy.alive(c.woman()), () -> unmarried(c.woman()));

    /** A marriage is registered on today or an earlier day: a rule of the request's own fields. */
    static Optional<Refusal> registeredByToday(LocalDate date, LocalDate today) {
        if (date != null && date.isAfter(today)) {
            return Optional.of(Refusal.invalid("date", "IN_FUTURE", "A marriage is registered on today or an earlier day"));
        }
        return Optional.empty();
    }

    /** The spouse is another person: a rule of the request's own fields. */
    static Optional<Refusal> twoPersons(Person first, Person spouse) {
        if (spouse != null && spouse.id() == first.id()) {
            return Optional.of(Refusal.invalid("spousePersonalId", "SAME_PERSON", "A person cannot marry themselves"));
        }
        return Optional.empty();
    }

    static List<Rule> allCurrentPolicies() {
        return List.of(MAN_AND_WOMAN, OF_AGE, NOT_CLOSE_RELATIVES, BOTH_FREE);
    }

    /** The first rule that refuses the couple, or empty when they may marry. */
    static Optional<Refusal> refusal(Couple couple) {
        return allCurrentPolicies().stream().map(rule -> rule.check(couple)).flatMap(Optional::stream).findFirst();
    }

    private static Optional<Refusal> ofAge(Couple c, Person person, int years, String who) {
        if (person.dateOfBirth().plusYears(years).isAfter(c.date())) {
            return Optional.of(Refusal.invalid(c.fieldOf(person), "UNDER_AGE", "A " + who + " marries from the age of " + years));
        }
        return Optional.empty();
    }

    private static Optional<Refusal> unmarried(Person person) {
        return person.maritalStatus() == MaritalStatus.MARRIED
                ? Optional.of(Refusal.conflict("ALREADY_MARRIED", "The person " + person.personalId() + " is married"))
                : Optional.empty();
    }

    private static boolean closeRelatives(Person a, Person b) {
        boolean parentAndChild = Objects.equals(a.fatherId(), b.id()) || Objects.equals(a.motherId(), b.id())
                || Objects.equals(b.fatherId(), a.id()) || Objects.equals(b.motherId(), a.id());
        boolean siblings = (a.fatherId() != null && a.fatherId().equals(b.fatherId()))
                || (a.motherId() != null && a.motherId().equals(b.motherId()));
        return parentAndChild || siblings;
    }

    @SafeVarargs
    private static Optional<Refusal> firstOf(java.util.function.Supplier<Optional<Refusal>>... checks) {
        return Stream.of(checks).map(java.util.function.Supplier::get).flatMap(Optional::stream).findFirst();
    }
}
