package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;

/**
 * Registering a residence (Luật Cư trú 2020): a permanent, temporary or current residence, a
 * temporary absence or a stay notification. A new residence of a living type closes the open one.
 */
@Component
class RegisteringResidence {

    private final RegistryWrite write;
    private final PersonRepository persons;
    private final PersonRules rules;

    RegisteringResidence(RegistryWrite write, PersonRepository persons, PersonRules rules) {
        this.write = write;
        this.persons = persons;
        this.rules = rules;
    }

    @Transactional
    public void register(String personalId, ResidenceRegistration command) {
        Staff staff = write.officer();
        LocalDate today = write.today();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        ResidenceType type = errors.oneOf("type", command.type(), ResidenceType.class);
        LocalDate from = errors.date("from", command.from());
        LocalDate to = errors.optionalDate("to", command.to());
        String addressLine = errors.text("addressLine", command.addressLine(), 300);
        AdministrativeUnit unit = from == null ? null : rules.commune(errors, "unit", command.unit(), from);
        String reason = RegistryWrite.reason(errors, command.reason(), type == null ? LegalBasis.RESIDENCE : LegalBasis.residence(type));
        ResidencePolicy.registration(type, from, to, today).forEach(r -> r.addTo(errors));
        errors.throwIfAny();
        // The officer of either end may register: where the person is known, or where they move to.
        if (!write.inJurisdiction(staff, person)) {
            write.requireUnit(staff, unit.id(), "unit");
        }
        // Checked only now: an answer about the person must not reach someone who may not read them.
        Refusal.refuse(ResidencePolicy.startsAfterBirth(person, from));
        LocalDate end = ResidencePolicy.end(type, from, to);
        Refusal.refuse(ResidencePolicy.alive(person));
        PopulationEvents.Watch watch = write.watch(person);
        Changes changes = new Changes();
        if (type.closesPrevious()) {
            closeOpen(person, type, from, changes);
        }
        persons.insertResidence(person.id(), type, unit.id(), addressLine, from, end);
        changes.add("residence." + type, null, AddressText.of(addressLine, unit.name()) + " (" + unit.code() + "), " + from
                + (end == null ? "" : " – " + end));
        persons.touch(person);
        write.finish(person.id(), staff.username(), "RESIDENCE_REGISTERED", reason, changes.list(), watch,
                new RegistryEvent.ResidenceChanged(person.personalId()));
    }

    /** Ends the open residence of the type the day before the new one starts. */
    private void closeOpen(Person person, ResidenceType type, LocalDate from, Changes changes) {
        List<Residence> existing = persons.residences(person.id());
        for (Residence open : existing) {
            if (ResidencePolicy.openOfType(open, type, from)) {
                Refusal.refuse(ResidencePolicy.replaces(open, type, from));
                persons.closeResidence(open.id(), from.minusDays(1));
                changes.add("residence." + type + ".to", open.to() == null ? null : open.to().toString(), from.minusDays(1).toString());
            }
        }
    }
}
