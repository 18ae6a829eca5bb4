package vn.dancu.cards;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Passive authentication (ICAO 9303 part 11, 5.1): the document signer certificate in EF.SOD was
 * certified by a trusted country signing CA and both were valid when the SOD was signed; the DSC is
 * not on the CA's revocation list, and that list is current; the SOD's signature verifies; every
 * data group sent has its hash in the SOD and matches it, and the mandatory groups (DG1, DG13) are
 * there. Every failure is collected, not only the first, so the answer names them all.
 *
 * <p>The time a certificate must be valid at is the SOD's signing time; a SOD without one is
 * judged at the time of the check (stricter: an old card's DSC may have expired since).
 */
final class PassiveAuthentication {

    /** What the revocation check found. */
    enum Revocation { NOT_REVOKED, REVOKED, CRL_STALE, NO_CRL, NOT_CHECKED }

    record Outcome(List<ChipFailure> failures, String documentSigner, String documentSignerSerial, String countrySigningCa,
                   Instant signedAt, String digestAlgorithm, String signatureAlgorithm, Revocation revocation) {

        boolean passed() {
            return failures.isEmpty();
        }
    }

    static final List<Integer> MANDATORY = List.of(1, 13);

    private PassiveAuthentication() {
    }

    static Outcome check(ChipImage image, CscaTrust trust, Instant now) {
        ChipSecurityObject sod = ChipSecurityObject.read(image.sod());
        List<ChipFailure> failures = new ArrayList<>();
        X509Certificate dsc = sod.signer();
        Instant at = sod.signedAt() != null ? sod.signedAt() : now;
        Optional<CscaTrust.Anchor> anchor = trust.issuerOf(dsc);
        Revocation revocation = Revocation.NOT_CHECKED;
        if (anchor.isEmpty()) {
            failures.add(ChipFailure.of(ChipCode.CSCA_UNTRUSTED, 0, "The document signer's certificate names the issuer "
                    + dsc.getIssuerX500Principal().getName() + ", but no trusted country signing CA signed it"));
        } else {
            validity(failures, anchor.get().certificate(), dsc, at);
            revocation = revocation(failures, trust, anchor.get(), dsc, now);
        }
        signature(failures, sod);
        hashes(failures, sod, image);
        return new Outcome(List.copyOf(failures), dsc.getSubjectX500Principal().getName(), dsc.getSerialNumber().toString(16),
                anchor.map(a -> a.certificate().getSubjectX500Principal().getName()).orElse(null), sod.signedAt(),
                sod.digestAlgorithm(), sod.signerInfo().getEncryptionAlgOID(), revocation);
    }

    private static void validity(List<ChipFailure> failures, X509Certificate csca, X509Certificate dsc, Instant at) {
        if (dsc.getNotAfter().toInstant().isBefore(at)) {
            failures.add(ChipFailure.of(ChipCode.DSC_EXPIRED, 0, "The document signer certificate expired on "
                    + dsc.getNotAfter().toInstant() + ", before the SOD was signed (" + at + ")"));
        } else if (dsc.getNotBefore().toInstant().isAfter(at)) {
            failures.add(ChipFailure.of(ChipCode.DSC_NOT_YET_VALID, 0, "The document signer certificate was not yet valid at " + at));
        }
        if (csca.getNotAfter().toInstant().isBefore(at) || csca.getNotBefore().toInstant().isAfter(at)) {
            failures.add(ChipFailure.of(ChipCode.CSCA_EXPIRED, 0, "The country signing CA was not valid when the SOD was signed (" + at + ")"));
        }
    }

    /** A DSC on the list is revoked even when the list is stale; a stale list clears no one. */
    private static Revocation revocation(List<ChipFailure> failures, CscaTrust trust, CscaTrust.Anchor anchor, X509Certificate dsc,
                                         Instant now) {
        Optional<X509CRL> crl = trust.crlOf(anchor);
        if (crl.isEmpty()) {
            return Revocation.NO_CRL;
        }
        if (CscaTrust.revoked(crl.get(), dsc.getSerialNumber())) {
            failures.add(ChipFailure.of(ChipCode.DSC_REVOKED, 0, "The document signer certificate " + dsc.getSerialNumber().toString(16)
                    + " is on the country signing CA's revocation list"));
            return Revocation.REVOKED;
        }
        if (CscaTrust.stale(crl.get(), now)) {
            failures.add(ChipFailure.of(ChipCode.CRL_STALE, 0, "The newest revocation list of the country signing CA was due for renewal on "
                    + crl.get().getNextUpdate().toInstant() + "; load a current one"));
            return Revocation.CRL_STALE;
        }
        return Revocation.NOT_REVOKED;
    }

    private static void signature(List<ChipFailure> failures, ChipSecurityObject sod) {
        if (!SodSignature.verifies(sod)) {
            failures.add(ChipFailure.of(ChipCode.SOD_SIGNATURE_INVALID, 0, "The signature of EF.SOD does not verify with the document signer's key"));
        }
    }

    private static void hashes(List<ChipFailure> failures, ChipSecurityObject sod, ChipImage image) {
        MessageDigest digest = digest(sod.digestAlgorithm());
        for (Map.Entry<Integer, byte[]> group : image.groups().entrySet()) {
            byte[] stated = sod.hashes().get(group.getKey());
            if (stated == null) {
                failures.add(ChipFailure.of(ChipCode.DG_HASH_MISSING, group.getKey(), "EF.SOD has no hash of DG" + group.getKey()));
            } else if (!MessageDigest.isEqual(stated, digest.digest(group.getValue()))) {
                failures.add(ChipFailure.of(ChipCode.DG_HASH_MISMATCH, group.getKey(), "DG" + group.getKey()
                        + " is not the data group the card signed: its hash differs from the one in EF.SOD"));
            }
        }
        for (int mandatory : MANDATORY) {
            if (!sod.hashes().containsKey(mandatory)) {
                failures.add(ChipFailure.of(ChipCode.DG_MISSING, mandatory, "EF.SOD signs no DG" + mandatory
                        + ", which every Vietnamese chip card has"));
            }
        }
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException | NullPointerException e) {
            throw new ChipMalformed(ChipCode.SOD_MALFORMED, 0, "EF.SOD names an unknown hash algorithm");
        }
    }
}
