package vn.dancu.registry;

import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;

/** Declaring a person missing (Bộ luật Dân sự 2015, Điều 68), on a court's decision. */
@Component
class DeclaringMissing {

    private final RegistryWrite write;
    private final PersonRepository persons;

    DeclaringMissing(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public void declare(String personalId, MissingRecord command) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate date = errors.date("dateMissing", command.dateMissing());
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.MISSING);
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        Refusal.refuse(DeathPolicy.missingInLifetime(person, date, write.today()));
        Refusal.refuse(DeathPolicy.missingWhileAlive(person));
        PopulationEvents.Watch watch = write.watch(person);
        persons.markMissing(person, date);
        write.finish(person.id(), staff.username(), "DECLARED_MISSING", reason, new Changes()
                        .add("status", person.status().name(), PersonStatus.MISSING.name())
                        .add("dateMissing", null, date.toString())
                        .add("missingSourceDocument", null, source)
                        .list(), watch,
                new RegistryEvent.DeclaredMissing(person.personalId()));
    }
}
