package vn.dancu.credentials;

import java.time.LocalDate;
import java.util.Map;

/**
 * A wallet item as a credential is made from it: the shape of the wallet's {@code WalletItem}
 * (docs/wallet.md), with claim names in snake_case fixed per type.
 *
 * @param kind   {@code ID_CARD}, {@code DOCUMENT} or {@code RESULT}
 * @param status {@code VALID}, {@code EXPIRED}, {@code REPLACED} or {@code WITHDRAWN}
 */
public record CredentialItem(String id, String kind, String type, Map<String, Object> claims, String source,
                             LocalDate validFrom, LocalDate validUntil, String status) {

    public CredentialItem {
        claims = Map.copyOf(claims);
    }

    public boolean valid() {
        return "VALID".equals(status);
    }
}
