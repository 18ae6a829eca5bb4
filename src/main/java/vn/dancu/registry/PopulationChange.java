package vn.dancu.registry;

import java.util.List;

/**
 * Published inside the transaction of every registry write that can change a population figure:
 * the profiles of the persons and households it touched, as they were before and as they are
 * after (empty before for a birth or an import). A listener counts {@code after − before}, so it
 * needs no knowledge of what the write was; it commits or rolls back with the write.
 */
public record PopulationChange(List<Demographics> before, List<Demographics> after,
                               List<HouseholdProfile> householdsBefore, List<HouseholdProfile> householdsAfter) {
}
