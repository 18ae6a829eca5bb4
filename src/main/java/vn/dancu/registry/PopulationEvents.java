package vn.dancu.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import vn.dancu.units.Units;

/**
 * Publishes {@link PopulationChange} for the registry's writes: {@link #watch} reads the profiles
 * before the write, {@link Watch#publish} reads them after it and publishes both, in the write's
 * transaction. With {@code dancu.statistics.enabled=false} (the write-cost benchmark's baseline)
 * it reads and publishes nothing.
 */
@Component
class PopulationEvents {

    private final DemographicsRepository profiles;
    private final ApplicationEventPublisher events;
    private final Units units;
    private final boolean enabled;

    PopulationEvents(DemographicsRepository profiles, ApplicationEventPublisher events, Units units,
                     @Value("${dancu.statistics.enabled:true}") boolean enabled) {
        this.profiles = profiles;
        this.events = events;
        this.units = units;
        this.enabled = enabled;
    }

    /** Reads the profiles of these persons and households (ids; nulls are skipped) before they change. */
    Watch watch(Collection<Long> personIds, Collection<Long> householdIds) {
        List<Long> persons = clean(personIds);
        List<Long> households = clean(householdIds);
        if (!enabled) {
            return new Watch(persons, households, List.of(), List.of());
        }
        profiles.lockHouseholds(households);
        return new Watch(persons, households, profiles.ofPersons(persons, units.today()), profiles.households(households));
    }

    /** Reads the profile of the person, and of these households, before they change. */
    Watch watchPerson(long personId, Long... householdIds) {
        return watch(List.of(personId), java.util.Arrays.asList(householdIds));
    }

    private static List<Long> clean(Collection<Long> ids) {
        return ids.stream().filter(Objects::nonNull).distinct().toList();
    }

    final class Watch {

        private final List<Long> persons;
        private final List<Long> households;
        private final List<Demographics> before;
        private final List<HouseholdProfile> householdsBefore;

        private Watch(List<Long> persons, List<Long> households, List<Demographics> before, List<HouseholdProfile> householdsBefore) {
            this.persons = new ArrayList<>(persons);
            this.households = new ArrayList<>(households);
            this.before = before;
            this.householdsBefore = householdsBefore;
        }

        /** Persons and households the write creates: they have no profile before it, and one after. */
        void include(Collection<Long> newPersons, Collection<Long> newHouseholds) {
            persons.addAll(newPersons);
            households.addAll(newHouseholds);
        }

        /** Publishes the change: the watched profiles now, with the persons and households included since. */
        void publish() {
            if (!enabled) {
                return;
            }
            events.publishEvent(new PopulationChange(before, profiles.ofPersons(clean(persons), units.today()),
                    householdsBefore, profiles.households(clean(households))));
        }
    }
}
