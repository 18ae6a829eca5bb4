package vn.dancu.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.MovableClock;

/**
 * Credentials end to end over HTTP: issued from a wallet item, verified by the API, revoked in the
 * registry's own transaction when the card is replaced or the person dies, and received by a wallet
 * app over OID4VCI's pre-authorized code flow, with each way that flow refuses.
 */
class CredentialsApiTest extends IntegrationTest {

    @Autowired
    CredentialIssuance issuance;
    @Autowired
    PreAuthorizedCodes codes;
    @Autowired
    Oid4vci oid4vci;
    @Autowired
    CredentialSettings settings;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MovableClock clock;
    @Autowired
    vn.dancu.registry.Registry registry;
    @Autowired
    vn.dancu.wallet.Wallet wallet;

    final ECKey holder = SdJwtVectors.newKey(null);

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    SdJwtVc.Issued issued(String personalId, ECKey holderKey) {
        CredentialIssuance.Issued issued = issuance.issue(personalId, "card", holderKey == null ? null : holderKey.toPublicJWK(),
                CredentialIssuance.Channel.WALLET, "citizen:test");
        String[] parts = issued.serialized().split("~");
        Map<String, String> disclosures = new java.util.LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            disclosures.put(com.authlete.sd.Disclosure.parse(parts[i]).getClaimName(), parts[i]);
        }
        return new SdJwtVc.Issued(issued.serialized(), disclosures);
    }

    Api.Response verify(String presentation) {
        return anonymous().post("/api/v1/credentials/verifications", Map.of("presentation", presentation));
    }

    @Test
    void aCredentialOfTheCardVerifiesShowingOnlyWhatIsDisclosedAndItsIssuanceIsLogged() {
        String personalId = CredentialFixtures.personWithCard(api("officer.hanoi"), "Phạm Thị Chứng", "1990-06-15");
        SdJwtVc.Issued credential = issued(personalId, holder);
        assertThat(credential.disclosures()).containsKeys("personal_id", "name", "birthdate", "card_number", "age_over_18", "age_over_65");

        Api.Response answer = verify(SdJwtVectors.present(credential, List.of("name", "age_over_18"), holder, "offline", Instant.now()));
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text("outcome")).as(answer.body().toString()).isEqualTo("VALID");
        assertThat(answer.body().path("disclosed").propertyNames()).containsExactlyInAnyOrder("name", "age_over_18");
        assertThat(answer.body().path("disclosed").path("name").asString()).isEqualTo("Phạm Thị Chứng");
        assertThat(answer.body().path("disclosed").path("age_over_18").asBoolean()).isTrue();
        assertThat(answer.body().path("bound").asBoolean()).isTrue();

        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log where subject_personal_id = ? and actor = 'citizen:test'
                        and purpose like 'Cấp chứng chỉ số%'""").param(personalId).query(Long.class).single())
                .as("the read of the person's data for the credential").isEqualTo(1);
        assertThat(jdbc.sql("select item_id from credentials.credential where personal_id = ?").param(personalId).query(String.class).single())
                .as("the card's own id, not the alias 'card'").startsWith("card:" + personalId + ":2025-03-01");
    }

    @Test
    void aReplacedCardRevokesItsCredentialInThePublicStatusListAndADeathRevokesTheRest() {
        String personalId = CredentialFixtures.personWithCard(api("officer.hanoi"), "Phạm Văn Thay", "1988-01-20");
        SdJwtVc.Issued credential = issued(personalId, null);
        String presentation = SdJwtVectors.present(credential, List.of("name"), null, null, Instant.now());
        assertThat(verify(presentation).text("outcome")).isEqualTo("NOT_BOUND");

        CredentialFixtures.replaceCard(api("officer.hanoi"), personalId);
        Api.Response revoked = verify(presentation);
        assertThat(revoked.text("outcome")).isEqualTo("REVOKED");
        assertThat(jdbc.sql("select revocation_reason from credentials.credential where personal_id = ?").param(personalId)
                .query(String.class).single()).isEqualTo("CARD_REPLACED");

        JsonNode status = statusOf(credential);
        String statusPath = status.path("uri").asString().substring(settings.issuer().length());
        String token = anonymous().text(statusPath);
        Api.Response list = anonymous().get(statusPath);
        assertThat(list.contentType()).startsWith("application/statuslist+jwt");
        assertThat(list.headers()).as("any verifier's page may fetch it").containsEntry("access-control-allow-origin", "*");
        StatusBits bits = StatusListToken.read(token, status.path("uri").asString(), anonymousKeys(), Instant.now());
        assertThat(bits.get(status.path("idx").asInt())).as("the bit a verifier reads itself").isEqualTo(StatusBits.INVALID);

        SdJwtVc.Issued ofNewCard = issued(personalId, null);
        assertThat(verify(SdJwtVectors.present(ofNewCard, List.of("name"), null, null, Instant.now())).text("outcome")).isEqualTo("NOT_BOUND");
        Api.Response death = api("officer.hanoi").post("/api/v1/registry/persons/" + personalId + "/death",
                Api.map("dateOfDeath", java.time.LocalDate.now(CredentialIssuance.VIETNAM).toString(), "placeOfDeath", "Hà Nội",
                        "sourceDocument", "Giấy báo tử 12/2026"));
        assertThat(death.status()).as(death.body().toString()).isBetween(200, 204);
        assertThat(verify(SdJwtVectors.present(ofNewCard, List.of("name"), null, null, Instant.now())).text("outcome")).isEqualTo("REVOKED");
    }

    @Test
    void aDocumentWithdrawnByItsAgencyRevokesItsCredentialAndLeavesTheCardsAlone() {
        String personalId = CredentialFixtures.personWithCard(api("officer.hanoi"), "Phạm Thị Lái Xe", "1985-02-03");
        registry.recordDocument(personalId, new vn.dancu.registry.DocumentRecord("DRIVING_LICENCE", "790123456789", "2024-01-10",
                "2034-01-10", Map.of("class", "B")), "demo-ministry");
        String licence = wallet.itemsOf(personalId, vn.dancu.wallet.Wallet.self("citizen:test")).stream()
                .filter(i -> i.type().equals("DRIVING_LICENCE")).findFirst().orElseThrow().id();
        CredentialIssuance.Issued ofLicence = issuance.issue(personalId, licence, null, CredentialIssuance.Channel.WALLET, "citizen:test");
        SdJwtVc.Issued ofCard = issued(personalId, null);
        String licenceShown = ofLicence.serialized().substring(0, ofLicence.serialized().indexOf('~') + 1);

        registry.recordDocument(personalId, new vn.dancu.registry.DocumentRecord("DRIVING_LICENCE", "790123456789", "2024-01-10",
                "2034-01-10", Map.of("class", "B", "withdrawn", "2026-12-01")), "demo-ministry");
        assertThat(verify(licenceShown).text("outcome")).isEqualTo("REVOKED");
        assertThat(verify(SdJwtVectors.present(ofCard, List.of("name"), null, null, Instant.now())).text("outcome"))
                .as("the card is still valid").isEqualTo("NOT_BOUND");
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log where subject_personal_id = ? and actor_type = 'SYSTEM'
                        and purpose like 'Thu hồi chứng chỉ số%'""").param(personalId).query(Long.class).single())
                .as("the status of each held item, read and logged").isGreaterThanOrEqualTo(2);
    }

    @Test
    void whatIsNoPresentationIsRefusedWithAStableCode() {
        assertThat(verify("not a credential").fieldErrors()).containsExactly("presentation:PRESENTATION_MALFORMED");
        assertThat(verify("e30.e30.e30~").fieldErrors()).containsExactly("presentation:PRESENTATION_MALFORMED");
        assertThat(anonymous().post("/api/v1/credentials/verifications", Map.of("presentation", "a.b.c~", "nonce", "n"))
                .fieldErrors()).containsExactly("audience:REQUIRED");
        Api.Response empty = anonymous().post("/api/v1/credentials/verifications", Map.of());
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.contentType()).startsWith("application/problem+json");
        assertThat(empty.fieldErrors()).containsExactly("presentation:REQUIRED");
        Api.Response notJson = anonymous().post("/api/v1/credentials/verifications", "application/json", "{\"presentation\":".getBytes());
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(anonymous().get("/credentials/status/999999").status()).isEqualTo(404);
    }

    @Test
    void aWalletAppReceivesTheCardOverOid4vciBoundToTheKeyOfItsProof() {
        String personalId = CredentialFixtures.personWithCard(api("officer.hanoi"), "Phạm Thị Ví", "2001-09-02");
        PreAuthorizedCodes.Offer offer = codes.offer(personalId, "card", "citizen:test");
        JsonNode offered = Api.JSON.readTree(URLDecoder.decode(oid4vci.offerUri(offer).substring(
                "openid-credential-offer://?credential_offer=".length()), StandardCharsets.UTF_8));
        assertThat(offered.path("credential_configuration_ids").get(0).asString()).isEqualTo("vn.dancu.id_card");
        assertThat(offered.path("grants").path(Oid4vci.GRANT).path("tx_code").path("length").asInt()).isEqualTo(6);
        assertThat(offered.toString()).doesNotContain(offer.txCode());

        JsonNode metadata = anonymous().get("/.well-known/openid-credential-issuer").body();
        assertThat(metadata.path("credential_configurations_supported").path("vn.dancu.id_card").path("format").asString())
                .isEqualTo("dc+sd-jwt");
        String asBase = metadata.path("authorization_servers").get(0).asString().substring(settings.issuer().length());
        String tokenEndpoint = anonymous().get(asBase + "/.well-known/oauth-authorization-server").text("token_endpoint");
        assertThat(tokenEndpoint).endsWith("/credentials/oid4vci/token");

        Api.Response wrongTx = token(offer.code(), "000000".equals(offer.txCode()) ? "111111" : "000000");
        assertThat(wrongTx.status()).isEqualTo(400);
        assertThat(wrongTx.text("error")).isEqualTo("invalid_grant");
        Api.Response granted = token(offer.code(), offer.txCode());
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
        String accessToken = granted.text("access_token");
        assertThat(token(offer.code(), offer.txCode()).text("error_description")).contains("used already");

        Api wallet = Api.bearer(port, accessToken);
        String nonce = anonymous().post("/credentials/oid4vci/nonce", Map.of()).text("c_nonce");
        Api.Response wrongNonce = wallet.post("/credentials/oid4vci/credential", request(proof(holder, settings.issuer(), "other")));
        assertThat(wrongNonce.text("error")).isEqualTo("invalid_nonce");
        Api.Response wrongAudience = wallet.post("/credentials/oid4vci/credential", request(proof(holder, "https://elsewhere.example", nonce)));
        assertThat(wrongAudience.text("error")).isEqualTo("invalid_proof");
        Api.Response wrongType = wallet.post("/credentials/oid4vci/credential",
                Map.of("credential_configuration_id", "vn.dancu.passport", "proofs", Map.of("jwt", List.of(proof(holder, settings.issuer(), nonce)))));
        assertThat(wrongType.text("error")).isEqualTo("unknown_credential_configuration");

        Api.Response credential = wallet.post("/credentials/oid4vci/credential", request(proof(holder, settings.issuer(), nonce)));
        assertThat(credential.status()).as(credential.body().toString()).isEqualTo(200);
        String sdJwt = credential.body().path("credentials").get(0).path("credential").asString();
        String kept = sdJwt.substring(0, sdJwt.indexOf('~') + 1) + sdJwt.split("~")[2] + "~";
        String presentation = kept + SdJwtVectors.keyBinding(kept, holder, "offline", Instant.now());
        assertThat(verify(presentation).text("outcome")).isEqualTo("VALID");

        String again = anonymous().post("/credentials/oid4vci/nonce", Map.of()).text("c_nonce");
        Api.Response second = wallet.post("/credentials/oid4vci/credential", request(proof(holder, settings.issuer(), again)));
        assertThat(second.status()).isEqualTo(401);
        assertThat(second.text("error")).isEqualTo("invalid_token");
        assertThat(Api.bearer(port, "forged").post("/credentials/oid4vci/credential", request(proof(holder, settings.issuer(), again)))
                .status()).isEqualTo(401);
        assertThat(jdbc.sql("select channel from credentials.credential where personal_id = ?").param(personalId).query(String.class).single())
                .isEqualTo("OID4VCI");
    }

    @Test
    void aPreAuthorizedCodeExpiresAndThreeWrongTransactionCodesSpendIt() {
        String personalId = CredentialFixtures.personWithCard(api("officer.hanoi"), "Phạm Văn Hạn", "1979-11-30");
        PreAuthorizedCodes.Offer late = codes.offer(personalId, "card", "citizen:test");
        clock.moveTo(Instant.now().plus(PreAuthorizedCodes.CODE_LIFETIME).plusSeconds(5));
        assertThat(token(late.code(), late.txCode()).text("error_description")).contains("expired");
        clock.reset();

        PreAuthorizedCodes.Offer guessed = codes.offer(personalId, "card", "citizen:test");
        for (int i = 0; i < PreAuthorizedCodes.TX_CODE_ATTEMPTS; i++) {
            assertThat(token(guessed.code(), "x" + i).text("error")).isEqualTo("invalid_grant");
        }
        assertThat(token(guessed.code(), guessed.txCode()).text("error_description")).contains("used already");
        assertThat(token("", "123456").text("error")).isEqualTo("invalid_request");
        Api.Response otherGrant = anonymous().post("/credentials/oid4vci/token", "application/x-www-form-urlencoded",
                "grant_type=password".getBytes(StandardCharsets.UTF_8));
        assertThat(otherGrant.text("error")).isEqualTo("unsupported_grant_type");
    }

    private Api.Response token(String code, String txCode) {
        String form = "grant_type=" + URLEncoder.encode(Oid4vci.GRANT, StandardCharsets.UTF_8) + "&pre-authorized_code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8) + "&tx_code=" + URLEncoder.encode(txCode, StandardCharsets.UTF_8);
        return anonymous().post("/credentials/oid4vci/token", "application/x-www-form-urlencoded", form.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> request(String proof) {
        return Map.of("credential_configuration_id", "vn.dancu.id_card", "proofs", Map.of("jwt", List.of(proof)));
    }

    private static String proof(ECKey key, String audience, String nonce) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(PreAuthorizedCodes.PROOF_TYPE))
                .jwk(key.toPublicJWK()).build(), new JWTClaimsSet.Builder().audience(audience).issueTime(new Date())
                .claim("nonce", nonce).build());
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private JsonNode statusOf(SdJwtVc.Issued credential) {
        String payload = credential.serialized().split("\\.")[1];
        return Api.JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).path("status").path("status_list");
    }

    private com.nimbusds.jose.jwk.JWKSet anonymousKeys() {
        try {
            return com.nimbusds.jose.jwk.JWKSet.parse(anonymous().get("/.well-known/jwt-vc-issuer").body().path("jwks").toString());
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

}
