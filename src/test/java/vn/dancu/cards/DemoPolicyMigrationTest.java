package vn.dancu.cards;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dancu.IntegrationTest;

/**
 * V24 on a demo database made before it: the demo ministry's policy in force without the product
 * {@code card-check} gains it as a new version; run again it changes nothing. Rolled back afterwards.
 */
class DemoPolicyMigrationTest extends IntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PlatformTransactionManager transactions;

    /** The statements of V24 that change policies (the product row exists already). */
    static List<String> policyStatements() throws IOException {
        String script = new ClassPathResource("db/migration/V24__card_checks.sql").getContentAsString(StandardCharsets.UTF_8);
        String code = Arrays.stream(script.split("\n")).filter(l -> !l.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
        return Arrays.stream(code.split(";")).map(String::strip).filter(s -> s.contains("exchange.policy")).toList();
    }

    @Test
    void anOldDemoPolicyGainsTheCardCheckAsANewVersionOnce() throws IOException {
        List<String> statements = policyStatements();
        assertThat(statements).hasSize(2);
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.executeWithoutResult(status -> {
            jdbc.sql("""
                    update exchange.policy set products = array_remove(products, 'card-check')
                    where valid_to is null and member_id = (select id from exchange.member where code = 'demo-ministry')""").update();
            int before = inForceVersion();
            statements.forEach(s -> jdbc.sql(s).update());
            assertThat(inForceVersion()).isEqualTo(before + 1);
            assertThat(jdbc.sql("""
                    select count(*) from exchange.policy p join exchange.member m on m.id = p.member_id
                    where m.code = 'demo-ministry' and p.valid_to is null and 'card-check' = any (p.products)
                      and created_by = 'system.migration'""").query(Long.class).single()).isEqualTo(1);
            statements.forEach(s -> jdbc.sql(s).update());
            assertThat(inForceVersion()).as("a policy that has the product is left alone").isEqualTo(before + 1);
            status.setRollbackOnly();
        });
    }

    private int inForceVersion() {
        return jdbc.sql("""
                select p.version from exchange.policy p join exchange.member m on m.id = p.member_id
                where m.code = 'demo-ministry' and p.valid_to is null""").query(Integer.class).single();
    }
}
