package vn.dancu.registry;

import java.util.List;

/** A household as stored, with its members. */
public record Household(long id, Long headPersonId, long unitId, String addressLine, List<HouseholdMember> members) {
}
