package vn.dancu.cards;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test country signing CA with its document signers: the one that signs cards now, and one the CA
 * revoked (on the revocation list it issues). It stands in for the Ministry of Public Security's CSCA
 * in demo mode and in tests; nothing outside demo mode trusts it.
 */
record CscaAuthority(Signer csca, Signer documentSigner, Signer revokedSigner) {

    /** A key and its certificate. */
    record Signer(PrivateKey key, X509Certificate certificate) {
    }

    static final String SUBJECT = "C=VN,O=dancu,OU=Demo only - not a real CSCA,CN=CSCA dancu demo";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A new CA valid 15 years from {@code now}, and two document signers valid 11 years (one year of signing, ten of cards). */
    static CscaAuthority generate(Instant now) {
        Signer csca = selfSigned(SUBJECT, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(15 * 366)));
        Signer dsc = documentSigner(csca, "C=VN,O=dancu,CN=DS dancu demo 1", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(11 * 366)));
        Signer revoked = documentSigner(csca, "C=VN,O=dancu,CN=DS dancu demo revoked", now.minus(Duration.ofDays(1)),
                now.plus(Duration.ofDays(11 * 366)));
        return new CscaAuthority(csca, dsc, revoked);
    }

    /** A document signer certified by this CA, valid over [from, to]; an expired one for test vectors. */
    Signer signer(String subject, Instant from, Instant to) {
        return documentSigner(csca, subject, from, to);
    }

    /** The CA's revocation list naming the revoked signer, issued now and due again {@code validFor} later. */
    X509CRL crl(Instant now, Duration validFor) {
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(X500Name.getInstance(csca.certificate().getSubjectX500Principal().getEncoded()),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(validFor)));
            builder.addCRLEntry(revokedSigner.certificate().getSerialNumber(), Date.from(now.minus(Duration.ofHours(1))),
                    CRLReason.keyCompromise);
            return new JcaX509CRLConverter().getCRL(builder.build(contentSigner(csca.key())));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot issue the test revocation list", e);
        }
    }

    static KeyPair ecKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Signer selfSigned(String subject, Instant from, Instant to) {
        KeyPair pair = ecKey();
        try {
            X500Name name = new X500Name(subject);
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), Date.from(from), Date.from(to), name,
                    pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Signer(pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner(pair.getPrivate()))));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test CSCA", e);
        }
    }

    private static Signer documentSigner(Signer csca, String subject, Instant from, Instant to) {
        KeyPair pair = ecKey();
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(csca.certificate(), serial(), Date.from(from),
                    Date.from(to), new X500Name(subject), pair.getPublic());
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new Signer(pair.getPrivate(), new JcaX509CertificateConverter().getCertificate(builder.build(contentSigner(csca.key()))));
        } catch (Exception e) {
            throw new IllegalStateException("Cannot make a test document signer", e);
        }
    }

    static ContentSigner contentSigner(PrivateKey key) {
        try {
            return new JcaContentSignerBuilder("SHA256withECDSA").build(key);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).setBit(63);
    }

    List<X509Certificate> certificates() {
        return List.of(csca.certificate(), documentSigner.certificate(), revokedSigner.certificate());
    }
}
