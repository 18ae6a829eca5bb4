package vn.dancu.credentials;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The credential issuer's identifier: the platform's issuer URL, the same one its OpenID provider
 * uses, so that a wallet finds both under one host. Credentials and status lists name it in {@code iss};
 * the {@code vct} of each credential type lives under it.
 */
@Component
class CredentialSettings {

    private final String issuer;

    CredentialSettings(@Value("${dancu.oidc.issuer}") String issuer) {
        this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    String issuer() {
        return issuer;
    }

    /** The type of a credential made from a wallet item of this type (docs/credentials.md#types): ID_CARD gives .../id_card. */
    String vct(String itemType) {
        return issuer + "/credentials/types/" + itemType.toLowerCase(java.util.Locale.ROOT);
    }
}
