package vn.dancu.audit;

import java.io.BufferedWriter;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dancu.platform.Leadership;

/**
 * The access log's months (UTC): partitions made ahead of time, and months older than the retention in force
 * ({@code audit.retention}) written to files under {@code <data-dir>/archive} and then dropped. A month's archive is
 * its rows ({@code access_log-2026-11.jsonl.gz}, id order), the seals made that month
 * ({@code access_log_seal-2026-11.jsonl.gz}, chain order) and a manifest ({@code access_log-2026-11.manifest.json}:
 * counts, ids, positions, the chain's hash before and after, the files' SHA-256 and the signed checkpoint that
 * covers it). The manifest's SHA-256 goes to the append-only {@code audit.archive}; only then does
 * {@code audit.archive_month}, run as dancu_audit, drop the partitions, and it refuses without that row.
 * {@link AccessLogVerifier} checks archived months as it checks live ones.
 */
@Component
public class AccessLogArchives {

    private static final Logger log = LoggerFactory.getLogger(AccessLogArchives.class);
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** Months made ahead of the current one, so that a job that stops for a while never leaves reads without a month. */
    static final int MONTHS_AHEAD = 2;

    /** One archived period: {@code period} is {@code 2026-11}, or {@code legacy} for the rows from before partitioning. */
    public record Archived(String period, long rows, long seals, Path manifest, String sha256) {
    }

    record Partition(String name, Instant lower, Instant upper) {
        String period() {
            return lower == null ? "legacy" : YearMonth.from(lower.atOffset(ZoneOffset.UTC)).toString();
        }
    }

    private final JdbcTemplate jdbc;
    private final Leadership leadership;
    private final Path dir;
    private final Clock clock = Clock.systemUTC();

    AccessLogArchives(JdbcTemplate jdbc, Leadership leadership, @Value("${dancu.audit.archive-dir:}") String archiveDir,
                      @Value("${dancu.data-dir}") String dataDir) {
        this.jdbc = jdbc;
        this.leadership = leadership;
        this.dir = archiveDir.isBlank() ? Path.of(dataDir).toAbsolutePath().resolve("archive") : Path.of(archiveDir).toAbsolutePath();
    }

    public Path directory() {
        return dir;
    }

    /** Hourly, on one node: the months ahead, then every month due for archiving, one round each. */
    @Scheduled(fixedDelayString = "${dancu.audit.partitions-every:PT1H}", initialDelayString = "${dancu.audit.partitions-first:PT30S}")
    void scheduled() {
        leadership.runAlone("audit.partitions", () -> ensureMonthsAhead(LocalDate.now(clock)));
        try {
            while (leadership.callAlone("audit.archive", this::archiveOldestIfDue) instanceof Archived archived) {
                log.info("Archived the access log of {}: {} rows, {} seals, {}", archived.period(), archived.rows(), archived.seals(),
                        archived.manifest());
            }
        } catch (RuntimeException e) {
            log.error("Archiving the access log failed; the month stays in the database: {}", e.getMessage());
        }
    }

    /** This month's and the next {@value #MONTHS_AHEAD} months' partitions of the access log, its seals and metering. */
    public void ensureMonthsAhead(LocalDate today) {
        for (int i = 0; i <= MONTHS_AHEAD; i++) {
            LocalDate month = today.withDayOfMonth(1).plusMonths(i);
            jdbc.queryForObject("select audit.ensure_month(?)::text", String.class, month);
            // metering belongs to exchange's schema and role; the same job keeps its months
            jdbc.queryForObject("select exchange.ensure_usage_month(?)::text", String.class, month);
        }
    }

    /** Archives the oldest month when the retention has passed for it; {@code false} (a non-null value for Leadership) when none is due. */
    private Object archiveOldestIfDue() {
        List<Partition> partitions = partitions("audit.access_log");
        if (partitions.isEmpty()) {
            return Boolean.FALSE;
        }
        Partition oldest = partitions.getFirst();
        int months = retention();
        boolean due = oldest.upper().atOffset(ZoneOffset.UTC).plusMonths(months).toInstant().isBefore(clock.instant());
        return due ? write(oldest) : Boolean.FALSE;
    }

