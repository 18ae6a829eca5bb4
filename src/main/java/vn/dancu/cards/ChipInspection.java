package vn.dancu.cards;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything that can be checked in a chip image without the registry: passive authentication, then
 * the groups read (the MRZ's check digits, DG1 against DG13, the face image), then active
 * authentication when a challenge was answered. No I/O; the trust store comes as a snapshot.
 */
public final class ChipInspection {

    /** The reader's challenge to the chip and the chip's answer, when the reader did active authentication. */
    record Challenge(byte[] challenge, byte[] response) {
    }

    public record Report(PassiveAuthentication.Outcome passive, Dg1Mrz mrz, Dg13Data dg13, Dg2Face face, String activeAuthentication,
                  ChipAuthentications.ChipAuthentication chipAuthentication, List<ChipFailure> failures) {

        boolean authentic() {
            return failures.isEmpty();
        }
    }

    /**
     * JMRTD logs every unreadable group with its stack trace at WARNING: a malformed upload is
     * answered 400 and needs no trace. Held here because java.util.logging keeps loggers weakly.
     */
    private static final java.util.logging.Logger JMRTD = quiet();

    private ChipInspection() {
    }

    private static java.util.logging.Logger quiet() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("org.jmrtd");
        logger.setLevel(java.util.logging.Level.SEVERE);
        return logger;
    }

    /**
     * Throws {@link ChipMalformed} for a group that cannot be read, after the SOD said whether it is
     * authentic. DG2 is hashed always but decoded only when {@code readFace}: its one use is the
     * face match, and decoding it is a tenth of a check's cost.
     */
    static Report inspect(ChipImage image, CscaTrust trust, Instant now, Challenge challenge, boolean readFace) {
        PassiveAuthentication.Outcome passive = PassiveAuthentication.check(image, trust, now);
        List<ChipFailure> failures = new ArrayList<>(passive.failures());
        if (!passive.passed()) {
            // Forged or unknown data is not read further: nothing in it is worth a parser's attention.
            return new Report(passive, null, null, null, null, null, List.copyOf(failures));
        }
        Dg1Mrz mrz = Dg1Mrz.read(image.dg1());
        Dg13Data dg13 = Dg13Data.read(image.dg13());
        Dg2Face face = image.dg2() == null || !readFace ? null : Dg2Face.read(image.dg2());
        ChipAuthentications.Dg14 dg14 = image.dg14() == null ? null : ChipAuthentications.dg14(image.dg14());
        if (image.dg15() != null) {
            ChipAuthentications.dg15(image.dg15());
        }
        failures.addAll(mrz.check());
        failures.addAll(ChipStatement.problems(dg13));
        failures.addAll(consistency(mrz, dg13));
        String active = "NOT_REQUESTED";
        if (challenge != null) {
            Optional<ChipFailure> failed = ChipAuthentications.active(image.dg15(), dg14, challenge.challenge(), challenge.response());
            failed.ifPresent(failures::add);
            active = failed.isPresent() ? "FAILED" : "VERIFIED";
        }
        return new Report(passive, mrz, dg13, face, active, dg14 == null ? null : dg14.chipAuthentication(), List.copyOf(failures));
    }

    /** DG1 and DG13 are the same card: the same 12-digit number, and the same date of birth. */
    static List<ChipFailure> consistency(Dg1Mrz mrz, Dg13Data dg13) {
        List<ChipFailure> failures = new ArrayList<>();
        if (dg13.personalId() == null || !dg13.personalId().equals(mrz.personalId())) {
            failures.add(ChipFailure.of(ChipCode.MRZ_MISMATCH, 13, "DG13's number is not the number in DG1's MRZ"));
        }
        String birth = Dg13Data.day(dg13.dateOfBirth()).map(d -> d.format(java.time.format.DateTimeFormatter.ofPattern("yyMMdd")))
                .orElse(null);
        if (birth != null && !birth.equals(mrz.dateOfBirth())) {
            failures.add(ChipFailure.of(ChipCode.MRZ_MISMATCH, 13, "DG13's date of birth is not the one in DG1's MRZ"));
        }
        return failures;
    }
}
