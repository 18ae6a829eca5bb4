package vn.dancu.procedures.appendix;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The criminal records kept here, in {@code procedures.conviction} (V23), standing in for the national database
 * this platform is not connected to: a real table read in the approving officer's transaction, empty unless an
 * operator records convictions in it.
 */
@Component
class LocalCriminalRecords implements CriminalRecords {

    private final JdbcClient jdbc;

    LocalCriminalRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<Conviction> convictions(String personalId) {
        return jdbc.sql("""
                        select judgment, judged_on, court, offence, sentence, bans, expunged_on from procedures.conviction
                        where personal_id = ? order by judged_on, id""")
                .param(personalId)
                .query((rs, n) -> new Conviction(rs.getString("judgment"), rs.getObject("judged_on", java.time.LocalDate.class),
                        rs.getString("court"), rs.getString("offence"), rs.getString("sentence"), rs.getString("bans"),
                        rs.getObject("expunged_on", java.time.LocalDate.class)))
                .list();
    }
}
