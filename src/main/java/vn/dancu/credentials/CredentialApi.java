package vn.dancu.credentials;

import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.dancu.platform.ApiProblem;

/**
 * What any verifier reads, with no login: the issuer's keys (SD-JWT VC issuer metadata), the
 * status lists, and a verification of a presentation by the server's own verifier (docs/credentials.md).
 * The keys and lists are public data any web page may fetch (CORS {@code *}): a verifier built by
 * someone else checks credentials the same way as the platform's own page.
 */
@RestController
@Tag(name = "Credentials", description = "Verifying SD-JWT credentials of the citizens' wallets; open to everyone")
class CredentialApi {

    static final String JWT_VC_ISSUER = "/.well-known/jwt-vc-issuer";
    static final String STATUS = "/credentials/status/{listId}";

    /** {@code audience} and {@code nonce}: what the verifier asked the holder to sign; absent for an offline QR code. */
    record VerificationRequest(String presentation, String audience, String nonce) {
    }

    record VerificationAnswer(String outcome, List<String> reasons, String vct, Map<String, Object> disclosed, Instant issuedAt,
                              Instant expiresAt, boolean bound, Instant presentedAt) {
    }

    private final Verifications verifications;
    private final IssuerKeys keys;
    private final StatusLists statusLists;
    private final CredentialSettings settings;

    CredentialApi(Verifications verifications, IssuerKeys keys, StatusLists statusLists, CredentialSettings settings) {
        this.verifications = verifications;
        this.keys = keys;
        this.statusLists = statusLists;
        this.settings = settings;
    }

    @PostMapping("/api/v1/credentials/verifications")
    @Operation(summary = "Verifies a presentation of a wallet credential: signature, disclosures, holder binding, expiry and status")
    VerificationAnswer verify(@RequestBody VerificationRequest body) {
        if (body == null || body.presentation() == null || body.presentation().isBlank()) {
            throw ApiProblem.invalidField("presentation", "REQUIRED", "The SD-JWT presentation, as the QR code or file holds it");
        }
        if (body.audience() == null && body.nonce() != null) {
            throw ApiProblem.invalidField("audience", "REQUIRED", "A nonce is checked together with the audience it was given to");
        }
        try {
            PresentationVerifier.Verdict v = verifications.verify(body.presentation(),
                    new PresentationVerifier.Expectation(body.audience(), body.nonce()));
            return new VerificationAnswer(v.outcome().name(), v.reasons(), v.vct(), v.disclosed(), v.issuedAt(), v.expiresAt(),
                    v.bound(), v.presentedAt());
        } catch (PresentationVerifier.Malformed e) {
            throw ApiProblem.invalidField("presentation", "PRESENTATION_MALFORMED", e.getMessage());
        }
    }

    /** SD-JWT VC issuer metadata: the keys that sign credentials and status lists. */
    @Hidden
    @GetMapping(value = JWT_VC_ISSUER, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> issuerMetadata() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .header("Access-Control-Allow-Origin", "*")
                .body(Map.of("issuer", settings.issuer(), "jwks", keys.publicKeys().toJSONObject(true)));
    }

    @Hidden
    @GetMapping(STATUS)
    ResponseEntity<String> statusList(@PathVariable String listId) {
        if (!listId.matches("\\d{1,6}")) {
            throw ApiProblem.notFound("STATUS_LIST_NOT_FOUND", "No such status list");
        }
        return statusLists.token(Integer.parseInt(listId))
                .map(token -> ResponseEntity.ok().contentType(MediaType.parseMediaType("application/statuslist+jwt"))
                        .cacheControl(CacheControl.maxAge(StatusLists.TTL).cachePublic())
                        .header("Access-Control-Allow-Origin", "*").body(token))
                .orElseThrow(() -> ApiProblem.notFound("STATUS_LIST_NOT_FOUND", "No such status list"));
    }
}
