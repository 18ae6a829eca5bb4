package vn.dancu.registry;

/** A household as the figures count it: its unit and how many of its members are alive. */
public record HouseholdProfile(long unitId, int livingMembers) {
}
