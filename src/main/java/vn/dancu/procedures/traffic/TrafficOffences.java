package vn.dancu.procedures.traffic;

import java.time.Instant;
import java.util.Optional;

/**
 * The traffic police's record of offences detected by cameras ("phạt nguội"): a system this platform
 * cannot reach. Procedure 8 looks an offence up by the number of its record and the vehicle's plate,
 * has the offender pay the fine through the payment gateway, and closes the record once paid. The
 * implementation here is {@link LocalTrafficOffences}, a real local one over the table
 * {@code procedures.traffic_offence}; a production deployment provides a {@code @Primary} bean that
 * calls the police's system (docs/api/procedures-v1.md#traffic-offences).
 */
public interface TrafficOffences {

    /** The offence of record {@code recordNumber}, when its vehicle's plate is {@code plateNumber} (compared without spaces, dots and dashes). */
    Optional<Offence> find(String recordNumber, String plateNumber);

    /** Closes an OPEN record: its fine is paid under {@code paymentReference}. Refused with {@code FINE_ALREADY_PAID} when closed. */
    void close(String recordNumber, String paymentReference, Instant at);

    /** An offence as the record states it; {@code fine} in whole đồng. */
    record Offence(String recordNumber, String plateNumber, String offenderPersonalId, String offenceVi, String offenceEn,
                   String place, Instant detectedAt, long fine, boolean open, String paymentReference) {
    }

    /** A plate as typed, reduced to what identifies it: letters and digits, upper case. */
    static String plateKey(String plate) {
        return plate == null ? "" : plate.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "");
    }
}
