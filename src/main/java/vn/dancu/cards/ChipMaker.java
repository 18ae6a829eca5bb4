package vn.dancu.cards;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.icao.DataGroupHash;
import org.bouncycastle.asn1.icao.ICAOObjectIdentifiers;
import org.bouncycastle.asn1.icao.LDSSecurityObject;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.SecurityInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;

/**
 * Makes chip images as a card's chip holds them, signed by a document signer of a {@link CscaAuthority}:
 * the genuine image of a holder and each {@link ChipVariant} of forgery or fault. Used by
 * {@code ./dancu cards make-chip} (through the demo CSCA) and by the tests, so both use the same vectors.
 */
public final class ChipMaker {

    /** A chip image, the key its chip answers active authentication with, and a photo as a counter camera takes it. */
    public record Made(ChipVariant variant, ChipImage image, PrivateKey activeAuthenticationKey, byte[] livePhoto) {

        /** The chip's answer to a reader's 8-byte challenge. */
        public byte[] answer(byte[] challenge) {
            return ChipMaker.answer(activeAuthenticationKey, challenge);
        }
    }

    private final CscaAuthority authority;

    ChipMaker(CscaAuthority authority) {
        this.authority = authority;
    }

    Made make(Dg13Data holder, ChipVariant variant, Instant now) {
        KeyPair activeKey = CscaAuthority.ecKey();
        KeyPair chipKey = CscaAuthority.ecKey();
        Dg13Data onCard = variant == ChipVariant.DG13_NAMES_DIFFER ? withOtherNames(holder) : holder;
        byte[] dg1 = Dg1Mrz.encode(mrz(onCard, variant == ChipVariant.MRZ_CHECK_DIGIT));
        byte[] photo = ChipPortrait.jpeg(holder.personalId(), false);
        byte[] dg2 = Dg2Face.encode(photo);
        byte[] dg13 = onCard.encode(holder.personalId().hashCode() % 2 == 0 ? 15 : 16);
        byte[] dg14 = dg14(chipKey);
        byte[] dg15 = new DG15File(activeKey.getPublic()).getEncoded();
        Map<Integer, byte[]> signed = new TreeMap<>(Map.of(1, dg1, 2, dg2, 13, dg13, 14, dg14, 15, dg15));
        if (variant == ChipVariant.DG_HASH_MISMATCH) {
            signed.put(2, Dg2Face.encode(ChipPortrait.jpeg(holder.personalId() + "-other", false)));
        }
        byte[] sod = sod(signed, signer(variant, now), now);
        if (variant == ChipVariant.DG13_BYTE_CHANGED) {
            dg13 = oneByteChanged(dg13, onCard.fullName());
        }
        ChipImage image = new ChipImage(sod, dg1, dg2, dg13, dg14, dg15);
        return new Made(variant, image, activeKey.getPrivate(), ChipPortrait.jpeg(holder.personalId(), true));
    }

    List<Made> makeAll(Dg13Data holder, Instant now) {
        return java.util.Arrays.stream(ChipVariant.values()).map(v -> make(holder, v, now)).toList();
    }

    private CscaAuthority.Signer signer(ChipVariant variant, Instant now) {
        return switch (variant) {
            case UNTRUSTED_DSC -> {
                // A forger's CA with the real CA's name: only the key tells them apart.
                CscaAuthority forged = new CscaAuthority(CscaAuthority.selfSigned(CscaAuthority.SUBJECT, now.minus(Duration.ofDays(1)),
                        now.plus(Duration.ofDays(3650))), null, null);
                yield forged.signer("C=VN,O=dancu,CN=DS forged", now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(3650)));
            }
            case EXPIRED_DSC -> authority.signer("C=VN,O=dancu,CN=DS dancu demo expired", now.minus(Duration.ofDays(800)),
                    now.minus(Duration.ofDays(30)));
            case REVOKED_DSC -> authority.revokedSigner();
            default -> authority.documentSigner();
        };
    }

    static String mrz(Dg13Data holder, boolean wrongCheckDigit) {
        LocalDate birth = Dg13Data.day(holder.dateOfBirth()).orElseThrow();
        LocalDate expiry = Dg13Data.day(holder.expiryDate()).orElse(null);
        String sex = "Nam".equals(holder.gender()) ? "M" : "Nữ".equals(holder.gender()) ? "F" : "<";
        String text = Dg1Mrz.compose(holder.personalId(), birth, sex, expiry, holder.fullName());
        if (!wrongCheckDigit) {
            return text;
        }
        // the date of birth's check digit, position 37
        char digit = text.charAt(36);
        return text.substring(0, 36) + (char) ('0' + (digit - '0' + 1) % 10) + text.substring(37);
    }

    private static Dg13Data withOtherNames(Dg13Data h) {
        return new Dg13Data(h.personalId(), "Trần Thị Khác", h.dateOfBirth(), h.gender(), h.nationality(), h.ethnicity(),
                h.religion(), h.placeOfOrigin(), h.permanentAddress(), h.identifyingFeatures(), h.issueDate(), h.expiryDate(),
                "Trần Văn Khác", h.motherName(), h.spouseName(), h.legacyId());
    }

    /** One byte of the holder's name changed to another letter: the DER stays well formed, the hash does not. */
    static byte[] oneByteChanged(byte[] dg13, String name) {
        byte[] needle = name.getBytes(StandardCharsets.UTF_8);
        int at = indexOf(dg13, needle);
        byte[] changed = dg13.clone();
        int i = at + needle.length - 1;
        changed[i] = (byte) (changed[i] == 'X' ? 'Y' : 'X');
        return changed;
    }

    private static int indexOf(byte[] data, byte[] needle) {
        outer:
        for (int i = 0; i <= data.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (data[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalStateException("The name is not in DG13");
    }

    private static byte[] dg14(KeyPair chipKey) {
        List<SecurityInfo> infos = List.of(new ChipAuthenticationPublicKeyInfo(chipKey.getPublic()),
                new ActiveAuthenticationInfo(ChipAuthentications.DEFAULT_AA_OID));
        return new DG14File(infos).getEncoded();
    }

    /** EF.SOD: the LDS security object with SHA-256 hashes, signed (ECDSA) with a signing-time attribute. */
    static byte[] sod(Map<Integer, byte[]> groups, CscaAuthority.Signer signer, Instant signedAt) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            DataGroupHash[] hashes = groups.entrySet().stream()
                    .map(g -> new DataGroupHash(g.getKey(), new DEROctetString(sha256.digest(g.getValue())))).toArray(DataGroupHash[]::new);
            LDSSecurityObject lds = new LDSSecurityObject(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256), hashes);
            ASN1EncodableVector attributes = new ASN1EncodableVector();
            attributes.add(new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signedAt)))));
            CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
            generator.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                    .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(new AttributeTable(attributes)))
                    .build(CscaAuthority.contentSigner(signer.key()), signer.certificate()));
            generator.addCertificate(new JcaX509CertificateHolder(signer.certificate()));
            byte[] cms = generator.generate(new CMSProcessableByteArray(ICAOObjectIdentifiers.id_icao_ldsSecurityObject,
                    lds.getEncoded("DER")), true).getEncoded("DER");
            return ChipTlv.wrap(0x77, cms);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot sign the test EF.SOD", e);
        }
    }

    static byte[] answer(PrivateKey key, byte[] challenge) {
        try {
            Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
            signature.initSign(key);
            signature.update(challenge);
            return signature.sign();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    X509Certificate csca() {
        return authority.csca().certificate();
    }
}
