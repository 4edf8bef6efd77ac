package dev.gan4j.spark;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Waits for the lock gan-core's training takes on a run directory ({@code .lock}, held through
 * the operating system's file locks) to be free. gan-core fails at once on a held lock, which is
 * right for a person at a terminal; a retried Spark task instead waits for an earlier attempt that
 * is still stopping (its thread interrupted, its JVM shutting down). A dead attempt's lock is
 * already free: the operating system released it with the process, and a thread's with its
 * channel.
 */
final class RunDirectoryLock {

    /** Checked this often while a live attempt holds the lock. */
    private static final long POLL_MILLIS = 500;

    private RunDirectoryLock() {
    }

    /**
     * Returns once nobody holds {@code dir}'s run lock (at once if the directory or its lock file
     * does not exist).
     *
     * @throws IOException if it is still held after {@code wait}, or cannot be checked
     */
    static void awaitFree(Path dir, Duration wait) throws IOException, InterruptedException {
        Path file = dir.resolve(".lock");
        long deadline = System.nanoTime() + wait.toNanos();
        while (Files.exists(file) && !free(file)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new IOException(dir + " is still being trained by another attempt after " + wait.toSeconds()
                        + " s (its run lock " + file + " is held)");
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static boolean free(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            FileLock lock = ch.tryLock();
            if (lock == null) {
                return false;
            }
            lock.release();
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // held by another attempt in this JVM (local mode, or an executor's other task)
        } catch (java.nio.file.NoSuchFileException e) {
            return true;
        }
    }
}
