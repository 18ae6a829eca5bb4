package vn.dancu.eid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/** The count of logins outlives the sign-ins: the purge after 90 days keeps it per day, relying party and level. */
class SignInCountTest extends IntegrationTest {

    @Autowired
    EidStatistics statistics;
    @Autowired
    ExpiredAuthorizations purge;
    @Autowired
    JdbcClient jdbc;

    @Test
    void purgingOldSignInsKeepsTheirCountForTheStatistics() {
        for (int i = 0; i < 2; i++) {
            Browser browser = new Browser(port);
            Browser.Page form = browser.get("/eid/login");
            assertThat(browser.post("/eid/login", "_csrf", form.csrf(), "personalId", "030178862050", "password", "dancu-demo")
                    .location()).endsWith("/eid/account");
        }
        Map<String, Long> before = counts();
        int ended = jdbc.sql("""
                update eid.citizen_session set ended_at = now() - interval '100 days', end_reason = 'TEST'
                where id in (select id from eid.citizen_session where ended_at is null order by created_at desc limit 2)""").update();
        assertThat(ended).isEqualTo(2);
        purge.purge();

        assertThat(jdbc.sql("select count(*) from eid.citizen_session where end_reason = 'TEST'").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select coalesce(sum(logins), 0) from eid.sign_in_day").query(Long.class).single()).isGreaterThanOrEqualTo(2);
        assertThat(counts()).isEqualTo(before);
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        statistics.logins(l -> counts.merge(l.day() + "|" + l.relyingParty() + "|" + l.level(), l.logins(), Long::sum));
        return counts;
    }
}
