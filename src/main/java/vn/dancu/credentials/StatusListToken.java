package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.text.ParseException;
import java.time.Instant;
import java.util.Map;

/**
 * Reads a status list token as any verifier must before trusting its bits: {@code typ}
 * statuslist+jwt, signed by a key of the issuer, {@code sub} the URI the credential names, not expired.
 */
final class StatusListToken {

    private StatusListToken() {
    }

    static StatusBits read(String token, String uri, JWKSet issuerKeys, Instant now) {
        try {
            SignedJWT jwt = SignedJWT.parse(token);
            if (jwt.getHeader().getType() == null || !StatusLists.TYPE.equals(jwt.getHeader().getType().getType())
                    || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())
                    || !(issuerKeys.getKeyByKeyId(jwt.getHeader().getKeyID()) instanceof ECKey key)
                    || !jwt.verify(new ECDSAVerifier(key))) {
                throw new IllegalArgumentException("The status list is not signed by the issuer");
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (!uri.equals(claims.getSubject()) || claims.getExpirationTime() == null
                    || !claims.getExpirationTime().toInstant().isAfter(now)) {
                throw new IllegalArgumentException("The status list is another list, or expired");
            }
            Map<String, Object> list = claims.getJSONObjectClaim("status_list");
            int bits = ((Number) list.get("bits")).intValue();
            return StatusBits.parse(bits, (String) list.get("lst"), StatusLists.SIZE * bits / 8);
        } catch (ParseException | JOSEException | ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("The status list does not parse", e);
        }
    }
}
