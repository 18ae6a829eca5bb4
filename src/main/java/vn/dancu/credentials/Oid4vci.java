package vn.dancu.credentials;

import io.swagger.v3.oas.annotations.Hidden;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow (docs/credentials.md#oid4vci):
 * the issuer's metadata, its own small authorization server (metadata and token endpoint; Spring
 * Authorization Server knows no pre-authorized code grant, and the OpenID provider's client
 * authentication has no place here: the wallet is anonymous, the code and transaction code are its
 * grant), the nonce endpoint and the credential endpoint. Errors are the protocols' JSON.
 */
@Hidden
@RestController
class Oid4vci {

    static final String METADATA = "/.well-known/openid-credential-issuer";
    static final String BASE = "/credentials/oid4vci";
    static final String GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code";
    /** The item types a wallet app can be offered: the card and the registry's documents (docs/wallet.md). */
    static final List<String> TYPES = java.util.stream.Stream.concat(java.util.stream.Stream.of("ID_CARD"),
            java.util.Arrays.stream(vn.dancu.registry.DocumentKind.values()).map(Enum::name)).toList();

    private final PreAuthorizedCodes codes;
    private final CredentialSettings settings;
    Oid4vci(PreAuthorizedCodes codes, CredentialSettings settings) {
        this.codes = codes;
        this.settings = settings;
    }

    static String configurationId(String itemType) {
        return "vn.dancu." + itemType.toLowerCase(java.util.Locale.ROOT);
    }

    /** The link and QR code content of an offer: {@code openid-credential-offer://?credential_offer=...}. */
    String offerUri(PreAuthorizedCodes.Offer offer) {
        Map<String, Object> grant = Map.of("pre-authorized_code", offer.code(),
                "tx_code", Map.of("input_mode", "numeric", "length", 6,
                        "description", "Mã 6 số hiện trên trang ví của bạn / the 6-digit code on your wallet page"));
        Map<String, Object> body = Map.of("credential_issuer", settings.issuer(),
                "credential_configuration_ids", List.of(offer.configurationId()), "grants", Map.of(GRANT, grant));
        return "openid-credential-offer://?credential_offer=" + URLEncoder.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(body), StandardCharsets.UTF_8);
    }

    @GetMapping(value = METADATA, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> issuerMetadata() {
        Map<String, Object> configurations = new LinkedHashMap<>();
        TYPES.forEach(type -> configurations.put(configurationId(type), Map.of("format", SdJwtVc.TYPE, "vct", settings.vct(type),
                "scope", configurationId(type), "cryptographic_binding_methods_supported", List.of("jwk"),
                "credential_signing_alg_values_supported", List.of("ES256"),
                "proof_types_supported", Map.of("jwt", Map.of("proof_signing_alg_values_supported", List.of("ES256"))))));
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("credential_issuer", settings.issuer());
        metadata.put("authorization_servers", List.of(authorizationServer()));
        metadata.put("credential_endpoint", settings.issuer() + BASE + "/credential");
        metadata.put("nonce_endpoint", settings.issuer() + BASE + "/nonce");
        metadata.put("display", List.of(Map.of("name", "Cơ sở dữ liệu quốc gia về dân cư", "locale", "vi"),
                Map.of("name", "National Population Database", "locale", "en")));
        metadata.put("credential_configurations_supported", configurations);
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(metadata);
    }

    /** RFC 8414 metadata of this flow's authorization server, at its issuer with the well-known suffix appended. */
    @GetMapping(value = BASE + "/.well-known/oauth-authorization-server", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> authorizationServerMetadata() {
        return Map.of("issuer", authorizationServer(), "token_endpoint", settings.issuer() + BASE + "/token",
                "grant_types_supported", List.of(GRANT), "pre-authorized_grant_anonymous_access_supported", true,
                "response_types_supported", List.of());
    }

    @PostMapping(value = BASE + "/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Map<String, Object>> token(@RequestParam(name = "grant_type", required = false) String grantType,
                                              @RequestParam(name = "pre-authorized_code", required = false) String code,
                                              @RequestParam(name = "tx_code", required = false) String txCode) {
        if (!GRANT.equals(grantType)) {
            throw new PreAuthorizedCodes.ProtocolError(org.springframework.http.HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "Only " + GRANT);
        }
        String accessToken = codes.redeem(code, txCode);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("access_token", accessToken,
                "token_type", "Bearer", "expires_in", PreAuthorizedCodes.TOKEN_LIFETIME.toSeconds()));
    }

    @PostMapping(BASE + "/nonce")
    ResponseEntity<Map<String, Object>> nonce() {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(Map.of("c_nonce", codes.nonce()));
    }

    /** {@code {"credential_configuration_id": ..., "proofs": {"jwt": ["<proof>"]}}}, one proof. */
    record CredentialRequest(String credential_configuration_id, Map<String, List<String>> proofs) {
    }

    @PostMapping(value = BASE + "/credential", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> credential(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                   @RequestBody(required = false) CredentialRequest request) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7).strip() : null;
        if (token == null) {
            throw new PreAuthorizedCodes.ProtocolError(org.springframework.http.HttpStatus.UNAUTHORIZED, "invalid_token",
                    "Send the access token of the token endpoint as a Bearer token");
        }
        List<String> proofs = request == null || request.proofs() == null ? null : request.proofs().get("jwt");
        if (request == null || request.credential_configuration_id() == null || proofs == null || proofs.size() != 1) {
            throw new PreAuthorizedCodes.ProtocolError(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_credential_request",
                    "credential_configuration_id and proofs.jwt with one proof are required");
        }
        CredentialIssuance.Issued issued = codes.credential(token, request.credential_configuration_id(), proofs.getFirst());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(Map.of("credentials", List.of(Map.of("credential", issued.serialized()))));
    }

    @ExceptionHandler(PreAuthorizedCodes.ProtocolError.class)
    ResponseEntity<Map<String, Object>> error(PreAuthorizedCodes.ProtocolError e) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(e.status).contentType(MediaType.APPLICATION_JSON)
                .cacheControl(CacheControl.noStore());
        if (e.status == org.springframework.http.HttpStatus.UNAUTHORIZED) {
            answer.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"" + e.error + "\"");
        }
        return answer.body(Map.of("error", e.error, "error_description", e.getMessage()));
    }

    @ExceptionHandler({org.springframework.http.converter.HttpMessageNotReadableException.class,
            org.springframework.web.HttpMediaTypeNotSupportedException.class})
    ResponseEntity<Map<String, Object>> unreadable(Exception e) {
        return error(new PreAuthorizedCodes.ProtocolError(org.springframework.http.HttpStatus.BAD_REQUEST, "invalid_request",
                "The request is not the JSON or form this endpoint takes"));
    }

    private String authorizationServer() {
        return settings.issuer() + BASE;
    }
}
