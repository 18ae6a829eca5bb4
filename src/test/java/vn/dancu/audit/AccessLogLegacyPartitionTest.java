package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A platform whose access log was written, sealed and signed before the log was partitioned (the migrations before V30),
 * started on the version that partitions it (V30): the old table becomes the legacy partition without a row moved, and the
 * verifier still finds every old row as the platform wrote it and the chain as it was signed.
 */
class AccessLogLegacyPartitionTest {

    @Test
    void theRowsOfTheUnpartitionedLogStayInTheLegacyPartitionAndStillVerify() throws Exception {
        Path dir = Files.createTempDirectory("dancu-legacy-");
        List<Object> before;
        try (ConfigurableApplicationContext old = platform(dir, "--spring.flyway.target=" + lastVersionBeforePartitions())) {
            JdbcClient jdbc = old.getBean(JdbcClient.class);
            AccessLog log = old.getBean(AccessLog.class);
            old.getBean(TransactionTemplate.class).executeWithoutResult(status -> {
                for (int i = 0; i < 5; i++) {
                    log.record(new AccessLog.Entry(AccessLog.ActorType.STAFF, "officer.hanoi", "00107550379" + i, List.of("fullName"),
                            "Tra cứu trước khi chia tháng " + i, AccessLog.Channel.API, null));
                }
            });
            old.getBean(AccessLogSealer.class).sealNow();
            old.getBean(AccessLogSealer.class).checkpointNow();
            assertThat(jdbc.sql("select relkind::text from pg_class where oid = 'audit.access_log'::regclass").query(String.class).single())
                    .isEqualTo("r");
            before = rows(jdbc);
        }
        try (ConfigurableApplicationContext partitioned = platform(dir)) {
            JdbcClient jdbc = partitioned.getBean(JdbcClient.class);
            assertThat(jdbc.sql("select distinct tableoid::regclass::text from audit.access_log").query(String.class).list())
                    .containsExactly("audit.access_log_legacy");
            assertThat(jdbc.sql("select count(*) from audit.partitions('audit.access_log') where part::text = 'audit.access_log_legacy' and lower is null")
                    .query(Integer.class).single()).isEqualTo(1);
            assertThat(rows(jdbc)).isEqualTo(before);
            AccessLogVerifier.Report report = partitioned.getBean(AccessLogVerifier.class).verify();
            assertThat(report.findings()).isEmpty();
            assertThat(report.rowsChecked()).isEqualTo(5);
            assertThat(report.checkpointsChecked()).isPositive();
        }
    }

    /** The newest migration before V30, whatever other versions below it exist. */
    private static String lastVersionBeforePartitions() throws Exception {
        try (var files = Files.list(Path.of(AccessLogLegacyPartitionTest.class.getResource("/db/migration").toURI()))) {
            return String.valueOf(files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).filter(v -> v < 30).max().orElseThrow());
        }
    }

    private static List<Object> rows(JdbcClient jdbc) {
        return new ArrayList<>(jdbc.sql("select id, accessed_at, subject_personal_id, purpose, nonce, encode(mac, 'hex') from audit.access_log order by id")
                .query((rs, n) -> List.of(rs.getLong(1), rs.getTimestamp(2), rs.getString(3), rs.getString(4), rs.getLong(5), rs.getString(6)))
                .list());
    }

    private static ConfigurableApplicationContext platform(Path dir, String... more) {
        List<String> args = new ArrayList<>(List.of("--dancu.data-dir=" + dir, "--dancu.demo=false", "--dancu.db.url=",
                "--dancu.audit.partitions-first=PT24H"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(vn.dancu.DancuApplication.class).web(WebApplicationType.NONE).run(args.toArray(String[]::new));
    }
}
