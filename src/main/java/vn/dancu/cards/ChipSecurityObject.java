package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.ICAOObjectIdentifiers;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

/**
 * EF.SOD (tag 0x77): a CMS SignedData whose content is the LDS security object, the hashes of the
 * data groups (ICAO 9303 part 10, 4.6.2). Read with BouncyCastle in one parse: its CMS gives the
 * signer and the signing time, its ICAO {@code LDSSecurityObject} the hashes. (JMRTD's {@code SODFile}
 * reads the same structure but parses the CMS again and decodes the certificate on every call;
 * {@code ./dancu bench cards} measured it.) A document signer certificate is decoded once per
 * distinct DER and kept with its key as the JCA provider holds it, so that a DSC that signed
 * thousands of cards is not decoded and its key not re-validated for each.
 *
 * @param signerKey the DSC's public key, as the default JCA provider verifies with it
 * @param content   the signed content (the DER of the LDS security object)
 */
record ChipSecurityObject(String digestAlgorithm, Map<Integer, byte[]> hashes, X509Certificate signer, PublicKey signerKey,
                          SignerInformation signerInfo, byte[] content, Instant signedAt) {

    private record Signer(X509Certificate certificate, PublicKey key) {
    }

    static final Map<ASN1ObjectIdentifier, String> DIGESTS = Map.of(OIWObjectIdentifiers.idSHA1, "SHA-1",
            NISTObjectIdentifiers.id_sha224, "SHA-224", NISTObjectIdentifiers.id_sha256, "SHA-256",
            NISTObjectIdentifiers.id_sha384, "SHA-384", NISTObjectIdentifiers.id_sha512, "SHA-512");
    private static final int MAX_SIGNERS_KEPT = 10_000;
    private static final Map<String, Signer> SIGNERS = new ConcurrentHashMap<>();

    static ChipSecurityObject read(byte[] sod) {
        ChipTlv.Slice content = ChipTlv.whole(sod, 0x77, ChipCode.SOD_MALFORMED, 0);
        try {
            CMSSignedData cms = new CMSSignedData(content.value());
            if (cms.getSignerInfos().size() != 1 || cms.getSignedContent() == null
                    || !ICAOObjectIdentifiers.id_icao_ldsSecurityObject.getId().equals(cms.getSignedContentTypeOID())) {
                throw malformed("EF.SOD must hold one signer and an LDS security object");
            }
            SignerInformation info = cms.getSignerInfos().getSigners().iterator().next();
            Signer signer = signer(cms, info);
            byte[] signed = (byte[]) cms.getSignedContent().getContent();
            LDSSecurityObject lds = LDSSecurityObject.getInstance(signed);
            String digest = DIGESTS.get(lds.getDigestAlgorithmIdentifier().getAlgorithm());
            if (digest == null) {
                throw malformed("EF.SOD names a hash algorithm ICAO 9303 does not allow");
            }
            Map<Integer, byte[]> hashes = new HashMap<>();
            for (DataGroupHash hash : lds.getDatagroupHash()) {
                if (hashes.put(hash.getDataGroupNumber(), hash.getDataGroupHashValue().getOctets()) != null) {
                    throw malformed("EF.SOD states the hash of DG" + hash.getDataGroupNumber() + " twice");
                }
            }
            return new ChipSecurityObject(digest, Map.copyOf(hashes), signer.certificate(), signer.key(), info, signed, signingTime(info));
        } catch (ChipMalformed e) {
            throw e;
        } catch (Exception e) {
            // BouncyCastle throws anything from CMSException to ClassCastException on bad DER.
            throw malformed("EF.SOD is not a readable LDS security object (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The certificate EF.SOD carries for its signer, decoded once per distinct DER. */
    @SuppressWarnings("unchecked")
    private static Signer signer(CMSSignedData cms, SignerInformation info) throws Exception {
        var matches = cms.getCertificates().getMatches(info.getSID());
        if (matches.isEmpty()) {
            throw malformed("EF.SOD carries no document signer certificate");
        }
        byte[] der = ((X509CertificateHolder) matches.iterator().next()).getEncoded();
        String fingerprint = HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        Signer known = SIGNERS.get(fingerprint);
        if (known != null) {
            return known;
        }
        X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        PublicKey key = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                .generatePublic(new X509EncodedKeySpec(certificate.getPublicKey().getEncoded()));
        if (SIGNERS.size() >= MAX_SIGNERS_KEPT) {
            SIGNERS.clear();
        }
        Signer signer = new Signer(certificate, key);
        SIGNERS.put(fingerprint, signer);
        return signer;
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

    private static ChipMalformed malformed(String detail) {
        return new ChipMalformed(ChipCode.SOD_MALFORMED, 0, detail);
    }
}
