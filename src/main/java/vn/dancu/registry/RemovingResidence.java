package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;

/**
 * Removing a residence (Luật Cư trú 2020, Điều 24-25): ends the open residence of a type on a date.
 * Unlike a registration it applies to the deceased too: removing a dead person's permanent
 * residence is what follows a death.
 */
@Component
class RemovingResidence {

    private final RegistryWrite write;
    private final PersonRepository persons;

    RemovingResidence(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public void remove(String personalId, ResidenceRemoval command) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        ResidenceType type = errors.oneOf("type", command.type(), ResidenceType.class);
        LocalDate date = errors.date("date", command.date());
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.RESIDENCE_REMOVAL);
        ResidencePolicy.removalByToday(date, write.today()).ifPresent(r -> r.addTo(errors));
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        Residence open = persons.residences(person.id()).stream()
                .filter(r -> ResidencePolicy.openOfType(r, type, date))
                .findFirst()
                .orElseThrow(() -> ResidencePolicy.nothingOpen(type, date).problem());
        Refusal.refuse(ResidencePolicy.removalAfterStart(open, date));
        PopulationEvents.Watch watch = write.watch(person);
        persons.closeResidence(open.id(), date);
        persons.touch(person);
        write.finish(person.id(), staff.username(), "RESIDENCE_REMOVED", reason, List.of(new Change(
                        "residence." + type + ".to", open.to() == null ? null : open.to().toString(), date.toString())), watch,
                new RegistryEvent.ResidenceChanged(person.personalId()));
    }
}
