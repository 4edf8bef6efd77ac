package dev.gan4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Checkpoint files whose SHA-256 is right but whose header declares absurd shapes and counts —
 * dimensions of 2<sup>31</sup>-1, a thousand dimensions, hundreds of thousands of tensors or
 * random states, payloads that match or not — run by {@link CheckpointFuzzTest} in a JVM of
 * 96 MiB. Each must read or end in a one-line {@link CheckpointException} naming the file, never
 * another exception, never an {@link OutOfMemoryError}. How to run more tries: see
 * {@link dev.gan4j.api.fuzz.SmallHeapProperties}.
 */
class CheckpointFuzzProperties {

    private static Path dir;

    @BeforeContainer
    static void makeDirectory() throws IOException {
        dir = Files.createTempDirectory("gan4j-checkpoint-fuzz");
    }

    @AfterContainer
    static void removeDirectory() throws IOException {
        SmallHeapProperties.deleteTree(dir);
    }

    /** A header to write: {@code tensors} entries of {@code shape}, {@code states} random states, a payload. */
    record Lie(int tensors, List<Integer> shape, int states, String iteration, long payloadFloats) {
        @Override
        public String toString() {
            return tensors + " tensors of shape " + (shape.size() > 8 ? shape.size() + " dimensions" : shape) + ", "
                    + states + " random states, iteration " + iteration + ", " + payloadFloats + " payload floats";
        }
    }

    @Property(seed = "1804")
    void sealedHeadersWithAbsurdShapesReadOrFailCleanly(@ForAll("lies") Lie lie) throws IOException {
        Path file = dir.resolve("fuzz.ckpt");
        write(lie, file);
        try {
            CheckpointFiles.read(file);
        } catch (CheckpointException e) {
            String m = e.getMessage();
            assertTrue(m != null && m.startsWith(file + ": "), m);
            assertFalse(m.contains("\n"), m);
        } catch (OutOfMemoryError e) {
            throw new AssertionError("CheckpointFiles.read ran out of memory on " + lie, e);
        } catch (RuntimeException e) {
            throw new AssertionError("CheckpointFiles.read threw " + e + " on " + lie, e);
        }
    }

    @Provide
    Arbitrary<Lie> lies() {
        Arbitrary<Integer> count = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(0, 8)),
                Tuple.of(1, Arbitraries.of(1000, 60_000, 200_000)));
        Arbitrary<Integer> dim = Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.integers().between(1, 16)),
                Tuple.of(2, Arbitraries.of(Integer.MAX_VALUE, 65_536, 46_341, 1 << 30, 0, -1)),
                Tuple.of(1, Arbitraries.integers()));
        Arbitrary<List<Integer>> shape = Arbitraries.frequencyOf(
                Tuple.of(9, dim.list().ofMinSize(0).ofMaxSize(4)),
                Tuple.of(1, Arbitraries.just(1).list().ofSize(1000)));
        Arbitrary<String> iteration = Arbitraries.of("0", "7", "-1", "2147483648", "1e300", "\"3\"", "null", "[]");
        // how the payload relates to what the header declares: exact (when small), short, long, tiny
        Arbitrary<Integer> payload = Arbitraries.integers().between(0, 3);
        return Combinators.combine(count, shape, count, iteration, payload, Arbitraries.integers().between(0, 64))
                .as((n, s, states, it, how, extra) -> {
                    long perTensor = 1;
                    for (int d : s) {
                        perTensor = Math.min(perTensor * Math.max(0, d), 1L << 40);
                    }
                    long declared = Math.min(perTensor * n, 1L << 40);
                    long floats = switch (how) {
                        case 0 -> declared <= 1 << 20 ? declared : extra;
                        case 1 -> Math.max(0, Math.min(declared, 1 << 20) - 1);
                        case 2 -> Math.min(declared, 1 << 20) + 1;
                        default -> extra;
                    };
                    return new Lie(n, s, states, it, floats);
                });
    }

    /** Streams the file, so a try costs the generator little of the small heap. */
    private static void write(Lie lie, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(CheckpointFiles.MAGIC);
            out.write(le(1));
            out.write(le(0)); // the header length, patched below
            long headerBytes = 0;
            headerBytes += text(out, "{\"iteration\": " + lie.iteration() + ", \"experiment\": null, \"random\": {");
            for (int i = 0; i < lie.states(); i++) {
                headerBytes += text(out, (i == 0 ? "" : ", ") + "\"s" + i + "\": [1, 2, 3, " + i + "]");
            }
            headerBytes += text(out, "}, \"tensors\": [");
            String shape = lie.shape().toString();
            for (int i = 0; i < lie.tensors(); i++) {
                headerBytes += text(out, (i == 0 ? "" : ", ") + "{\"name\": \"parameter/p" + i + "\", \"shape\": "
                        + shape + "}");
            }
            headerBytes += text(out, "]}");
            byte[] zeros = new byte[1 << 16];
            for (long left = 4 * lie.payloadFloats(); left > 0; left -= zeros.length) {
                out.write(zeros, 0, (int) Math.min(left, zeros.length));
            }
            out.flush();
            try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                raf.seek(12);
                raf.write(le((int) headerBytes));
            }
        }
        MessageDigest sha = sha256();
        try (var in = Files.newInputStream(file)) {
            byte[] block = new byte[1 << 16];
            for (int n; (n = in.read(block)) > 0;) {
                sha.update(block, 0, n);
            }
        }
        Files.write(file, sha.digest(), java.nio.file.StandardOpenOption.APPEND);
    }

    private static int text(OutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.write(b);
        return b.length;
    }

    private static byte[] le(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
