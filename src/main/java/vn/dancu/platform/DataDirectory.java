package vn.dancu.platform;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The data directory as the commands that open the platform's own database see it: they ask first
 * whether a running platform holds it, and say so in one line instead of failing deep in the start.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    /** The directory the platform uses: {@code DANCU_DATA_DIR}, or {@code ./data}. */
    public static Path configured() {
        String dir = System.getenv("DANCU_DATA_DIR");
        return Path.of(dir == null || dir.isBlank() ? "data" : dir).toAbsolutePath().normalize();
    }

    /** Whether another process holds the directory's lock ({@link EmbeddedDatabase}): a platform runs on it. */
    public static boolean inUse(Path dataDir) {
        Path lockFile = dataDir.resolve(EmbeddedDatabase.LOCK_FILE);
        if (!Files.exists(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                return true;
            }
            lock.release();
            return false;
        } catch (OverlappingFileLockException sameProcess) {
            return true;
        } catch (IOException unreadable) {
            return false; // the start itself will say what is wrong
        }
    }

    /** Whether the platform's database is the embedded one (no {@code DANCU_DB_URL}). */
    public static boolean embedded() {
        String url = System.getenv("DANCU_DB_URL");
        return url == null || url.isBlank();
    }
}
