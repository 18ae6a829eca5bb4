package vn.dancu.registry;

/**
 * A change to the golden record, published inside the transaction that makes it. Listeners that
 * write it down (the data-exchange outbox) commit or roll back with the change, so no change goes
 * unannounced and no announcement names a change that did not happen. Imports of an existing
 * population publish nothing here: they migrate records, they do not change them (the figures
 * still learn of them through {@link PopulationChange}).
 *
 * @param type         one of the constants below
 * @param personalId   the person the change is about
 * @param householdId  the household, for {@link #HOUSEHOLD_CHANGED}
 */
public record RegistryEvent(String type, String personalId, Long householdId) {

    public static final String BORN = "person.born";
    public static final String DIED = "person.died";
    public static final String MISSING = "person.missing";
    public static final String MARRIED = "person.married";
    public static final String NAME_CHANGED = "person.name_changed";
    public static final String RESIDENCE_CHANGED = "person.residence_changed";
    public static final String CARD_ISSUED = "person.card_issued";
    public static final String LEGACY_ID_LINKED = "person.legacy_id_linked";
    public static final String DOCUMENT_RECORDED = "person.document_recorded";
    public static final String HOUSEHOLD_CHANGED = "household.changed";

    static RegistryEvent of(String type, String personalId) {
        return new RegistryEvent(type, personalId, null);
    }
}
