package dev.gan4j.core.run;

import dev.gan4j.core.io.FileWriteException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a run directory, held by the process that trains it, so that two
 * processes (a run and a {@code --resume} of it, or two resumes) never write one run. The
 * operating system releases it when the process dies, even by SIGKILL.
 */
final class RunLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock of {@code dir}.
     *
     * @throws RunException if another process (or another run in this one) holds it
     */
    static RunLock acquire(RunDirectory dir) throws IOException {
        Path file = dir.path().resolve(RunDirectory.LOCK);
        FileChannel ch;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // a read-only run, or one on a full disk: no run can be written there
            throw FileWriteException.writing(file, e);
        }
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            ch.close();
            String who = RunStatus.read(dir.status()).map(s -> " (process " + s.pid() + ")").orElse("");
            throw new RunException(dir + " is being trained by another process" + who
                    + "; wait for it to stop, or stop it with Ctrl-C", null);
        }
        return new RunLock(ch, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
