package dev.gan4j.core.io;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A file could not be written for a reason of the machine's rather than gan4j's: no space left
 * on the device, a read-only file system, permission denied. Its message is one line naming the
 * file the caller meant to write (not a temporary file beside it) and the operating system's
 * reason, e.g. {@code cannot write run/status.json: No space left on device}, so that the
 * command line can report it as something the user fixes.
 */
public final class FileWriteException extends FileSystemException {

    private static final long serialVersionUID = 1L;

    private FileWriteException(Path file, IOException cause) {
        super(file.toString(), null, reason(cause));
        initCause(cause);
    }

    /**
     * {@code e} as a failure to write {@code file}: {@code e} itself if it already is one, else a
     * {@code FileWriteException} naming {@code file} with {@code e}'s reason.
     */
    public static FileWriteException writing(Path file, IOException e) {
        return e instanceof FileWriteException w ? w : new FileWriteException(file, e);
    }

    @Override
    public String getMessage() {
        return "cannot write " + getFile() + ": " + getReason();
    }

    /**
     * The first file-system failure in {@code e} and its causes (this class, or one the JDK threw
     * naming a file, such as {@link AccessDeniedException}), if any.
     */
    public static Optional<FileSystemException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FileSystemException f) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** One line for {@code e}: the file and the operating system's reason. */
    public static String describe(FileSystemException e) {
        if (e instanceof FileWriteException) {
            return e.getMessage();
        }
        String other = e.getOtherFile() == null ? "" : " -> " + e.getOtherFile();
        return e.getFile() + other + ": " + reason(e);
    }

    /** What the operating system said, as {@code strerror} words where the JDK keeps only the exception type. */
    private static String reason(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        // the JDK keeps only the type for these errno values; say them as strerror does
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        // FileChannel.write reports ENOSPC and EIO as a plain IOException whose message is the reason
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }
}
