package vn.dancu.cards;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The trust store as one immutable snapshot: the active country signing CAs and, per CA, the newest
 * revocation list the operator loaded (already verified as signed by that CA when it was loaded).
 * A change in the store makes a new snapshot, so the snapshot may remember which CA certified a
 * document signer: a DSC signs many thousands of cards, and its certificate is checked once.
 */
final class CscaTrust {

    record Anchor(long id, X509Certificate certificate) {
    }

    private record Certified(Optional<Anchor> anchor) {
    }

    private final List<Anchor> anchors;
    private final Map<Long, X509CRL> crls;
    private final Map<String, Certified> certified = new ConcurrentHashMap<>();

    CscaTrust(List<Anchor> anchors, Map<Long, X509CRL> crls) {
        this.anchors = List.copyOf(anchors);
        this.crls = Map.copyOf(crls);
    }

    static CscaTrust of(X509Certificate... cscas) {
        List<Anchor> list = new java.util.ArrayList<>();
        for (int i = 0; i < cscas.length; i++) {
            list.add(new Anchor(i + 1, cscas[i]));
        }
        return new CscaTrust(list, Map.of());
    }

    CscaTrust withCrl(long anchorId, X509CRL crl) {
        Map<Long, X509CRL> more = new java.util.HashMap<>(crls);
        more.put(anchorId, crl);
        return new CscaTrust(anchors, more);
    }

    List<Anchor> anchors() {
        return anchors;
    }

    /** The trusted CA whose key signed this document signer certificate, if any. */
    Optional<Anchor> issuerOf(X509Certificate dsc) {
        return certified.computeIfAbsent(fingerprint(dsc), f -> new Certified(anchors.stream()
                .filter(a -> a.certificate().getSubjectX500Principal().equals(dsc.getIssuerX500Principal()))
                .filter(a -> signedBy(dsc, a.certificate())).findFirst())).anchor();
    }

    Optional<X509CRL> crlOf(Anchor anchor) {
        return Optional.ofNullable(crls.get(anchor.id()));
    }

    /** Whether the serial is on the list, whatever its revocation date: a revoked signer's cards are all in doubt. */
    static boolean revoked(X509CRL crl, BigInteger serial) {
        return crl.getRevokedCertificate(serial) != null;
    }

    static boolean stale(X509CRL crl, Instant now) {
        return crl.getNextUpdate() == null || crl.getNextUpdate().toInstant().isBefore(now);
    }

    private static boolean signedBy(X509Certificate certificate, X509Certificate issuer) {
        try {
            certificate.verify(issuer.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static String fingerprint(X509Certificate certificate) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (CertificateEncodingException | java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
