package vn.dancu.registry;

import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.FieldErrors;

/**
 * Linking an old 9-digit ID card (CMND) number to a person (Thông tư 59/2021/TT-BCA), so that
 * papers bearing it still identify them. A number is linked to one person only.
 */
@Component
class LinkingLegacyId {

    private final RegistryWrite write;
    private final PersonRepository persons;

    LinkingLegacyId(RegistryWrite write, PersonRepository persons) {
        this.write = write;
        this.persons = persons;
    }

    @Transactional
    public void link(String personalId, String number, String reasonText) {
        Staff staff = write.officer();
        Person person = write.load(personalId);
        FieldErrors errors = new FieldErrors();
        LegacyIdNumber legacyId = LegacyIdNumber.parse(number).orElse(null);
        if (legacyId == null) {
            errors.add("number", "INVALID_FORMAT", LegacyIdNumber.MALFORMED);
        }
        String reason = RegistryWrite.reason(errors, reasonText, LegalBasis.LEGACY_ID);
        errors.throwIfAny();
        write.requireJurisdiction(staff, person);
        if (!persons.linkLegacyId(legacyId.value(), person.id())) {
            throw ApiProblem.conflict("LEGACY_ID_TAKEN", "The old number " + legacyId + " is already linked to a person");
        }
        persons.touch(person);
        write.finish(person.id(), staff.username(), "LEGACY_ID_LINKED", reason, List.of(new Change("legacyId", null, legacyId.value())),
                new RegistryEvent.LegacyIdLinked(person.personalId()));
    }
}
