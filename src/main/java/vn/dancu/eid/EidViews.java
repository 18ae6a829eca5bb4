package vn.dancu.eid;

import java.time.Instant;
import java.util.List;

/** What the e-ID pages show; public because the precompiled templates live in their own package. */
public final class EidViews {

    private EidViews() {
    }

    public record SessionView(String id, Instant createdAt, Instant lastSeenAt, String acr, String userAgent, String address) {
    }

    public record ConsentView(String relyingPartyId, String clientName, String purpose, List<String> scopes, Instant grantedAt) {
    }

    public record EventView(Instant at, String type, String actor, String detail) {
    }

    public record SmsView(long id, String phone, String body, Instant createdAt) {
    }

    /** One scope on the consent page with the claims it releases to this relying party. */
    public record ScopeClaims(String scope, List<String> claims) {
    }

    public record ConsentRequest(String clientId, String name, String purpose, String state, List<ScopeClaims> scopes) {
    }
}
