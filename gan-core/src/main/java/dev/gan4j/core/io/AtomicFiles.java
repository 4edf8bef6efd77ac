package dev.gan4j.core.io;

import java.io.IOException;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers, and a machine that crashes, see the old content or the
 * complete new one, never a part: the bytes go to a temporary file in the same directory, are
 * forced to disk, and the temporary file is renamed over the target; the directory is synced so
 * the rename survives a crash too. The one way gan-core writes run files, checkpoints and the
 * evaluation classifier.
 */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code bytes} to {@code file} atomically, creating its directory if needed.
     *
     * @throws FileWriteException naming {@code file} and the operating system's reason (no space
     *     left, read-only file system, permission denied); the old content, if any, is untouched
     */
    public static void write(Path file, byte[] bytes) throws IOException {
        write(file, out -> out.write(bytes));
    }

    /** What a file holds, written as a stream: a large file need not be in memory whole first. */
    @FunctionalInterface
    public interface Content {
        /** Writes the file's bytes to {@code out}, which the caller closes. */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes what {@code content} produces to {@code file} atomically, creating its directory if
     * needed.
     *
     * @throws FileWriteException naming {@code file} and the operating system's reason (no space
     *     left, read-only file system, permission denied); the old content, if any, is untouched
     */
    public static void write(Path file, Content content) throws IOException {
        try {
            replace(file.toAbsolutePath(), content);
        } catch (IOException e) {
            throw FileWriteException.writing(file, e);
        }
    }

    private static void replace(Path target, Content content) throws IOException {
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp");
        try {
            try {
                // createTempFile makes the file private (rw-------); run outputs are ordinary data
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            } catch (UnsupportedOperationException notPosix) {
                // keep the file system's default permissions
            }
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                // not closed here: the channel is, after the buffered bytes are flushed and forced
                OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 64 * 1024);
                content.writeTo(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                d.force(true);
            } catch (IOException cannotSyncDirectory) {
                // some file systems cannot sync a directory; the rename is still atomic
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
