package vn.dancu.registry;

import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;

/**
 * Recording a death (Luật Hộ tịch 2014, Điều 32-34). Listeners of {@link RegistryEvent.Died} run in
 * this transaction: what depends on the person being alive ends with the death, or nothing is written.
 */
@Component
class RecordingDeath {

    private final RegistryWrite write;
    private final PersonRepository persons;

    RecordingDeath(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public void record(String personalId, DeathRecord command) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate date = errors.date("dateOfDeath", command.dateOfDeath());
        String place = errors.text("placeOfDeath", command.placeOfDeath(), 300);
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.DEATH);
        DeathPolicy.deathByToday(date, write.today()).ifPresent(r -> r.addTo(errors));
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        Refusal.refuse(DeathPolicy.deathAfterBirth(person, date));
        Refusal.refuse(DeathPolicy.notYetDead(person));
        PopulationEvents.Watch watch = write.watch(person, person.householdId());
        persons.markDeceased(person, date, place, source);
        write.finish(person.id(), staff.username(), "DEATH_REGISTERED", reason, new Changes()
                        .add("status", person.status().name(), PersonStatus.DECEASED.name())
                        .add("dateOfDeath", null, date.toString())
                        .add("placeOfDeath", null, place)
                        .add("deathSourceDocument", null, source)
                        .list(), watch,
                new RegistryEvent.Died(person.personalId(), date));
    }
}
