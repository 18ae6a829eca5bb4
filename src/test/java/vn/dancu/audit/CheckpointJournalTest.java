package vn.dancu.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal on its own: where it may live, what it writes, and how it survives a torn write. */
class CheckpointJournalTest {

    @TempDir
    Path root;

    private static Checkpoint checkpoint(long position) {
        return Checkpoint.of(position, new byte[32], Instant.parse("2026-12-05T03:04:05.123456789Z"), new byte[] {1, 2, 3});
    }

    @Test
    void itLivesBesideTheDataDirectoryByDefaultAndNeverInsideIt() {
        Path data = root.resolve("data");
        CheckpointJournal journal = new CheckpointJournal("", data.toString(), new SimpleMeterRegistry());
        assertThat(journal.file()).isEqualTo(root.resolve("data-witness").resolve(CheckpointJournal.FILE));
        assertThatThrownBy(() -> new CheckpointJournal(data.resolve("witness").toString(), data.toString(), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside the data directory");
        assertThatThrownBy(() -> new CheckpointJournal(data.toString(), data.toString(), new SimpleMeterRegistry()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void appendedCheckpointsReadBackAfterATornLine() throws Exception {
        CheckpointJournal journal = new CheckpointJournal(root.resolve("w").toString(), root.resolve("data").toString(),
                new SimpleMeterRegistry());
        journal.append(checkpoint(1));
        Files.writeString(journal.file(), "{\"position\": 2, \"chai", java.nio.file.StandardOpenOption.APPEND);
        journal.append(checkpoint(3));
        // The torn line is now in the middle: a damaged journal is refused rather than read in part.
        assertThatThrownBy(journal::read).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        Files.writeString(journal.file(), Files.readString(journal.file()).replace("{\"position\": 2, \"chai\n", ""));
        List<Checkpoint> read = journal.read();
        assertThat(read).containsExactly(checkpoint(1), checkpoint(3));
        assertThat(read.getFirst().signedAt()).isEqualTo(Instant.parse("2026-12-05T03:04:05.123456Z"));
        // A new journal object on the same file knows where it stopped.
        assertThat(new CheckpointJournal(root.resolve("w").toString(), root.resolve("data").toString(), new SimpleMeterRegistry())
                .lastPosition()).isEqualTo(3);
    }

    @Test
    void aCheckpointIsCheckedForShape() {
        assertThatThrownBy(() -> Checkpoint.fromJson(tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree("{\"position\": 0, \"chainHash\": \"00\", \"signedAt\": \"x\", \"signature\": \"AA==\"}")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(checkpoint(7).signedBy("not a key")).isFalse();
    }
}
