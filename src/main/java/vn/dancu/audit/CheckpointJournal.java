package vn.dancu.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The platform's own witness: every checkpoint it signs, appended and forced to disk in a file
 * outside the database ({@code DANCU_AUDIT_WITNESS_DIR}, by default a sibling of the data
 * directory). Someone who rewrites or cuts back the chain in PostgreSQL, even with the master key
 * to re-sign it, leaves this file holding the hashes the chain used to have.
 *
 * <p>One JSON object per line ({@link Witnesses#read} reads it, and any copy of it). Appended only
 * after the checkpoint is committed, so a line never names a checkpoint the database did not keep;
 * a crash between the two leaves a line out, which the next start writes from the database.
 */
@Component
class CheckpointJournal {

    private static final Logger log = LoggerFactory.getLogger(CheckpointJournal.class);
    static final String FILE = "checkpoints.jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final Timer appends;
    private long lastPosition;

    CheckpointJournal(@Value("${dancu.audit.witness-dir:}") String witnessDir, @Value("${dancu.data-dir}") String dataDir,
                      MeterRegistry meters) {
        this.appends = Timer.builder("dancu.audit.journal.append").description("Appending a checkpoint to the witness journal, fsync included")
                .register(meters);
        Path data = Path.of(dataDir).toAbsolutePath().normalize();
        Path dir = witnessDir.isBlank() ? data.resolveSibling(data.getFileName() + "-witness")
                : Path.of(witnessDir).toAbsolutePath().normalize();
        if (dir.startsWith(data)) {
            throw new IllegalStateException("DANCU_AUDIT_WITNESS_DIR (" + dir + ") lies inside the data directory (" + data
                    + "): the witness must be where the database cannot reach it");
        }
        this.file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the checkpoint journal's directory " + dir, e);
        }
        this.lastPosition = read().stream().mapToLong(Checkpoint::position).max().orElse(0);
    }

    public Path file() {
        return file;
    }

    /** The checkpoints the journal holds, in the order written; a torn last line (a crash mid-write) is left out. */
    public List<Checkpoint> read() {
        return Files.exists(file) ? Witnesses.read(file) : List.of();
    }

    synchronized long lastPosition() {
        return lastPosition;
    }

    /** Appends and forces the line to disk before returning. */
    synchronized void append(Checkpoint checkpoint) {
        try {
            appends.record(() -> {
                try {
                    appendTo(file, List.of(checkpoint));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            lastPosition = Math.max(lastPosition, checkpoint.position());
        } catch (RuntimeException e) {
            // The checkpoint is in the database; the next start writes what is missing. Loud, not fatal.
            log.error("Could not append checkpoint {} to the witness journal {}: {}", checkpoint.position(), file, e.getMessage());
        }
    }

    /** One line per checkpoint at the end of {@code file}, forced to disk. */
    static void appendTo(Path file, List<Checkpoint> checkpoints) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ)) {
            channel.position(channel.size());
            StringBuilder lines = new StringBuilder();
            if (channel.size() > 0 && !endsWithNewline(channel)) {
                lines.append('\n'); // after a torn line, start a fresh one
            }
            for (Checkpoint checkpoint : checkpoints) {
                lines.append(JSON.writeValueAsString(checkpoint)).append('\n');
            }
            ByteBuffer bytes = ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
            channel.force(true);
        }
    }

    private static boolean endsWithNewline(FileChannel channel) throws IOException {
        ByteBuffer last = ByteBuffer.allocate(1);
        channel.read(last, channel.size() - 1);
        return last.get(0) == '\n';
    }
}