    /** The retention in force for the access log, in months: the newest row of {@code audit.retention}. */
    public int retention() {
        return jdbc.queryForObject("select months from audit.retention where table_name = 'audit.access_log' order by set_at desc, id desc limit 1",
                Integer.class);
    }

    public record Retention(String table, int months, String setBy, Instant setAt) {
    }

    /** The retention in force per table, with who set it. */
    public List<Retention> retentions() {
        return jdbc.query("""
                select distinct on (table_name) table_name, months, set_by, set_at from audit.retention
                order by table_name, set_at desc, id desc""",
                (rs, n) -> new Retention(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getTimestamp(4).toInstant()));
    }

    /** Records a new retention (append-only: the old ones stay on record with who set them). */
    public void setRetention(String table, int months, String by) {
        jdbc.update("insert into audit.retention (table_name, months, set_by) values (?, ?, ?)", table, months, by);
    }

    /** Archives the month holding {@code month} (UTC), in one transaction: refused by the database unless it is due and the oldest. */
    public Archived archive(LocalDate month) {
        Instant at = month.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Archived archived = leadership.callAlone("audit.archive", () -> write(partitions("audit.access_log").stream()
                .filter(p -> (p.lower() == null || !p.lower().isAfter(at)) && at.isBefore(p.upper())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no partition of the access log holds " + YearMonth.from(month)))));
        if (archived == null) {
            throw new IllegalStateException("another node is archiving the access log now");
        }
        return archived;
    }

    List<Partition> partitions(String table) {
        return jdbc.query("select part::text, lower, upper from audit.partitions(?::regclass) order by upper",
                (rs, n) -> new Partition(rs.getString(1), rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()), table);
    }

    private Archived write(Partition part) {
        try {
            Files.createDirectories(dir);
            String period = part.period();
            Path rowsFile = dir.resolve("access_log-" + period + ".jsonl.gz");
            Path sealsFile = dir.resolve("access_log_seal-" + period + ".jsonl.gz");
            long[] rows = {0, Long.MAX_VALUE, Long.MIN_VALUE};
            String rowsSha = gzipLines(rowsFile, out -> jdbc.query("""
                    select id, nonce, accessed_at, actor_type, actor, subject_personal_id, fields, purpose, channel, case_ref,
                           purpose_code, hidden_until, mac from %s order by id""".formatted(part.name()), (RowCallbackHandler) rs -> {
                ArchivedRow row = ArchivedRow.of(rs, 1);
                rows[0]++;
                rows[1] = Math.min(rows[1], row.id());
                rows[2] = Math.max(rows[2], row.id());
                line(out, row.toJson(JSON));
            }));
            String sealPart = partitions("audit.access_log_seal").stream().filter(p -> p.upper().equals(part.upper()))
                    .map(Partition::name).findFirst().orElse(null);
            List<Long> positions = new ArrayList<>();
            String[] lastHash = {null};
            String sealsSha = gzipLines(sealsFile, out -> {
                if (sealPart != null) {
                    jdbc.query("select position, first_id, last_id, log_ids, chain_hash, sealed_at from %s order by position"
                            .formatted(sealPart), (RowCallbackHandler) rs -> {
                        positions.add(rs.getLong(1));
                        lastHash[0] = HexFormat.of().formatHex(rs.getBytes(5));
                        ObjectNode node = JSON.createObjectNode().put("position", rs.getLong(1)).put("firstId", rs.getLong(2))
                                .put("lastId", rs.getLong(3)).put("chainHash", lastHash[0])
                                .put("sealedAt", rs.getTimestamp(6).toInstant().toString());
                        for (Long id : (Long[]) rs.getArray(4).getArray()) {
                            node.withArray("logIds").add(id);
                        }
                        line(out, node);
                    });
                }
            });
            ObjectNode manifest = JSON.createObjectNode().put("table", "audit.access_log").put("period", period)
                    .put("periodStart", part.lower() == null ? null : part.lower().toString()).put("periodEnd", part.upper().toString())
                    .put("rows", rows[0]).put("firstId", rows[0] == 0 ? null : rows[1]).put("lastId", rows[0] == 0 ? null : rows[2])
                    .put("rowsFile", rowsFile.getFileName().toString()).put("rowsSha256", rowsSha)
                    .put("seals", positions.size()).put("sealsFile", sealsFile.getFileName().toString()).put("sealsSha256", sealsSha);
            if (!positions.isEmpty()) {
                long first = positions.getFirst();
                byte[] before = first == 1 ? AccessLogSealer.GENESIS : jdbc.queryForObject(
                        "select chain_hash from audit.access_log_seal where position = ?", byte[].class, first - 1);
                manifest.put("firstPosition", first).put("lastPosition", positions.getLast())
                        .put("chainHashBefore", HexFormat.of().formatHex(before)).put("chainHashAfter", lastHash[0]);
            }
            manifest.set("checkpoint", JSON.valueToTree(coveringCheckpoint(rows, positions)));
            byte[] manifestBytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest);
            Path manifestFile = dir.resolve("access_log-" + period + ".manifest.json");
            writeSynced(manifestFile, manifestBytes);
            byte[] manifestSha = sha256().digest(manifestBytes);
            jdbc.update("""
                            insert into audit.archive (table_name, period_start, period_end, manifest, sha256, rows, first_id, last_id, seals, archived_by)
                            values ('audit.access_log', ?, ?, ?, ?, ?, ?, ?, ?, 'archiver')""",
                    part.lower() == null ? null : Timestamp.from(part.lower()), Timestamp.from(part.upper()),
                    manifestFile.getFileName().toString(), manifestSha, rows[0], rows[0] == 0 ? null : rows[1], rows[0] == 0 ? null : rows[2],
                    positions.size());
            jdbc.queryForObject("select audit.archive_month(?, ?)::text", String.class,
                    (part.lower() == null ? part.upper().minusSeconds(1) : part.lower()).atOffset(ZoneOffset.UTC).toLocalDate(), manifestSha);
            return new Archived(period, rows[0], positions.size(), manifestFile, HexFormat.of().formatHex(manifestSha));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the access log's archive in " + dir, e);
        }
    }

    /** The first signed checkpoint at or after the last seal listing a row of the period: without one, nothing vouches for it yet. */
    private Checkpoint coveringCheckpoint(long[] rows, List<Long> positions) {
        long covered = positions.isEmpty() ? 0 : positions.getLast();
        if (rows[0] > 0) {
            Long listing = jdbc.queryForObject("select max(position) from audit.access_log_seal where last_id >= ? and first_id <= ?",
                    Long.class, rows[1], rows[2]);
            covered = Math.max(covered, listing == null ? 0 : listing);
        }
        long position = covered;
        return jdbc.query("select position, chain_hash, signed_at, signature from audit.checkpoint where position >= ? order by position limit 1",
                        (rs, n) -> Checkpoint.of(rs.getLong(1), rs.getBytes(2), rs.getTimestamp(3).toInstant(), rs.getBytes(4)), position)
                .stream().findFirst().orElseThrow(() -> new IllegalStateException(
                        "no signed checkpoint covers chain position " + position + " yet: archive after the sealer's next checkpoint"));
    }

    private interface Lines {
        void write(BufferedWriter out) throws IOException;
    }

    /** Writes gzipped lines and forces them to disk; returns the file's SHA-256, hex. */
    private static String gzipLines(Path file, Lines lines) throws IOException {
        MessageDigest sha = sha256();
        try (FileOutputStream fileOut = new FileOutputStream(file.toFile())) {
            GZIPOutputStream gzip = new GZIPOutputStream(new DigestOutputStream(fileOut, sha));
            BufferedWriter out = new BufferedWriter(new OutputStreamWriter(gzip, StandardCharsets.UTF_8));
            lines.write(out);
            out.flush();
            gzip.finish();
            gzip.flush();
            fileOut.getFD().sync();
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void line(BufferedWriter out, ObjectNode node) {
        try {
            out.write(JSON.writeValueAsString(node));
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeSynced(Path file, byte[] bytes) throws IOException {
        try (FileOutputStream out = new FileOutputStream(file.toFile())) {
            out.write(bytes);
            out.getFD().sync();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
