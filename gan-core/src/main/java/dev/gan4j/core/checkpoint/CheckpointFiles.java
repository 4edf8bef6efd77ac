package dev.gan4j.core.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.core.io.AtomicFiles;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes {@link Checkpoint}s.
 *
 * <p>Format, version 1 (all integers little-endian):
 * <pre>
 *   offset 0      8 bytes   magic "GAN4JCKP"
 *   offset 8      u32       format version (1)
 *   offset 12     u32       header length H (at most 64 MiB)
 *   offset 16     H bytes   UTF-8 JSON header:
 *                           {"iteration": k, "experiment": {...} | null,
 *                            "random": {"noise": [s0, s1, s2, s3], ...},
 *                            "tensors": [{"name": "parameter/G.0.weight", "shape": [100, 784]}, ...]}
 *   offset 16+H   payload   each tensor of "tensors", in order, as float32 values
 *   last 32 bytes           SHA-256 of every byte before it
 * </pre>
 * Tensor names are {@code parameter/ID}, {@code optimizer/discriminator/KEY} and
 * {@code optimizer/generator/KEY}. Nothing in a file is executed: the reader parses JSON and
 * floats, checks the checksum before anything else, and checks that the sizes the header
 * declares are exactly the bytes present before allocating for them.
 *
 * <p>Writes go to a temporary file in the same directory, are forced to disk, then renamed over
 * the target, so a crash leaves either the old or the new checkpoint, never a torn one.
 */
public final class CheckpointFiles {

    static final byte[] MAGIC = "GAN4JCKP".getBytes(StandardCharsets.US_ASCII);
    static final int VERSION = 1;
    static final int MAX_HEADER = 64 << 20;
    static final int DIGEST = 32;
    /**
     * How many times its size a header's JSON tree may take in memory: a small value such as
     * {@code [1, 2, 3, 4]} becomes a node per number and a map entry per key, about twelve times
     * its bytes; the rest is margin for the strings read beside it.
     */
    static final int HEADER_TREE_FACTOR = 32;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Reads headers strictly: a duplicated key or text after the JSON is a lie, not something to guess at. */
    private static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final String PARAMETER = "parameter/";
    private static final String D_OPTIMIZER = "optimizer/discriminator/";
    private static final String G_OPTIMIZER = "optimizer/generator/";

    private CheckpointFiles() {
    }

