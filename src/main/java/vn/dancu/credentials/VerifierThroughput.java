package vn.dancu.credentials;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * How many presentations a second the server's verifier checks ({@code ./dancu bench cards}, the
 * credentials' rows): presentations like the wallet's QR codes (an ID card credential bound to a holder
 * key, two claims disclosed, a Key Binding JWT) through {@link PresentationVerifier}, against the bare
 * cryptography the same presentations need (two ES256 signatures, the disclosures' and the sd_hash's
 * SHA-256) in the same run, on the same threads. Needs no database: the issuer key and the status list
 * are made for the run.
 */
public final class VerifierThroughput {

    /** Checks a second through the verifier and through the bare cryptography, and how many threads ran them. */
    public record Rates(double verifications, double bareCryptography, int threads, int presentationLength) {

        public double ratio() {
            return verifications / bareCryptography;
        }
    }

    private static final String ISSUER = "https://dancu.example";

    private VerifierThroughput() {
    }

    public static Rates measure(int threads, Duration each) {
        ECKey issuerKey = key("bench");
        StatusBits statuses = StatusBits.empty(StatusLists.BITS, StatusLists.SIZE);
        Instant now = Instant.now();
        PresentationVerifier verifier = new PresentationVerifier(ISSUER, new JWKSet(issuerKey.toPublicJWK()),
                uri -> Optional.of(statuses), Clock.fixed(now, ZoneOffset.UTC));
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            samples.add(sample(issuerKey, key(null), i, now));
        }
        run(threads, Duration.ofSeconds(1), s -> verifier.verify(s.presentation(), PresentationVerifier.Expectation.OFFLINE), samples);
        double verified = run(threads, each, s -> {
            if (verifier.verify(s.presentation(), PresentationVerifier.Expectation.OFFLINE).outcome() != PresentationVerifier.Outcome.VALID) {
                throw new IllegalStateException("A benchmark presentation did not verify");
            }
        }, samples);
        double bare = run(threads, each, s -> bare(s, issuerKey), samples);
        return new Rates(verified, bare, threads, samples.getFirst().presentation().length());
    }

    private record Sample(String presentation, SignedJWT jwt, SignedJWT keyBinding, ECKey holder, List<String> disclosures,
                          String boundPart) {
    }

    private static Sample sample(ECKey issuerKey, ECKey holder, int index, Instant now) {
        SdJwtVc.Issued issued = SdJwtVc.issue(issuerKey, new SdJwtVc.Envelope(ISSUER, ISSUER + "/credentials/types/id_card",
                now, now.plus(Duration.ofDays(365)), holder.toPublicJWK(), ISSUER + "/credentials/status/1", index * 97), claims(now));
        List<String> disclosures = List.of(issued.disclosures().get("name"), issued.disclosures().get("age_over_18"));
        String jwt = issued.serialized().substring(0, issued.serialized().indexOf('~'));
        String boundPart = jwt + "~" + String.join("~", disclosures) + "~";
        try {
            SignedJWT kb = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("kb+jwt")).build(),
                    new JWTClaimsSet.Builder().issueTime(Date.from(now)).audience(PresentationVerifier.OFFLINE_AUDIENCE)
                            .claim("nonce", "n" + index).claim("sd_hash", sha256(boundPart)).build());
            kb.sign(new ECDSASigner(holder));
            return new Sample(boundPart + kb.serialize(), SignedJWT.parse(jwt), kb, holder.toPublicJWK(), disclosures, boundPart);
        } catch (JOSEException | ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What a verifier cannot do without: the two signatures and the three digests. */
    private static void bare(Sample s, ECKey issuerKey) {
        try {
            boolean ok = new ECDSAVerifier(issuerKey.toPublicJWK()).verify(s.jwt().getHeader(), s.jwt().getSigningInput(),
                    s.jwt().getSignature())
                    & new ECDSAVerifier(s.holder()).verify(s.keyBinding().getHeader(), s.keyBinding().getSigningInput(),
                    s.keyBinding().getSignature());
            s.disclosures().forEach(VerifierThroughput::sha256);
            if (!ok || sha256(s.boundPart()).isEmpty()) {
                throw new IllegalStateException("A benchmark signature did not verify");
            }
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double run(int threads, Duration duration, Consumer<Sample> work, List<Sample> samples) {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t;
            running.add(Thread.ofPlatform().start(() -> {
                for (int i = offset; System.nanoTime() < end; i++) {
                    work.accept(samples.get(i % samples.size()));
                    done.incrementAndGet();
                }
            }));
        }
        for (Thread thread : running) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static Map<String, Object> claims(Instant now) {
        Map<String, Object> claims = new java.util.LinkedHashMap<>(Map.of("personal_id", "001190012345", "name", "Nguyễn Thị Đo",
                "family_name", "Nguyễn", "given_name", "Thị Đo", "birthdate", "1990-01-01", "gender", "FEMALE",
                "nationality", "VN", "place_of_origin", "Hà Nội", "card_number", "001190012345", "issue_date", "2025-03-01"));
        claims.put("expiry_date", "2030-01-01");
        claims.put("issuing_authority", "Cục Cảnh sát QLHC về TTXH");
        claims.put("address", "Số 1 phố Tràng Tiền, Phường Hoàn Kiếm, Hà Nội");
        return SdJwtVc.withAgeClaims(claims, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    private static ECKey key(String kid) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
