package vn.dancu.eid;

import java.time.Instant;
import java.util.List;

/**
 * A client of the provider. A relying party logs citizens in (authorization code); an API client
 * calls platform APIs on its own behalf ({@code client_credentials}); a staff application logs
 * staff in. {@code sector} groups relying parties that may see the same pairwise subject.
 * {@code tokensNotBefore}: its access tokens issued before then are dead (set at suspension), or null.
 */
record RelyingParty(String id, String clientId, String name, Kind kind, boolean confidential, List<String> authMethods,
                    String secretHash, String jwksUri, List<String> redirectUris, List<String> postLogoutRedirectUris,
                    List<String> scopes, List<String> claims, List<String> acrValues, String purpose, String sector,
                    String status, Instant createdAt, Instant updatedAt, int version, Instant tokensNotBefore) {

    enum Kind { RELYING_PARTY, API_CLIENT, STAFF_APP }

    boolean active() {
        return "ACTIVE".equals(status);
    }

    /** The assurance levels it may ask for; level 1 when none was registered. */
    List<String> allowedAcr() {
        return acrValues.isEmpty() ? List.of(CitizenPrincipal.LOA_1) : acrValues;
    }
}
