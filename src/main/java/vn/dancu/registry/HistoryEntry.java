package vn.dancu.registry;

import java.time.Instant;
import java.util.List;

/** One append-only entry of a person's history: who changed what, when and on which legal basis. */
public record HistoryEntry(long id, Instant at, String actor, String changeType, String reason, List<Change> changes) {
}
