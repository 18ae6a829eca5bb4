package vn.dancu.credentials;

import java.time.Instant;
import java.util.List;
import vn.dancu.wallet.WalletItem;

/** What the credential pages show; public because the precompiled templates live in their own package. */
public final class CredentialViews {

    /** The claims whose names the verifier page can say in words: the wallet's (docs/wallet.md) and the derived ages. */
    public static final List<String> LABELLED_CLAIMS = List.of("personal_id", "name", "family_name", "given_name", "birthdate",
            "gender", "nationality", "place_of_origin", "address", "old_id_number", "card_number", "issue_date", "expiry_date",
            "issuing_authority", "document_number", "valid_from", "valid_until", "application_code", "beneficiary_code", "class",
            "brand", "engine_number", "chassis_number", "colour", "vaccine", "dose", "taxpayer_type", "tax_office", "last_employer",
            "passport_type", "replaced_by", "certificate_form", "convictions", "parcel", "property_address", "supply_address",
            "usage", "phases", "previous_contract", "age_over_16", "age_over_18", "age_over_21", "age_over_65");

    private CredentialViews() {
    }

    /** The message key of a claim's label. */
    public static String claimKey(String name) {
        return name.startsWith("age_over_") ? "credentials.claim." + name : "wallet.claim." + name;
    }

    /** The message key of an item's title, as the wallet page names it. */
    public static String titleKey(WalletItem item) {
        return switch (item.kind()) {
            case ID_CARD -> "wallet.cardTitle";
            case DOCUMENT -> "document.kind." + item.type();
            case RESULT -> "result." + item.type();
        };
    }

    /** One claim of an item as a tick box: its disclosure is in the page only once the credential is issued. */
    public record Claim(String name, String value) {
    }

    /** The item's page: {@code credential} and {@code disclosuresJson} only right after issuance. */
    public record ItemPage(WalletItem item, List<Claim> claims, String credential, String disclosuresJson, boolean bound,
                           Instant expiresAt, boolean offered) {
    }

    public record OfferPage(WalletItem item, String offerUri, String qr, String txCode, Instant expiresAt) {
    }
}
