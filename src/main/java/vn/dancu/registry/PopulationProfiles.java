package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.units.Units;

/**
 * The registry's statistical profiles for whoever keeps figures: nothing here names a person. The
 * bulk reads serve the nightly step (who changes age group, whose card or residence runs out) and
 * the rebuild (a pass over everyone); none writes to the access log, since no person is disclosed.
 */
@Service
public class PopulationProfiles {

    private final DemographicsRepository profiles;
    private final Units units;

    PopulationProfiles(DemographicsRepository profiles, Units units) {
        this.profiles = profiles;
        this.units = units;
    }

    /** The profile of one person; empty when the number names no one. */
    @Transactional(readOnly = true)
    public Optional<Demographics> of(String personalId) {
        if (!PersonalIdNumber.isWellFormed(personalId)) {
            return Optional.empty();
        }
        return profiles.ofPersonalId(personalId, units.today()).stream().findFirst();
    }

    /** The profiles of everyone born on one of {@code dates}. */
    @Transactional(readOnly = true)
    public List<Demographics> bornOn(Collection<LocalDate> dates) {
        return profiles.bornOn(dates, units.today());
    }

    /** The profiles of everyone whose active card expires on {@code expiry} (valid through that day). */
    @Transactional(readOnly = true)
    public List<Demographics> withCardExpiringOn(LocalDate expiry) {
        return profiles.cardsExpiringOn(expiry, units.today());
    }

    /**
     * Everyone whose figures may differ between the eve of {@code day} and {@code day}: born on one
     * of {@code birthDates}, whose active card expired on the eve, or with a residence starting on
     * the day or ended on the eve; each person once.
     */
    @Transactional(readOnly = true)
    public List<Demographics> changingOn(LocalDate day, Collection<LocalDate> birthDates) {
        return profiles.changingOn(day, birthDates, units.today());
    }

    /** Every person's profile, streamed through a cursor inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void eachPerson(Consumer<Demographics> into) {
        profiles.eachPerson(units.today(), into);
    }

    /** Every household's profile, streamed inside the caller's transaction. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void eachHousehold(Consumer<HouseholdProfile> into) {
        profiles.eachHousehold(into);
    }
}
