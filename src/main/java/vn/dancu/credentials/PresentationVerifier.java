package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.dancu.platform.Digests;

/**
 * Checks a presentation of one of this issuer's SD-JWT VCs, by the rules the offline verifier page
 * applies in the browser (/js/credential-verifier.js; docs/credentials.md#verifying): the issuer's
 * ES256 signature, {@code typ}, {@code iss}, {@code vct}, the validity period, every disclosure's
 * digest among the signed ones, the Key Binding JWT when the credential is bound to a holder key,
 * and the credential's bit in the status list. A verdict lists every reason found, and shows the
 * disclosed claims only when nothing was tampered with.
 */
final class PresentationVerifier {

    /** From worst to best: a verdict is the worst outcome any of its reasons has. */
    enum Outcome { TAMPERED, REVOKED, EXPIRED, STATUS_UNKNOWN, NOT_BOUND, VALID }

    /** The audience of a presentation made with no verifier to ask for a nonce: a QR code shown at a counter. */
    static final String OFFLINE_AUDIENCE = "offline";
    /** How old a Key Binding JWT may be: a QR code is shown and read within minutes. */
    static final Duration PRESENTATION_MAX_AGE = Duration.ofMinutes(10);
    /** How far ahead of the verifier's clock a phone's clock may run. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    /** Where the verifier gets status lists: the list's bits, once its signed token has been checked. */
    interface StatusSource {
        Optional<StatusBits> list(String uri);
    }

    /** What an online verifier asked the holder for; null members: the offline rules (audience "offline", no nonce). */
    record Expectation(String audience, String nonce) {
        static final Expectation OFFLINE = new Expectation(null, null);
    }

    record Verdict(Outcome outcome, List<String> reasons, String vct, Map<String, Object> disclosed, Instant issuedAt,
                   Instant expiresAt, boolean bound, Instant presentedAt) {
    }

    /** A presentation that is not an SD-JWT at all: the API answers it 400, the page says it cannot read it. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message);
        }
    }

    private final String issuer;
    private final JWKSet issuerKeys;
    private final StatusSource statuses;
    private final Clock clock;

    PresentationVerifier(String issuer, JWKSet issuerKeys, StatusSource statuses, Clock clock) {
        this.issuer = issuer;
        this.issuerKeys = issuerKeys;
        this.statuses = statuses;
        this.clock = clock;
    }

    Verdict verify(String presentation, Expectation expectation) {
        Parts parts = Parts.of(presentation);
        Instant now = clock.instant();
        List<Reason> reasons = new ArrayList<>();
        Map<String, Object> payload = issuerSigned(parts.jwt(), reasons);
        Map<String, Object> disclosed = disclosed(parts.disclosures(), payload, reasons);
        validity(payload, now, reasons);
        Map<String, Object> cnf = object(payload.get("cnf"));
        Instant presentedAt = cnf == null ? noBinding(parts, reasons) : keyBinding(parts, cnf, expectation, now, reasons);
        status(payload, reasons);
        Outcome outcome = reasons.stream().map(Reason::outcome).min(Enum::compareTo).orElse(Outcome.VALID);
        return new Verdict(outcome, reasons.stream().map(Reason::code).toList(), string(payload.get("vct")),
                outcome == Outcome.TAMPERED ? Map.of() : disclosed, time(payload.get("iat")), time(payload.get("exp")), cnf != null,
                presentedAt);
    }

    private record Reason(Outcome outcome, String code) {
    }

    /** The issuer-signed JWT, the disclosures and the Key Binding JWT (null when the presentation ends with "~"). */
    record Parts(String jwt, List<String> disclosures, String keyBinding) {

