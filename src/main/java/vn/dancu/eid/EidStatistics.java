package vn.dancu.eid;

import java.time.LocalDate;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What the statistics module counts again from the e-ID's own tables when it rebuilds its
 * figures, counted as {@link EidAccountChanged} and {@link CitizenSignedIn} report them one by one.
 * Streamed, never loaded at once.
 */
@Service
public class EidStatistics {

    /** Logins of one day (Vietnam time), relying party (empty: the citizen's own pages) and level. */
    public record Logins(LocalDate day, String relyingParty, int level, long logins) {
    }

    private final JdbcClient jdbc;
    private final CitizenSessions sessions;

    EidStatistics(JdbcClient jdbc, CitizenSessions sessions) {
        this.jdbc = jdbc;
        this.sessions = sessions;
    }

    /** Each account in use (active, or locked for a while), with its holder's personal ID number and its level. */
    @Transactional(readOnly = true)
    public void accountsInUse(BiConsumer<String, Integer> into) {
        try (var rows = jdbc.sql("select personal_id, level from eid.citizen_account where state in ('ACTIVE', 'LOCKED')")
                .query((rs, n) -> java.util.Map.entry(rs.getString(1), rs.getInt(2))).stream()) {
            rows.forEach(e -> into.accept(e.getKey(), e.getValue()));
        }
    }

    @Transactional(readOnly = true)
    public void logins(Consumer<Logins> into) {
        sessions.loginCounts(c -> into.accept(new Logins(c.day(), c.clientId(), c.level(), c.logins())));
    }
}
