package dev.gan4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.mnist.DataEnvironment;
import dev.gan4j.mnist.IdxArray;
import dev.gan4j.mnist.IdxWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The {@code gan} command line run in this JVM, offline and with no data directory but what the
 * arguments give, capturing what it prints; and a small IDX dataset to point experiments at.
 */
final class Cli {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code gan args...} and returns the exit code; output accumulates until {@link #clear()}. */
    int run(String... args) {
        DataEnvironment offline = DataEnvironment.system().withEnv(Map.of(DataEnvironment.OFFLINE, "1"))
                .withHome(Path.of("target/no-home").toAbsolutePath());
        return new GanCli(new PrintWriter(out), new PrintWriter(err), offline).execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    /**
     * Asserts that the last command failed as a user error: exit code 2, stderr exactly
     * {@code "gan COMMAND: MESSAGE"} and the hint about --verbose, no stack trace; then clears.
     */
    void assertUserError(int code, String command, String message) {
        String e = err();
        String nl = System.lineSeparator();
        assertEquals("gan " + command + ": " + message + nl + "(run with --verbose for details)" + nl, e);
        assertEquals(GanCli.USER_ERROR, code, e);
        assertFalse(e.contains("\tat "), e);
        clear();
    }

    /** Asserts that the last command succeeded with nothing on stderr; then clears. */
    void assertOk(int code) {
        assertEquals("", err(), err());
        assertEquals(0, code, err());
        clear();
    }

    /**
     * A small valid experiment (one iteration, batches of 5) whose {@code "data"} section is
     * {@code data}, e.g. {@link #idxData(Path)}.
     */
    static String experiment(String data) {
        return """
                {
                  "name": "data",
                  "data": DATA,
                  "noise": {"dim": 4},
                  "generator": [{"type": "dense", "units": 16}, {"type": "sigmoid"}],
                  "discriminator": [{"type": "dense", "units": 1}],
                  "loss": {"type": "non-saturating"},
                  "optimizers": {"discriminator": {"type": "sgd", "learningRate": 0.1},
                                 "generator": {"type": "sgd", "learningRate": 0.1}},
                  "training": {"iterations": 1, "batchSize": 5}
                }
                """.replace("DATA", data);
    }

    /** The {@code "data"} section for what {@link #writeData} wrote into {@code dir}. */
    static String idxData(Path dir) {
        return "{\"dataset\": \"idx\", \"dir\": \"" + dir + "\", \"images\": \"images.idx\", "
                + "\"labels\": \"labels.idx\"}";
    }

    /** Images of 4 × 4 pixels in {@code dir}. */
    static final int SIDE = 4;
    /** How many samples {@link #writeData} writes. */
    static final int SAMPLES = 20;
    /** Classes of the labels {@link #writeData} writes. */
    static final int CLASSES = 4;

    /** Writes {@code images.idx} (20 images of 4 × 4) and {@code labels.idx} (20 labels in 0..3) into {@code dir}. */
    static void writeData(Path dir) throws IOException {
        byte[] pixels = new byte[SAMPLES * SIDE * SIDE];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }
        byte[] labels = new byte[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            labels[i] = (byte) (i % CLASSES);
        }
        Files.createDirectories(dir);
        IdxWriter.write(dir.resolve("images.idx"), IdxArray.ofUnsignedBytes(new int[] {SAMPLES, SIDE, SIDE}, pixels));
        IdxWriter.write(dir.resolve("labels.idx"), IdxArray.ofUnsignedBytes(new int[] {SAMPLES}, labels));
        assertTrue(Files.size(dir.resolve("images.idx")) == 16 + pixels.length);
    }
}
