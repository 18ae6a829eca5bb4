package vn.dancu.registry;

import java.time.LocalDate;

/**
 * Published inside the transaction that records a death. Listeners that must act at once (the
 * e-ID account is revoked) use a plain {@code @EventListener} and so commit or roll back with it.
 */
public record PersonDied(String personalId, LocalDate dateOfDeath) {
}
