package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.registry.PersonFinder;
import vn.dancu.wallet.Wallet;
import vn.dancu.wallet.WalletItem;

/**
 * Issues a wallet item as an SD-JWT VC: reads the item (a read of the person's data, in the access
 * log), draws its status index, signs it and records the issuance, all in one transaction. A
 * credential lives at most {@link #MAX_VALIDITY} and never past the item's own validity: its
 * derived claims (age_over_18) and its address are true as of the day of issuance.
 */
@Service
class CredentialIssuance {

    static final Duration MAX_VALIDITY = Duration.ofDays(365);
    static final java.time.ZoneId VIETNAM = java.time.ZoneId.of("Asia/Ho_Chi_Minh");

    enum Channel { WALLET, OID4VCI }

    record Issued(UUID id, String serialized, WalletItem item, Instant expiresAt, boolean bound) {
    }

    private final Wallet wallet;
    private final StatusLists statusLists;
    private final IssuerKeys keys;
    private final CredentialSettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    CredentialIssuance(Wallet wallet, StatusLists statusLists, IssuerKeys keys, CredentialSettings settings,
                       JdbcClient jdbc, Clock clock) {
        this.wallet = wallet;
        this.statusLists = statusLists;
        this.keys = keys;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * {@code holderKey} null: an unbound credential, which verifiers report as "not bound". {@code actor}
     * names the citizen's login (or the wallet app's access token) in the access log.
     */
    @Transactional
    Issued issue(String personalId, String itemId, ECKey holderKey, Channel channel, String actor) {
        if (holderKey != null && (!Curve.P_256.equals(holderKey.getCurve()) || holderKey.isPrivate())) {
            throw ApiProblem.invalidField("holderKey", "HOLDER_KEY_INVALID", "The holder key is a public P-256 key");
        }
        WalletItem item = wallet.item(personalId, itemId, new PersonFinder.Requester(AccessLog.ActorType.SELF, actor,
                        "Cấp chứng chỉ số (SD-JWT VC) từ ví giấy tờ của công dân", AccessLog.Channel.SELF))
                .orElseThrow(() -> ApiProblem.notFound("ITEM_NOT_FOUND", "The wallet has no such item"));
        if (item.status() != WalletItem.Status.VALID) {
            throw ApiProblem.conflict("ITEM_NOT_VALID", "Only a valid item is issued as a credential; this one is " + item.status());
        }
        Instant now = clock.instant();
        Instant expiresAt = expiry(item, now);
        StatusLists.Slot slot = statusLists.allocate();
        SdJwtVc.Issued credential = SdJwtVc.issue(keys.signingKey(), new SdJwtVc.Envelope(settings.issuer(),
                        settings.vct(item.type()), now, expiresAt, holderKey, statusLists.uri(slot.listId()), slot.index()),
                SdJwtVc.withAgeClaims(item.claims(), LocalDate.ofInstant(now, VIETNAM)));
        UUID id = UUID.randomUUID();
        // the item's own id, not an alias such as "card" (the card in use), which would name the next card after a replacement
        jdbc.sql("""
                        insert into credentials.credential (id, personal_id, item_id, vct, list_id, status_index, holder_key_thumbprint,
                                                            channel, issued_at, expires_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(id, personalId, item.id(), settings.vct(item.type()), slot.listId(), slot.index(), thumbprint(holderKey),
                        channel.name(), Timestamp.from(now), Timestamp.from(expiresAt))
                .update();
        return new Issued(id, credential.serialized(), item, expiresAt, holderKey != null);
    }

    /** A year, or the end of the item's last valid day (Vietnam time) when that comes first. */
    private static Instant expiry(WalletItem item, Instant now) {
        Instant max = now.plus(MAX_VALIDITY);
        if (item.validUntil() == null) {
            return max;
        }
        Instant itemEnd = item.validUntil().plusDays(1).atStartOfDay(VIETNAM).toInstant();
        return itemEnd.isBefore(max) ? itemEnd : max;
    }

    private static String thumbprint(ECKey holderKey) {
        try {
            return holderKey == null ? null : holderKey.computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
