package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.jmrtd.lds.SODFile;

/**
 * EF.SOD (tag 0x77): a CMS SignedData whose content is the LDS security object, the hashes of the
 * data groups. JMRTD reads the hashes and the document signer certificate; BouncyCastle's CMS
 * (the same bytes) gives the signer for verification and the signing time, which JMRTD does not.
 */
record ChipSecurityObject(byte[] encoded, String digestAlgorithm, Map<Integer, byte[]> hashes, X509Certificate signer,
                          SignerInformation signerInfo, Instant signedAt) {

    /**
     * JMRTD logs every unreadable file with its stack trace at WARNING: a member's malformed upload is
     * answered 400 and needs no trace. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger JMRTD = quiet();

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.jmrtd");
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    static ChipSecurityObject read(byte[] sod) {
        ChipTlv.Slice content = ChipTlv.whole(sod, 0x77, ChipCode.SOD_MALFORMED, 0);
        try {
            SODFile file = new SODFile(new ByteArrayInputStream(sod));
            X509Certificate signer = file.getDocSigningCertificate();
            if (signer == null) {
                throw new ChipMalformed(ChipCode.SOD_MALFORMED, 0, "EF.SOD carries no document signer certificate");
            }
            CMSSignedData cms = new CMSSignedData(content.value());
            if (cms.getSignerInfos().size() != 1) {
                throw new ChipMalformed(ChipCode.SOD_MALFORMED, 0, "EF.SOD must have exactly one signer");
            }
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            return new ChipSecurityObject(sod, file.getDigestAlgorithm(), Map.copyOf(file.getDataGroupHashes()), signer, info,
                    signingTime(info));
        } catch (ChipMalformed e) {
            throw e;
        } catch (Exception e) {
            // JMRTD and BouncyCastle throw anything from IOException to ClassCastException on bad DER.
            throw new ChipMalformed(ChipCode.SOD_MALFORMED, 0, "EF.SOD is not a readable LDS security object ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** The signing-time attribute, when the signer put one; ICAO 9303 makes it optional. */
    private static Instant signingTime(SignerInformation info) {
        AttributeTable attributes = info.getSignedAttributes();
        Attribute time = attributes == null ? null : attributes.get(CMSAttributes.signingTime);
        if (time == null || time.getAttrValues().size() != 1) {
            return null;
        }
        ASN1Encodable value = time.getAttrValues().getObjectAt(0);
        return Time.getInstance(value).getDate().toInstant();
    }
}
