package vn.dancu.cards;

import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.icao.ICAOObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.SignerInformation;

/**
 * The signature of EF.SOD, verified as RFC 5652 5.4 says: the message-digest attribute is the hash
 * of the LDS security object, the content-type attribute names it, and the signature verifies over
 * the DER of the signed attributes (or over the content, when there are none). Done with JCA
 * directly: BouncyCastle's {@code SignerInformation.verify} did the same at twice the cost
 * ({@code ./dancu bench cards}). ECDSA, RSA PKCS#1 v1.5 and RSA-PSS, the algorithms ICAO 9303 part 12 allows.
 */
final class SodSignature {

    private SodSignature() {
    }

    static boolean verifies(ChipSecurityObject sod) {
        try {
            SignerInformation signer = sod.signerInfo();
            String digest = ChipSecurityObject.DIGESTS.get(signer.getDigestAlgorithmID().getAlgorithm());
            if (digest == null) {
                return false;
            }
            AttributeTable attributes = signer.getSignedAttributes();
            byte[] signed = sod.content();
            if (attributes != null) {
                if (!attested(attributes, MessageDigest.getInstance(digest).digest(sod.content()))) {
                    return false;
                }
                signed = signer.getEncodedSignedAttributes();
            }
            Signature verifier = signature(signer.toASN1Structure().getDigestEncryptionAlgorithm(), digest);
            verifier.initVerify(sod.signerKey());
            verifier.update(signed);
            return verifier.verify(signer.getSignature());
        } catch (Exception e) {
            return false;
        }
    }

    /** The attributes name the LDS security object as content and state its hash. */
    private static boolean attested(AttributeTable attributes, byte[] hash) {
        Attribute type = attributes.get(CMSAttributes.contentType);
        Attribute digest = attributes.get(CMSAttributes.messageDigest);
        if (type == null || digest == null || type.getAttrValues().size() != 1 || digest.getAttrValues().size() != 1) {
            return false;
        }
        return ICAOObjectIdentifiers.id_icao_ldsSecurityObject.equals(type.getAttrValues().getObjectAt(0))
                && MessageDigest.isEqual(ASN1OctetString.getInstance(digest.getAttrValues().getObjectAt(0)).getOctets(), hash);
    }

    private static Signature signature(AlgorithmIdentifier algorithm, String digest) throws Exception {
        ASN1ObjectIdentifier oid = algorithm.getAlgorithm();
        String hash = digest.replace("-", "");
        if (oid.equals(PKCSObjectIdentifiers.id_RSASSA_PSS)) {
            RSASSAPSSparams params = RSASSAPSSparams.getInstance(algorithm.getParameters());
            String pssHash = ChipSecurityObject.DIGESTS.get(params.getHashAlgorithm().getAlgorithm());
            Signature pss = Signature.getInstance("RSASSA-PSS");
            pss.setParameter(new PSSParameterSpec(pssHash, "MGF1", new MGF1ParameterSpec(pssHash), params.getSaltLength().intValueExact(),
                    params.getTrailerField().intValueExact()));
            return pss;
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey) || oid.getId().startsWith(X9ObjectIdentifiers.ecdsa_with_SHA2.getId())
                || oid.equals(X9ObjectIdentifiers.ecdsa_with_SHA1)) {
            return Signature.getInstance(hash + "withECDSA");
        }
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption) || oid.getId().startsWith("1.2.840.113549.1.1.")) {
            return Signature.getInstance(hash + "withRSA");
        }
        throw new java.security.NoSuchAlgorithmException("EF.SOD is signed with " + oid + ", which ICAO 9303 does not allow");
    }
}
