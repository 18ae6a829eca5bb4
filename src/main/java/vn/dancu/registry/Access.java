package vn.dancu.registry;

import java.time.LocalDate;
import java.util.List;
import org.springframework.stereotype.Component;
import vn.dancu.audit.AccessLog;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.ApiProblem;
import vn.dancu.units.Units;

/**
 * The two rules every staff read and write of a person obeys: the person must lie in the
 * officer's jurisdiction (by current residence or birth registration, through the old-to-new unit
 * mapping), and a read states a purpose and is written to the access log.
 */
@Component
class Access {

    private final Units units;
    private final AccessLog accessLog;
    private final PersonRepository persons;

    Access(Units units, AccessLog accessLog, PersonRepository persons) {
        this.units = units;
        this.accessLog = accessLog;
        this.persons = persons;
    }

    /** Who reads, and why: given with every read. */
    /** {@code purposeCode}: a code of the access log's list, when the purpose starts with one ("CRIMINAL_INVESTIGATION: ..."). */
    record Reader(Staff staff, String purpose, AccessLog.Channel channel, String purposeCode) {
    }

    /** The reader and purpose of a read, checked before anything is read: an unknown purpose code reads nothing. */
    Reader reader(String purpose, AccessLog.Channel channel) {
        Staff staff = CurrentStaff.require();
        AccessLog.StatedPurpose stated = accessLog.statedPurpose(purpose, null);
        return new Reader(staff, stated.text(), channel, stated.code());
    }

    void requireReader(Staff staff) {
        if (!staff.role().readsPersons()) {
            throw ApiProblem.forbidden("ROLE_CANNOT_READ_PERSONS", "The role " + staff.role() + " does not read citizens' data");
        }
    }

    /**
     * Birth registration, or a permanent, temporary or current residence open today: the police of
     * the home commune and of the place where someone lives on a temporary registration both handle them.
     */
    boolean inJurisdiction(Staff staff, Person person) {
        return inJurisdiction(staff, person, null);
    }

    /** As above, with the person's residences when the caller has read them already. */
    boolean inJurisdiction(Staff staff, Person person, List<Residence> knownResidences) {
        if (!staff.role().readsPersons()) {
            return false;
        }
        if (staff.role().nationwide()) {
            return true;
        }
        Long scope = staff.jurisdictionUnitId();
        if (scope == null) {
            return false;
        }
        if (units.within(person.birthRegistrationUnitId(), scope)) {
            return true;
        }
        LocalDate today = units.today();
        List<Residence> residences = knownResidences != null ? knownResidences : persons.residences(person.id());
        return residences.stream()
                .anyMatch(r -> ResidenceType.valueOf(r.type()).isLiving() && r.openOn(today) && units.within(r.unitId(), scope));
    }

    void requireJurisdiction(Staff staff, Person person) {
        requireJurisdiction(staff, person, null);
    }

    void requireJurisdiction(Staff staff, Person person, List<Residence> knownResidences) {
        requireReader(staff);
        if (!inJurisdiction(staff, person, knownResidences)) {
            accessLog.recordRefusal(staff.username(), person.personalId(), "OUTSIDE_JURISDICTION");
            throw ApiProblem.forbidden("OUTSIDE_JURISDICTION",
                    "This person is neither resident nor birth-registered in your jurisdiction");
        }
    }

    /** A unit where an officer may act: inside their jurisdiction. */
    void requireUnitInJurisdiction(Staff staff, long unitId, String field) {
        requireReader(staff);
        if (!staff.role().nationwide() && (staff.jurisdictionUnitId() == null || !units.within(unitId, staff.jurisdictionUnitId()))) {
            throw ApiProblem.forbidden("OUTSIDE_JURISDICTION", field + " lies outside your jurisdiction");
        }
    }

    /** Ids of the units whose persons this officer may see; null when the whole country. */
    long[] scope(Staff staff) {
        requireReader(staff);
        if (staff.role().nationwide()) {
            return null;
        }
        return staff.jurisdictionUnitId() == null ? new long[0] : units.idsWithin(staff.jurisdictionUnitId());
    }

    void logRead(Reader reader, String personalId, List<String> fields) {
        accessLog.record(entry(reader, personalId, fields));
    }

    void logReads(Reader reader, List<String> personalIds, List<String> fields) {
        accessLog.recordAll(personalIds.stream().map(id -> entry(reader, id, fields)).toList());
    }

    /** One person's data read with these fields. */
    record Read(String personalId, List<String> fields) {
    }

    /** The subject's read and the related persons' reads, in one statement. */
    void logReads(Reader reader, List<Read> reads, List<String> relatedIds, List<String> relatedFields) {
        List<AccessLog.Entry> entries = new java.util.ArrayList<>();
        reads.forEach(r -> entries.add(entry(reader, r.personalId(), r.fields())));
        relatedIds.forEach(id -> entries.add(entry(reader, id, relatedFields)));
        accessLog.recordAll(entries);
    }

    private AccessLog.Entry entry(Reader reader, String personalId, List<String> fields) {
        return new AccessLog.Entry(AccessLog.ActorType.STAFF, reader.staff().username(), personalId, fields,
                reader.purpose(), reader.channel(), null, reader.purposeCode());
    }
}
