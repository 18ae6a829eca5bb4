package vn.dancu.credentials;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The credential issuer's identifier: the platform's issuer URL ({@code dancu.oidc.issuer}), the
 * same one its OpenID provider uses, so that a wallet finds both under one host. Credentials and
 * status lists name it in {@code iss}; the {@code vct} of each credential type lives under it. Read
 * on first use, as eid.Issuer reads it: a test names its issuer with the port it listens on.
 */
@Component
class CredentialSettings {

    private final Environment env;
    private volatile String issuer;

    CredentialSettings(Environment env) {
        this.env = env;
    }

    String issuer() {
        String known = issuer;
        if (known == null) {
            known = env.getRequiredProperty("dancu.oidc.issuer").strip().replaceAll("/+$", "");
            issuer = known;
        }
        return known;
    }

    /** The type of a credential made from a wallet item of this type (docs/credentials.md#types): ID_CARD gives .../id_card. */
    String vct(String itemType) {
        return issuer() + "/credentials/types/" + itemType.toLowerCase(java.util.Locale.ROOT);
    }
}
