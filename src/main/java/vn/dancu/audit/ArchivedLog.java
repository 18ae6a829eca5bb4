package vn.dancu.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The archived months as the verifier reads them, oldest first: each manifest against the SHA-256 that
 * {@code audit.archive} holds, each file against the manifest, and the files' seals and rows for the walk along
 * the chain. A file that does not match is reported and still read where it can be (a dropped or edited row is then
 * named); a manifest that does not match, or a file that is another month's, is reported and not read.
 */
final class ArchivedLog {

    record Seal(long position, byte[] chainHash, List<Long> logIds) {
    }

    private record Month(String period, JsonNode manifest, Path rows, Path seals) {
    }

    private final List<Month> months = new ArrayList<>();
    private final Consumer<AccessLogVerifier.Finding> findings;
    private final AuditKeys keys;
    /** Rows read ahead of the seal that lists them: the chain's order is close to the id order, so this stays small. */
    private final Map<Long, ArchivedRow> ahead = new HashMap<>();
    private Iterator<ArchivedRow> rows;
    private long archivedRows;

    ArchivedLog(JdbcTemplate jdbc, Path dir, AuditKeys keys, Consumer<AccessLogVerifier.Finding> findings) {
        this.findings = findings;
        this.keys = keys;
        record Recorded(String manifest, byte[] sha256) {
        }
        List<Recorded> recorded = jdbc.query("select manifest, sha256 from audit.archive where table_name = 'audit.access_log' order by period_end",
                (rs, n) -> new Recorded(rs.getString(1), rs.getBytes(2)));
        Map<String, String> fileOfHash = new HashMap<>();
        List<JsonNode> manifests = new ArrayList<>();
        for (Recorded r : recorded) {
            Path file = dir.resolve(r.manifest());
            if (!Files.isRegularFile(file)) {
                finding("ARCHIVE_MISSING", "the archive " + r.manifest() + " recorded in audit.archive is not in " + dir);
                continue;
            }
            byte[] bytes = read(file);
            if (!MessageDigest.isEqual(AccessLogArchives.sha256().digest(bytes), r.sha256())) {
                finding("ARCHIVE_ALTERED", "the manifest " + r.manifest() + " is not the one recorded in audit.archive (SHA-256 differs)");
                continue;
            }
            JsonNode manifest = AccessLogArchives.JSON.readTree(bytes);
            manifests.add(manifest);
            fileOfHash.put(manifest.path("rowsSha256").asString(), manifest.path("rowsFile").asString());
            fileOfHash.put(manifest.path("sealsSha256").asString(), manifest.path("sealsFile").asString());
        }
        for (JsonNode manifest : manifests) {
            String period = manifest.path("period").asString();
            Path rowsFile = checked(dir, manifest, "rowsFile", "rowsSha256", fileOfHash);
            Path sealsFile = checked(dir, manifest, "sealsFile", "sealsSha256", fileOfHash);
            Checkpoint checkpoint = Checkpoint.fromJson(manifest.path("checkpoint"));
            if (!keys.verify(checkpoint.signedBytes(), checkpoint.signatureBytes())) {
                finding("ARCHIVE_CHECKPOINT_FORGED", "the checkpoint in the manifest of " + period + " at position " + checkpoint.position()
                        + " does not carry the platform's signature");
            }
            months.add(new Month(period, manifest, rowsFile, sealsFile));
        }
        rows = months.stream().filter(m -> m.rows() != null).flatMap(m -> lines(m.rows(), m.period()).stream()
                .map(ArchivedRow::fromJson)).iterator();
    }

    int months() {
        return months.size();
    }

    long rowsRead() {
        return archivedRows;
    }

    /** The manifests' signed checkpoints, each to be found in the chain where it says. */
    List<Checkpoint> checkpoints() {
        return months.stream().map(m -> Checkpoint.fromJson(m.manifest().path("checkpoint"))).toList();
    }

    /** The archived seals in chain order, each with the manifest's hash before its month's first seal checked against {@code hashBefore}. */
    void walkSeals(SealWalker walker) {
        for (Month month : months) {
            if (month.seals() == null) {
                continue;
            }
            boolean first = true;
            for (JsonNode node : lines(month.seals(), month.period())) {
                Seal seal = new Seal(node.path("position").asLong(), HexFormat.of().parseHex(node.path("chainHash").asString()),
                        node.path("logIds").valueStream().map(JsonNode::asLong).toList());
                if (first && month.manifest().has("chainHashBefore")
                        && !HexFormat.of().formatHex(walker.hash()).equals(month.manifest().path("chainHashBefore").asString())) {
                    finding("ARCHIVE_CHAIN", "the archive of " + month.period() + " does not continue the chain before it (position "
                            + seal.position() + ")");
                }
                first = false;
                walker.seal(seal);
            }
        }
    }

    interface SealWalker {
        byte[] hash();

        void seal(Seal seal);
    }

    /** The archived row with this id, or null: reads ahead through the archives as far as needed. */
    ArchivedRow take(long id) {
        ArchivedRow row = ahead.remove(id);
        while (row == null && rows.hasNext()) {
            ArchivedRow next = rows.next();
            archivedRows++;
            if (next.id() == id) {
                row = next;
            } else {
                ahead.put(next.id(), next);
            }
        }
        return row;
    }

    /** Archived rows that no seal listed, once the whole chain has been walked. */
    List<ArchivedRow> unlisted() {
        while (rows.hasNext()) {
            ArchivedRow next = rows.next();
            archivedRows++;
            ahead.put(next.id(), next);
        }
        return List.copyOf(ahead.values());
    }

    private Path checked(Path dir, JsonNode manifest, String fileField, String shaField, Map<String, String> fileOfHash) {
        String name = manifest.path(fileField).asString();
        Path file = dir.resolve(name);
        if (!Files.isRegularFile(file)) {
            finding("ARCHIVE_MISSING", "the archive file " + name + " named by its manifest is not in " + dir);
            return null;
        }
        String sha = HexFormat.of().formatHex(AccessLogArchives.sha256().digest(read(file)));
        if (sha.equals(manifest.path(shaField).asString())) {
            return file;
        }
        String other = fileOfHash.get(sha);
        if (other != null) {
            finding("ARCHIVE_SWAPPED", "the archive file " + name + " holds the content of " + other + ": not read");
            return null;
        }
        finding("ARCHIVE_ALTERED", "the archive file " + name + " is not the one its manifest names (SHA-256 differs)");
        return file;
    }

    /** A file's lines as JSON; an unreadable rest (a damaged gzip) is reported and ends the list. */
    private List<JsonNode> lines(Path file, String period) {
        List<JsonNode> nodes = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file));
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                nodes.add(AccessLogArchives.JSON.readTree(line));
            }
        } catch (IOException | RuntimeException e) {
            finding("ARCHIVE_UNREADABLE", "the archive file " + file.getFileName() + " of " + period + " cannot be read past line "
                    + nodes.size() + ": " + e.getMessage());
        }
        return nodes;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void finding(String kind, String detail) {
        findings.accept(new AccessLogVerifier.Finding(kind, null, null, detail));
    }
}