        static Parts of(String presentation) {
            String text = presentation == null ? "" : presentation.strip();
            if (text.length() > 64_000 || !text.contains("~") || !text.matches("[A-Za-z0-9_\\-.~]+")) {
                throw new Malformed("Not an SD-JWT presentation: <issuer JWT>~<disclosure>~...~[<KB-JWT>]");
            }
            String[] pieces = text.split("~", -1);
            if (pieces[0].split("\\.", -1).length != 3) {
                throw new Malformed("The presentation does not start with a signed JWT");
            }
            List<String> disclosures = List.of(pieces).subList(1, pieces.length - 1);
            String last = pieces[pieces.length - 1];
            return new Parts(pieces[0], disclosures, last.isEmpty() ? null : last);
        }

        /** What the Key Binding JWT's sd_hash covers: everything up to and including the last "~". */
        String boundPart() {
            return jwt + "~" + String.join("~", disclosures) + (disclosures.isEmpty() ? "" : "~");
        }
    }

    private Map<String, Object> issuerSigned(String jwt, List<Reason> reasons) {
        SignedJWT signed;
        Map<String, Object> payload;
        try {
            signed = SignedJWT.parse(jwt);
            payload = signed.getPayload().toJSONObject();
        } catch (ParseException e) {
            throw new Malformed("The issuer-signed JWT does not parse");
        }
        if (payload == null) {
            throw new Malformed("The issuer-signed JWT has no JSON payload");
        }
        if (signed.getHeader().getType() == null || !SdJwtVc.TYPE.equals(signed.getHeader().getType().getType())) {
            reasons.add(new Reason(Outcome.TAMPERED, "WRONG_TYPE"));
        }
        JWK key = signed.getHeader().getKeyID() == null ? null : issuerKeys.getKeyByKeyId(signed.getHeader().getKeyID());
        if (!JWSAlgorithm.ES256.equals(signed.getHeader().getAlgorithm()) || !(key instanceof ECKey ec)) {
            reasons.add(new Reason(Outcome.TAMPERED, "UNKNOWN_ISSUER_KEY"));
        } else if (!verifies(signed, ec)) {
            reasons.add(new Reason(Outcome.TAMPERED, "ISSUER_SIGNATURE_INVALID"));
        }
        String vct = string(payload.get("vct"));
        if (!issuer.equals(payload.get("iss")) || vct == null || !vct.startsWith(issuer + "/credentials/types/")) {
            reasons.add(new Reason(Outcome.TAMPERED, "UNKNOWN_ISSUER"));
        }
        return payload;
    }

