package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;

/**
 * The access log's tamper evidence against someone with direct write access to PostgreSQL (who
 * can switch the append-only triggers off) but without the master key. One test, in order: the
 * other tests of the shared database never tamper, and after this one the log is not intact.
 */
class AccessLogChainTest extends IntegrationTest {

    @Autowired
    AccessLogSealer sealer;
    @Autowired
    AccessLogVerifier verifier;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TransactionTemplate transactions;

    private String someone() {
        return api("officer.central").get("/api/v1/registry/persons?name=nguyen&size=5").body().path("items").get(0)
                .path("personalId").asString();
    }

    private void asIntruder(String sql, Object... params) {
        transactions.executeWithoutResult(status -> {
            jdbc.sql("set local session_replication_role = replica").update();
            jdbc.sql(sql).params(params).update();
        });
    }

    private long readAndSeal(String personalId, String purpose) {
        assertThat(api("officer.central").purpose(purpose).get("/api/v1/registry/persons/" + personalId).status()).isEqualTo(200);
        sealer.sealNow();
        return jdbc.sql("select max(id) from audit.access_log where subject_personal_id = ? and purpose = ?")
                .params(personalId, purpose).query(Long.class).single();
    }

    @Test
    void editedInsertedAndDeletedRowsAreFoundAndNamed() {
        String person = someone();
        long edited = readAndSeal(person, "Kiểm tra chuỗi 1");
        long deleted = readAndSeal(person, "Kiểm tra chuỗi 2");
        readAndSeal(person, "Kiểm tra chuỗi 3");
        // A large batch goes in by COPY: its rows must verify like the others, awkward characters included.
        List<AccessLog.Entry> many = java.util.stream.IntStream.range(0, AccessLog.COPY_FROM + 50).mapToObj(i -> new AccessLog.Entry(
                AccessLog.ActorType.MEMBER, "thành-viên \"x\", y", person, List.of("fullName", "a,b", "q\"uote", "back\\slash", "{}"),
                "Đối soát, lần " + i + " \\ \"trích\"", AccessLog.Channel.BATCH, "HS,\"1\"", null)).toList();
        transactions.executeWithoutResult(status -> accessLog.recordAll(many));
        assertThat(jdbc.sql("select fields from audit.access_log where actor = ? order by id desc limit 1").param(many.getFirst().actor())
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single()).isEqualTo(many.getFirst().fields());
        sealer.sealNow();
        sealer.checkpointNow();
        AccessLogVerifier.Report clean = verifier.verify();
        assertThat(clean.findings()).as("a log nobody touched").isEmpty();
        assertThat(clean.checkpointsChecked()).isPositive();
        Api.Response overApi = api("auditor").post("/api/v1/audit/verifications", "");
        assertThat(overApi.status()).isEqualTo(200);
        assertThat(overApi.body().path("findings").isEmpty()).isTrue();
        assertThat(api("officer.hanoi").post("/api/v1/audit/verifications", "").status()).isEqualTo(403);

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
                .contains(org.assertj.core.groups.Tuple.tuple("ROW_ALTERED", edited),
                        org.assertj.core.groups.Tuple.tuple("ROW_DELETED", deleted),
                        org.assertj.core.groups.Tuple.tuple("ROW_ALTERED", forged));

        // Rewriting the seals to hide the deletion breaks the signed checkpoint instead.
        asIntruder("delete from audit.access_log_seal where ? = any(log_ids)", deleted);
        List<String> kinds = verifier.verify().findings().stream().map(AccessLogVerifier.Finding::kind).toList();
        assertThat(kinds).contains("SEALS_MISSING", "CHAIN_BROKEN");
    }

    @Autowired
    AccessLog accessLog;

    @Test
    void aRowCommittedAfterHigherIdsWereSealedIsChainedToo() throws Exception {
        java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        Thread slow = Thread.ofPlatform().start(() -> transactions.executeWithoutResult(status -> {
            accessLog.record(new AccessLog.Entry(AccessLog.ActorType.SYSTEM, "slow-writer", "001000000001", List.of("fullName"),
                    "Ghi chậm", AccessLog.Channel.BATCH, null));
            written.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        written.await();
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
}
