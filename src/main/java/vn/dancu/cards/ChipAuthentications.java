package vn.dancu.cards;

import java.io.ByteArrayInputStream;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import org.jmrtd.lds.ActiveAuthenticationInfo;
import org.jmrtd.lds.ChipAuthenticationPublicKeyInfo;
import org.jmrtd.lds.icao.DG14File;
import org.jmrtd.lds.icao.DG15File;

/**
 * The chip's own proofs, read from what the reader sends.
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

    public record ChipAuthentication(String keyAlgorithm, String protocol, String status) {
    }

    /** OIDs of BSI TR-03111 ecdsa-plain-signatures, as DG14's ActiveAuthenticationInfo names them. */
    private static final Map<String, String> PLAIN_ECDSA = Map.of(
            "0.4.0.127.0.7.1.1.4.1.2", "SHA224withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.3", "SHA256withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.4", "SHA384withECDSAinP1363Format",
            "0.4.0.127.0.7.1.1.4.1.5", "SHA512withECDSAinP1363Format");
    static final String DEFAULT_AA_OID = "0.4.0.127.0.7.1.1.4.1.3";

    private ChipAuthentications() {
    }

    static DG14File dg14(byte[] dg14) {
        try {
            return new DG14File(new ByteArrayInputStream(dg14));
        } catch (Exception e) {
            throw new ChipMalformed(ChipCode.DG14_MALFORMED, 14, "DG14 is not a readable set of security infos");
        }
    }

    static PublicKey dg15(byte[] dg15) {
        try {
            PublicKey key = new DG15File(new ByteArrayInputStream(dg15)).getPublicKey();
            if (key == null) {
                throw new IllegalArgumentException();
            }
            return key;
        } catch (Exception e) {
            throw new ChipMalformed(ChipCode.DG15_MALFORMED, 15, "DG15 does not hold a readable public key");
        }
    }

    /** Empty when the answer proves the chip holds DG15's private key; else the failure. */
    static java.util.Optional<ChipFailure> active(byte[] dg15, DG14File dg14, byte[] challenge, byte[] response) {
        if (dg15 == null) {
            return java.util.Optional.of(ChipFailure.of(ChipCode.AA_KEY_MISSING, 15, "Active authentication needs DG15, the chip's public key"));
        }
        if (challenge == null || challenge.length != 8 || response == null || response.length == 0) {
            return java.util.Optional.of(new ChipFailure(ChipCode.AA_CHALLENGE_INVALID, "activeAuthentication",
                    "The challenge is 8 bytes (ICAO 9303 part 11) and the response is not empty"));
        }
        PublicKey key = dg15(dg15);
        if (!(key instanceof ECPublicKey)) {
            return java.util.Optional.of(ChipFailure.of(ChipCode.AA_ALGORITHM_UNSUPPORTED, 15, "This platform verifies active authentication with "
                    + "ECDSA keys only; the chip's key is " + key.getAlgorithm()));
        }
        String algorithm = PLAIN_ECDSA.get(aaOid(dg14));
        if (algorithm == null) {
            return java.util.Optional.of(ChipFailure.of(ChipCode.AA_ALGORITHM_UNSUPPORTED, 14, "DG14 names a signature algorithm this platform does not verify"));
        }
        try {
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(key);
            verifier.update(challenge);
            if (verifier.verify(response)) {
                return java.util.Optional.empty();
            }
        } catch (Exception e) {
            // a response of the wrong length or encoding is a failed answer, not a platform error
        }
        return java.util.Optional.of(new ChipFailure(ChipCode.AA_FAILED, "activeAuthentication",
                "The response is not the chip's signature of the challenge"));
    }

    /** The chip-authentication key of DG14, named, and the statement that the protocol was not verified here. */
    static ChipAuthentication chip(DG14File dg14) {
        if (dg14 == null) {
            return null;
        }
        List<ChipAuthenticationPublicKeyInfo> keys = dg14.getChipAuthenticationPublicKeyInfos();
        if (keys.isEmpty()) {
            return null;
        }
        return new ChipAuthentication(keys.getFirst().getSubjectPublicKey().getAlgorithm(), keys.getFirst().getProtocolOIDString(),
                "KEY_AUTHENTICATED_PROTOCOL_NOT_VERIFIED");
    }

    private static String aaOid(DG14File dg14) {
        if (dg14 == null) {
            return DEFAULT_AA_OID;
        }
        return dg14.getActiveAuthenticationInfos().stream().map(ActiveAuthenticationInfo::getSignatureAlgorithmOID)
                .findFirst().orElse(DEFAULT_AA_OID);
    }
}
