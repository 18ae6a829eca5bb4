package vn.dancu.registry;

import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/** Adding a member to a household (Luật Cư trú 2020, Điều 10): they leave their previous household. */
@Component
class JoiningHousehold {

    private final RegistryWrite write;
    private final PersonRepository persons;

    JoiningHousehold(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public void join(long householdId, HouseholdMembership command) {
        Staff staff = write.officer();
        Household household = persons.household(householdId)
                .orElseThrow(() -> ApiProblem.notFound("HOUSEHOLD_NOT_FOUND", "No household " + householdId));
        FieldErrors errors = new FieldErrors();
        Person person = write.person(errors, "personalId", command.personalId(), true);
        Relationship relationship = errors.oneOf("relationship", command.relationship(), Relationship.class);
        if (relationship != null) {
            HouseholdPolicy.joinsAs(relationship).ifPresent(r -> r.addTo(errors));
        }
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.HOUSEHOLD);
        errors.throwIfAny();
        write.requireUnit(staff, household.unitId(), "household");
        write.requireJurisdiction(staff, person);
        // Locks both households in id order before anything else locks one of them; reads their sizes before the change.
        PopulationEvents.Watch watch = write.watch(List.of(), Arrays.asList(person.householdId(), householdId));
        persons.lockHouseholdAndCountMembers(householdId); // a head leaving meanwhile would orphan the new member
        Refusal.refuse(AlivePolicy.alive(person));
        Refusal.refuse(HouseholdPolicy.notMemberYet(person, householdId));
        Refusal.refuse(HouseholdPolicy.mayLeave(person, () -> persons.lockHouseholdAndCountMembers(person.householdId())));
        persons.joinHousehold(person, householdId, relationship);
        write.finish(person.id(), staff.username(), "HOUSEHOLD_CHANGED", reason, changes(person, householdId, relationship), watch,
                new RegistryEvent.HouseholdChanged(person.personalId(), householdId));
    }

    /** The history of moving into a household: the household and the relationship, both recorded even when unchanged. */
    static List<Change> changes(Person person, long householdId, Relationship relationship) {
        return List.of(
                new Change("household", person.householdId() == null ? null : String.valueOf(person.householdId()),
                        String.valueOf(householdId)),
                new Change("relationshipToHead", person.relationshipToHead() == null ? null : person.relationshipToHead().name(),
                        relationship.name()));
    }
}
