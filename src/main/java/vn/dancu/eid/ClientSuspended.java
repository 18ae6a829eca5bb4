package vn.dancu.eid;

/**
 * Published when ADMIN suspends a client of the identity provider, after its stored tokens were
 * deleted and its client tokens dated dead: whoever caches a verdict on those tokens (the data
 * exchange does) drops it.
 */
public record ClientSuspended(String clientId) {
}
