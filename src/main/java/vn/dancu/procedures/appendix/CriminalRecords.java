package vn.dancu.procedures.appendix;

import java.time.LocalDate;
import java.util.List;

/**
 * The criminal records database (Cơ sở dữ liệu lý lịch tư pháp, Law on Judicial Records 28/2009/QH12, kept by the
 * National Centre for Judicial Records and the provincial departments of justice), which the platform cannot reach.
 * Procedure 22 asks it for a person's convictions and prints them on the certificate. {@link LocalCriminalRecords}
 * is the implementation here: a table of its own, empty until an operator or a test fills it; a deployment connected
 * to the real database replaces it with one that calls that database (docs/procedures.md).
 */
interface CriminalRecords {

    /**
     * A conviction as the database holds it: the judgment (number, date, court), the offence and the sentence, the
     * bans it imposed (holding positions, founding or managing enterprises), and the day it was expunged, if it was.
     */
    record Conviction(String judgment, LocalDate judgedOn, String court, String offence, String sentence, String bans,
                      LocalDate expungedOn) {

        boolean expunged() {
            return expungedOn != null;
        }
    }

    /** The person's convictions, oldest first; empty for a person without any. */
    List<Conviction> convictions(String personalId);
}
