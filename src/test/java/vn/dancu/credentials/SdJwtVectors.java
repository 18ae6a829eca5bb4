package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import vn.dancu.platform.Digests;

/** Presentations made by hand, as a holder (or someone tampering) makes them: the fixtures of the SD-JWT tests. */
final class SdJwtVectors {

    static final Map<String, Object> AN = Map.of("personal_id", "001075503799", "full_name", "Nguyễn Văn An",
            "birthdate", "1975-03-14", "address", "Số 12 Phố Huế, Phường Hai Bà Trưng, Hà Nội");

    private SdJwtVectors() {
    }

    static ECKey newKey(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).algorithm(JWSAlgorithm.ES256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The presentation of {@code claims} of a credential: its JWT, their disclosures, and a KB-JWT when {@code holder} is given. */
    static String present(SdJwtVc.Issued credential, List<String> claims, ECKey holder, String audience, Instant at) {
        StringBuilder bound = new StringBuilder(credential.serialized().substring(0, credential.serialized().indexOf('~') + 1));
        claims.forEach(c -> bound.append(credential.disclosures().get(c)).append('~'));
        return bound + (holder == null ? "" : keyBinding(bound.toString(), holder, audience, at));
    }

    static String keyBinding(String boundPart, ECKey holder, String audience, Instant at) {
        String sdHash = Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(boundPart.getBytes(StandardCharsets.US_ASCII)));
        SignedJWT kb = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kb+jwt")).build(),
                new JWTClaimsSet.Builder().issueTime(Date.from(at)).audience(audience).claim("nonce", "n-" + at.getEpochSecond())
                        .claim("sd_hash", sdHash).build());
        try {
            kb.sign(new ECDSASigner(holder));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return kb.serialize();
    }

    /** A disclosure of the same claim with another value and a fresh salt: what a forger would write. */
    static String forged(String name, Object value) {
        return new com.authlete.sd.Disclosure("AAAAAAAAAAAAAAAAAAAAAA", name, value).getDisclosure();
    }
}
