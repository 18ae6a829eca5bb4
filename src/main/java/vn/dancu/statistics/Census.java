package vn.dancu.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import vn.dancu.registry.Demographics;
import vn.dancu.registry.HouseholdProfile;

/**
 * The figure keys a profile counts in on a day (docs/statistics.md, "Facts"): a pure function, so
 * that the journal listener, the nightly step and the rebuild count exactly alike. Units are those
 * the registry recorded; {@link Tally} maps them to today's communes and provinces. For {@code moves}
 * the origin is recorded as the origin commune in {@code k1} and becomes its province when folded,
 * where a move inside one province (as units are today) counts nowhere.
 */
final class Census {

    static final List<String> POPULATION_FACTS = List.of("population", "adults", "ethnicity", "religion", "nationality",
            "marital", "residence", "households", "births", "deaths", "moves", "quality");
    static final int ADULT = 18;
    /** The age from which a citizen must hold an identity card (Luật Căn cước 2023, Điều 19). */
    static final int CARD_DUE = 14;
    static final int OLDEST_GROUP = 100;
    /** Every age at which a person's figures change: the 5-year groups, the card age and adulthood. */
    static final Set<Integer> AGE_BOUNDARIES;

    static {
        Set<Integer> ages = new TreeSet<>();
        IntStream.iterate(5, a -> a <= OLDEST_GROUP, a -> a + 5).forEach(ages::add);
        ages.add(CARD_DUE);
        ages.add(ADULT);
        AGE_BOUNDARIES = Set.copyOf(ages);
    }

    private Census() {
    }

    /** Completed years on {@code day}; 0 for someone born later (counted as a newborn until then). */
    static int age(LocalDate dateOfBirth, LocalDate day) {
        return (int) Math.max(0, ChronoUnit.YEARS.between(dateOfBirth, day));
    }

    static String ageGroup(int age) {
        if (age >= OLDEST_GROUP) {
            return OLDEST_GROUP + "+";
        }
        int low = age / 5 * 5;
        return String.format("%02d-%02d", low, low + 4);
    }

    static String householdSize(int members) {
        return members >= 10 ? "10+" : String.valueOf(members);
    }

    static String month(LocalDate day) {
        return day.toString().substring(0, 7);
    }

    /** Hands over the keys {@code person} counts in on {@code day}, each with {@code sign} (+1 or −1). */
    static void person(Demographics person, LocalDate day, long sign, Consumer<Journal.Delta> into) {
        into.accept(new Journal.Delta("births", person.birthUnitId(), month(person.dateOfBirth()), null, null, sign));
        List<Demographics.Residence> permanent = person.permanentHistory();
        for (int i = 1; i < permanent.size(); i++) {
            Demographics.Residence from = permanent.get(i - 1);
            Demographics.Residence to = permanent.get(i);
            if (from.unitId() != to.unitId()) {
                into.accept(new Journal.Delta("moves", to.unitId(), String.valueOf(from.unitId()), month(to.from()), null, sign));
            }
        }
        if (person.deceased()) {
            long unit = person.livingUnitOn(person.dateOfDeath());
            into.accept(new Journal.Delta("deaths", unit, month(person.dateOfDeath()), null, null, sign));
            quality(into, unit, "deceased", sign);
            if (person.deathDocumented()) {
                quality(into, unit, "deceased_documented", sign);
            }
            return;
        }
        long unit = person.livingUnitOn(day);
        int age = age(person.dateOfBirth(), day);
        into.accept(new Journal.Delta("population", unit, person.sex(), ageGroup(age), null, sign));
        if (age >= ADULT) {
            into.accept(new Journal.Delta("adults", unit, null, null, null, sign));
        }
        into.accept(new Journal.Delta("ethnicity", unit, person.ethnicity(), null, null, sign));
        into.accept(new Journal.Delta("religion", unit, person.religion() == null ? "NONE" : person.religion(), null, null, sign));
        into.accept(new Journal.Delta("nationality", unit, person.nationality(), null, null, sign));
        into.accept(new Journal.Delta("marital", unit, person.maritalStatus(), null, null, sign));
        boolean housed = false;
        for (Demographics.Residence r : person.residencesOn(day)) {
            into.accept(new Journal.Delta("residence", r.unitId(), r.type(), null, null, sign));
            housed |= !r.type().equals("TEMPORARY_ABSENCE") && !r.type().equals("STAY_NOTIFICATION");
        }
        quality(into, unit, "living", sign);
        if (housed) {
            quality(into, unit, "with_residence", sign);
        }
        if (age >= CARD_DUE) {
            quality(into, unit, "card_due", sign);
            if (person.card() != null && person.card().validOn(day)) {
                quality(into, unit, "with_valid_card", sign);
            }
        }
    }

    static void household(HouseholdProfile household, long sign, Consumer<Journal.Delta> into) {
        if (household.livingMembers() > 0) {
            into.accept(new Journal.Delta("households", household.unitId(), householdSize(household.livingMembers()), null, null, sign));
        }
    }

    private static void quality(Consumer<Journal.Delta> into, long unit, String measure, long sign) {
        into.accept(new Journal.Delta("quality", unit, measure, null, null, sign));
    }

    /**
     * The dates of birth of those whose age crosses a boundary between the eve of {@code day} and
     * {@code day}: one per boundary, and two when the day is 1 March after a 28-day February (a
     * person born on 29 February has their birthday then in common years).
     */
    static Set<LocalDate> birthdaysCrossing(LocalDate day) {
        Set<LocalDate> dates = new TreeSet<>();
        LocalDate eve = day.minusDays(1);
        for (int boundary : AGE_BOUNDARIES) {
            LocalDate around = day.minusYears(boundary);
            for (LocalDate candidate = around.minusDays(2); !candidate.isAfter(around.plusDays(2)); candidate = candidate.plusDays(1)) {
                if (age(candidate, day) >= boundary && age(candidate, eve) < boundary) {
                    dates.add(candidate);
                }
            }
        }
        return dates;
    }
}
