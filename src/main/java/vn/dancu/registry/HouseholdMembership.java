package vn.dancu.registry;

/** A person joining a household, as it arrives from outside; {@code relationship} is a {@link Relationship} name. */
public record HouseholdMembership(String personalId, String relationship, String reason) {
}
