package vn.dancu.procedures.results;

import vn.dancu.procedures.Agency;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Calendar;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.springframework.stereotype.Component;

/**
 * Checks a result's PDF or JWS against the root of the {@link CertificationAuthority}. It never throws on what it is
 * given: anything wrong with the input is a {@link Verdict} that is not valid.
 */
@Component
public class ResultVerifier {

    private final CertificationAuthority authority;

    public ResultVerifier(CertificationAuthority authority) {
        this.authority = authority;
    }

    public Verdict verifyPdf(byte[] pdf) {
        if (pdf == null) {
            return Verdict.invalid(Verdict.NOT_A_PDF);
        }
        PDDocument doc;
        try {
            doc = Loader.loadPDF(pdf);
        } catch (IOException | RuntimeException e) {
            return Verdict.invalid(Verdict.NOT_A_PDF);
        }
        try (doc) {
            return checkPdf(doc, pdf);
        } catch (IOException | GeneralSecurityException | CMSException | RuntimeException e) {
            // PDFBox and BouncyCastle parse hostile bytes here; whatever they throw means a result that does not check out.
            return Verdict.invalid(Verdict.MALFORMED);
        }
    }

    public Verdict verifyJws(String compactJws) {
        if (compactJws == null) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        try {
            return checkJws(JWSObject.parse(compactJws));
        } catch (ParseException | RuntimeException e) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
    }

    private Verdict checkPdf(PDDocument doc, byte[] pdf) throws IOException, GeneralSecurityException, CMSException {
        // The signature reaching furthest into the file: an earlier one cannot vouch for what came after it.
        Optional<PDSignature> last = doc.getSignatureDictionaries().stream()
                .max(Comparator.comparingLong(ResultVerifier::rangeEnd));
        if (last.isEmpty()) {
            return Verdict.invalid(Verdict.NO_SIGNATURE);
        }
        PDSignature signature = last.get();
        if (!coversAllButItsValue(signature.getByteRange(), pdf)) {
            return Verdict.invalid(Verdict.NOT_COVERED);
        }
        Calendar signDate = signature.getSignDate();
        if (!PDSignature.SUBFILTER_ETSI_CADES_DETACHED.getName().equals(signature.getSubFilter()) || signDate == null) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        CMSSignedData cms = Pades.signedData(signature, pdf);
        Collection<SignerInformation> signers = cms.getSignerInfos().getSigners();
        if (signers.size() != 1) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        SignerInformation signer = signers.iterator().next();
        Optional<X509Certificate> cert = certificateOf(cms, signer);
        if (cert.isEmpty()) {
            return Verdict.invalid(Verdict.UNTRUSTED_CERTIFICATE);
        }
        Optional<String> failure = signatureFailure(signer, cert.get());
        if (failure.isPresent()) {
            return Verdict.invalid(failure.get());
        }
        Optional<Agency> agency = AgencyCertificates.agencyOf(cert.get(), authority.root(), signDate.toInstant());
        if (agency.isEmpty()) {
            return Verdict.invalid(Verdict.UNTRUSTED_CERTIFICATE);
        }
        Optional<UUID> id = uuid(doc.getDocumentInformation().getCustomMetadataValue(ResultPdf.RESULT_ID_KEY));
        return id.map(value -> Verdict.valid(value, AgencyCertificates.commonName(cert.get()), agency.get(),
                        Map.of("signedAt", signDate.toInstant().toString())))
                .orElseGet(() -> Verdict.invalid(Verdict.MALFORMED));
    }

    private static long rangeEnd(PDSignature signature) {
        int[] range = signature.getByteRange();
        return range.length == 4 ? (long) range[2] + range[3] : -1;
    }

    /** One range from the first byte to the hole, one from the hole to the last byte, and the hole holds only the value. */
    private static boolean coversAllButItsValue(int[] range, byte[] pdf) {
        if (range == null || range.length != 4) {
            return false;
        }
        int holeStart = range[1];
        int holeEnd = range[2];
        return range[0] == 0 && holeStart > 0 && holeEnd > holeStart && holeEnd <= pdf.length
                && (long) holeEnd + range[3] == pdf.length && pdf[holeStart] == '<' && pdf[holeEnd - 1] == '>';
    }

