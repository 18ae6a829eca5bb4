package vn.dancu.eid;

import java.time.LocalDate;

/**
 * A citizen logged in at the provider (password and code, or a passkey), published in the
 * transaction that opens the sign-in. {@code relyingParty}: the client id of the relying party
 * whose authorization request the login answered, empty for the citizen's own pages; {@code day} in
 * Vietnam time. Names no one.
 */
public record CitizenSignedIn(LocalDate day, String relyingParty, int level) {
}
