package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import vn.dancu.IntegrationTest;
import vn.dancu.platform.DatabaseProtections;

/**
 * The access log by month: partitions made ahead of time, out of the runtime role's reach, and months past the
 * retention archived to files that {@code audit verify} still checks, tampering with them included. Two months of
 * 2024 are made for it (older than any other partition), filled with rows the platform signs, sealed and archived.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AccessLogArchiveTest extends IntegrationTest {

    @Autowired
    AccessLogArchives archives;
    @Autowired
    AccessLogSealer sealer;
    @Autowired
    AccessLogVerifier verifier;
    @Autowired
    AuditKeys keys;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    AccessHistory history;

    static final LocalDate JANUARY = LocalDate.of(2024, 1, 1);
    static final LocalDate FEBRUARY = LocalDate.of(2024, 2, 1);

    @Test
    @Order(1)
    void theMonthsAheadArePartitionedBeforeAnyoneReads() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        archives.ensureMonthsAhead(today);
        Timestamp ahead = Timestamp.from(today.withDayOfMonth(1).plusMonths(AccessLogArchives.MONTHS_AHEAD).atStartOfDay(ZoneOffset.UTC).toInstant());
        for (String table : List.of("audit.access_log", "audit.access_log_seal", "exchange.usage")) {
            assertThat(jdbc.sql("select count(*) from audit.partitions(?::regclass) where lower = ?").params(table, ahead)
                    .query(Integer.class).single()).as(table).isEqualTo(1);
        }
        // made by dancu_audit's function: the runtime role owns none of them
        assertThat(jdbc.sql("""
                        select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        where i.inhparent in ('audit.access_log'::regclass, 'audit.access_log_seal'::regclass)
                          and pg_has_role(c.relowner, 'MEMBER')""").query(Integer.class).single()).isZero();
    }

    @Test
    @Order(2)
    void theRuntimeRoleCannotTruncateDetachDropOrDeleteAPartition() {
        String month = partitionOf(LocalDate.now(ZoneOffset.UTC));
        for (String sql : List.of("truncate " + month, "truncate audit.access_log", "delete from " + month,
                "update " + month + " set purpose = 'x'", "alter table audit.access_log detach partition " + month,
                "drop table " + month, "alter table " + month + " disable trigger all", "alter table " + month + " owner to current_user",
                "create table audit.access_log_2099_01 partition of audit.access_log for values from ('2099-01-01') to ('2099-02-01')")) {
            assertThatThrownBy(() -> jdbc.sql(sql).update()).as(sql).rootCause().satisfies(e -> assertThat(e.getMessage())
                    .containsAnyOf("permission denied", "must be owner"));
        }
        assertThat(DatabaseProtections.check(jdbc).appendOnlyByPrivilege()).isTrue();
    }

    @Test
    @Order(3)
    void archivedMonthsAreDroppedAndStillVerify() {
        jdbc.sql("select audit.ensure_month(?)::text").param(JANUARY).query(String.class).single();
        jdbc.sql("select audit.ensure_month(?)::text").param(FEBRUARY).query(String.class).single();
        List<Long> ids = List.of(oldRow(JANUARY.plusDays(9), "Tra cứu cũ 1"), oldRow(JANUARY.plusDays(20), "Tra cứu cũ 2"),
                oldRow(FEBRUARY.plusDays(3), "Tra cứu cũ 3"));
        sealer.sealNow();
        sealer.checkpointNow();

        AccessLogArchives.Archived january = archives.archive(JANUARY);
        AccessLogArchives.Archived february = archives.archive(FEBRUARY);

        assertThat(january.rows()).isEqualTo(2);
        assertThat(february.rows()).isEqualTo(1);
        assertThat(Files.exists(archives.directory().resolve("access_log-2024-01.jsonl.gz"))).isTrue();
        assertThat(jdbc.sql("select count(*) from audit.access_log where id = any(?)").param(ids.toArray(Long[]::new))
                .query(Integer.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from audit.archive where manifest like 'access_log-2024-%'").query(Integer.class).single())
                .isEqualTo(2);
        // the person's page lists the live months and says from when on reads are archived
        AccessHistory.Page page = history.ofSubject("001075503799", LocalDate.now(), 0, 100);
        assertThat(page.archivedBefore()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(page.items()).noneMatch(i -> i.purpose() != null && i.purpose().startsWith("Tra cứu cũ"));
        AccessLogVerifier.Report report = verifier.verify();
        assertThat(report.archivedMonths()).isEqualTo(2);
        assertThat(report.archivedRows()).isEqualTo(3);
        assertThat(archiveFindings(report)).isEmpty();
        assertThat(report.findings()).noneMatch(f -> f.logId() != null && ids.contains(f.logId()));
    }

    @Test
    @Order(4)
    void aByteChangedInAnArchiveIsFound() throws IOException {
        Path rows = archives.directory().resolve("access_log-2024-01.jsonl.gz");
        tampered(rows, bytes -> {
            bytes[bytes.length / 2] ^= 0x01;
            return bytes;
        }, report -> assertThat(kinds(report)).contains("ARCHIVE_ALTERED"));
    }

    @Test
    @Order(5)
    void aRowDroppedFromAnArchiveIsNamed() throws IOException {
        Path rows = archives.directory().resolve("access_log-2024-01.jsonl.gz");
        String first = gunzip(Files.readAllBytes(rows)).lines().findFirst().orElseThrow();
        long dropped = AccessLogArchives.JSON.readTree(first).path("id").asLong();
        tampered(rows, bytes -> gzip(gunzip(bytes).substring(first.length() + 1)), report -> {
            assertThat(kinds(report)).contains("ARCHIVE_ALTERED");
            assertThat(report.findings()).anyMatch(f -> f.kind().equals("ROW_DELETED") && f.logId() == dropped);
        });
    }

    @Test
    @Order(6)
    void anArchiveSwappedForAnotherMonthsOrMissingIsFound() throws IOException {
        Path january = archives.directory().resolve("access_log-2024-01.jsonl.gz");
        byte[] februaryRows = Files.readAllBytes(archives.directory().resolve("access_log-2024-02.jsonl.gz"));
        tampered(january, bytes -> februaryRows, report -> assertThat(report.findings())
                .anyMatch(f -> f.kind().equals("ARCHIVE_SWAPPED") && f.detail().contains("access_log-2024-02.jsonl.gz")));
        Path manifest = archives.directory().resolve("access_log-2024-02.manifest.json");
        byte[] kept = Files.readAllBytes(manifest);
        Files.delete(manifest);
        try {
            assertThat(kinds(verifier.verify())).contains("ARCHIVE_MISSING");
        } finally {
            Files.write(manifest, kept);
        }
        assertThat(archiveFindings(verifier.verify())).isEmpty();
    }

    @Test
    @Order(7)
    void theDatabaseRefusesToDropAMonthWithoutItsArchiveOrWithinTheRetention() {
        jdbc.sql("select audit.ensure_month(?)::text").param(LocalDate.of(2024, 3, 1)).query(String.class).single();
        assertThatThrownBy(() -> jdbc.sql("select audit.archive_month(?, ?)::text")
                .params(LocalDate.of(2024, 3, 1), new byte[32]).query(String.class).single())
                .rootCause().hasMessageContaining("holds no archive");
        // a longer retention, set by an administrator and kept on record, puts the month back within it
        archives.setRetention("audit.access_log", 60, "admin");
        assertThat(archives.retentions()).anyMatch(r -> r.table().equals("audit.access_log") && r.months() == 60 && r.setBy().equals("admin"));
        assertThatThrownBy(() -> jdbc.sql("select audit.archive_month(?, ?)::text")
                .params(LocalDate.of(2024, 3, 1), new byte[32]).query(String.class).single())
                .rootCause().hasMessageContaining("within the retention of 60 months");
        LocalDate thisMonth = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        assertThatThrownBy(() -> jdbc.sql("select audit.archive_month(?, ?)::text").params(thisMonth, new byte[32])
                .query(String.class).single()).rootCause().hasMessageContaining("within the retention");
        assertThatThrownBy(() -> archives.archive(thisMonth)).rootCause().hasMessageContaining("within the retention");
        assertThat(partitionOf(thisMonth)).isNotNull();
        assertThat(partitionOf(LocalDate.of(2024, 3, 1))).isNotNull();
    }

    private long oldRow(LocalDate day, String purpose) {
        Instant at = day.atTime(10, 0).toInstant(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        long nonce = java.util.concurrent.ThreadLocalRandom.current().nextLong();
        byte[] mac = keys.mac(AccessLog.content(nonce, at, "STAFF", "officer.hanoi", "001075503799", List.of("fullName"), purpose, "API",
                null, null, null));
        jdbc.sql("""
                        insert into audit.access_log (accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, nonce, mac)
                        values (?, 'STAFF', 'officer.hanoi', '001075503799', '{fullName}', ?, 'API', ?, ?)""")
                .params(Timestamp.from(at), purpose, nonce, mac).update();
        return jdbc.sql("select id from audit.access_log where nonce = ?").param(nonce).query(Long.class).single();
    }

    private String partitionOf(LocalDate day) {
        return jdbc.sql("select part::text from audit.partitions('audit.access_log') where (lower is null or lower <= ?) and ? < upper")
                .params(Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()), Timestamp.from(day.atStartOfDay(ZoneOffset.UTC).toInstant()))
                .query(String.class).optional().orElse(null);
    }

    private interface Change {
        byte[] apply(byte[] bytes) throws IOException;
    }

    private interface Check {
        void on(AccessLogVerifier.Report report);
    }

    /** Changes a file, verifies, and puts the file back whatever happened: later tests find the archive as written. */
    private void tampered(Path file, Change change, Check check) throws IOException {
        byte[] kept = Files.readAllBytes(file);
        try {
            Files.write(file, change.apply(kept.clone()));
            check.on(verifier.verify());
        } finally {
            Files.write(file, kept);
        }
        assertThat(archiveFindings(verifier.verify())).isEmpty();
    }

    private static List<String> kinds(AccessLogVerifier.Report report) {
        return report.findings().stream().map(AccessLogVerifier.Finding::kind).toList();
    }

    private static List<AccessLogVerifier.Finding> archiveFindings(AccessLogVerifier.Report report) {
        return report.findings().stream().filter(f -> f.kind().startsWith("ARCHIVE")).toList();
    }

    private static String gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
