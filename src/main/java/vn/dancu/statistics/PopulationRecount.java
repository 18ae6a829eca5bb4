package vn.dancu.statistics;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;
import vn.dancu.registry.PopulationProfiles;

/** The population facts counted again: every person and household of the registry through {@link Census}. */
@Component
class PopulationRecount implements Recount {

    private final PopulationProfiles profiles;

    PopulationRecount(PopulationProfiles profiles) {
        this.profiles = profiles;
    }

    @Override
    public List<String> facts() {
        return Census.POPULATION_FACTS;
    }

    @Override
    public void recount(LocalDate asOf, Consumer<Journal.Delta> into) {
        profiles.eachPerson(person -> Census.person(person, asOf, +1, into));
        profiles.eachHousehold(household -> Census.household(household, +1, into));
    }
}
