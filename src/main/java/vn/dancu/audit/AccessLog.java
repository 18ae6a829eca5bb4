package vn.dancu.audit;

import java.sql.Array;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public API of the access log: who read whose data, which fields, why, when and how.
 * A read is recorded inside the transaction that reads ({@link Propagation#MANDATORY}): if the
 * record cannot be written the read fails with it, so no read goes unrecorded.
 */
@Service
public class AccessLog {

    public enum ActorType { STAFF, MEMBER, SELF, SYSTEM }

    /** SELF: the person reads their own data; OIDC: claims released to a relying party at login. */
    public enum Channel { API, WEB, BATCH, SELF, OIDC }

    public record Entry(ActorType actorType, String actor, String subjectPersonalId, List<String> fields,
                        String purpose, Channel channel, String caseRef) {
    }

    private final JdbcTemplate jdbc;

    AccessLog(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void record(Entry entry) {
        recordAll(List.of(entry));
    }

    @Transactional(propagation = Propagation.MANDATORY)
    public void recordAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("""
                        insert into audit.access_log (actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref)
                        values (?, ?, ?, ?, ?, ?, ?)""",
                entries, entries.size(), (ps, e) -> {
                    Array fields = ps.getConnection().createArrayOf("text", e.fields().toArray());
                    ps.setString(1, e.actorType().name());
                    ps.setString(2, e.actor());
                    ps.setString(3, e.subjectPersonalId());
                    ps.setArray(4, fields);
                    ps.setString(5, e.purpose());
                    ps.setString(6, e.channel().name());
                    ps.setString(7, e.caseRef());
                });
    }
}
