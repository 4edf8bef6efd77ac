package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan evaluate} on a small gzip IDX file whose pixels fit the heap as bytes but not as the
 * floats it scores: one line naming the file and exit 2 in a 64 MiB JVM, never an OutOfMemoryError
 * (issue 18, case 1: it died in {@code IdxArray.toFloatArray}).
 */
class EvaluateBombTest {

    @TempDir
    Path tmp;

    @Test
    void anIdxThatInflatesPastTheHeapIsAUserErrorNotAnOutOfMemoryError() throws Exception {
        int images = 25_000;
        Path bomb = tmp.resolve("samples-idx3-ubyte.gz");
        try (OutputStream raw = Files.newOutputStream(bomb);
                DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new GZIPOutputStream(raw, 1 << 16)))) {
            out.writeInt(0x00000803);
            out.writeInt(images);
            out.writeInt(28);
            out.writeInt(28);
            byte[] zeros = new byte[1 << 16];
            for (long left = (long) images * 28 * 28; left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
        }
        Path log = tmp.resolve("evaluate.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), GanCli.class.getName(), "evaluate", bomb.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("GAN4J_OFFLINE", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gan evaluate did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(GanCli.USER_ERROR, p.exitValue(), output);
        assertTrue(output.contains("gan evaluate: " + bomb + ": an IDX array of 25000×28×28"), output);
        assertTrue(output.contains("of memory, but the Java heap has"), output);
        assertTrue(!output.contains("OutOfMemoryError") && !output.contains("\tat "), output);
    }
}
