package vn.dancu.eid;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Consents given on the consent page, remembered per relying party. A revocation keeps the record
 * (when it was given, for what, when it ended) and deletes the relying party's authorizations, so
 * its refresh tokens stop working and its next login asks again.
 */
@Component
class Consents implements OAuth2AuthorizationConsentService {

    private final JdbcClient jdbc;
    private final org.springframework.beans.factory.ObjectProvider<DataSharingScopes> sharing;

    Consents(JdbcClient jdbc, org.springframework.beans.factory.ObjectProvider<DataSharingScopes> sharing) {
        this.jdbc = jdbc;
        this.sharing = sharing;
    }

    @Override
    @Transactional
    public void save(OAuth2AuthorizationConsent consent) {
        // Two logins of the same citizen at the same relying party may consent at once: one at a time.
        jdbc.sql("select pg_advisory_xact_lock(hashtext(?))")
                .param(consent.getRegisteredClientId() + "|" + consent.getPrincipalName()).query(Object.class).optional();
        revoke(consent.getRegisteredClientId(), consent.getPrincipalName(), false);
        jdbc.sql("insert into eid.oidc_consent (relying_party_id, principal_name, authorities) values (?, ?, ?)")
                .params(consent.getRegisteredClientId(), consent.getPrincipalName(),
                        consent.getAuthorities().stream().map(a -> a.getAuthority()).sorted().toArray(String[]::new))
                .update();
        List<String> shared = consent.getAuthorities().stream().map(a -> a.getAuthority())
                .filter(a -> a.startsWith("SCOPE_" + DataSharingScopes.PREFIX)).map(a -> a.substring(6)).sorted().toList();
        if (!shared.isEmpty()) {
            sharing.ifAvailable(s -> citizen(consent.getRegisteredClientId(), consent.getPrincipalName(),
                    (clientId, personalId) -> s.granted(clientId, personalId, shared)));
        }
    }

    /** The relying party's client id and the citizen's personal ID number, for a consent's ids. */
    private void citizen(String registeredClientId, String principalName, java.util.function.BiConsumer<String, String> action) {
        if (!principalName.startsWith(CitizenPrincipal.NAME_PREFIX)) {
            return;
        }
        jdbc.sql("select rp.client_id, a.personal_id from eid.relying_party rp, eid.citizen_account a where rp.id = ? and a.id = ?")
                .params(registeredClientId, Long.parseLong(principalName.substring(CitizenPrincipal.NAME_PREFIX.length())))
                .query((rs, n) -> {
                    action.accept(rs.getString(1), rs.getString(2));
                    return null;
                }).list();
    }

    @Override
    @Transactional
    public void remove(OAuth2AuthorizationConsent consent) {
        revoke(consent.getRegisteredClientId(), consent.getPrincipalName(), true);
    }

    @Override
    public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
        return jdbc.sql("""
                        select authorities from eid.oidc_consent
                        where relying_party_id = ? and principal_name = ? and revoked_at is null""")
                .params(registeredClientId, principalName)
                .query((rs, n) -> strings(rs.getArray(1))).optional()
                .map(authorities -> {
                    var builder = OAuth2AuthorizationConsent.withId(registeredClientId, principalName);
                    authorities.forEach(a -> builder.authority(new SimpleGrantedAuthority(a)));
                    return builder.build();
                }).orElse(null);
    }

    List<EidViews.ConsentView> current(String principalName) {
        return jdbc.sql("""
                        select c.relying_party_id, rp.name, rp.purpose, c.authorities, c.granted_at
                        from eid.oidc_consent c join eid.relying_party rp on rp.id = c.relying_party_id
                        where c.principal_name = ? and c.revoked_at is null order by c.granted_at desc""")
                .param(principalName)
                .query((rs, n) -> new EidViews.ConsentView(rs.getString(1), rs.getString(2), rs.getString(3),
                        strings(rs.getArray(4)).stream().filter(a -> a.startsWith("SCOPE_")).map(a -> a.substring(6)).toList(),
                        rs.getTimestamp(5).toInstant())).list();
    }

    /** The citizen withdraws a consent: it ends now, and so do the tokens given under it. */
    @Transactional
    void revoke(String relyingPartyId, String principalName, boolean endTokens) {
        int ended = jdbc.sql("update eid.oidc_consent set revoked_at = now() where relying_party_id = ? and principal_name = ?"
                        + " and revoked_at is null").params(relyingPartyId, principalName).update();
        if (ended > 0) {
            sharing.ifAvailable(s -> citizen(relyingPartyId, principalName, s::withdrawn));
        }
        if (endTokens) {
            jdbc.sql("delete from public.oauth2_authorization where registered_client_id = ? and principal_name = ?")
                    .params(relyingPartyId, principalName).update();
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
