package vn.dancu.exchange;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.eid.DataSharingScopes;

/**
 * Consent given during an OIDC login: a business's relying party (linked to its member) asks for
 * {@code share:<product>} scopes, the citizen approves them on the provider's consent page, and the
 * consent registry records a consent of channel OIDC for a year and the member's first purpose.
 * Withdrawing the login consent withdraws these too.
 */
@Component
class OidcDataSharing implements DataSharingScopes {

    static final int DAYS = 365;

    private final Members members;
    private final DataConsents consents;
    private final Products products;
    private final Metering metering;
    private final JdbcClient jdbc;
    private final Clock clock;

    OidcDataSharing(Members members, DataConsents consents, Products products, Metering metering, JdbcClient jdbc, Clock clock) {
        this.members = members;
        this.consents = consents;
        this.products = products;
        this.metering = metering;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public List<String> fieldsOf(String scope) {
        String code = scope.substring(PREFIX.length());
        return products.codes().contains(code) && !Products.AGGREGATE.contains(code) ? products.on(code, metering.today()).fields() : List.of();
    }

    @Override
    public String purposeOf(String clientId) {
        return members.caller(clientId).filter(c -> c.policy() != null).map(c -> consents.purposeName(c.policy().purposes().getFirst()))
                .orElse(null);
    }

    @Override
    public void granted(String clientId, String personalId, List<String> scopes) {
        // A suspended member, or one without a policy, takes no consent; the citizen's login goes on.
        members.caller(clientId).filter(c -> c.usable() && c.policy().consentRequired()).ifPresent(c -> {
            List<String> wanted = scopes.stream().map(s -> s.substring(PREFIX.length()))
                    .filter(p -> c.policy().products().contains(p)).toList();
            if (!wanted.isEmpty()) {
                consents.grant(personalId, c.member().code(), wanted, c.policy().purposes().getFirst(), DAYS, "OIDC");
            }
        });
    }

    @Override
    public void withdrawn(String clientId, String personalId) {
        members.caller(clientId).ifPresent(c -> jdbc.sql("""
                        update exchange.consent set revoked_at = ? where personal_id = ? and member_id = ? and channel = 'OIDC'
                            and revoked_at is null""")
                .params(Timestamp.from(clock.instant()), personalId, c.member().id()).update());
    }
}
