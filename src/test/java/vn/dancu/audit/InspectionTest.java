package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/** The inspector's searches and anomaly report over HTTP. */
class InspectionTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    AuditKeys keys;

    private String hanoiPerson() {
        return api("officer.hanoi").get("/api/v1/registry/persons?name=nguyen%20van%20an&size=1").body().path("items").get(0)
                .path("personalId").asString();
    }

    @Test
    void anInspectorFindsWhoReadAPersonAndTheSearchIsItselfLogged() {
        String person = hanoiPerson();
        api("officer.hanoi").purpose("Hồ sơ thanh tra mẫu 7/2026").get("/api/v1/registry/persons/" + person);

        Api.Response noPurpose = api("auditor").purpose(null).get("/api/v1/audit/access-log?subject=" + person);
        assertThat(noPurpose.code()).isEqualTo("PURPOSE_REQUIRED");
        Api.Response found = api("auditor").purpose("Thanh tra theo Quyết định 3/QĐ-TTr").get("/api/v1/audit/access-log?subject=" + person);
        assertThat(found.status()).isEqualTo(200);
        assertThat(found.body().path("items").toString()).contains("officer.hanoi", "Hồ sơ thanh tra mẫu 7/2026");
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log
                        where actor = 'auditor' and subject_personal_id = ? and fields = '{accessLog}'""")
                .param(person).query(Integer.class).single()).isPositive();

        assertThat(api("officer.hanoi").get("/api/v1/audit/access-log?subject=" + person).status()).isEqualTo(403);
        Api.Response tooWide = api("auditor").get("/api/v1/audit/access-log?from=2026-01-01&to=2026-11-01");
        assertThat(tooWide.fieldErrors()).contains("from:PERIOD_TOO_LONG");
        assertThat(api("auditor").get("/api/v1/audit/access-log?subject=12345").fieldErrors()).contains("subject:INVALID_PERSONAL_ID");
    }

    @Test
    void attemptsOutsideJurisdictionAndReadsAtNightAreReported() {
        String person = hanoiPerson();
        assertThat(api("officer.hcm").get("/api/v1/registry/persons/" + person).code()).isEqualTo("OUTSIDE_JURISDICTION");
        // A read written last night at 23:30, through the platform's own MAC so that the log stays intact.
        LocalDate yesterday = LocalDate.now(AccessLog.VIETNAM).minusDays(1);
        java.time.Instant night = yesterday.atTime(LocalTime.of(23, 30)).atZone(AccessLog.VIETNAM).toInstant().truncatedTo(ChronoUnit.MICROS);
        byte[] mac = keys.mac(AccessLog.content(7L, night, "STAFF", "officer.night", person, List.of("fullName"), "Tra cứu", "API",
                null, null, null));
        jdbc.sql("""
                        insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, nonce, mac)
                        values (?, 'STAFF', 'officer.night', ?, '{fullName}', 'Tra cứu', 'API', 7, ?)""")
                .params(Timestamp.from(night), person, mac).update();

        JsonNode anomalies = api("auditor").get("/api/v1/audit/anomalies").body();
        assertThat(anomalies.toString()).contains("\"kind\":\"OUTSIDE_JURISDICTION\",\"actor\":\"officer.hcm\"")
                .contains("\"kind\":\"AT_NIGHT\",\"actor\":\"officer.night\"");
        assertThat(api("officer.hanoi").get("/api/v1/audit/anomalies").status()).isEqualTo(403);
    }

    @Test
    void theInspectionPageShowsTheAnomaliesAndSearches() {
        String person = hanoiPerson();
        String html = api("auditor").text("/staff/audit?subject=" + person + "&inspectionPurpose=Thanh%20tra%202026");
        assertThat(html).contains("Thanh tra nhật ký truy cập", "Dấu hiệu bất thường", person);
    }
}
