package vn.dancu.procedures.traffic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dancu.platform.ApiProblem;

/**
 * The local record of camera-detected offences, a real implementation of {@link TrafficOffences} over
 * {@code procedures.traffic_offence}: what the traffic police record is here filled by
 * {@link #record} (the demo's offences, {@link DemoTrafficOffences}).
 */
@Component
public class LocalTrafficOffences implements TrafficOffences {

    private final JdbcClient jdbc;

    LocalTrafficOffences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Offence> find(String recordNumber, String plateNumber) {
        return jdbc.sql(SELECT + " where record_number = ?").param(recordNumber == null ? "" : recordNumber.strip())
                .query(this::offence).optional()
                .filter(o -> TrafficOffences.plateKey(o.plateNumber()).equals(TrafficOffences.plateKey(plateNumber)));
    }

    @Override
    public void close(String recordNumber, String paymentReference, Instant at) {
        int closed = jdbc.sql("""
                        update procedures.traffic_offence set state = 'CLOSED', closed_at = ?, payment_reference = ?
                        where record_number = ? and state = 'OPEN'""")
                .params(Timestamp.from(at), paymentReference, recordNumber).update();
        if (closed == 0) {
            throw ApiProblem.conflict("FINE_ALREADY_PAID", "The fine of record " + recordNumber + " is paid already");
        }
    }

    /** Records an offence, as the police's system would; an existing record number is left as it is. */
    public void record(Offence o) {
        jdbc.sql("""
                        insert into procedures.traffic_offence (record_number, plate_number, offender_personal_id, offence_vi, offence_en,
                            place, detected_at, fine, state)
                        values (?, ?, ?, ?, ?, ?, ?, ?, 'OPEN') on conflict (record_number) do nothing""")
                .params(o.recordNumber(), o.plateNumber(), o.offenderPersonalId(), o.offenceVi(), o.offenceEn(), o.place(),
                        Timestamp.from(o.detectedAt()), o.fine())
                .update();
    }

    private static final String SELECT = """
            select record_number, plate_number, offender_personal_id, offence_vi, offence_en, place, detected_at, fine, state,
                payment_reference from procedures.traffic_offence""";

    private Offence offence(ResultSet rs, int n) throws SQLException {
        return new Offence(rs.getString("record_number"), rs.getString("plate_number"), rs.getString("offender_personal_id"),
                rs.getString("offence_vi"), rs.getString("offence_en"), rs.getString("place"),
                rs.getTimestamp("detected_at").toInstant(), rs.getLong("fine"), rs.getString("state").equals("OPEN"),
                rs.getString("payment_reference"));
    }
}