    /** Writes {@code checkpoint} to {@code file} atomically. */
    public static void write(Checkpoint checkpoint, Path file) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.put("iteration", checkpoint.iteration());
        if (checkpoint.experimentJson() == null) {
            header.putNull("experiment");
        } else {
            header.set("experiment", JSON.readTree(checkpoint.experimentJson()));
        }
        ObjectNode random = header.putObject("random");
        checkpoint.random().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            ArrayNode a = random.putArray(e.getKey());
            for (long v : e.getValue()) {
                a.add(v);
            }
        });
        Map<String, float[]> tensors = new LinkedHashMap<>();
        Map<String, int[]> shapes = new LinkedHashMap<>();
        checkpoint.parameters().keySet().stream().sorted().forEach(id -> {
            tensors.put("parameter/" + id, checkpoint.parameters().get(id));
            shapes.put("parameter/" + id, checkpoint.parameterShapes().get(id));
        });
        checkpoint.discriminatorOptimizer().keySet().stream().sorted().forEach(k ->
                tensors.put("optimizer/discriminator/" + k, checkpoint.discriminatorOptimizer().get(k)));
        checkpoint.generatorOptimizer().keySet().stream().sorted().forEach(k ->
                tensors.put("optimizer/generator/" + k, checkpoint.generatorOptimizer().get(k)));
        ArrayNode list = header.putArray("tensors");
        long floats = 0;
        for (Map.Entry<String, float[]> e : tensors.entrySet()) {
            ObjectNode t = list.addObject();
            t.put("name", e.getKey());
            ArrayNode shape = t.putArray("shape");
            for (int d : shapes.getOrDefault(e.getKey(), new int[] {e.getValue().length})) {
                shape.add(d);
            }
            floats += e.getValue().length;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        long total = 16L + headerBytes.length + 4 * floats + DIGEST;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IOException("checkpoint of " + total + " bytes is larger than supported (2 GiB)");
        }
        // streamed through a small buffer: a whole-file buffer would be a second copy of the model
        AtomicFiles.write(file, out -> {
            MessageDigest digest = sha256();
            OutputStream content = new DigestOutputStream(out, digest);
            ByteBuffer buf = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
            buf.put(MAGIC).putInt(VERSION).putInt(headerBytes.length);
            drain(buf, content);
            content.write(headerBytes);
            for (float[] values : tensors.values()) {
                for (float v : values) {
                    if (buf.remaining() < Float.BYTES) {
                        drain(buf, content);
                    }
                    buf.putFloat(v);
                }
            }
            drain(buf, content);
            out.write(digest.digest());
        });
    }

    /** Writes what {@code buf} holds to {@code out} and empties it. */
    private static void drain(ByteBuffer buf, OutputStream out) throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /**
     * Reads and verifies a checkpoint.
     *
     * @throws CheckpointException naming the file and, where it applies, the byte offset, if the
     *     file is truncated, fails its checksum or is not a gan4j checkpoint
     */
    public static Checkpoint read(Path file) throws IOException {
        long size = Files.size(file);
        if (size < 16 + DIGEST) {
            throw new CheckpointException(file + ": not a gan4j checkpoint: only " + size + " bytes (truncated?)");
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new CheckpointException(file + ": " + size + " bytes is larger than any checkpoint gan4j writes");
        }
        long heap = Runtime.getRuntime().maxMemory();
        if (size > heap / 2) {
            // the bytes and the values parsed from them are both held while reading
            throw new CheckpointException(file + ": " + size + " bytes cannot be read into a Java heap of at most "
                    + heap + " bytes (twice the file is needed); raise -Xmx");
        }
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length != size) {
            throw new CheckpointException(file + ": changed while being read (" + size + " bytes, then "
                    + bytes.length + ")");
        }
        if (!Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new CheckpointException(file + ": not a gan4j checkpoint: bad magic at byte offset 0");
        }
        byte[] expected = Arrays.copyOfRange(bytes, bytes.length - DIGEST, bytes.length);
        if (!MessageDigest.isEqual(expected, sha256(bytes, bytes.length - DIGEST))) {
            throw new CheckpointException(file + ": checksum mismatch: the file is truncated or corrupted "
                    + "(SHA-256 stored at byte offset " + (bytes.length - DIGEST) + " does not match the content)");
        }
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.position(MAGIC.length);
        int version = buf.getInt();
        if (version != VERSION) {
            throw new CheckpointException(file + ": unsupported checkpoint format version " + version
                    + " at byte offset 8 (this gan4j reads version " + VERSION + ")");
        }
        int headerLength = buf.getInt();
        if (headerLength < 2 || headerLength > MAX_HEADER || 16L + headerLength > bytes.length - DIGEST) {
            throw new CheckpointException(file + ": header length " + headerLength + " at byte offset 12 does not fit"
                    + " a file of " + bytes.length + " bytes");
        }
        if ((long) headerLength * HEADER_TREE_FACTOR > heap) {
            // gan4j writes headers of a few kilobytes; one of megabytes is a list of absurd length
            throw new CheckpointException(file + ": header length " + headerLength + " at byte offset 12: parsing "
                    + "it needs about " + (long) headerLength * HEADER_TREE_FACTOR + " bytes, more than a Java heap of "
                    + "at most " + heap + " bytes; raise -Xmx");
        }
        JsonNode header;
        try {
            header = STRICT.readTree(new String(bytes, 16, headerLength, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new CheckpointException(file + ": header at byte offset 16 is not valid JSON: "
                    + String.valueOf(e.getOriginalMessage()).replaceAll(
                            "\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)]", "line $1, column $2 of the header"));
        }
        try {
            return parse(header, buf, 16 + headerLength, bytes.length - DIGEST);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + ": malformed checkpoint header at byte offset 16: " + e.getMessage(), e);
        }
    }

    private static Checkpoint parse(JsonNode header, ByteBuffer buf, int payloadStart, int payloadEnd)
            throws JsonProcessingException {
        if (header == null || !header.isObject()) {
            throw new IllegalArgumentException("expected a JSON object, got " + kind(header));
        }
        int iteration = integer(require(header, "iteration"), "iteration", 0, Integer.MAX_VALUE);
        JsonNode exp = header.get("experiment");
        if (exp != null && !exp.isNull() && !exp.isObject()) {
            throw new IllegalArgumentException("'experiment' must be an object or null, got " + kind(exp));
        }
        String experiment = exp == null || exp.isNull() ? null : JSON.writeValueAsString(exp);
        Map<String, long[]> random = new LinkedHashMap<>();
        JsonNode states = require(header, "random");
        if (!states.isObject()) {
            throw new IllegalArgumentException("'random' must be an object, got " + kind(states));
        }
        Iterator<Map.Entry<String, JsonNode>> it = states.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode state = e.getValue();
            if (!state.isArray() || state.size() != 4) {
                throw new IllegalArgumentException("random state '" + e.getKey() + "' must be 4 integers, got "
                        + kind(state));
            }
            long[] s = new long[4];
            for (int i = 0; i < 4; i++) {
                if (!state.get(i).isIntegralNumber() || !state.get(i).canConvertToLong()) {
                    throw new IllegalArgumentException("random state '" + e.getKey() + "' must be 4 64-bit integers, got "
                            + state.get(i));
                }
                s[i] = state.get(i).asLong();
            }
            random.put(e.getKey(), s);
        }
        JsonNode tensors = require(header, "tensors");
        if (!tensors.isArray()) {
            throw new IllegalArgumentException("'tensors' must be an array, got " + kind(tensors));
        }
        long available = (payloadEnd - payloadStart) / 4L;
        long declared = 0;
        String[] names = new String[tensors.size()];
        int[][] shapes = new int[tensors.size()][];
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < tensors.size(); i++) {
            JsonNode t = tensors.get(i);
            if (!t.isObject()) {
                throw new IllegalArgumentException("tensors[" + i + "] must be an object, got " + kind(t));
            }
            JsonNode name = require(t, "name");
            names[i] = name.isTextual() ? name.asText() : null;
            if (names[i] == null || !knownName(names[i])) {
                throw new IllegalArgumentException("tensors[" + i + "] has name " + name + "; expected \"" + PARAMETER
                        + "ID\", \"" + D_OPTIMIZER + "KEY\" or \"" + G_OPTIMIZER + "KEY\"");
            }
            if (!seen.add(names[i])) {
                throw new IllegalArgumentException("tensor '" + names[i] + "' is listed twice");
            }
            JsonNode shape = require(t, "shape");
            if (!shape.isArray() || shape.isEmpty()) {
                throw new IllegalArgumentException("tensor '" + names[i] + "' must have a shape of one or more "
                        + "dimensions, got " + shape);
            }
            shapes[i] = new int[shape.size()];
            long n = 1;
            for (int d = 0; d < shape.size(); d++) {
                shapes[i][d] = integer(shape.get(d), "a dimension of tensor '" + names[i] + "'", 1, Integer.MAX_VALUE);
                // n ≤ available < 2^30 before this step and a dimension < 2^31: no overflow
                n *= shapes[i][d];
                if (n > available) {
                    break;
                }
            }
            declared += n;
            if (declared > available) {
                throw new IllegalArgumentException("tensors declare more than the " + available
                        + " float values the payload holds");
            }
        }
        if (declared != available || (payloadEnd - payloadStart) % 4 != 0) {
            throw new IllegalArgumentException("tensors declare " + declared + " float values but the payload at byte "
                    + "offset " + payloadStart + " holds " + (payloadEnd - payloadStart) + " bytes");
        }
        Map<String, float[]> params = new LinkedHashMap<>();
        Map<String, int[]> paramShapes = new LinkedHashMap<>();
        Map<String, float[]> dOpt = new LinkedHashMap<>();
        Map<String, float[]> gOpt = new LinkedHashMap<>();
        buf.position(payloadStart);
        for (int i = 0; i < names.length; i++) {
            float[] values = new float[Arrays.stream(shapes[i]).reduce(1, (a, b) -> a * b)];
            for (int k = 0; k < values.length; k++) {
                values[k] = buf.getFloat();
            }
            if (names[i].startsWith(PARAMETER)) {
                params.put(names[i].substring(PARAMETER.length()), values);
                paramShapes.put(names[i].substring(PARAMETER.length()), shapes[i]);
            } else if (names[i].startsWith(D_OPTIMIZER)) {
                dOpt.put(names[i].substring(D_OPTIMIZER.length()), values);
            } else {
                gOpt.put(names[i].substring(G_OPTIMIZER.length()), values);
            }
        }
        return new Checkpoint(iteration, experiment, params, paramShapes, dOpt, gOpt, random);
    }

    /** Whether {@code name} is a tensor name the format defines, with a non-empty id or key. */
    private static boolean knownName(String name) {
        for (String prefix : new String[] {PARAMETER, D_OPTIMIZER, G_OPTIMIZER}) {
            if (name.startsWith(prefix)) {
                return name.length() > prefix.length();
            }
        }
        return false;
    }

    /** {@code node} as an int in {@code [min, max]}; a fraction, a string or an out-of-range number is refused. */
    private static int integer(JsonNode node, String what, int min, int max) {
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt() || node.asInt() < min
                || node.asInt() > max) {
            throw new IllegalArgumentException(what + " must be an integer from " + min + " to " + max + ", got "
                    + (node == null ? "nothing" : node.toString()));
        }
        return node.asInt();
    }

    private static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "'");
        }
        return v;
    }

    private static byte[] sha256(byte[] data, int length) {
        MessageDigest md = sha256();
        md.update(data, 0, length);
        return md.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
