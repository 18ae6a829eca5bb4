package vn.dancu.procedures.results;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Calendar;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.SignatureOptions;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSAttributeTableGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/** PAdES baseline B signatures: a detached CAdES signature over the whole PDF, added as an incremental update. */
final class Pades {

    // Room for a longer chain and, later, a timestamp token (PAdES B-T); two EC certificates need under 2 kB.
    private static final int SIGNATURE_SIZE = 16_384;

    private Pades() {
    }

    static byte[] sign(byte[] unsignedPdf, SigningIdentity signer, Calendar signedAt) throws IOException {
        try (PDDocument pdf = Loader.loadPDF(unsignedPdf); SignatureOptions options = new SignatureOptions()) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ETSI_CADES_DETACHED);
            signature.setName(signer.commonName());
            signature.setReason("Kết quả giải quyết thủ tục hành chính");
            signature.setSignDate(signedAt);
            options.setPreferredSignatureSize(SIGNATURE_SIZE);
            pdf.addSignature(signature, content -> cms(content.readAllBytes(), signer), options);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            pdf.saveIncremental(out);
            return out.toByteArray();
        }
    }

    /**
     * The CMS SignedData: SHA256withECDSA, the chain included, and ESS signing-certificate-v2 binding the signer's
     * certificate into the signed attributes, as PAdES requires.
     */
    static byte[] cms(byte[] content, SigningIdentity signer) throws IOException {
        try {
            X509Certificate cert = signer.cert();
            AttributeTable signingCertificate = new AttributeTable(new Attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new DERSet(new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(AgencyCertificates.sha256(cert.getEncoded()))}))));
            DefaultSignedAttributeTableGenerator standard = new DefaultSignedAttributeTableGenerator(signingCertificate);
            // PAdES forbids the signing-time attribute: the time is the M entry of the signature dictionary.
            CMSAttributeTableGenerator withoutSigningTime = parameters -> standard.getAttributes(parameters).remove(CMSAttributes.signingTime);
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(withoutSigningTime)
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.privateKey()), cert));
            generator.addCertificates(new JcaCertStore(signer.chain()));
            // DER, as ISO 32000 asks of the Contents value; BouncyCastle's default is BER with indefinite lengths.
            return generator.generate(new CMSProcessableByteArray(content), false).getEncoded(ASN1Encoding.DER);
        } catch (GeneralSecurityException | OperatorCreationException | CMSException e) {
            throw new IOException("Cannot make the CMS signature", e);
        }
    }

    /** The CMS of a signature, over the bytes its ByteRange names. */
    static CMSSignedData signedData(PDSignature signature, byte[] pdf) throws IOException, CMSException {
        // The value is padded with zeros up to the reserved size; read as a stream, parsing stops after the DER object.
        return new CMSSignedData(new CMSProcessableByteArray(signature.getSignedContent(pdf)),
                new ByteArrayInputStream(signature.getContents(pdf)));
    }
}
