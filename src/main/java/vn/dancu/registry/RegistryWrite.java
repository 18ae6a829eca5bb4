package vn.dancu.registry;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.identity.CurrentStaff;
import vn.dancu.identity.Staff;
import vn.dancu.platform.FieldErrors;
import vn.dancu.units.Units;

/**
 * The steps every write of the golden record shares, so that each use case is only its own rules:
 * who acts, loading the persons and household a request names, the officer's jurisdiction, the
 * population figures' watch, and after the change the history entry and the announcement. Each use
 * case runs in one transaction: it writes all of this, or nothing.
 */
@Component
class RegistryWrite {

    private final PersonRepository persons;
    private final Access access;
    private final Units units;
    private final PopulationEvents population;
    private final ApplicationEventPublisher events;
    private final JdbcClient jdbc;

    RegistryWrite(PersonRepository persons, Access access, Units units, PopulationEvents population,
                  ApplicationEventPublisher events, JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.access = access;
        this.units = units;
        this.population = population;
        this.events = events;
    }

    /** The officer signed in: every registry write but a sector document's is an officer's. */
    Staff officer() {
        return CurrentStaff.require();
    }

    LocalDate today() {
        return units.today();
    }

    // --- loading what a request names

    /** The person a request's path names: 400 when the number is malformed, 404 when no one has it. */
    Person load(String personalId) {
        return persons.existing(personalId);
    }

    /** The person a request's field names, or null after recording why in {@code errors}. */
    Person person(FieldErrors errors, String field, String personalId, boolean required) {
        if (personalId == null || personalId.isBlank()) {
            if (required) {
                errors.add(field, "REQUIRED", field + " is required");
            }
            return null;
        }
        PersonalIdNumber number = PersonalIdNumber.field(errors, field, personalId);
        if (number == null) {
            return null;
        }
        return persons.findByPersonalId(number.value()).orElseGet(() -> {
            errors.add(field, "PERSON_NOT_FOUND", "No person has this personal ID number");
            return null;
        });
    }

    /** The household an optional {@code householdId} field names, or null (after recording why, if it names none). */
    Household household(FieldErrors errors, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return persons.household(Long.parseLong(value.strip())).orElseGet(() -> {
                errors.add("householdId", "HOUSEHOLD_NOT_FOUND", "No household has this id");
                return null;
            });
        } catch (NumberFormatException e) {
            errors.add("householdId", "INVALID_FORMAT", "householdId is a number");
            return null;
        }
    }

    /** The reason recorded in the history: the caller's (an application number, a decision), else the law's. */
    static String reason(FieldErrors errors, String value, String legalBasis) {
        String given = errors.optionalText("reason", value, 500);
        return given == null ? legalBasis : given;
    }

    // --- jurisdiction

    void requireJurisdiction(Staff staff, Person person) {
        access.requireJurisdiction(staff, person);
    }

    boolean inJurisdiction(Staff staff, Person person) {
        return access.inJurisdiction(staff, person);
    }

    /** A unit the request names (where a birth, a marriage or a residence is registered) lies in the officer's jurisdiction. */
    void requireUnit(Staff staff, long unitId, String field) {
        access.requireUnitInJurisdiction(staff, unitId, field);
    }

    // --- the change's record

    /** Reads the figures' profiles of the persons and households the write will change (nulls are skipped). */
    PopulationEvents.Watch watch(Collection<Long> personIds, Collection<Long> householdIds) {
        return population.watch(personIds, householdIds);
    }

    PopulationEvents.Watch watch(Person person, Long... householdIds) {
        return population.watchPerson(person.id(), householdIds);
    }

    /**
     * The end of every write: the append-only history entry, the population figures' change (when
     * {@code watch} is given) and the announcement, all in the write's transaction. Refused (409
     * {@code REGISTRY_LOADING}) while a national load holds the registry.
     */
    void finish(long personId, String actor, String changeType, String reason, List<Change> changes,
                PopulationEvents.Watch watch, RegistryEvent event) {
        NationalLoad.refuseWhileLoading(jdbc);
        persons.appendChange(personId, actor, changeType, reason, changes);
        if (watch != null) {
            watch.publish();
        }
        events.publishEvent(event);
    }

    /** The end of a write that changes no population figure. */
    void finish(long personId, String actor, String changeType, String reason, List<Change> changes, RegistryEvent event) {
        finish(personId, actor, changeType, reason, changes, null, event);
    }
}
