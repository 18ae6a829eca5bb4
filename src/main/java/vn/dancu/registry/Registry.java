package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.Units;

/**
 * The public API of the population registry: the changes to the golden record. Each change is a
 * use case of its own (one class each, package-private) that validates its input completely,
 * checks the officer's jurisdiction, writes the new state, an append-only history record and its
 * {@link RegistryEvent} in one transaction, or writes nothing. This façade only names them for
 * the other modules.
 */
@Service
public class Registry {

    private final RegisteringBirth births;
    private final RegisteringResidence residences;
    private final RemovingResidence residenceRemovals;
    private final RegisteringMarriage marriages;
    private final RecordingDeath deaths;
    private final DeclaringMissing disappearances;
    private final LinkingLegacyId legacyIds;
    private final IssuingCard cards;
    private final ChangingName names;
    private final RecordingDocument documents;
    private final FormingHousehold households;
    private final JoiningHousehold memberships;
    private final PopulationProfiles profiles;
    private final Units units;

    Registry(RegisteringBirth births, RegisteringResidence residences, RemovingResidence residenceRemovals,
             RegisteringMarriage marriages, RecordingDeath deaths, DeclaringMissing disappearances, LinkingLegacyId legacyIds,
             IssuingCard cards, ChangingName names, RecordingDocument documents, FormingHousehold households,
             JoiningHousehold memberships, PopulationProfiles profiles, Units units) {
        this.births = births;
        this.residences = residences;
        this.residenceRemovals = residenceRemovals;
        this.marriages = marriages;
        this.deaths = deaths;
        this.disappearances = disappearances;
        this.legacyIds = legacyIds;
        this.cards = cards;
        this.names = names;
        this.documents = documents;
        this.households = households;
        this.memberships = memberships;
        this.profiles = profiles;
        this.units = units;
    }

    /**
     * The statistical profile of a person (no name, no number), for the figures kept about them;
     * empty when the number names no one. Reading it is not a disclosure and is not logged.
     */
    public Optional<Demographics> demographics(String personalId) {
        return profiles.of(personalId);
    }

    /** The 54 ethnic groups of Vietnam and the entry for foreign-born persons, as the registry writes them. */
    public static List<String> ethnicities() {
        return Ethnicities.NAMES;
    }

    /** Registers a birth today and issues the child's personal ID number; returns that number. */
    public String registerBirth(BirthRegistration command) {
        return births.register(command, units.today());
    }

    /**
     * Records a birth registered on an earlier date (migrating paper records, demo data): the
     * registration unit and the issuing code are those in force on {@code registeredOn}, so a
     * person registered in Hải Dương in 1990 gets a number starting with 030.
     */
    public String registerBirth(BirthRegistration command, LocalDate registeredOn) {
        return births.register(command, registeredOn);
    }

    /**
     * What {@link #registerBirth} would refuse in the registration itself, without writing anything and
     * without the officer's jurisdiction: the field rules, the named parents and household. Procedures
     * check a birth with it when the application is lodged, so that an approval does not meet refusals
     * the applicant could have corrected. The caller that names parents has read them in its own access log.
     */
    public List<ApiProblem.FieldProblem> checkBirth(BirthRegistration command) {
        return births.check(command);
    }

    public void registerResidence(String personalId, ResidenceRegistration command) {
        residences.register(personalId, command);
    }

    /**
     * Ends the open residence of a type on {@code date}. Unlike a registration it applies to the
     * deceased too: removing a dead person's permanent residence is what follows a death.
     */
    public void removeResidence(String personalId, ResidenceRemoval command) {
        residenceRemovals.remove(personalId, command);
    }

    /**
     * Registers a marriage (Luật Hôn nhân và gia đình 2014, Điều 8): a man of 20 and a woman of 18
     * or more, both alive, neither married, not parent and child nor siblings. Both records
     * change in one transaction, each with its own history entry.
     */
    public void registerMarriage(String personalId, MarriageRecord command) {
        marriages.register(personalId, command);
    }

    public void recordDeath(String personalId, DeathRecord command) {
        deaths.record(personalId, command);
    }

    public void recordMissing(String personalId, MissingRecord command) {
        disappearances.declare(personalId, command);
    }

    /** Links an old 9-digit ID card (CMND) number to the person. */
    public void linkLegacyId(String personalId, String number, String reason) {
        legacyIds.link(personalId, number, reason);
    }

    public Card issueCard(String personalId, CardIssue command) {
        return cards.issue(personalId, command);
    }

    public void changeName(String personalId, NameChange command) {
        names.change(personalId, command);
    }

    /**
     * Records (or updates, for the same kind and number) a sector document pushed by the agency
     * {@code source}. The caller has checked that the source owns documents of this kind; the
     * registry checks the document itself and keeps its history.
     */
    public Document recordDocument(String personalId, DocumentRecord command, String source) {
        return documents.record(personalId, command, source);
    }

    public long createHousehold(HouseholdCreation command) {
        return households.form(command);
    }

    public void addHouseholdMember(long householdId, HouseholdMembership command) {
        memberships.join(householdId, command);
    }
}
