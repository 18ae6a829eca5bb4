package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The read replica: a standby made by {@link Standby} from the platform's running embedded database, configured
 * before it exists (so the platform starts with the replica down). Searches and statistics are read from the
 * standby while it is within the bound, and each person a search shows is in the primary's access log; a birth on
 * the primary reaches the standby within the bound; with replay paused past the bound, and with the standby stopped,
 * the same requests answer 200 from the primary.
 */
class ReplicaTest extends IntegrationTest {

    static final Duration MAX_LAG = Duration.ofSeconds(8);
    static final int STANDBY_PORT = freePort();
    static final Path DATA_DIR = tempDir("dancu-replica-test-");

    @DynamicPropertySource
    static void replica(DynamicPropertyRegistry registry) {
        registry.add("dancu.test.data-dir", DATA_DIR::toString);
        registry.add("dancu.replica.url", () -> "jdbc:postgresql://localhost:" + STANDBY_PORT + "/postgres");
        registry.add("dancu.replica.max-lag", () -> MAX_LAG.toSeconds() + "s");
        registry.add("dancu.replica.retry-after", () -> "1s");
    }

    @Autowired
    ReadSource reads;

    private Standby standby;

    @AfterEach
    void stopStandby() throws IOException {
        if (standby != null) {
            standby.close();
        }
    }

    @Test
    void searchesAndStatisticsReadTheStandbyWithinTheBoundAndThePrimaryWhenItLagsOrIsDown() throws Exception {
        Api officer = api("officer.hanoi").purpose("Kiểm thử bản sao đọc");
        Api leader = api("leader.hanoi");
        assertThat(search(officer, "Bản Sao Một").status()).as("the replica is not there yet: the primary answers").isEqualTo(200);
        assertThat(reads.state()).isEqualTo(ReadSource.State.DOWN);

        standby = makeStandby();
        JdbcClient onStandby = superuser(STANDBY_PORT);
        assertThat(onStandby.sql("select pg_is_in_recovery()").query(Boolean.class).single()).isTrue();
        Thread.sleep(1_100); // the replica's retry-after

        // A birth on the primary reaches the standby within the bound; the search that finds it is read there and logged on the primary.
        String first = birth(officer, "Lê Thị Bản Sao Một");
        waitFor(() -> onStandby.sql("select count(*) from registry.person where personal_id = ?").param(first)
                .query(Long.class).single() == 1, MAX_LAG, "the birth on the standby");
        waitFor(() -> search(officer, "Bản Sao Một").body().toString().contains(first), MAX_LAG, "the search to find the birth");
        assertThat(reads.state()).isEqualTo(ReadSource.State.REPLICA);
        assertThat(DatabaseSuperuser.jdbc(DATA_DIR).sql("""
                        select count(*) from audit.access_log
                        where subject_personal_id = ? and actor = 'officer.hanoi' and purpose = 'Kiểm thử bản sao đọc'
                          and 'fullName' = any(fields)""").param(first).query(Long.class).single())
                .as("a person shown by a search read on the replica is in the primary's access log").isPositive();
        assertThat(leader.get("/ioc/api/units/01/pyramid").status()).isEqualTo(200);
        assertThat(reads.state()).as("statistics are read from the replica").isEqualTo(ReadSource.State.REPLICA);

        // Replay paused: within the bound the standby answers, so it does not know a birth the primary has just recorded ...
        onStandby.sql("select pg_wal_replay_pause()").query((rs, n) -> 1).list();
        String second = birth(officer, "Lê Thị Bản Sao Hai");
        Api.Response stale = search(officer, "Bản Sao Hai");
        assertThat(stale.status()).isEqualTo(200);
        assertThat(stale.body().toString()).as("read on the paused standby").doesNotContain(second);
        assertThat(reads.state()).isEqualTo(ReadSource.State.REPLICA);
        // ... and once its heartbeat is older than the bound, the primary answers.
        waitFor(() -> search(officer, "Bản Sao Hai").body().toString().contains(second), MAX_LAG.multipliedBy(3),
                "the primary to answer a standby behind the bound");
        assertThat(reads.state()).isEqualTo(ReadSource.State.STALE);
        assertThat(reads.lagSeconds()).isGreaterThan(MAX_LAG.toSeconds());
        assertThat(leader.get("/ioc/api/units/01/pyramid").status()).isEqualTo(200);
        onStandby.sql("select pg_wal_replay_resume()").query((rs, n) -> 1).list();

        // The standby stopped: the same requests answer from the primary.
        standby.close();
        standby = null;
        Api.Response down = search(officer, "Bản Sao");
        assertThat(down.status()).isEqualTo(200);
        assertThat(down.body().toString()).contains(first, second);
        assertThat(reads.state()).isEqualTo(ReadSource.State.DOWN);
        assertThat(leader.get("/ioc/api/units/01/pyramid").status()).isEqualTo(200);
        assertThat(anonymous().get("/actuator/health/readiness").status()).as("the replica is not part of readiness").isEqualTo(200);
    }

    private Standby makeStandby() throws Exception {
        try {
            return Standby.make(DATA_DIR, DATA_DIR.resolveSibling(DATA_DIR.getFileName() + "-standby"), STANDBY_PORT);
        } catch (IOException notStarted) {
            String why = "A second PostgreSQL cluster could not be started: " + notStarted.getMessage();
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why, notStarted);
            }
            Assumptions.abort("Replica test skipped. " + why);
            return null;
        }
    }

    private static Api.Response search(Api officer, String name) {
        return officer.get("/api/v1/registry/persons" + Api.query(Map.of("name", name)));
    }

    private static String birth(Api officer, String name) {
        Api.Response created = officer.post("/api/v1/registry/births", Api.map("fullName", name, "gender", "FEMALE",
                "dateOfBirth", LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString(), "placeOfBirth", "Bệnh viện Bạch Mai",
                "birthRegistrationUnit", "00070", "nationality", "VN", "ethnicity", "Kinh"));
        assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
        return created.text("personalId");
    }

    private static JdbcClient superuser(int port) throws IOException {
        String password = Files.readString(DATA_DIR.resolve(EmbeddedDatabase.SUPERUSER_PASSWORD_FILE)).strip();
        return JdbcClient.create(new SimpleDriverDataSource(new org.postgresql.Driver(),
                "jdbc:postgresql://localhost:" + port + "/postgres", EmbeddedDatabase.SUPERUSER, password));
    }

    private static void waitFor(BooleanSupplier condition, Duration within, String what) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Waited " + within.toSeconds() + " s in vain for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
