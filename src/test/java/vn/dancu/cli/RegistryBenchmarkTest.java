package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;

/**
 * The lookup's plain-JDBC baseline does the platform's work: the same persons logged, each row with a nonce and a MAC. Its
 * rows go to a copy of the access log's table here: in the real one, their foreign MACs would spoil the shared test log.
 */
class RegistryBenchmarkTest extends IntegrationTest {

    private static final String AN = "001075503799";

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theSameWorkBaselineLogsThePersonsALookupLogs() throws Exception {
        assertThat(api("officer.central").get("/api/v1/registry/persons/" + AN).status()).isEqualTo(200);
        List<String> platform = jdbc.sql("""
                        select subject_personal_id from audit.access_log
                        where actor = 'officer.central' and accessed_at = (select max(accessed_at) from audit.access_log
                                                                            where actor = 'officer.central' and subject_personal_id = ?)
                        order by subject_personal_id""").param(AN).query(String.class).list();
        assertThat(platform).as("An's lookup names her relatives too").contains(AN).hasSizeGreaterThan(1);

        jdbc.sql("create table if not exists public.bench_access_log (like audit.access_log including defaults)").update();
        RegistryBenchmark.sameWorkOverJdbc(dataSource, List.of(AN), "bench.same-work", "public.bench_access_log");
        assertThat(jdbc.sql("select subject_personal_id from public.bench_access_log where actor = 'bench.same-work' order by 1")
                .query(String.class).list()).isEqualTo(platform);
        assertThat(jdbc.sql("select count(*) from public.bench_access_log where actor = 'bench.same-work' and nonce is not null"
                + " and length(mac) = 32").query(Integer.class).single()).isEqualTo(platform.size());
        jdbc.sql("drop table public.bench_access_log").update();
    }

    @Test
    void theSameWorkBaselineFailsForAPersonNoOneHas() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RegistryBenchmark.sameWorkOverJdbc(dataSource,
                List.of("001099999990"), "bench.same-work", "public.bench_access_log")).isInstanceOf(IllegalStateException.class).hasMessageContaining("no person");
    }
}
