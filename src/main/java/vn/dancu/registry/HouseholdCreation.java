package vn.dancu.registry;

/** A new household with its head, as it arrives from outside. */
public record HouseholdCreation(String headPersonalId, String unit, String addressLine, String reason) {
}
