package vn.dancu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands' question before they open the database themselves: does a platform hold this directory? */
class DataDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void aHeldLockMeansAPlatformRunsThere() throws Exception {
        assertThat(DataDirectory.inUse(dir)).as("never used").isFalse();
        try (FileChannel channel = FileChannel.open(dir.resolve(EmbeddedDatabase.LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            assertThat(DataDirectory.inUse(dir)).isTrue();
            lock.release();
            assertThat(DataDirectory.inUse(dir)).as("released: the platform stopped").isFalse();
        }
    }
}
