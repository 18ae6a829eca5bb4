package vn.dancu.registry;

/**
 * Published inside the transaction of a national load (an empty registry filled from a file at
 * once) instead of a {@link PopulationChange} per batch: the figures are to be recounted from the
 * registry. A listener marks them stale in the load's transaction, so that a crash right after the
 * commit still leads to a recount, and recounts them after the commit.
 */
public record PopulationLoaded(long persons) {
}
