package vn.dancu.credentials;

import com.authlete.sd.Disclosure;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An SD-JWT VC (IETF draft-ietf-oauth-sd-jwt-vc, the drafts with {@code typ: dc+sd-jwt}, over SD-JWT) made from a wallet item: every
 * claim is a disclosure of its own, so the holder shows any subset; the issuer-signed JWT carries
 * only their digests, sorted so that their order says nothing about the claims. Kept small for QR
 * codes: ES256, salts of 16 bytes, no decoys, no {@code sub}.
 */
final class SdJwtVc {

    static final String TYPE = "dc+sd-jwt";
    /** The ages a verifier most often asks about: of working age, of age, 21 for some licences, pension age. */
    static final List<Integer> AGE_THRESHOLDS = List.of(16, 18, 21, 65);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The issued credential ({@code <jwt>~<disclosure>~...~}) and its disclosures by claim name. */
    record Issued(String serialized, Map<String, String> disclosures) {
    }

    /** What goes into the signed JWT besides the digests. */
    record Envelope(String issuer, String vct, Instant issuedAt, Instant expiresAt, ECKey holderKey, String statusUri,
                    int statusIndex) {
    }

    private SdJwtVc() {
    }

    static Issued issue(ECKey issuerKey, Envelope envelope, Map<String, Object> claims) {
        Map<String, String> disclosures = new LinkedHashMap<>();
        List<String> digests = new ArrayList<>();
        claims.forEach((name, value) -> {
            Disclosure disclosure = new Disclosure(salt(), name, value);
            disclosures.put(name, disclosure.getDisclosure());
            digests.add(disclosure.digest());
        });
        digests.sort(null);
        JWTClaimsSet.Builder payload = new JWTClaimsSet.Builder().issuer(envelope.issuer()).claim("vct", envelope.vct())
                .issueTime(Date.from(envelope.issuedAt())).expirationTime(Date.from(envelope.expiresAt()))
                .claim("_sd", digests).claim("_sd_alg", "sha-256")
                .claim("status", Map.of("status_list", Map.of("idx", envelope.statusIndex(), "uri", envelope.statusUri())));
        if (envelope.holderKey() != null) {
            payload.claim("cnf", Map.of("jwk", envelope.holderKey().toPublicJWK().toJSONObject()));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(TYPE))
                .keyID(issuerKey.getKeyID()).build(), payload.build());
        try {
            jwt.sign(new ECDSASigner(issuerKey));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return new Issued(jwt.serialize() + "~" + String.join("~", disclosures.values()) + "~", disclosures);
    }

    /**
     * The item's claims and, where it has a date of birth, {@code age_over_N} for each threshold, as
     * of the day of issuance: each is a disclosure of its own, so "over 18" is shown without the birthdate.
     */
    static Map<String, Object> withAgeClaims(Map<String, Object> claims, LocalDate today) {
        Map<String, Object> all = new LinkedHashMap<>(claims);
        if (claims.get("birthdate") instanceof String birthdate) {
            LocalDate born = LocalDate.parse(birthdate);
            AGE_THRESHOLDS.forEach(age -> all.put("age_over_" + age, !born.plusYears(age).isAfter(today)));
        }
        return all;
    }

    private static String salt() {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(salt);
    }
}
