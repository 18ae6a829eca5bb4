package vn.dancu.registry;

/** A member of a household as the registry answers: {@code relationship} to the head and the person's status. */
public record HouseholdMember(String personalId, String fullName, String relationship, String status) {
}
