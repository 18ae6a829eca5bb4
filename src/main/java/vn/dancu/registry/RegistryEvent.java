package vn.dancu.registry;

import java.time.LocalDate;

/**
 * A change to the golden record, published inside the transaction that makes it. Listeners that
 * write it down (the data-exchange outbox) commit or roll back with the change, so no change goes
 * unannounced and no announcement names a change that did not happen; listeners that must act at
 * once (the e-ID account ends with a {@link Died}) do so in the same transaction. Imports of an
 * existing population publish nothing here: they migrate records, they do not change them (the
 * figures still learn of them through {@link PopulationChange}).
 */
public sealed interface RegistryEvent {

    /** The person the change is about. */
    String personalId();

    /** Which kind of change this is: the compiler checks that every event has one. */
    default Kind kind() {
        return switch (this) {
            case Born e -> Kind.BORN;
            case Died e -> Kind.DIED;
            case DeclaredMissing e -> Kind.MISSING;
            case Married e -> Kind.MARRIED;
            case NameChanged e -> Kind.NAME_CHANGED;
            case ResidenceChanged e -> Kind.RESIDENCE_CHANGED;
            case CardIssued e -> Kind.CARD_ISSUED;
            case LegacyIdLinked e -> Kind.LEGACY_ID_LINKED;
            case DocumentRecorded e -> Kind.DOCUMENT_RECORDED;
            case HouseholdChanged e -> Kind.HOUSEHOLD_CHANGED;
        };
    }

    /** The household, for {@link HouseholdChanged}. */
    default Long householdId() {
        return null;
    }

    /** The kind's name as members read it in change events and webhooks (docs/api/exchange-v1.md). */
    default String type() {
        return kind().type();
    }

    /** The kinds of change, each with the name members see: a published API, never renamed. */
    enum Kind {
        BORN("person.born"),
        DIED("person.died"),
        MISSING("person.missing"),
        MARRIED("person.married"),
        NAME_CHANGED("person.name_changed"),
        RESIDENCE_CHANGED("person.residence_changed"),
        CARD_ISSUED("person.card_issued"),
        LEGACY_ID_LINKED("person.legacy_id_linked"),
        DOCUMENT_RECORDED("person.document_recorded"),
        HOUSEHOLD_CHANGED("household.changed");

        private final String type;

        Kind(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    record Born(String personalId) implements RegistryEvent {
    }

    record Died(String personalId, LocalDate dateOfDeath) implements RegistryEvent {
    }

    record DeclaredMissing(String personalId) implements RegistryEvent {
    }

    /** Published for each spouse. */
    record Married(String personalId) implements RegistryEvent {
    }

    record NameChanged(String personalId) implements RegistryEvent {
    }

    /** A residence registered or removed. */
    record ResidenceChanged(String personalId) implements RegistryEvent {
    }

    record CardIssued(String personalId) implements RegistryEvent {
    }

    record LegacyIdLinked(String personalId) implements RegistryEvent {
    }

    /** A sector document recorded or updated. */
    record DocumentRecorded(String personalId) implements RegistryEvent {
    }

    /** The person formed or joined the household. */
    record HouseholdChanged(String personalId, Long householdId) implements RegistryEvent {
    }
}
