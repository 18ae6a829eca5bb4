package vn.dancu.eid;

import java.time.Instant;
import java.util.List;

/** What the e-ID pages show; public because the precompiled templates live in their own package. */
public final class EidViews {

    private EidViews() {
    }

    /** A moment as people in Vietnam read it: their own time zone, day first. */
    public static String time(Instant instant) {
        return vn.dancu.platform.Dates.time(instant);
    }

    public record SessionView(String id, Instant createdAt, Instant lastSeenAt, String acr, String userAgent, String address) {
    }

    public record ConsentView(String relyingPartyId, String clientName, String purpose, List<String> scopes, Instant grantedAt) {
    }

    public record EventView(Instant at, String type, String actor, String detail) {
    }

    /** A citizen's passkey; {@code synced}: kept in a password manager across devices rather than on one device. */
    public record PasskeyView(long id, String label, Instant createdAt, Instant lastUsedAt, boolean synced) {
    }

    public record SmsView(long id, String phone, String body, Instant createdAt) {
    }

    /** One scope on the consent page with the claims it releases to this relying party. */
    public record ScopeClaims(String scope, List<String> claims) {
    }

    /** {@code sharingPurpose}: the purpose a consent to share data is recorded for (share: scopes), or null. */
    public record ConsentRequest(String clientId, String name, String purpose, String state, List<ScopeClaims> scopes,
                                 String sharingPurpose) {
    }

    /** One entry of "who used my data"; {@code who} is null while a law-enforcement entry is hidden. */
    public record AccessEntry(Instant accessedAt, String who, String actorType, List<String> fields, String purpose,
                              String purposeCode, String channel, boolean hidden, java.time.LocalDate disclosedOn) {
    }

    /** {@code archivedBefore}: reads before it are archived out of the database, not listed (null: none archived). */
    public record AccessPage(List<AccessEntry> items, int page, int size, boolean hasMore, Instant archivedBefore) {
    }
}
