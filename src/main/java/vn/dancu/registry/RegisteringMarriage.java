package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.AdministrativeUnit;

/**
 * Registering a marriage (Luật Hộ tịch 2014, Điều 17-18) under the conditions of
 * {@link MarriagePolicy}. Both records change in one transaction, each with its own history entry.
 */
@Component
class RegisteringMarriage {

    private final RegistryWrite write;
    private final PersonRepository persons;
    private final PersonRules rules;

    RegisteringMarriage(RegistryWrite write, PersonRepository persons, PersonRules rules) {
        this.write = write;
        this.persons = persons;
        this.rules = rules;
    }

    @Transactional
    public void register(String personalId, MarriageRecord command) {
        Staff staff = write.officer();
        Person first = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        Person spouse = write.person(errors, "spousePersonalId", command.spousePersonalId(), true);
        LocalDate date = errors.date("date", command.date());
        AdministrativeUnit unit = date == null ? null : rules.commune(errors, "registrationUnit", command.registrationUnit(), date);
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.MARRIAGE);
        MarriagePolicy.registeredByToday(date, write.today()).ifPresent(r -> r.addTo(errors));
        MarriagePolicy.twoPersons(first, spouse).ifPresent(r -> r.addTo(errors));
        errors.throwIfAny();
        write.requireUnit(staff, unit.id(), "registrationUnit");
        MarriagePolicy.Couple couple = new MarriagePolicy.Couple(first, spouse, date);
        Refusal.refuse(MarriagePolicy.refusal(couple));
        Person man = couple.man();
        Person woman = couple.woman();
        PopulationEvents.Watch watch = write.watch(List.of(man.id(), woman.id()), List.of());
        marry(man, woman, unit, date, staff, reason);
        marry(woman, man, unit, date, staff, reason);
        watch.publish();
    }

    private void marry(Person person, Person spouse, AdministrativeUnit unit, LocalDate date, Staff staff, String reason) {
        persons.marry(person, spouse.id());
        write.finish(person.id(), staff.username(), "MARRIAGE_REGISTERED", reason, List.of(
                        new Change("maritalStatus", person.maritalStatus().name(), MaritalStatus.MARRIED.name()),
                        new Change("spouse", null, spouse.personalId()),
                        new Change("marriage", null, date + ", " + unit.name() + " (" + unit.code() + ")")),
                new RegistryEvent.Married(person.personalId()));
    }
}
