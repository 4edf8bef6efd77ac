package dev.gan4j.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.core.train.AdversarialTrainer;
import dev.gan4j.core.train.TrainerFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;

/**
 * Feeds the checkpoint reader damaged and lying files: random byte changes, truncations and
 * extensions of a valid checkpoint, and — with the SHA-256 trailer recomputed, so the checksum
 * cannot catch them — random changes to its bytes and deliberate lies in its header. The reader
 * must only ever return a checkpoint that is exactly what the file says (and so writes and reads
 * back to itself; the untouched file gives the original) or throw a {@link CheckpointException}
 * whose message names the file: never another exception, never an allocation the file does not
 * justify, never a slow read. Bounded for CI: about 2,200 files in all, each read in well under
 * {@link #MAX_READ_NANOS}.
 */
class CheckpointReaderPropertiesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * A file of a few kilobytes is read in milliseconds; far longer means the reader believed a
     * size in the file and allocated for it. Generous, for a loaded CI machine.
     */
    private static final long MAX_READ_NANOS = 2_000_000_000L;

    private static Path dir;
    private static Checkpoint original;
    private static byte[] valid;
    /** Where the header's JSON ends and the payload starts. */
    private static int payloadStart;

    @BeforeContainer
    static void writeAValidCheckpoint() throws IOException {
        dir = Files.createTempDirectory("gan4j-checkpoint-fuzz");
        try (Backend b = Backends.discover().select("ejml").create(Map.of())) {
            AdversarialTrainer trainer = TrainerFixtures.small(b, 3, 7);
            trainer.step();
            original = Checkpoint.capture(trainer, "{\"name\":\"fuzz\",\"seed\":3}");
        }
        Path file = dir.resolve("valid.ckpt");
        CheckpointFiles.write(original, file);
        valid = Files.readAllBytes(file);
        payloadStart = 16 + ByteBuffer.wrap(valid, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        assertEquals(original, CheckpointFiles.read(file));
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- properties ---------------------------------------------------------------------------

    @Property(tries = 400, maxDiscardRatio = 1)
    void changedBytesAreAlwaysRefused(@ForAll("changes") List<int[]> changes) throws IOException {
        byte[] damaged = valid.clone();
        for (int[] c : changes) {
            damaged[c[0] % damaged.length] ^= (byte) c[1];
        }
        if (Arrays.equals(damaged, valid)) {
            return; // two changes cancelled out
        }
        assertFalse(read(damaged), "a changed byte must fail the checksum (or the magic)");
    }

    @Property(tries = 200)
    void truncatedFilesAreAlwaysRefused(@ForAll @IntRange(min = 0, max = 1_000_000) int cut) throws IOException {
        assertFalse(read(Arrays.copyOf(valid, cut % valid.length)));
    }

    @Property(tries = 100)
    void extendedFilesAreAlwaysRefused(@ForAll("garbage") byte[] extra) throws IOException {
        byte[] longer = Arrays.copyOf(valid, valid.length + extra.length);
        System.arraycopy(extra, 0, longer, valid.length, extra.length);
        assertFalse(read(longer));
    }

    @Property(tries = 500)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void resealedRandomChangesGiveAConsistentCheckpointOrAnError(@ForAll("changes") List<int[]> changes)
            throws IOException {
        byte[] content = Arrays.copyOf(valid, valid.length - 32);
        for (int[] c : changes) {
            content[c[0] % content.length] ^= (byte) c[1];
        }
        boolean accepted = read(seal(content));
        Statistics.collect(accepted);
        // changes to the payload's floats give another valid checkpoint, most others are refused:
        // both outcomes must occur, or one half of the oracle is never exercised
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 5);
            c.check(false).percentage(p -> p > 20);
        });
    }

    @Property(tries = 1000)
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void resealedHeaderLiesGiveAConsistentCheckpointOrAnError(@ForAll("lies") byte[] lying) throws IOException {
        Statistics.collect(read(lying));
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 2);
            c.check(false).percentage(p -> p > 50);
        });
    }

    // ---- the oracle ---------------------------------------------------------------------------

    /**
     * Reads {@code content} as a checkpoint file and checks the outcome.
     *
     * @return whether it was accepted
     */
    private static boolean read(byte[] content) throws IOException {
        Path file = dir.resolve("fuzz.ckpt");
        Files.write(file, content);
        Checkpoint c;
        long started = System.nanoTime();
        try {
            c = CheckpointFiles.read(file);
        } catch (CheckpointException e) {
            assertTrue(System.nanoTime() - started < MAX_READ_NANOS, "refusing must be quick");
            String m = e.getMessage();
            assertTrue(m != null && m.startsWith(file + ": ") && m.length() > file.toString().length() + 10,
                    "the message names the file and says what is wrong: " + m);
            assertFalse(m.contains("\n"), m);
            return false;
        }
        assertTrue(System.nanoTime() - started < MAX_READ_NANOS, "reading must be quick");
        if (Arrays.equals(content, valid)) {
            assertEquals(original, c);
        }
        assertMeansExactly(content, c);
        // and a consistent checkpoint, which writes and reads back to itself
        assertTrue(c.iteration() >= 0);
        Path again = dir.resolve("again.ckpt");
        CheckpointFiles.write(c, again);
        assertEquals(c, CheckpointFiles.read(again));
        return true;
    }

    /**
     * An accepted file must mean exactly what the checkpoint holds, nothing guessed: the header's
     * numbers are the checkpoint's (an iteration of 1.5 or "3" is not 1 or 3), every tensor it
     * lists is in the checkpoint once with that shape, and the payload is their values in the
     * header's order, bit for bit.
     */
    private static void assertMeansExactly(byte[] content, Checkpoint c) throws IOException {
        int headerLength = ByteBuffer.wrap(content, 12, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        JsonNode header = JSON.readTree(new String(content, 16, headerLength, StandardCharsets.UTF_8));
        assertTrue(isExactly(header.get("iteration"), c.iteration()), "iteration " + header.get("iteration"));
        JsonNode experiment = header.get("experiment");
        assertEquals(experiment == null || experiment.isNull() ? null : experiment,
                c.experimentJson() == null ? null : JSON.readTree(c.experimentJson()));
        JsonNode random = header.get("random");
        assertEquals(random.size(), c.random().size(), "random states");
        c.random().forEach((name, state) -> {
            for (int i = 0; i < 4; i++) {
                assertTrue(isExactly(random.get(name).get(i), state[i]), "random " + name + ": " + random.get(name));
            }
        });
        JsonNode tensors = header.get("tensors");
        assertEquals(tensors.size(), c.parameters().size() + c.discriminatorOptimizer().size()
                + c.generatorOptimizer().size(), "every listed tensor is in the checkpoint once");
        ByteBuffer payload = ByteBuffer.wrap(content, 16 + headerLength, content.length - 32 - 16 - headerLength)
                .order(ByteOrder.LITTLE_ENDIAN);
        for (JsonNode t : tensors) {
            String name = t.get("name").textValue();
            long[] shape = new long[t.get("shape").size()];
            for (int d = 0; d < shape.length; d++) {
                JsonNode dim = t.get("shape").get(d);
                assertTrue(dim.isIntegralNumber(), name + " " + t.get("shape"));
                shape[d] = dim.longValue();
            }
            float[] values;
            if (name.startsWith("parameter/")) {
                values = c.parameters().get(name.substring(10));
                assertTrue(Arrays.equals(Arrays.stream(c.parameterShapes().get(name.substring(10))).asLongStream()
                        .toArray(), shape), name + " " + t.get("shape"));
            } else if (name.startsWith("optimizer/discriminator/")) {
                values = c.discriminatorOptimizer().get(name.substring(24));
            } else {
                assertTrue(name.startsWith("optimizer/generator/"), name);
                values = c.generatorOptimizer().get(name.substring(20));
            }
            assertEquals(Arrays.stream(shape).reduce(1, (a, b) -> a * b), values.length, name);
            for (float v : values) {
                assertEquals(payload.getInt(), Float.floatToRawIntBits(v), name);
            }
        }
        assertFalse(payload.hasRemaining(), "nothing in the payload is left unread");
    }

    /** Whether {@code node} is an integer equal to {@code value}, not merely convertible to it. */
    private static boolean isExactly(JsonNode node, long value) {
        return node != null && node.isIntegralNumber() && node.bigIntegerValue().equals(BigInteger.valueOf(value));
    }

    // ---- generators ---------------------------------------------------------------------------

    /** One to eight changes, each a position and a non-zero XOR mask. */
    @Provide
    Arbitrary<List<int[]>> changes() {
        return Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.integers().between(1, 255)).as((at, mask) -> new int[] {at, mask}).list().ofMinSize(1)
                .ofMaxSize(8);
    }

    @Provide
    Arbitrary<byte[]> garbage() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64);
    }

    /** The valid checkpoint with one lie in its header, its length field or its payload size, resealed. */
    @Provide
    Arbitrary<byte[]> lies() {
        return Combinators.combine(Arbitraries.integers().between(0, LIES - 1),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 1 << 16))
                .as(CheckpointReaderPropertiesTest::lie);
    }

    private static final int LIES = 14;

    /** Values of every JSON kind, plausible and not, that a lying header may put anywhere. */
    private static final List<String> VALUES = List.of("null", "true", "0", "1", "-1", "7", "1.5", "-0.0", "1e300",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "18446744073709551616", "\"3\"", "\"\"",
            "[]", "{}", "[1, 2, 3, 4]", "[0, 0, 0, 0]", "[1.5, 0, 0, 0]", "[\"a\", 0, 0, 0]", "[1, 2, 3]",
            "[1, 2, 3, 4, 5]", "[[1]]", "{\"a\": 1}");

    private static JsonNode value(int choice) {
        try {
            return JSON.readTree(VALUES.get(choice % VALUES.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Lie number {@code kind}, its details chosen by {@code choice} and {@code size}. */
    private static byte[] lie(int kind, int choice, int size) {
        try {
            ObjectNode header = (ObjectNode) JSON.readTree(new String(valid, 16, payloadStart - 16,
                    StandardCharsets.UTF_8));
            byte[] payload = Arrays.copyOfRange(valid, payloadStart, valid.length - 32);
            ArrayNode tensors = (ArrayNode) header.get("tensors");
            ObjectNode tensor = (ObjectNode) tensors.get(choice % tensors.size());
            int floats = Arrays.stream(JSON.treeToValue(tensor.get("shape"), int[].class)).reduce(1, (a, b) -> a * b);
            String headerText = null;
            Integer lengthField = null;
            int version = 1;
            switch (kind) {
                case 0 -> header.set("iteration", value(choice));
                case 1 -> header.remove(List.of("iteration", "random", "tensors", "experiment").get(choice % 4));
                case 2 -> tensor.set("shape", value(choice));
                case 3 -> { // another shape of the same, or nearly the same, size
                    int[][] shapes = {{floats}, {1, floats}, {floats, 1}, {floats + 1}, {Math.max(1, floats - 1)},
                        {floats, 0}, {-floats}, {Integer.MAX_VALUE, Integer.MAX_VALUE}, {1 << 16, 1 << 16}};
                    tensor.set("shape", JSON.valueToTree(shapes[choice % shapes.length]));
                }
                case 4 -> tensor.set("name", List.of(value(choice), JSON.getNodeFactory().textNode(
                        List.of("parameter/", "optimizer/x", "", "optimizer/generator/", "parameter/new",
                                tensors.get((choice + 1) % tensors.size()).get("name").asText()).get(choice % 6)))
                        .get(choice % 2));
                case 5 -> tensors.remove(choice % tensors.size());
                case 6 -> tensors.add(tensor.deepCopy());
                case 7 -> { // two tensors swap places: sizes shift against the payload
                    int other = (choice / 7) % tensors.size();
                    JsonNode a = tensors.get(choice % tensors.size());
                    tensors.set(choice % tensors.size(), tensors.get(other));
                    tensors.set(other, a);
                }
                case 8 -> ((ObjectNode) header.get("random")).set(choice % 2 == 0 ? "noise" : "extra", value(choice / 2));
                case 9 -> header.set(List.of("experiment", "random", "tensors").get(choice % 3), value(choice / 3));
                case 10 -> headerText = List.of("", "{", "[]", "null", "{}{}", "{\"iteration\": 1, \"iteration\": 2}",
                        "[".repeat(5000) + "]".repeat(5000), "{\"a\":" + "[".repeat(2000) + "]".repeat(2000) + "}",
                        new String(payload, StandardCharsets.ISO_8859_1)).get(choice % 9);
                case 11 -> lengthField = List.of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, 64 << 20,
                        (64 << 20) + 1, payloadStart - 17, payloadStart - 15, valid.length).get(choice % 10);
                case 12 -> version = List.of(0, 2, -1, Integer.MAX_VALUE).get(choice % 4);
                default -> payload = Arrays.copyOf(payload, Math.max(0, payload.length + (size % 9) - 4));
            }
            byte[] h = headerText != null ? headerText.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(header);
            ByteBuffer buf = ByteBuffer.allocate(16 + h.length + payload.length).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(CheckpointFiles.MAGIC).putInt(version).putInt(lengthField != null ? lengthField : h.length).put(h)
                    .put(payload);
            return seal(buf.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code content} followed by its SHA-256, as a writer that tells the truth about the bytes would. */
    private static byte[] seal(byte[] content) {
        try {
            byte[] sealed = Arrays.copyOf(content, content.length + 32);
            System.arraycopy(MessageDigest.getInstance("SHA-256").digest(content), 0, sealed, content.length, 32);
            return sealed;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
