package vn.dancu.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The soak passes only with no error, the access log intact, and as many rows per actor as reads counted. */
class SoakReportTest {

    private static final List<SoakReport.Flow> CLEAN = List.of(
            new SoakReport.Flow("verify", "300/s", 18_000, 18_060, 3.2, 41.5, 0),
            new SoakReport.Flow("linked birth", "1/s", 60, 240, 180.0, 900.0, 0));
    private static final List<SoakReport.Usage> USAGE = List.of(new SoakReport.Usage("node 1", 30, 812, "RSS"),
            new SoakReport.Usage("PostgreSQL (all processes)", 12, 300, "sum of Pss"));

    private static SoakReport report(List<SoakReport.Flow> flows, Map<String, Long> expected, Map<String, Long> found, int audit) {
        return new SoakReport("./dancu bench soak --minutes 1", "2 cores", 60, "no warm-up", flows, expected, found, USAGE, audit,
                "Access log: 100 rows ... Intact: no row edited, inserted or deleted.");
    }

    @Test
    void equalRowsNoErrorAndAnIntactLogPass() {
        SoakReport report = report(CLEAN, Map.of("demo-ministry", 16_200L, "tuphap.hanoi", 120L), Map.of("tuphap.hanoi", 120L,
                "demo-ministry", 16_200L), 0);
        assertThat(report.passed()).isTrue();
        assertThat(report.mismatches()).isEmpty();
        String md = report.markdown();
        System.out.println(md);
        assertThat(md).contains("**PASSED**: 0 errors", "| verify | 300/s | 18,000 | 18,060 | 3.2 | 41.5 | 0 |",
                "| demo-ministry | 16,200 | 16,200 |", "| node 1 | 30.0 | 50% | 812 (RSS) |", "300 (sum of Pss)", "Intact");
    }

    @Test
    void aRowMoreOrLessForAnActorFails() {
        SoakReport report = report(CLEAN, Map.of("demo-ministry", 16_200L), Map.of("demo-ministry", 16_199L), 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).containsExactly("demo-ministry: 16200 reads counted, 16199 rows");
        assertThat(report.markdown()).contains("**FAILED**", "differ from");
    }

    @Test
    void anActorTheDriverNeverCountedFails() {
        SoakReport report = report(CLEAN, Map.of("demo-ministry", 10L), Map.of("demo-ministry", 10L, "system.sealer", 1L), 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.mismatches()).containsExactly("system.sealer: 0 reads counted, 1 rows");
    }

    @Test
    void anErrorInAnyFlowFails() {
        List<SoakReport.Flow> flows = List.of(CLEAN.getFirst(), new SoakReport.Flow("linked birth", "1/s", 60, 239, 180, 900, 1));
        SoakReport report = report(flows, Map.of("a", 1L), Map.of("a", 1L), 0);
        assertThat(report.passed()).isFalse();
        assertThat(report.errors()).isEqualTo(1);
    }

    @Test
    void anAuditLogThatDoesNotVerifyFails() {
        SoakReport report = report(CLEAN, Map.of("a", 1L), Map.of("a", 1L), 1);
        assertThat(report.passed()).isFalse();
        assertThat(report.markdown()).contains("`audit verify` exit 1");
    }

    @Test
    void percentilesComeFromTheSortedLatencies() {
        long[] nanos = new long[100];
        for (int i = 0; i < 100; i++) {
            nanos[i] = (i + 1) * 1_000_000L;
        }
        assertThat(SoakBenchmark.Flow.percentile(nanos, 0.50)).isEqualTo(50.0);
        assertThat(SoakBenchmark.Flow.percentile(nanos, 0.99)).isEqualTo(99.0);
        assertThat(SoakBenchmark.Flow.percentile(new long[0], 0.99)).isZero();
    }
}
