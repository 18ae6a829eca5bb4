package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private key with its certificate chain, the signer's certificate first and the root last. The factories here are
 * the one place where keys and certificates are made, for {@link AgencyKeys} and for tests alike.
 */
public record SigningIdentity(PrivateKey privateKey, X509Certificate cert, List<X509Certificate> chain) {

    private static final Period ROOT_VALIDITY = Period.ofYears(20);
    private static final Period AGENCY_VALIDITY = Period.ofYears(5);
    // Certificates start a little in the past, so that a node whose clock lags the one that made them can sign at once.
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    public SigningIdentity {
        chain = List.copyOf(chain);
    }

    /** A self-signed root certification authority (EC P-256, 20 years). */
    public static SigningIdentity generateRoot(Instant now) {
        KeyPair pair = newKeyPair();
        X500Name subject = AgencyCertificates.ROOT_SUBJECT;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(subject, subject, pair.getPublic(), now, notAfter(now, ROOT_VALIDITY))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(pair.getPublic()));
            X509Certificate cert = signed(builder, pair.getPrivate());
            return new SigningIdentity(pair.getPrivate(), cert, List.of(cert));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot make the root certificate", e);
        }
    }

    /** A signing key for the agency (EC P-256), certified by {@code root} for five years or until the root expires. */
    public static SigningIdentity generate(String agency, SigningIdentity root, Instant now) {
        Agency issuedTo = Agency.of(agency).orElseThrow(() -> new IllegalArgumentException("Not an agency: " + agency));
        KeyPair pair = newKeyPair();
        Instant notAfter = min(notAfter(now, AGENCY_VALIDITY), root.cert().getNotAfter().toInstant());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(AgencyCertificates.subject(issuedTo),
                    X500Name.getInstance(root.cert().getSubjectX500Principal().getEncoded()), pair.getPublic(), now, notAfter)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation))
                    .addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(pair.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, extensions.createAuthorityKeyIdentifier(root.cert()));
            X509Certificate cert = signed(builder, root.privateKey());
            return new SigningIdentity(pair.getPrivate(), cert, List.of(cert, root.cert()));
        } catch (GeneralSecurityException | CertIOException e) {
            throw new IllegalStateException("Cannot certify the signing key of " + agency, e);
        }
    }

    /** The identity kept as PKCS#8 and DER bytes; {@code issuers} complete the chain (none for the root). */
    static SigningIdentity restore(byte[] pkcs8, byte[] certificate, List<X509Certificate> issuers) {
        try {
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificate));
            return new SigningIdentity(key, cert, Stream.concat(Stream.of(cert), issuers.stream()).toList());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored signing key does not read back", e);
        }
    }

    /** The name signatures are shown under: the certificate's CN. */
    public String commonName() {
        return AgencyCertificates.commonName(cert);
    }

    /** Without the key: the default would print it wherever an identity is logged. */
    @Override
    public String toString() {
        return "SigningIdentity[" + cert.getSubjectX500Principal().getName() + "]";
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No EC P-256 in this JDK", e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name subject, X500Name issuer, PublicKey key, Instant now, Instant notAfter) {
        // A positive serial of 127 random bits, as RFC 5280 asks for unpredictable serials of at most 20 octets.
        BigInteger serial = new BigInteger(127, RANDOM);
        return new JcaX509v3CertificateBuilder(issuer, serial, Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject, key);
    }

    private static X509Certificate signed(X509v3CertificateBuilder builder, PrivateKey issuerKey) throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static Instant notAfter(Instant now, Period validity) {
        return now.atOffset(ZoneOffset.UTC).plus(validity).toInstant();
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
