package vn.dancu.eid;

import java.util.List;

/**
 * Scopes {@code share:<product>} that a business's relying party asks for at login: the citizen's
 * consent, given on the provider's consent page, that the business may later read these products
 * of the population data (through the data exchange, which implements this interface). The
 * provider releases no claims for them; it shows what they cover and reports consents and
 * withdrawals to the implementation in the same transaction.
 */
public interface DataSharingScopes {

    String PREFIX = "share:";

    static boolean isSharing(String scope) {
        return scope.startsWith(PREFIX);
    }

    /** The fields a sharing scope covers, for the consent page; empty when it covers nothing known. */
    List<String> fieldsOf(String scope);

    /** The purpose the consent is given for, as the consent page shows it; null when the client shares nothing. */
    String purposeOf(String clientId);

    /** The citizen consented, at the login of {@code clientId}, to these sharing scopes. */
    void granted(String clientId, String personalId, List<String> scopes);

    /** The citizen withdrew the consent given to {@code clientId} (or it was replaced by a new one). */
    void withdrawn(String clientId, String personalId);
}
