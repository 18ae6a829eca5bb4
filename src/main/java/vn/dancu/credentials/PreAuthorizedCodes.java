package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.dancu.audit.AccessLog;
import vn.dancu.platform.ApiProblem;
import vn.dancu.platform.Digests;
import vn.dancu.registry.PersonFinder;
import vn.dancu.wallet.Wallet;
import vn.dancu.wallet.WalletItem;

/**
 * OID4VCI 1.0's pre-authorized code flow for one wallet item: the citizen's page makes an offer
 * (a code good once for {@link #CODE_LIFETIME}, and a 6-digit transaction code shown beside the QR
 * code, never inside it, so that a photo of the QR code alone gets nothing); the wallet app trades the
 * code and the transaction code for an access token, fetches a {@code c_nonce}, and asks for the
 * credential with a proof of possession of its key, to which the credential is bound. Codes, tokens
 * and nonces are kept as SHA-256 hashes only.
 */
@Service
class PreAuthorizedCodes {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration TOKEN_LIFETIME = Duration.ofMinutes(5);
    static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);
    static final int TX_CODE_ATTEMPTS = 3;
    static final String PROOF_TYPE = "openid4vci-proof+jwt";

    record Offer(String code, WalletItem item, String configurationId, String txCode, Instant expiresAt) {
    }

    /** An error of OID4VCI or OAuth 2.0 (RFC 6749 5.2), answered as their JSON, not problem+json: wallets read these. */
    static final class ProtocolError extends RuntimeException {
        final HttpStatus status;
        final String error;

        ProtocolError(HttpStatus status, String error, String description) {
            super(description);
            this.status = status;
            this.error = error;
        }
    }

    private final JdbcClient jdbc;
    private final CredentialIssuance issuance;
    private final Wallet wallet;
    private final CredentialSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PreAuthorizedCodes(JdbcClient jdbc, CredentialIssuance issuance, Wallet wallet, CredentialSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.issuance = issuance;
        this.wallet = wallet;
        this.settings = settings;
        this.clock = clock;
    }

    /** An offer of a valid item of the citizen's; reading the item is in the access log. */
    @Transactional
    Offer offer(String personalId, String itemId, String actor) {
        WalletItem item = wallet.item(personalId, itemId, new PersonFinder.Requester(AccessLog.ActorType.SELF, actor,
                        "Công dân tạo lời mời nhận chứng chỉ số (OID4VCI)", AccessLog.Channel.SELF))
                .orElseThrow(() -> ApiProblem.notFound("ITEM_NOT_FOUND", "The wallet has no such item"));
        if (item.status() != WalletItem.Status.VALID) {
            throw ApiProblem.conflict("ITEM_NOT_VALID", "Only a valid item is offered as a credential; this one is " + item.status());
        }
        if (!Oid4vci.TYPES.contains(item.type())) {
            throw ApiProblem.conflict("ITEM_NOT_OFFERED", "A procedure's result is not offered to wallet apps; it has its own signed file");
        }
        String code = token();
        String txCode = String.format("%06d", random.nextInt(1_000_000));
        Instant expiresAt = clock.instant().plus(CODE_LIFETIME);
        jdbc.sql("""
                        insert into credentials.pre_authorized_code (code_hash, personal_id, item_id, configuration_id, tx_code_hash,
                                                                     expires_at)
                        values (?, ?, ?, ?, ?, ?)""")
                .params(Digests.sha256Hex(code), personalId, itemId, Oid4vci.configurationId(item.type()),
                        Digests.sha256Hex(code + txCode), Timestamp.from(expiresAt))
                .update();
        return new Offer(code, item, Oid4vci.configurationId(item.type()), txCode, expiresAt);
    }

    /** The token endpoint: a code is redeemed once; three wrong transaction codes burn it. */
    @Transactional(noRollbackFor = ProtocolError.class)
    String redeem(String code, String txCode) {
        if (code == null || code.isBlank() || code.length() > 100) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_request", "pre-authorized_code is required");
        }
        record Row(String txHash, int failures, Instant expiresAt, Instant redeemedAt) {
        }
        Row row = jdbc.sql("""
                        select tx_code_hash, failed_tx_codes, expires_at, redeemed_at from credentials.pre_authorized_code
                        where code_hash = ? for update""").param(Digests.sha256Hex(code))
                .query((rs, n) -> new Row(rs.getString(1), rs.getInt(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())).optional()
                .orElseThrow(() -> new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_grant", "Unknown pre-authorized code"));
        Instant now = clock.instant();
        if (row.redeemedAt() != null) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_grant", "The pre-authorized code was used already");
        }
        if (!row.expiresAt().isAfter(now)) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_grant", "The pre-authorized code has expired");
        }
        if (txCode == null || !Digests.sha256Hex(code + txCode).equals(row.txHash())) {
            boolean burnt = row.failures() + 1 >= TX_CODE_ATTEMPTS;
            jdbc.sql("""
                            update credentials.pre_authorized_code set failed_tx_codes = failed_tx_codes + 1,
                                   redeemed_at = case when ? then ? else redeemed_at end where code_hash = ?""")
                    .params(burnt, Timestamp.from(now), Digests.sha256Hex(code)).update();
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_grant",
                    burnt ? "Wrong transaction code; the offer is spent, make a new one" : "Wrong transaction code");
        }
        String accessToken = token();
        jdbc.sql("""
                        update credentials.pre_authorized_code set redeemed_at = ?, access_token_hash = ?, access_expires_at = ?
                        where code_hash = ?""")
                .params(Timestamp.from(now), Digests.sha256Hex(accessToken), Timestamp.from(now.plus(TOKEN_LIFETIME)),
                        Digests.sha256Hex(code)).update();
        return accessToken;
    }

    @Transactional
    String nonce() {
        String nonce = token();
        jdbc.sql("insert into credentials.proof_nonce (nonce_hash, expires_at) values (?, ?)")
                .params(Digests.sha256Hex(nonce), Timestamp.from(clock.instant().plus(NONCE_LIFETIME))).update();
        return nonce;
    }

    /** The credential endpoint: one credential per access token, bound to the key of the proof. */
    @Transactional(noRollbackFor = ProtocolError.class)
    CredentialIssuance.Issued credential(String accessToken, String configurationId, String proof) {
        record Grant(String personalId, String itemId, String configurationId, UUID credentialId) {
        }
        Grant grant = jdbc.sql("""
                        select personal_id, item_id, configuration_id, credential_id from credentials.pre_authorized_code
                        where access_token_hash = ? and access_expires_at > ? for update""")
                .params(Digests.sha256Hex(accessToken == null ? "" : accessToken), Timestamp.from(clock.instant()))
                .query((rs, n) -> new Grant(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class))).optional()
                .orElseThrow(() -> new ProtocolError(HttpStatus.UNAUTHORIZED, "invalid_token", "The access token is unknown or expired"));
        if (grant.credentialId() != null) {
            throw new ProtocolError(HttpStatus.UNAUTHORIZED, "invalid_token", "This access token has had its credential");
        }
        if (!grant.configurationId().equals(configurationId)) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "unknown_credential_configuration",
                    "The offer was for " + grant.configurationId());
        }
        ECKey holderKey = checkedProof(proof);
        try {
            CredentialIssuance.Issued issued = issuance.issue(grant.personalId(), grant.itemId(), holderKey,
                    CredentialIssuance.Channel.OID4VCI, "oid4vci-wallet");
            jdbc.sql("update credentials.pre_authorized_code set credential_id = ? where access_token_hash = ?")
                    .params(issued.id(), Digests.sha256Hex(accessToken)).update();
            return issued;
        } catch (ApiProblem e) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_credential_request", e.getMessage());
        }
    }

    /** The proof JWT: its own type, ES256 by the P-256 key in its header, for this issuer, recent, with an unused c_nonce. */
    private ECKey checkedProof(String proof) {
        try {
            SignedJWT jwt = SignedJWT.parse(proof == null ? "" : proof);
            ECKey key = jwt.getHeader().getJWK() instanceof ECKey ec ? ec : null;
            if (jwt.getHeader().getType() == null || !PROOF_TYPE.equals(jwt.getHeader().getType().getType())
                    || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm()) || key == null || key.isPrivate()
                    || !Curve.P_256.equals(key.getCurve()) || !jwt.verify(new ECDSAVerifier(key))) {
                throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_proof",
                        "The proof is an openid4vci-proof+jwt signed with ES256 by the P-256 key in its jwk header");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Instant now = clock.instant();
            if (claims.getAudience() == null || !claims.getAudience().contains(settings.issuer()) || claims.getIssueTime() == null
                    || claims.getIssueTime().toInstant().isBefore(now.minus(NONCE_LIFETIME))
                    || claims.getIssueTime().toInstant().isAfter(now.plus(PresentationVerifier.CLOCK_SKEW))) {
                throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_proof", "The proof's aud is the credential issuer and its iat is now");
            }
            String nonce = claims.getStringClaim("nonce");
            int used = nonce == null ? 0 : jdbc.sql("""
                            update credentials.proof_nonce set used_at = ? where nonce_hash = ? and used_at is null and expires_at > ?""")
                    .params(Timestamp.from(now), Digests.sha256Hex(nonce), Timestamp.from(now)).update();
            if (used != 1) {
                throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_nonce", "Fetch a c_nonce from the nonce endpoint and sign it");
            }
            return key;
        } catch (ParseException | JOSEException e) {
            throw new ProtocolError(HttpStatus.BAD_REQUEST, "invalid_proof", "The proof is not a signed JWT");
        }
    }

    private String token() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
