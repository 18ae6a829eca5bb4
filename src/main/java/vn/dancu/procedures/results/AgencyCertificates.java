package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/** The names our certificates carry, and the check that a signer's certificate is an agency's, issued by our root. */
final class AgencyCertificates {

    static final X500Name ROOT_SUBJECT = name("dancu Root CA (development)", null);

    // Key usage bits, in the order of RFC 5280.
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int NON_REPUDIATION = 1;

    private AgencyCertificates() {
    }

    /** The agency's code goes into OU, so that a verifier reads the agency from the certificate, not from the document. */
    static X500Name subject(Agency agency) {
        return name(agency.ministryVi, agency.name());
    }

    private static X500Name name(String commonName, String unit) {
        X500NameBuilder builder = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.C, "VN").addRDN(BCStyle.O, "dancu");
        if (unit != null) {
            builder.addRDN(BCStyle.OU, unit);
        }
        return builder.addRDN(BCStyle.CN, commonName).build();
    }

    static String commonName(X509Certificate cert) {
        return attribute(cert, BCStyle.CN).orElse("");
    }

    /**
     * The agency {@code cert} was issued to, when {@code root} issued it for signing and both were valid at
     * {@code signedAt}. The chain has two levels, so a direct check replaces PKIX path building; revocation is not
     * checked because the local authority publishes no revocation lists.
     */
    static Optional<Agency> agencyOf(X509Certificate cert, X509Certificate root, Instant signedAt) {
        if (!cert.getIssuerX500Principal().equals(root.getSubjectX500Principal()) || !validAt(cert, root, signedAt)
                || !signedBy(cert, root) || !forSigning(cert)) {
            return Optional.empty();
        }
        Optional<Agency> agency = attribute(cert, BCStyle.OU).flatMap(Agency::of);
        return agency.filter(a -> a.ministryVi.equals(commonName(cert)));
    }

    private static boolean validAt(X509Certificate cert, X509Certificate root, Instant at) {
        try {
            cert.checkValidity(Date.from(at));
            root.checkValidity(Date.from(at));
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate root) {
        try {
            cert.verify(root.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static boolean forSigning(X509Certificate cert) {
        boolean[] usage = cert.getKeyUsage();
        return cert.getBasicConstraints() < 0 && usage != null && usage[DIGITAL_SIGNATURE] && usage[NON_REPUDIATION];
    }

    private static Optional<String> attribute(X509Certificate cert, ASN1ObjectIdentifier type) {
        RDN[] rdns = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).getRDNs(type);
        return rdns.length == 1 ? Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue())) : Optional.empty();
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
