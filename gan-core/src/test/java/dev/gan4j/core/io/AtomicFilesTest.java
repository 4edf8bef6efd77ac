package dev.gan4j.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void replacesTheFileWholeLeavesNoTemporaryAndIsReadableByOthers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/report.html");
        AtomicFiles.write(file, new byte[] {1, 2, 3});
        AtomicFiles.write(file, new byte[] {4, 5});
        assertArrayEquals(new byte[] {4, 5}, Files.readAllBytes(file));
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList());
        }
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void aFailedWriteNamesTheFileAndTheReasonAndKeepsTheOldContent(@TempDir Path dir) throws Exception {
        Path plain = Files.writeString(dir.resolve("plain"), "mine");
        Path file = plain.resolve("status.json");
        FileWriteException e = assertThrows(FileWriteException.class, () -> AtomicFiles.write(file, new byte[] {1}));
        assertEquals("cannot write " + file + ": File exists", e.getMessage());
        assertEquals("mine", Files.readString(plain));
    }

    @Test
    void theOperatingSystemsReasonIsSaidInItsWords() {
        Path file = Path.of("run", "status.json");
        assertEquals("cannot write " + file + ": Permission denied",
                FileWriteException.writing(file, new AccessDeniedException("run/.status.json123.tmp")).getMessage());
        assertEquals("cannot write " + file + ": Read-only file system", FileWriteException.writing(file,
                new FileSystemException("run/.status.json123.tmp", null, "Read-only file system")).getMessage());
        assertEquals("cannot write " + file + ": No space left on device",
                FileWriteException.writing(file, new IOException("No space left on device")).getMessage());
        assertEquals("run/x: No such file or directory", FileWriteException.describe(new NoSuchFileException("run/x")));
        IOException wrapped = new IOException("drawing curves.png failed",
                new FileSystemException("run/curves.png", null, "No space left on device"));
        assertEquals("run/curves.png: No space left on device",
                FileWriteException.describe(FileWriteException.in(new UncheckedIOException(wrapped)).orElseThrow()));
    }
}
