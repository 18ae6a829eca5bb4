package vn.dancu.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dancu.Api.map;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.CitizenAccounts;
import vn.dancu.units.AdministrativeUnit;
import vn.dancu.units.Units;

/** The indicators counted where a person lives: e-ID accounts in use by level, and open reconciliation differences. */
class PersonKpisTest extends IntegrationTest {

    static final String CAU_GIAY = "00166";
    static final AtomicInteger SERIAL = new AtomicInteger();

    @Autowired
    JdbcClient jdbc;
    @Autowired
    CitizenAccounts citizens;
    @Autowired
    Units units;
    @Autowired
    Tally tally;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anAccountCountsAtItsLevelWhereItsHolderLivesWhileItIsInUse() {
        long commune = units.find(AdministrativeUnit.COMMUNE, CAU_GIAY, units.today()).orElseThrow().id();
        long province = units.provinceToday(commune).orElseThrow().id();
        String person = person("Bùi Văn Tài", "1980-07-08");
        long[] level1 = {figure("eid_accounts", commune, "1"), figure("eid_accounts", province, "1"), figure("eid_accounts", 0, "1")};
        long[] level2 = {figure("eid_accounts", commune, "2"), figure("eid_accounts", province, "2"), figure("eid_accounts", 0, "2")};

        citizens.createDemoAccount(person, 1, String.format("09%08d", 30_000_000 + SERIAL.incrementAndGet()), "dancu-demo", null);
        assertThat(figure("eid_accounts", commune, "1")).isEqualTo(level1[0] + 1);
        assertThat(figure("eid_accounts", province, "1")).isEqualTo(level1[1] + 1);
        assertThat(figure("eid_accounts", 0, "1")).isEqualTo(level1[2] + 1);

        Api police = api("congan.caugiay");
        assertThat(police.post("/api/v1/eid/accounts/" + person + "/level2", map("evidenceRef", "Đối chiếu CCCD tại trụ sở")).status())
                .isEqualTo(200);
        assertThat(figure("eid_accounts", commune, "1")).isEqualTo(level1[0]);
        assertThat(figure("eid_accounts", commune, "2")).isEqualTo(level2[0] + 1);

        Api.Response suspended = police.post("/api/v1/eid/accounts/" + person + "/state", map("state", "SUSPENDED", "reason", "Mất điện thoại"));
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(figure("eid_accounts", commune, "2")).isEqualTo(level2[0]);
        Api.Response wrong = police.post("/api/v1/eid/accounts/" + person + "/state", map("state", "BOGUS", "reason", "x"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(figure("eid_accounts", commune, "2")).as("a refused change moves nothing").isEqualTo(level2[0]);
        police.post("/api/v1/eid/accounts/" + person + "/state", map("state", "ACTIVE", "reason", "Đã tìm lại điện thoại"));
        assertThat(figure("eid_accounts", commune, "2")).isEqualTo(level2[0] + 1);

        assertThat(api("officer.central").post("/api/v1/registry/persons/" + person + "/death", map("dateOfDeath",
                java.time.LocalDate.now().minusDays(1).toString(), "placeOfDeath", "Hà Nội", "sourceDocument", "GBT-" + SERIAL.get()))
                .status()).isLessThan(300);
        assertThat(figure("eid_accounts", commune, "2")).as("revoked with the death").isEqualTo(level2[0]);
        assertThat(figure("eid_accounts", province, "2")).isEqualTo(level2[1]);
        assertThat(figure("eid_accounts", 0, "2")).isEqualTo(level2[2]);
    }

    @Test
    void aPersonCountsOnceWithAnOpenDifferenceUntilEveryMembersLatestRecordMatches() throws Exception {
        long commune = units.find(AdministrativeUnit.COMMUNE, CAU_GIAY, units.today()).orElseThrow().id();
        String person = person("Kiều Thị Sai", "1985-09-10");
        long open = figure("quality", commune, "open_difference");
        String wrongDate = "recordRef,personalId,fullName,dateOfBirth\nr1," + person + ",Kiều Thị Sai,1985-09-11\n";
        String right = "recordRef,personalId,fullName,dateOfBirth\nr1," + person + ",Kiều Thị Sai,1985-09-10\n";

        reconcile("demo-ministry", "ADMINISTRATIVE_PROCEDURE", wrongDate);
        assertThat(figure("quality", commune, "open_difference")).isEqualTo(open + 1);
        reconcile("demo-vss", "SOCIAL_INSURANCE", wrongDate);
        assertThat(figure("quality", commune, "open_difference")).as("once, whatever the members").isEqualTo(open + 1);
        reconcile("demo-ministry", "ADMINISTRATIVE_PROCEDURE", right);
        assertThat(figure("quality", commune, "open_difference")).as("still open at the other member").isEqualTo(open + 1);
        reconcile("demo-vss", "SOCIAL_INSURANCE", right);
        assertThat(figure("quality", commune, "open_difference")).isEqualTo(open);
        assertThat(jdbc.sql("select count(*) from exchange.open_difference where personal_id = ?").param(person).query(Long.class).single())
                .isZero();
    }

    // --- fixtures

    long figure(String fact, long unit, String k1) {
        settle();
        return jdbc.sql("select coalesce(sum(value), 0) from statistics.figure where fact = ? and unit_id = ? and k1 = ?")
                .params(fact, unit, k1).query(Long.class).single();
    }

    /** Folds the journal now, waiting for a fold under way. */
    private void settle() {
        tally.foldNow();
    }

    private String person(String name, String dob) {
        Api central = api("officer.central");
        String id = central.post("/api/v1/registry/births", map("fullName", name, "gender", "MALE", "dateOfBirth", dob,
                "placeOfBirth", "Hà Nội", "birthRegistrationUnit", CAU_GIAY, "nationality", "VN", "ethnicity", "Kinh")).text("personalId");
        assertThat(central.post("/api/v1/registry/persons/" + id + "/residences", map("type", "PERMANENT", "unit", CAU_GIAY,
                "addressLine", "Số " + SERIAL.incrementAndGet() + " ngõ Người Sống", "from", "2025-08-01")).status()).isLessThan(300);
        return id;
    }

    private void reconcile(String member, String purpose, String csv) throws Exception {
        Api api = Api.bearer(port, token(member));
        Api.Response accepted = api.post("/api/v1/exchange/reconciliations?purpose=" + purpose, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).as(accepted.body().toString()).isEqualTo(202);
        long id = accepted.body().path("id").asLong();
        for (int i = 0; i < 200; i++) {
            JsonNode job = api.get("/api/v1/exchange/reconciliations/" + id).body();
            if (Set.of("COMPLETED", "FAILED").contains(job.path("state").asString())) {
                assertThat(job.path("state").asString()).isEqualTo("COMPLETED");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("reconciliation " + id + " did not finish");
    }

    private String token(String client) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":dancu-demo").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }
}
