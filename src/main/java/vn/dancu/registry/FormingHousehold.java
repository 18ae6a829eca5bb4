package vn.dancu.registry;

import java.util.Collections;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;

/** Forming a household (Luật Cư trú 2020, Điều 10) with its head, who leaves their previous household. */
@Component
class FormingHousehold {

    private final RegistryWrite write;
    private final PersonRepository persons;
    private final PersonRules rules;

    FormingHousehold(RegistryWrite write, PersonRepository persons, PersonRules rules) {
        this.write = write;
        this.persons = persons;
        this.rules = rules;
    }

    @Transactional
    public long form(HouseholdCreation command) {
        Staff staff = write.officer();
        FieldErrors errors = new FieldErrors();
        String addressLine = errors.text("addressLine", command.addressLine(), 300);
        AdministrativeUnit unit = rules.commune(errors, "unit", command.unit(), write.today());
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.HOUSEHOLD);
        Person head = write.person(errors, "headPersonalId", command.headPersonalId(), true);
        errors.throwIfAny();
        write.requireUnit(staff, unit.id(), "unit");
        write.requireJurisdiction(staff, head);
        Refusal.refuse(AlivePolicy.alive(head));
        Refusal.refuse(HouseholdPolicy.mayLeave(head, () -> persons.lockHouseholdAndCountMembers(head.householdId())));
        PopulationEvents.Watch watch = write.watch(List.of(), Collections.singletonList(head.householdId()));
        long householdId = persons.insertHousehold(head.id(), unit.id(), addressLine);
        persons.joinHousehold(head, householdId, Relationship.HEAD);
        watch.include(List.of(), List.of(householdId));
        write.finish(head.id(), staff.username(), "HOUSEHOLD_CHANGED", reason, JoiningHousehold.changes(head, householdId, Relationship.HEAD),
                watch, new RegistryEvent.HouseholdChanged(head.personalId(), householdId));
        return householdId;
    }
}