    private Map<String, Object> disclosed(List<String> disclosures, Map<String, Object> payload, List<Reason> reasons) {
        Set<Object> digests = payload.get("_sd") instanceof List<?> list ? new HashSet<>(list) : Set.of();
        if (!"sha-256".equals(payload.get("_sd_alg"))) {
            reasons.add(new Reason(Outcome.TAMPERED, "UNSUPPORTED_DIGEST"));
        }
        Map<String, Object> claims = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (String disclosure : disclosures) {
            String digest = Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(disclosure.getBytes(StandardCharsets.US_ASCII)));
            List<Object> decoded = decode(disclosure);
            if (decoded == null || decoded.size() != 3 || !(decoded.get(1) instanceof String name) || name.startsWith("_")
                    || name.equals("...") || payload.containsKey(name)) {
                reasons.add(new Reason(Outcome.TAMPERED, "DISCLOSURE_MALFORMED"));
            } else if (!seen.add(digest) || claims.containsKey(name)) {
                reasons.add(new Reason(Outcome.TAMPERED, "DISCLOSURE_REPEATED"));
            } else if (!digests.contains(digest)) {
                reasons.add(new Reason(Outcome.TAMPERED, "DISCLOSURE_NOT_SIGNED"));
            } else {
                claims.put(name, decoded.get(2));
            }
        }
        return claims;
    }

    private static void validity(Map<String, Object> payload, Instant now, List<Reason> reasons) {
        Instant exp = time(payload.get("exp"));
        Instant nbf = time(payload.get("nbf"));
        if (exp == null || !exp.isAfter(now)) {
            reasons.add(new Reason(Outcome.EXPIRED, "EXPIRED"));
        }
        if (nbf != null && nbf.isAfter(now.plus(CLOCK_SKEW))) {
            reasons.add(new Reason(Outcome.EXPIRED, "NOT_YET_VALID"));
        }
    }

    private static Instant noBinding(Parts parts, List<Reason> reasons) {
        reasons.add(new Reason(Outcome.NOT_BOUND, "NOT_BOUND"));
        if (parts.keyBinding() != null) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_UNEXPECTED"));
        }
        return null;
    }

    /** The holder proves possession of the key in cnf.jwk over exactly these disclosures, recently, for this verifier. */
    private static Instant keyBinding(Parts parts, Map<String, Object> cnf, Expectation expectation, Instant now,
                                      List<Reason> reasons) {
        if (parts.keyBinding() == null) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_MISSING"));
            return null;
        }
        SignedJWT kb;
        Map<String, Object> claims;
        ECKey holder;
        try {
            kb = SignedJWT.parse(parts.keyBinding());
            claims = kb.getPayload().toJSONObject();
            holder = ECKey.parse(object(cnf.get("jwk")));
        } catch (ParseException | RuntimeException e) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_MALFORMED"));
            return null;
        }
        if (kb.getHeader().getType() == null || !"kb+jwt".equals(kb.getHeader().getType().getType())
                || !JWSAlgorithm.ES256.equals(kb.getHeader().getAlgorithm()) || !Curve.P_256.equals(holder.getCurve())) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_MALFORMED"));
            return null;
        }
        if (!verifies(kb, holder)) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_SIGNATURE_INVALID"));
        }
        String sdHash = Base64.getUrlEncoder().withoutPadding().encodeToString(Digests.sha256(parts.boundPart().getBytes(StandardCharsets.US_ASCII)));
        if (!sdHash.equals(claims.get("sd_hash"))) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_SD_HASH"));
        }
        Instant iat = time(claims.get("iat"));
        if (iat == null || iat.isAfter(now.plus(CLOCK_SKEW)) || iat.plus(PRESENTATION_MAX_AGE).isBefore(now)) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_STALE"));
        }
        String audience = expectation.audience() == null ? OFFLINE_AUDIENCE : expectation.audience();
        if (!audience.equals(claims.get("aud"))) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_AUDIENCE"));
        }
        if (expectation.nonce() != null && !expectation.nonce().equals(claims.get("nonce"))) {
            reasons.add(new Reason(Outcome.TAMPERED, "KEY_BINDING_NONCE"));
        }
        return iat;
    }

    private void status(Map<String, Object> payload, List<Reason> reasons) {
        Map<String, Object> list = object(object(payload.get("status")) == null ? null : object(payload.get("status")).get("status_list"));
        if (list == null || !(list.get("idx") instanceof Number idx) || !(list.get("uri") instanceof String uri)) {
            reasons.add(new Reason(Outcome.TAMPERED, "STATUS_MISSING"));
            return;
        }
        Optional<StatusBits> bits = statuses.list(uri);
        if (bits.isEmpty() || idx.longValue() < 0 || idx.longValue() >= bits.get().size()) {
            reasons.add(new Reason(Outcome.STATUS_UNKNOWN, "STATUS_UNKNOWN"));
        } else if (bits.get().get(idx.intValue()) != StatusBits.VALID) {
            reasons.add(new Reason(Outcome.REVOKED, "REVOKED"));
        }
    }

    private static boolean verifies(SignedJWT jwt, ECKey key) {
        try {
            return jwt.verify(new ECDSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static List<Object> decode(String disclosure) {
        try {
            String json = new String(Base64.getUrlDecoder().decode(disclosure), StandardCharsets.UTF_8);
            return JSONObjectUtils.parse("{\"d\":" + json + "}").get("d") instanceof List<?> list ? new ArrayList<>(list) : null;
        } catch (ParseException | IllegalArgumentException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
    }

    private static String string(Object value) {
        return value instanceof String s ? s : null;
    }

    /** A NumericDate as nimbus reads it from JSON: a number of seconds. */
    private static Instant time(Object value) {
        return value instanceof Number n ? Instant.ofEpochSecond(n.longValue()) : null;
    }
}
