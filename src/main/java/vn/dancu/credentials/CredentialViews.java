package vn.dancu.credentials;

import java.time.Instant;
import java.util.List;

/** What the credential pages show; public because the precompiled templates live in their own package. */
public final class CredentialViews {

    private CredentialViews() {
    }

    /** One claim of an item as a tick box: its disclosure is in the page only once the credential is issued. */
    public record Claim(String name, String value) {
    }

    /** The item's page: {@code credential} and {@code disclosuresJson} only right after issuance. */
    public record ItemPage(CredentialItem item, List<Claim> claims, String credential, String disclosuresJson, boolean bound,
                           Instant expiresAt) {
    }

    public record OfferPage(CredentialItem item, String offerUri, String qr, String txCode, Instant expiresAt) {
    }
}
