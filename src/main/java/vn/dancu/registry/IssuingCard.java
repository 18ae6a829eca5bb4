package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;

/**
 * Issuing an identity card (Luật Căn cước 2023) under {@link CardIssuePolicy}, valid as
 * {@link CardValidityPolicy} says; the card in use is replaced by it.
 */
@Component
class IssuingCard {

    private final RegistryWrite write;
    private final PersonRepository persons;

    IssuingCard(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public Card issue(String personalId, CardIssue command) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        LocalDate issued = errors.date("issueDate", command.issueDate());
        String authority = errors.text("issuingAuthority", command.issuingAuthority(), 200);
        String reason = RegistryWrite.reason(errors, command.reason(), LegalBasis.CARD);
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        Refusal.refuse(CardIssuePolicy.issuedInLifetime(person, issued, write.today()));
        Refusal.refuse(CardIssuePolicy.afterCardInUse(persons.cards(person.id()), issued));
        Refusal.refuse(CardIssuePolicy.holderAlive(person));
        LocalDate expiry = CardValidityPolicy.expiry(person.dateOfBirth(), issued).orElse(null);
        PopulationEvents.Watch watch = write.watch(person);
        persons.replaceActiveCards(person.id());
        long id = persons.insertCard(person.id(), person.personalId(), issued, expiry, authority);
        persons.touch(person);
        write.finish(person.id(), staff.username(), "CARD_ISSUED", reason, List.of(
                        new Change("card.issueDate", null, issued.toString()),
                        new Change("card.expiryDate", null, expiry == null ? "không thời hạn" : expiry.toString()),
                        new Change("card.issuingAuthority", null, authority)), watch,
                new RegistryEvent.CardIssued(person.personalId()));
        return new Card(id, person.personalId(), issued, expiry, authority, CardStatus.ACTIVE.name());
    }
}
