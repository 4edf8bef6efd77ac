package dev.gan4j.core.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Reads and repairs {@code metrics.jsonl} as {@link MetricsLog} and evaluators write it.
 *
 * <p>A line with {@code d_loss} is an iteration's training figures. Any other number on a line
 * (at its top level or one object down, e.g. {@code {"iteration": 500, "evaluation":
 * {"frechetDistance": 31.2}}}) is an evaluation figure of that iteration, named by its key.
 * {@code null} reads as NaN. A last line without its newline is a write cut short by a crash: it
 * is ignored, and {@link #truncateAfter} removes it.
 */
public final class MetricsFile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TRAINING_KEYS = Set.of("iteration", "d_loss", "g_loss", "d_real", "d_fake",
            "seconds");

    private MetricsFile() {
    }

    /**
     * Everything in {@code file}; a missing file is an empty history.
     *
     * @throws RunException naming the file, line and byte offset of a complete line that is not
     *     a metrics object
     */
    public static MetricsHistory read(Path file) throws IOException {
        MetricsHistory history = new MetricsHistory();
        Tail tail = new Tail(file);
        tail.poll(history);
        return history;
    }

    /**
     * Cuts {@code file} after the last line of an iteration at most {@code iteration} (and any
     * partial last line), and forces it to disk: what a resumed or rolled-back run does before it
     * appends the iterations after its checkpoint again.
     *
     * @return the last training iteration the file now holds (0 if none)
     * @throws RunException naming the line and byte offset if a complete line before the cut is
     *     not a metrics object
     */
    public static int truncateAfter(Path file, int iteration) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        byte[] bytes = Files.readAllBytes(file);
        int start = 0;
        int lineNumber = 1;
        int lastTraining = 0;
        long cut = 0;
        for (int nl = indexOf(bytes, start); nl >= 0; nl = indexOf(bytes, start), lineNumber++) {
            JsonNode node = parse(file, bytes, start, nl, lineNumber, 0);
            if (node != null) {
                int it = node.get("iteration").asInt();
                if (it > iteration) {
                    break;
                }
                if (node.has("d_loss")) {
                    lastTraining = it;
                }
            }
            start = nl + 1;
            cut = start;
        }
        if (cut < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(cut);
                ch.force(true);
            }
        }
        return lastTraining;
    }

    private static int indexOf(byte[] bytes, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The object on bytes {@code [start, end)}, {@code null} for a blank line; {@code base} is the
     * file offset of {@code bytes[0]}, for messages.
     */
    private static JsonNode parse(Path file, byte[] bytes, int start, int end, int lineNumber, long base) {
        String text = new String(bytes, start, end - start, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return null;
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new RunException(file + ": line " + lineNumber + " (byte offset " + (base + start) + ") is not valid JSON: "
                    + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject() || !node.path("iteration").canConvertToInt()
                || node.path("iteration").asInt() < 0) {
            throw new RunException(file + ": line " + lineNumber + " (byte offset " + (base + start)
                    + ") is not a metrics object with a non-negative \"iteration\"", null);
        }
        return node;
    }

    private static void addTo(MetricsHistory history, JsonNode node, Path file, int lineNumber) {
        int it = node.get("iteration").asInt();
        if (node.has("d_loss")) {
            if (it <= history.lastIteration() && history.size() > 0) {
                throw new RunException(file + ": line " + lineNumber + " has iteration " + it + " after iteration "
                        + history.lastIteration() + ": the file holds two runs' lines or was edited", null);
            }
            history.add(it, number(node.get("d_loss")), number(node.get("g_loss")), number(node.get("d_real")),
                    number(node.get("d_fake")));
        }
        if (node.path("judge").isTextual()) {
            history.evaluationJudge(node.get("judge").textValue());
        }
        forEachEvaluation(node, (name, value) -> history.addEvaluation(it, name, value));
    }

    /**
     * Calls {@code sink} with every evaluation figure of a metrics line: each number that is not a
     * training figure, at the top level or one object down.
     */
    static void forEachEvaluation(JsonNode node, BiConsumer<String, Double> sink) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            if (TRAINING_KEYS.contains(e.getKey())) {
                continue;
            }
            if (e.getValue().isNumber()) {
                sink.accept(e.getKey(), e.getValue().asDouble());
            } else if (e.getValue().isObject()) {
                e.getValue().fields().forEachRemaining(inner -> {
                    if (inner.getValue().isNumber()) {
                        sink.accept(inner.getKey(), inner.getValue().asDouble());
                    }
                });
            }
        }
    }

    /** A figure; {@code null} (how a non-finite value is written) and anything else not a number read as NaN. */
    static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    /**
     * Follows a metrics file as it grows: each {@link #poll} adds the complete lines written since
     * the last one. A run uses it to see the lines other listeners (evaluators) append.
     */
    public static final class Tail {
        private final Path file;
        private long position;
        private int lineNumber = 1;

        public Tail(Path file) {
            this.file = file;
        }

        /** Starts over from the beginning of the file (after it was cut). */
        public void reset() {
            position = 0;
            lineNumber = 1;
        }

        /**
         * Adds every complete line after the last poll to {@code history}.
         *
         * @return whether any line was added
         */
        public boolean poll(MetricsHistory history) throws IOException {
            byte[] bytes;
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                long size = ch.size();
                if (size <= position) {
                    return false;
                }
                if (size - position > Integer.MAX_VALUE - 8) {
                    throw new RunException(file + ": " + (size - position) + " bytes of metrics are more than gan4j "
                            + "reads at once", null);
                }
                ByteBuffer buf = ByteBuffer.allocate((int) (size - position));
                while (buf.hasRemaining() && ch.read(buf, position + buf.position()) >= 0) {
                    // read until full: a file only grows while it is followed
                }
                bytes = buf.array();
            } catch (NoSuchFileException e) {
                return false;
            }
            boolean added = false;
            int start = 0;
            for (int nl = indexOf(bytes, 0); nl >= 0; nl = indexOf(bytes, start)) {
                JsonNode node = parse(file, bytes, start, nl, lineNumber, position);
                if (node != null) {
                    addTo(history, node, file, lineNumber);
                    added = true;
                }
                lineNumber++;
                start = nl + 1;
            }
            position += start;
            return added;
        }
    }
}
