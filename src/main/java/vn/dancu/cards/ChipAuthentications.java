package vn.dancu.cards;

import java.io.IOException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The chip's own proofs, read from what the reader sends: DG14's security infos and DG15's key,
 * read with BouncyCastle's ASN.1 (JMRTD's {@code DG14File} turns every key into a JCA key, which
 * validates the curve point: 8% of a check's cost, for a key that is needed only when a challenge
 * was answered).
 *
 * <p>Active authentication (ICAO 9303 part 11, 6.1): the chip signed the reader's challenge with the
 * private key whose public half is in DG15 (and DG15 is covered by passive authentication). This
 * platform verifies ECDSA answers (the plain r‖s format of BSI TR-03111, the hash named by DG14's
 * ActiveAuthenticationInfo, SHA-256 when DG14 names none). RSA keys answer with ISO 9796-2 signatures,
 * which it does not verify: such a check is refused with AA_ALGORITHM_UNSUPPORTED, never passed.
 *
 * <p>Chip authentication (part 11, 6.2) is a key agreement between the chip and the reader, whose
 * result is the secure channel itself: nothing the reader could forward proves it afterwards. The
 * platform reads DG14's chip-authentication key (authenticated by its hash in EF.SOD) and reports
 * its algorithm, and says it did not verify the protocol.
 */
public final class ChipAuthentications {

    /** DG14's chip-authentication key and the statement of what was checked of it. */
    public record ChipAuthentication(String keyAlgorithm, String protocol, String status) {
    }

    /** What DG14 says: the active-authentication signature algorithm (null: none named) and the chip-authentication key. */
    record Dg14(String activeAuthenticationAlgorithm, ChipAuthentication chipAuthentication) {
    }

    private static final String ID_AA = "2.23.136.1.1.5";
    /** id-PK-DH and id-PK-ECDH (BSI TR-03110): ChipAuthenticationPublicKeyInfo. */
    private static final String ID_PK = "0.4.0.127.0.7.2.2.1.";
    /** OIDs of BSI TR-03111 ecdsa-plain-signatures, as DG14's ActiveAuthenticationInfo names them. */
    private static final Map<String, String> PLAIN_ECDSA = Map.of(
            "0.4.0.127.0.7.1.1.4.1.2", "SHA224withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.3", "SHA256withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.4", "SHA384withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.5", "SHA512withECDSAinP1363Format");
    static final String DEFAULT_AA_OID = "0.4.0.127.0.7.1.1.4.1.3";

    private ChipAuthentications() {
    }

    /** DG14 (tag 0x6E): a SET of SecurityInfo, each SEQUENCE { OID, required data, optional data }. */
    static Dg14 dg14(byte[] dg14) {
        ChipTlv.Slice outer = ChipTlv.whole(dg14, 0x6E, ChipCode.DG14_MALFORMED, 14);
        if (!(der(outer.value(), ChipCode.DG14_MALFORMED, 14) instanceof ASN1Set infos)) {
            throw new ChipMalformed(ChipCode.DG14_MALFORMED, 14, "DG14 is not a SET of security infos");
        }
        String aa = null;
        ChipAuthentication ca = null;
        for (ASN1Encodable element : infos) {
            if (!(element instanceof ASN1Sequence info) || info.size() < 2 || !(info.getObjectAt(0) instanceof ASN1ObjectIdentifier protocol)) {
                throw new ChipMalformed(ChipCode.DG14_MALFORMED, 14, "A security info of DG14 is not SEQUENCE { OID, ... }");
            }
            if (protocol.getId().equals(ID_AA) && info.size() == 3 && info.getObjectAt(1) instanceof ASN1Integer
                    && info.getObjectAt(2) instanceof ASN1ObjectIdentifier algorithm) {
                aa = algorithm.getId();
            } else if (protocol.getId().startsWith(ID_PK) && ca == null) {
                SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(info.getObjectAt(1));
                ca = new ChipAuthentication(key.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "DH",
                        protocol.getId(), "KEY_AUTHENTICATED_PROTOCOL_NOT_VERIFIED");
            }
        }
        return new Dg14(aa, ca);
    }

    /** DG15 (tag 0x6F): the SubjectPublicKeyInfo of the active-authentication key, checked for its structure. */
    static SubjectPublicKeyInfo dg15(byte[] dg15) {
        ChipTlv.Slice outer = ChipTlv.whole(dg15, 0x6F, ChipCode.DG15_MALFORMED, 15);
        try {
            return SubjectPublicKeyInfo.getInstance(der(outer.value(), ChipCode.DG15_MALFORMED, 15));
        } catch (IllegalArgumentException e) {
            throw new ChipMalformed(ChipCode.DG15_MALFORMED, 15, "DG15 does not hold a public key");
        }
    }

    /** Empty when the answer proves the chip holds DG15's private key; else the failure. */
    static Optional<ChipFailure> active(byte[] dg15, Dg14 dg14, byte[] challenge, byte[] response) {
        if (dg15 == null) {
            return Optional.of(ChipFailure.of(ChipCode.AA_KEY_MISSING, 15, "Active authentication needs DG15, the chip's public key"));
        }
        if (challenge == null || challenge.length != 8 || response == null || response.length == 0) {
            return Optional.of(new ChipFailure(ChipCode.AA_CHALLENGE_INVALID, "activeAuthentication",
                    "The challenge is 8 bytes (ICAO 9303 part 11) and the response is not empty"));
        }
        PublicKey key = key(dg15(dg15));
        if (!(key instanceof ECPublicKey)) {
            return Optional.of(ChipFailure.of(ChipCode.AA_ALGORITHM_UNSUPPORTED, 15, "This platform verifies active authentication with "
                    + "ECDSA keys only; the chip's key is " + key.getAlgorithm()));
        }
        String algorithm = PLAIN_ECDSA.get(dg14 == null || dg14.activeAuthenticationAlgorithm() == null ? DEFAULT_AA_OID
                : dg14.activeAuthenticationAlgorithm());
        if (algorithm == null) {
            return Optional.of(ChipFailure.of(ChipCode.AA_ALGORITHM_UNSUPPORTED, 14, "DG14 names a signature algorithm this platform does not verify"));
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(challenge);
            if (verifier.verify(response)) {
                return Optional.empty();
            }
        } catch (Exception e) {
            // a response of the wrong length or encoding is a failed answer, not a platform error
        }
        return Optional.of(new ChipFailure(ChipCode.AA_FAILED, "activeAuthentication", "The response is not the chip's signature of the challenge"));
    }

    private static PublicKey key(SubjectPublicKeyInfo info) {
        String algorithm = info.getAlgorithm().getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey) ? "EC" : "RSA";
        try {
            return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(info.getEncoded("DER")));
        } catch (Exception e) {
            throw new ChipMalformed(ChipCode.DG15_MALFORMED, 15, "DG15's key is not a valid " + algorithm + " key");
        }
    }

    private static ASN1Primitive der(byte[] value, ChipCode code, int group) {
        try (ASN1InputStream in = new ASN1InputStream(value, true)) {
            ASN1Primitive object = in.readObject();
            if (object == null || in.readObject() != null) {
                throw new ChipMalformed(code, group, "DG" + group + " does not hold exactly one DER object");
            }
            return object;
        } catch (IOException | RuntimeException e) {
            if (e instanceof ChipMalformed m) {
                throw m;
            }
            throw new ChipMalformed(code, group, "DG" + group + " is not DER");
        }
    }
}
