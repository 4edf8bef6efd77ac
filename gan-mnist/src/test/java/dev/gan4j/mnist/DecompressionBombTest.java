package dev.gan4j.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small files that declare or inflate to far more than the heap holds end in a
 * {@link DataLoadException} naming the file, never an {@link OutOfMemoryError}.
 */
class DecompressionBombTest {

    private static final DataEnvironment NOWHERE = DataEnvironment.system()
            .withEnv(java.util.Map.of(DataEnvironment.OFFLINE, "1")).withHome(Path.of("target/no-home").toAbsolutePath());

    @TempDir
    Path tmp;

    /** The IHDR of a greyscale 8-bit PNG of {@code height × width}: 33 bytes that declare gigabytes. */
    static byte[] pngHeader(int height, int width) {
        ByteBuffer b = ByteBuffer.allocate(8 + 25);
        b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        b.putInt(13).put("IHDR".getBytes(StandardCharsets.ISO_8859_1));
        b.putInt(width).putInt(height).put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(b.array(), 12, 17);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    @Test
    void aPngDeclaringHugeDimensionsIsRefusedFromItsHeader() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("pngs"));
        Path bomb = Files.write(dir.resolve("bomb.png"), pngHeader(46_340, 46_340));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.imageFolder(dir, Transform.UNIT), NOWHERE));
        assertTrue(e.getMessage().startsWith(bomb + ": the PNG header declares 46340×46340"), e.getMessage());
        assertTrue(e.getMessage().contains("more than the 16777216 (4096×4096)"), e.getMessage());
    }

    @Test
    void aPngJustUnderTheLimitIsNotRefusedForItsSize() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ok"));
        Files.write(dir.resolve("big.png"), pngHeader(4096, 4096));
        DataLoadException e = assertThrows(DataLoadException.class,
                () -> DataLoader.load(DataRequest.imageFolder(dir, Transform.UNIT), NOWHERE));
        // refused further on, for its missing chunks, not for its size
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    /**
     * An IDX gzip whose 20 million zero pixels fit a 64 MiB heap as bytes but not as the 80 MB of
     * floats they decode to: in a JVM of that heap the loader must say so, not run out of memory.
     */
    @Test
    void anIdxGzipThatInflatesPastTheHeapIsAnErrorInASmallHeap() throws Exception {
        Path bomb = writeBomb(25_000);
        String line = loadInSmallHeap(bomb);
        assertTrue(line.contains("of memory, but the Java heap has"), line);
    }

    /**
     * The same bomb, 33.6 MB inflated, with a size trailer that disagrees with its header: the
     * reader once grew a buffer for it by doubling, and the last copy (32 MiB beside 33.6 MB) ran
     * out of a 64 MiB heap. Now it counts the data first and only then reads it, so the lie
     * surfaces as the format error it is.
     */
    @Test
    void anIdxGzipWithALyingSizeTrailerIsAFormatErrorInASmallHeap() throws Exception {
        Path bomb = writeBomb(42_800);
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(bomb,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {0, 0, 0, 1}), Files.size(bomb) - 4); // ISIZE += 2^24
        }
        String line = loadInSmallHeap(bomb);
        assertTrue(line.contains("trailer records"), line);
    }

    private Path writeBomb(int images) throws IOException {
        Path bomb = tmp.resolve("bomb-idx3-ubyte.gz");
        try (OutputStream raw = Files.newOutputStream(bomb);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)))) {
            out.writeInt(0x00000803);
            out.writeInt(images);
            out.writeInt(28);
            out.writeInt(28);
            byte[] zeros = new byte[1 << 16];
            long left = (long) images * 28 * 28;
            while (left > 0) {
                int n = (int) Math.min(left, zeros.length);
                out.write(zeros, 0, n);
                left -= n;
            }
        }
        assertTrue(Files.size(bomb) < 200_000, "the bomb is small: " + Files.size(bomb));
        return bomb;
    }

    /** Loads {@code bomb} in a JVM of 64 MiB; returns the one line it printed, after checking it failed cleanly. */
    private static String loadInSmallHeap(Path bomb) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                LoadInSmallHeap.class.getName(), bomb.toString())
                .redirectErrorStream(true).start();
        boolean done = p.waitFor(Duration.ofMinutes(2).toMillis(), TimeUnit.MILLISECONDS);
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!done) {
            p.destroyForcibly();
        }
        assertTrue(done, "the child JVM did not finish: " + output);
        assertEquals(2, p.exitValue(), output);
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), output);
        assertTrue(lines.get(0).startsWith("DataLoadException: " + bomb), output);
        return lines.get(0);
    }

    /** Loads one IDX file; prints the error's type and message and exits 2 on a DataLoadException. */
    public static final class LoadInSmallHeap {
        public static void main(String[] args) {
            try {
                DataLoader.load(DataRequest.idx(Path.of(args[0]), null, Transform.UNIT), NOWHERE);
                System.out.println("loaded");
            } catch (DataLoadException e) {
                System.out.println("DataLoadException: " + e.getMessage());
                System.exit(2);
            } catch (OutOfMemoryError e) {
                System.out.println("OutOfMemoryError: " + e.getMessage());
                System.exit(3);
            }
        }
    }
}