    @SuppressWarnings("unchecked") // BouncyCastle's SignerId is a raw Selector
    private static Optional<X509Certificate> certificateOf(CMSSignedData cms, SignerInformation signer) throws GeneralSecurityException {
        Collection<X509CertificateHolder> matches = cms.getCertificates().getMatches(signer.getSID());
        if (matches.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new JcaX509CertificateConverter().getCertificate(matches.iterator().next()));
    }

    private static Optional<String> signatureFailure(SignerInformation signer, X509Certificate cert) throws GeneralSecurityException {
        try {
            if (!signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))) {
                return Optional.of(Verdict.BAD_SIGNATURE);
            }
        } catch (CMSSignerDigestMismatchException e) {
            return Optional.of(Verdict.DIGEST_MISMATCH);
        } catch (CMSException | OperatorCreationException e) {
            return Optional.of(Verdict.BAD_SIGNATURE);
        }
        return namesItsCertificate(signer, cert) ? Optional.empty() : Optional.of(Verdict.BAD_SIGNATURE);
    }

    /** ESS signing-certificate-v2 binds the certificate into the signature, so no other certificate can be slipped in. */
    private static boolean namesItsCertificate(SignerInformation signer, X509Certificate cert) throws GeneralSecurityException {
        AttributeTable attributes = signer.getSignedAttributes();
        Attribute attribute = attributes == null ? null : attributes.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        if (attribute == null) {
            return false;
        }
        ESSCertIDv2[] ids = SigningCertificateV2.getInstance(attribute.getAttrValues().getObjectAt(0)).getCerts();
        return ids.length > 0 && NISTObjectIdentifiers.id_sha256.equals(ids[0].getHashAlgorithm().getAlgorithm())
                && MessageDigest.isEqual(ids[0].getCertHash(), AgencyCertificates.sha256(cert.getEncoded()));
    }

    private Verdict checkJws(JWSObject jws) {
        JWSHeader header = jws.getHeader();
        if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || !ResultSigner.TYPE.equals(header.getType())
                || !(header.getCustomParam(ResultSigner.SIGNED_AT) instanceof Number signedAt)) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        // Only the signer's certificate counts: the rest of x5c is the sender's claim, the root we trust is our own.
        List<Base64> chain = header.getX509CertChain();
        if (chain == null || chain.isEmpty()) {
            return Verdict.invalid(Verdict.UNTRUSTED_CERTIFICATE);
        }
        X509Certificate cert = X509CertUtils.parse(chain.getFirst().decode());
        if (cert == null) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        if (!verifies(jws, cert)) {
            return Verdict.invalid(Verdict.BAD_SIGNATURE);
        }
        Optional<Agency> agency = AgencyCertificates.agencyOf(cert, authority.root(), Instant.ofEpochSecond(signedAt.longValue()));
        if (agency.isEmpty()) {
            return Verdict.invalid(Verdict.UNTRUSTED_CERTIFICATE);
        }
        Map<String, Object> payload = jws.getPayload().toJSONObject();
        if (payload == null) {
            return Verdict.invalid(Verdict.MALFORMED);
        }
        if (!(payload.get("issuer") instanceof Map<?, ?> issuer) || !agency.get().name().equals(issuer.get("agency"))) {
            return Verdict.invalid(Verdict.WRONG_AGENCY);
        }
        return uuid(payload.get("id")).map(id -> Verdict.valid(id, AgencyCertificates.commonName(cert), agency.get(), payload))
                .orElseGet(() -> Verdict.invalid(Verdict.MALFORMED));
    }

    private static boolean verifies(JWSObject jws, X509Certificate cert) {
        if (!(cert.getPublicKey() instanceof ECPublicKey key)) {
            return false;
        }
        try {
            return jws.verify(new ECDSAVerifier(key));
        } catch (JOSEException e) {
            return false;
        }
    }

    private static Optional<UUID> uuid(Object value) {
        try {
            return value instanceof String text ? Optional.of(UUID.fromString(text)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
