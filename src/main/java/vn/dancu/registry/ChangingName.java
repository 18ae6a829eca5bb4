package vn.dancu.registry;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;

/** Changing a living person's name (Luật Hộ tịch 2014, Điều 26-28) on the decision that allows it. */
@Component
class ChangingName {

    private final RegistryWrite write;
    private final PersonRepository persons;
    private final PersonRules rules;

    ChangingName(RegistryWrite write, PersonRepository persons, PersonRules rules) {
        this.write = write;
        this.persons = persons;
        this.rules = rules;
    }

    @Transactional
    public void change(String personalId, NameChange command) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        String fullName = rules.name(errors, "fullName", command.fullName());
        String source = errors.text("sourceDocument", command.sourceDocument(), 300);
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.NAME);
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        Refusal.refuse(AlivePolicy.alive(person));
        Refusal.refuse(NamePolicy.changes(person, fullName));
        persons.rename(person, fullName);
        write.finish(person.id(), staff.username(), "NAME_CHANGED", reason, List.of(
                        new Change("fullName", person.fullName(), fullName), new Change("nameSourceDocument", null, source)),
                new RegistryEvent.NameChanged(person.personalId()));
    }
}
