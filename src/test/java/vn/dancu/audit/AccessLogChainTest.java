package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The access log against an insider with SQL access: the superuser (who can switch the append-only
 * triggers off), and in the end one who also holds the master key and re-signs what they rewrite.
 * Every attack runs against the real embedded PostgreSQL and must be found by the verifier. The
 * tests run in order, the untouched log first: after them the log is not intact (no other test
 * verifies it).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessLogChainTest extends IntegrationTest {

    @Autowired
    AccessLogSealer sealer;
    @Autowired
    AccessLogVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    AccessLog accessLog;
    @Autowired
    AuditKeys keys;
    @Autowired
    CheckpointJournal journal;
    @Autowired
    AccessHistory history;

    /** A copy of the checkpoints kept outside the platform, as a member or an operator's cron job would. */
    @TempDir
    static Path outsideWitness;

    private String someone() {
        return api("officer.central").get("/api/v1/registry/persons?name=nguyen&size=5").body().path("items").get(0)
                .path("personalId").asString();
    }

    @Autowired
    org.springframework.core.env.Environment environment;

    /**
     * Work done as the database's superuser (a DBA, or a stolen superuser password), append-only
     * triggers off, under the sealer's lock so that no sealing round interleaves.
     */
    private void asSuperuser(java.util.function.Consumer<JdbcClient> work) {
        javax.sql.DataSource superuser = vn.dancu.platform.DatabaseSuperuser.dataSource(
                Path.of(environment.getRequiredProperty("dancu.data-dir")));
        JdbcClient dba = JdbcClient.create(superuser);
        new TransactionTemplate(new org.springframework.jdbc.datasource.DataSourceTransactionManager(superuser))
                .executeWithoutResult(status -> {
                    dba.sql("set local session_replication_role = replica").update();
                    dba.sql("select pg_advisory_xact_lock(hashtext('audit.access_log_seal'))").query(Object.class).optional();
                    work.accept(dba);
                });
    }

    private void asIntruder(String sql, Object... params) {
        asSuperuser(dba -> dba.sql(sql).params(params).update());
    }

    private long readAndSeal(String personalId, String purpose) {
        assertThat(api("officer.central").purpose(purpose).get("/api/v1/registry/persons/" + personalId).status()).isEqualTo(200);
        sealer.sealNow();
        return jdbc.sql("select max(id) from audit.access_log where subject_personal_id = ? and purpose = ?")
                .params(personalId, purpose).query(Long.class).single();
    }

    /** A read, sealed and signed at once: one more chain position with a checkpoint the journal holds. */
    private long signedRead(String personalId, String purpose) {
        readAndSeal(personalId, purpose);
        sealer.checkpointNow();
        return jdbc.sql("select max(position) from audit.checkpoint").query(Long.class).single();
    }

    private List<String> kinds(AccessLogVerifier.Report report) {
        return report.findings().stream().map(AccessLogVerifier.Finding::kind).toList();
    }

    @Test
    @Order(1)
    void anUntouchedLogIsIntactAndItsCheckpointsArePublishedAndWitnessed() throws Exception {
        String person = someone();
        readAndSeal(person, "Kiểm tra chuỗi 0");
        // A large batch goes in by COPY: its rows must verify like the others, awkward characters included.
        List<AccessLog.Entry> many = java.util.stream.IntStream.range(0, AccessLog.COPY_FROM + 50).mapToObj(i -> new AccessLog.Entry(
                AccessLog.ActorType.MEMBER, "thành-viên \"x\", y", person, List.of("fullName", "a,b", "q\"uote", "back\\slash", "{}"),
                "Đối soát, lần " + i + " \\ \"trích\"", AccessLog.Channel.BATCH, "HS,\"1\"", null)).toList();
        transactions.executeWithoutResult(status -> accessLog.recordAll(many));
        assertThat(jdbc.sql("select fields from audit.access_log where actor = ? order by id desc limit 1").param(many.getFirst().actor())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single()).isEqualTo(many.getFirst().fields());
        long position = signedRead(person, "Kiểm tra chuỗi 00");

        AccessLogVerifier.Report clean = verifier.verify();
        assertThat(clean.findings()).as("a log nobody touched").isEmpty();
        assertThat(clean.checkpointsChecked()).isPositive();
        assertThat(clean.witnessCheckpoints()).as("the journal holds every checkpoint").isEqualTo(clean.checkpointsChecked());
        Api.Response overApi = api("auditor").post("/api/v1/audit/verifications", "");
        assertThat(overApi.status()).isEqualTo(200);
        assertThat(overApi.body().path("findings").isEmpty()).isTrue();
        assertThat(api("officer.hanoi").post("/api/v1/audit/verifications", "").status()).isEqualTo(403);
        assertThat(anonymous().post("/api/v1/audit/verifications", "").code()).as("no login: 401, not a missing CSRF token")
                .isEqualTo("UNAUTHENTICATED");

        // The journal lies outside the data directory, and its last line is the newest checkpoint, signed.
        assertThat(journal.file().startsWith(Path.of(System.getProperty("java.io.tmpdir")))).isTrue();
        assertThat(journal.file().toString()).doesNotContain("/postgres/");
        Checkpoint journaled = journal.read().getLast();
        assertThat(journaled.position()).isEqualTo(position);
        assertThat(keys.verify(journaled.signedBytes(), journaled.signatureBytes())).isTrue();

        // Published to anyone, without a login: the newest, a page, and the key that verifies them.
        Api.Response latest = anonymous().get("/api/v1/audit/checkpoints/latest");
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.body().path("position").asLong()).isEqualTo(position);
        assertThat(latest.text("chainHash")).isEqualTo(journaled.chainHash());
        String key = anonymous().get("/api/v1/audit/checkpoints/key").text("publicKey");
        assertThat(Checkpoint.fromJson(latest.body()).signedBy(key)).isTrue();
        Api.Response page = anonymous().get("/api/v1/audit/checkpoints?after=0&limit=2");
        assertThat(page.body().path("items").size()).isBetween(1, 2);
        assertThat(anonymous().get("/api/v1/audit/checkpoints?after=-1").fieldErrors()).contains("after:OUT_OF_RANGE");
        assertThat(anonymous().get("/api/v1/audit/checkpoints?limit=abc").fieldErrors()).contains("limit:OUT_OF_RANGE");
        assertThat(anonymous().get("/api/v1/audit/checkpoints?limit=5000").fieldErrors()).contains("limit:OUT_OF_RANGE");

        // Exchange answers name the newest checkpoint, so that members know what to keep.
        HttpResponse<String> exchange = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/exchange/events?after=0&purpose=CIVIL_STATUS"))
                .header("Authorization", "Bearer " + memberToken()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(exchange.statusCode()).isEqualTo(200);
        assertThat(exchange.headers().firstValue(CheckpointHeader.HEADER)).hasValue(Long.toString(position));

        // Someone outside keeps a witness: a second round finds nothing wrong.
        Witnesses.Kept kept = Witnesses.keep(URI.create("http://localhost:" + port), outsideWitness);
        assertThat(kept.problems()).isEmpty();
        assertThat(kept.position()).isEqualTo(position);
        assertThat(Witnesses.keep(URI.create("http://localhost:" + port), outsideWitness).added()).isZero();
    }

    private String memberToken() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("demo-ministry:dancu-demo".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    @Test
    @Order(2)
    void editedInsertedAndDeletedRowsAreFoundAndNamed() {
        String person = someone();
        long edited = readAndSeal(person, "Kiểm tra chuỗi 1");
        long deleted = readAndSeal(person, "Kiểm tra chuỗi 2");
        readAndSeal(person, "Kiểm tra chuỗi 3");
        sealer.checkpointNow();

        asIntruder("update audit.access_log set purpose = 'Không có gì' where id = ?", edited);
        asIntruder("delete from audit.access_log where id = ?", deleted);
        asIntruder("""
                insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, nonce, mac)
                values (now() - interval '1 day', 'STAFF', 'officer.hcm', ?, '{fullName}', 'Bịa ra', 'API', 42, '\\x00')""", person);
        long forged = jdbc.sql("select max(id) from audit.access_log where purpose = 'Bịa ra'").query(Long.class).single();
        sealer.sealNow();

        AccessLogVerifier.Report report = verifier.verify();
        assertThat(report.intact()).isFalse();
        assertThat(report.findings()).extracting(AccessLogVerifier.Finding::kind, AccessLogVerifier.Finding::logId)
                .contains(tuple("ROW_ALTERED", edited), tuple("ROW_DELETED", deleted), tuple("ROW_ALTERED", forged));

        // Rewriting the seals to hide the deletion breaks the signed checkpoint instead.
        asIntruder("delete from audit.access_log_seal where ? = any(log_ids)", deleted);
        assertThat(kinds(verifier.verify())).contains("SEALS_MISSING", "CHAIN_BROKEN");
    }

    @Test
    @Order(3)
    void rowsOutsideTheSealersRangeAreReportedAndNotShownAsGenuine() {
        String person = someone();
        readAndSeal(person, "Kiểm tra chuỗi 4");
        // The worst case: rows with the platform's own MAC, as only the master key makes them.
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        insertWithMac(0L, now, person, "Dòng số không");
        insertWithMac(-5L, now, person, "Dòng số âm");
        long future = insertWithMac(null, now.plus(30, ChronoUnit.DAYS), person, "Dòng ngày mai");
        long huge = insertWithMac(1_000_000_000_000L, now, person, "Dòng số lớn");
        asIntruder("""
                insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel)
                values (now() - interval '1 hour', 'STAFF', 'officer.hcm', ?, '{fullName}', 'Không có MAC', 'API')""", person);
        long withoutMac = jdbc.sql("select max(id) from audit.access_log where purpose = 'Không có MAC'").query(Long.class).single();
        sealer.sealNow();
        // A row forged with a huge id does not lift the sealer's head above the rows still to come.
        long after = readAndSeal(person, "Kiểm tra chuỗi 5");
        assertThat(jdbc.sql("select count(*) from audit.access_log_seal where ? = any(log_ids)").param(after).query(Integer.class).single())
                .isEqualTo(1);

        AccessLogVerifier.Report report = verifier.verify();
        assertThat(report.findings()).extracting(AccessLogVerifier.Finding::kind, AccessLogVerifier.Finding::logId)
                .contains(tuple("OUTSIDE_CHAIN", 0L), tuple("OUTSIDE_CHAIN", -5L), tuple("OUTSIDE_CHAIN", future),
                        tuple("OUTSIDE_CHAIN", huge), tuple("OUTSIDE_CHAIN", withoutMac));

        // The inspector sees them, marked; the person does not see them at all.
        java.util.Map<String, Boolean> genuine = new java.util.HashMap<>();
        for (String actor : List.of("officer.hcm", "officer.central")) {
            api("auditor").purpose("Thanh tra dòng lạ").get("/api/v1/audit/access-log?subject=" + person + "&actor=" + actor + "&size=200")
                    .body().path("items").forEach(row -> genuine.put(row.path("purpose").asString(), row.path("genuine").asBoolean()));
        }
        assertThat(genuine).containsEntry("Dòng số không", false).containsEntry("Dòng số âm", false)
                .containsEntry("Dòng số lớn", false).containsEntry("Không có MAC", false).containsEntry("Bịa ra", false)
                .containsEntry("Không có gì", false).containsEntry("Kiểm tra chuỗi 5", true);
        List<String> shownToPerson = history.ofSubject(person, LocalDate.now(), 0, 100).items().stream()
                .map(AccessHistory.Item::purpose).toList();
        assertThat(shownToPerson).contains("Kiểm tra chuỗi 5")
                .doesNotContain("Dòng số không", "Dòng số âm", "Dòng ngày mai", "Dòng số lớn", "Không có MAC", "Bịa ra", "Không có gì");
    }

    /** A row with a correct MAC at the given id (null: the next from the sequence); returns its id. */
    private long insertWithMac(Long id, Instant at, String person, String purpose) {
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        byte[] mac = keys.mac(AccessLog.content(nonce, at, "STAFF", "officer.hcm", person, List.of("fullName"), purpose, "API",
                null, null, null));
        asIntruder("""
                insert into audit.access_log (id, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, nonce, mac)
                values (coalesce(?, nextval('audit.access_log_id_seq')), ?, 'STAFF', 'officer.hcm', ?, '{fullName}', ?, 'API', ?, ?)""",
                id, Timestamp.from(at), person, purpose, nonce, mac);
        return jdbc.sql("select id from audit.access_log where nonce = ?").param(nonce).query(Long.class).single();
    }

    @Test
    @Order(4)
    void aChainCutBackWithItsLinksAndCheckpointsIsTruncatedForTheWitness() {
        String person = someone();
        long kept = signedRead(person, "Kiểm tra chuỗi 6");
        signedRead(person, "Kiểm tra chuỗi 7");
        long newest = signedRead(person, "Kiểm tra chuỗi 8");
        assertThat(newest).isGreaterThan(kept + 1);
        List<String> before = kinds(verifier.verify(List.of()));

        // Cut the newest reads, their links and their checkpoints: the database alone is consistent again.
        asIntruder("""
                delete from audit.access_log where id in (select unnest(log_ids) from audit.access_log_seal where position > ?)""", kept);
        asIntruder("delete from audit.access_log_seal where position > ?", kept);
        asIntruder("delete from audit.checkpoint where position > ?", kept);
        assertThat(kinds(verifier.verify(List.of()))).as("the database alone shows nothing new").isEqualTo(before);

        assertThat(verifier.verify().findings()).extracting(AccessLogVerifier.Finding::kind, AccessLogVerifier.Finding::position)
                .contains(tuple("TRUNCATED", kept));
        assertThat(kinds(verifier.verify(Witnesses.load(journal.file().getParent().toString())))).contains("TRUNCATED");
    }

    @Test
    @Order(5)
    void aRewriteResignedWithTheMasterKeyIsRewrittenForTheWitnesses() throws Exception {
        String person = someone();
        long victim = readAndSeal(person, "Kiểm tra chuỗi 9");
        long position = jdbc.sql("select position from audit.access_log_seal where ? = any(log_ids)").param(victim).query(Long.class).single();
        sealer.checkpointNow();
        Checkpoint witnessed = journal.read().getLast();
        assertThat(Witnesses.keep(URI.create("http://localhost:" + port), outsideWitness).problems()).isEmpty();

        // Delete the read, rebuild the chain from its link on, and sign every later checkpoint again.
        List<AccessLogVerifier.Finding> before = verifier.verify(List.of()).findings();
        asIntruder("delete from audit.access_log where id = ?", victim);
        resealFrom(position);
        assertThat(verifier.verify(List.of()).findings()).as("re-signed with the keys, the database alone shows nothing new")
                .isEqualTo(before);

        List<AccessLogVerifier.Finding> againstWitness = new ArrayList<>(verifier.verify(List.of(witnessed)).findings());
        againstWitness.removeAll(before);
        assertThat(againstWitness).extracting(AccessLogVerifier.Finding::kind, AccessLogVerifier.Finding::position)
                .containsExactly(tuple("REWRITTEN", witnessed.position()));
        assertThat(kinds(verifier.verify())).contains("REWRITTEN");
        assertThat(kinds(verifier.verify(Witnesses.load(outsideWitness.toString())))).contains("REWRITTEN");
        assertThat(Witnesses.keep(URI.create("http://localhost:" + port), outsideWitness).problems())
                .anySatisfy(p -> assertThat(p).startsWith("REWRITTEN"));

        // The witness is given to a running platform's verification, as ./dancu audit verify --url --witness does.
        String body = Api.JSON.writeValueAsString(java.util.Map.of("witness", Witnesses.load(outsideWitness.toString())));
        Api.Response overApi = api("auditor").post("/api/v1/audit/verifications", body);
        assertThat(overApi.body().path("findings").toString()).contains("REWRITTEN");
        assertThat(api("auditor").post("/api/v1/audit/verifications", "{\"witness\": [{\"position\": 1}]}").fieldErrors())
                .contains("witness[0]:INVALID_CHECKPOINT");
        assertThat(api("auditor").post("/api/v1/audit/verifications", "{\"witness\": 5}").fieldErrors()).contains("witness:NOT_A_LIST");
        assertThat(api("auditor").post("/api/v1/audit/verifications", "{\"witnesses\": []}").fieldErrors())
                .contains("witnesses:UNKNOWN_FIELD");
        assertThat(api("auditor").post("/api/v1/audit/verifications", "null").code()).isEqualTo("NOT_AN_OBJECT");
    }

    /** What an intruder with the master key does: each link from {@code position} on recomputed over the rows still there, re-signed. */
    private void resealFrom(long position) {
        asSuperuser(jdbc -> {
            byte[] hash = jdbc.sql("select chain_hash from audit.access_log_seal where position = ?").param(position - 1)
                    .query(byte[].class).optional().orElse(AccessLogSealer.GENESIS);
            List<Long> positions = jdbc.sql("select position from audit.access_log_seal where position >= ? order by position")
                    .param(position).query(Long.class).list();
            for (long p : positions) {
                List<Object[]> rows = jdbc.sql("""
                                select a.id, a.mac from audit.access_log_seal s cross join lateral unnest(s.log_ids) with ordinality u(id, ord)
                                join audit.access_log a on a.id = u.id where s.position = ? order by u.ord""")
                        .param(p).query((rs, n) -> new Object[] {rs.getLong(1), rs.getBytes(2)}).list();
                for (Object[] row : rows) {
                    hash = AccessLogSealer.link(hash, (long) row[0], (byte[]) row[1]);
                }
                jdbc.sql("update audit.access_log_seal set log_ids = ?, chain_hash = ? where position = ?")
                        .params(rows.stream().map(r -> (Long) r[0]).toArray(Long[]::new), hash, p).update();
                Instant at = jdbc.sql("select signed_at from audit.checkpoint where position = ?").param(p)
                        .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(null);
                if (at != null) {
                    Checkpoint resigned = Checkpoint.of(p, hash, at, new byte[0]);
                    jdbc.sql("update audit.checkpoint set chain_hash = ?, signature = ? where position = ?")
                            .params(hash, keys.sign(resigned.signedBytes()), p).update();
                }
            }
        });
    }

    @Test
    @Order(6)
    void aRowCommittedAfterHigherIdsWereSealedIsChainedToo() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread slow = writeAndHoldOpen("slow-writer", "001000000001", "Ghi chậm", release);
        transactions.executeWithoutResult(status -> accessLog.record(new AccessLog.Entry(AccessLog.ActorType.SYSTEM, "fast-writer",
                "001000000002", List.of("fullName"), "Ghi nhanh", AccessLog.Channel.BATCH, null)));
        sealer.sealNow();
        release.countDown();
        slow.join();
        sealer.sealNow();
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log a join audit.access_log_seal s on a.id = any(s.log_ids)
                        where a.actor in ('slow-writer', 'fast-writer')""").query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void aLateRowBelowTheHeadIsSealedByALaterLinkExactlyOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread slow = writeAndHoldOpen("late-writer", "001000000003", "Ghi muộn", release);
        long headBefore;
        try {
            transactions.executeWithoutResult(status -> accessLog.recordAll(java.util.stream.IntStream.range(0, 3)
                    .mapToObj(i -> new AccessLog.Entry(AccessLog.ActorType.SYSTEM, "early-writer", "001000000004", List.of("fullName"),
                            "Ghi sớm", AccessLog.Channel.BATCH, null)).toList()));
            sealer.sealNow();
            headBefore = jdbc.sql("select max(last_id) from audit.access_log_seal").query(Long.class).single();
        } finally {
            release.countDown(); // an open transaction would hold the access log's lock for the tests after this one
            slow.join();
        }
        long late = jdbc.sql("select id from audit.access_log where actor = 'late-writer'").query(Long.class).single();
        assertThat(late).as("the late row lies below the head sealed before it committed").isLessThan(headBefore);
        for (int round = 0; round < 3; round++) {
            sealer.sealNow(); // every call runs the straggler round: the row must not be chained again
        }
        assertThat(jdbc.sql("select s.position from audit.access_log_seal s where ? = any(s.log_ids)").param(late)
                        .query(Long.class).list()).as("the late row's links")
                .singleElement().satisfies(position -> assertThat(position).isGreaterThan(
                        jdbc.sql("select min(s.position) from audit.access_log_seal s join audit.access_log a on a.id = any(s.log_ids)"
                                + " where a.actor = 'early-writer'").query(Long.class).single()));
        assertThat(jdbc.sql("""
                        select count(*) from audit.access_log a join audit.access_log_seal s on a.id = any(s.log_ids)
                        where a.actor in ('late-writer', 'early-writer')""").query(Integer.class).single())
                .as("each of the four rows in exactly one link").isEqualTo(4);
    }

    /**
     * A thread that writes one access-log row and keeps its transaction open until {@code release}; returns once
     * the row is written (uncommitted), so that rows committed meanwhile get higher ids than it.
     */
    private Thread writeAndHoldOpen(String actor, String subject, String purpose, java.util.concurrent.CountDownLatch release)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        Thread slow = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
            accessLog.record(new AccessLog.Entry(AccessLog.ActorType.SYSTEM, actor, subject, List.of("fullName"), purpose,
                    AccessLog.Channel.BATCH, null));
            written.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        written.await();
        return slow;
    }

    @Test
    @Order(7)
    void aTornLastLineOfAWitnessIsLeftOutAndADamagedOneIsRefused() throws Exception {
        Path copy = outsideWitness.resolve("torn.jsonl");
        List<String> lines = Files.readAllLines(journal.file()).stream().filter(l -> !l.isBlank()).toList();
        Files.writeString(copy, String.join("\n", lines) + "\n{\"position\": 99, \"chainH");
        assertThat(Witnesses.load(copy.toString())).hasSize(lines.size());
        Files.writeString(copy, "{\"position\": 99, \"chainH\n" + String.join("\n", lines) + "\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Witnesses.load(copy.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 1");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Witnesses.load(outsideWitness.resolve("missing").toString()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
