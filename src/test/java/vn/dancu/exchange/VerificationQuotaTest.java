package vn.dancu.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.Api;
import vn.dancu.IntegrationTest;
import vn.dancu.eid.RelyingParties;
import vn.dancu.registry.PersonFinder;

/**
 * The daily quota of {@code /verify}, counted per batch in the batch's transaction
 * ({@link Metering#take}, {@code exchange.take_quota}): exact under concurrent checks, nothing read or
 * logged for a refused check, and given back by a batch that fails.
 */
class VerificationQuotaTest extends IntegrationTest {

    private static final String AN = "001075503799";
    private static final String CHECK = """
            {"personalId":"001075503799","fullName":"Nguyễn Văn An","dateOfBirth":"1975-03-14","purpose":"ADMINISTRATIVE_PROCEDURE"}""";

    @Autowired
    Members members;
    @Autowired
    Metering metering;
    @Autowired
    Policies policies;
    @Autowired
    PersonFinder finder;
    @Autowired
    PlatformTransactionManager transactionManager;
    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();

    private Members.Caller agency(String code, int quota) {
        Members.MemberView view = members.create(new Members.MemberForm(code, "Cơ quan " + code, "AGENCY", "MINISTRY", "ACTIVE", List.of()));
        Members.Policy policy = members.newPolicy(code, new Members.PolicyForm(List.of("verification"), List.of("ADMINISTRATIVE_PROCEDURE"),
                "Thử nghiệm hạn mức", false, quota, "CASE_AND_SPACING"));
        return new Members.Caller(view.member(), policy, null);
    }

    private String token(String code) throws Exception {
        RelyingParties.ClientView client = members.addClient(code, new Members.ClientForm(code, null, null));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client.clientId() + ":" + client.secret())
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=exchange")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Api.JSON.readTree(response.body()).path("access_token").asString();
    }

    private List<HttpResponse<String>> concurrentChecks(String token, int count) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/exchange/verify"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(CHECK)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private long count(String sql, Object param) {
        return jdbc.sql(sql).param(param).query(Long.class).single();
    }

    @Test
    void aQuotaOfNAgainst3NConcurrentChecksAnswersExactlyNAndLogsAndMetersOnlyThose() throws Exception {
        int quota = 7;
        Members.Caller caller = agency("quota-concurrent", quota);
        List<HttpResponse<String>> answers = concurrentChecks(token("quota-concurrent"), 3 * quota);

        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).as("answered").hasSize(quota)
                .allSatisfy(a -> assertThat(a.body()).contains("\"found\":true"));
        assertThat(answers.stream().filter(a -> a.statusCode() != 200)).as("refused").hasSize(2 * quota)
                .allSatisfy(a -> {
                    assertThat(a.statusCode()).as(a.body()).isEqualTo(429);
                    assertThat(a.body()).contains("QUOTA_EXCEEDED");
                    assertThat(a.headers().firstValue("Retry-After")).isPresent();
                });
        long member = caller.member().id();
        assertThat(count("select count(*) from exchange.usage where member_id = ?", member)).as("usage rows").isEqualTo(quota);
        assertThat(count("select count(*) from audit.access_log where actor = ?", "quota-concurrent")).as("access-log rows").isEqualTo(quota);
        assertThat(count("select sum(calls) from exchange.quota_day where member_id = ?", member)).as("counted").isEqualTo(quota);
    }

    @Test
    void aBatchThatFailsGivesItsQuotaBackAndLeavesNoRecord() throws Exception {
        Members.Caller caller = agency("quota-failing", 2);
        // The batch reads, logs and meters, then its commit fails: the count goes back with the rest.
        PlatformTransactionManager failingCommit = new PlatformTransactionManager() {
            @Override
            public TransactionStatus getTransaction(TransactionDefinition definition) {
                return transactionManager.getTransaction(definition);
            }

            @Override
            public void commit(TransactionStatus status) {
                transactionManager.rollback(status);
                throw new TransactionSystemException("the test refuses the commit");
            }

            @Override
            public void rollback(TransactionStatus status) {
                transactionManager.rollback(status);
            }
        };
        VerificationBatcher failing = new VerificationBatcher(finder, metering, failingCommit, 1,
                new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        failing.start();
        Verification.Checked check = Verification.check(new Verification.Request(AN, null, "Nguyễn Văn An", "1975-03-14", null, null,
                null, "ADMINISTRATIVE_PROCEDURE", null, null), caller.policy(), policies.purposeCodes());
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> failing.verify(caller, check)).isInstanceOf(TransactionSystemException.class);
            }
        } finally {
            failing.stop();
        }
        long member = caller.member().id();
        assertThat(count("select coalesce(sum(calls), 0) from exchange.quota_day where member_id = ?", member)).isZero();
        assertThat(count("select count(*) from exchange.usage where member_id = ?", member)).isZero();
        assertThat(count("select count(*) from audit.access_log where actor = ?", "quota-failing")).isZero();

        List<HttpResponse<String>> answers = concurrentChecks(token("quota-failing"), 4);
        assertThat(answers.stream().filter(a -> a.statusCode() == 200)).as("the whole quota is still there").hasSize(2);
        assertThat(answers.stream().filter(a -> a.statusCode() == 429)).hasSize(2);
    }

    @Test
    void oneTakeGrantsEachMemberItsRemainderInQueueOrderAndNothingOnceUsedUp() {
        Members.Caller small = agency("quota-take-small", 2);
        Members.Caller large = agency("quota-take-large", 10);
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        Map<Long, Integer> first = transactions.execute(s -> metering.take(List.of(large, small, small, small, large)));
        assertThat(first).containsEntry(small.member().id(), 2).containsEntry(large.member().id(), 2);
        Map<Long, Integer> second = transactions.execute(s -> metering.take(List.of(small, large)));
        assertThat(second).containsEntry(small.member().id(), 0).containsEntry(large.member().id(), 1);
        assertThat(count("select calls from exchange.quota_day where member_id = ?", small.member().id())).isEqualTo(2);
        assertThat(count("select calls from exchange.quota_day where member_id = ?", large.member().id())).isEqualTo(3);
    }
}
