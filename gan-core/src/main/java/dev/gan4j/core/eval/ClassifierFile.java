package dev.gan4j.core.eval;

import dev.gan4j.core.io.AtomicFiles;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved form of an {@link EvaluationClassifier}: one UTF-8 JSON object,
 *
 * <pre>{@code
 * {
 *   "format": "gan4j-evaluation-classifier",
 *   "formatVersion": 1,
 *   "architecture": {"inputSize": 784, "hidden": [256, 128], "leakySlope": 0.2, "classes": 10},
 *   "provenance": {"data": "mnist/test", "dataSha256": {"t10k-images-idx3-ubyte.gz": "…"}, …,
 *                  "heldOutAccuracy": 0.96, …},
 *   "parameters": [
 *     {"id": "C.0.weight", "shape": [784, 256], "float32le": "<base64>"},
 *     …
 *   ]
 * }
 * }</pre>
 *
 * <p>Each parameter's values are its row-major float32 elements, little-endian, base64-encoded
 * (RFC 4648). Every parameter of the architecture must be present exactly once with its exact
 * shape. Not Java serialisation: any language can read the file.
 */
final class ClassifierFile {

    static final String FORMAT = "gan4j-evaluation-classifier";
    static final int FORMAT_VERSION = 1;

    private ClassifierFile() {
    }

    static void write(Path file, EvaluationClassifier classifier) throws IOException {
        if (classifier.provenance() == null) {
            throw new IllegalStateException("a classifier without provenance cannot be saved");
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.set("architecture", json.valueToTree(classifier.architecture()));
        root.set("provenance", json.valueToTree(classifier.provenance()));
        ArrayNode params = root.putArray("parameters");
        for (Parameter p : classifier.parameters()) {
            ObjectNode entry = params.addObject();
            entry.put("id", p.id());
            ArrayNode shape = entry.putArray("shape");
            for (int d : p.value().shape()) {
                shape.add(d);
            }
            float[] values = p.value().toArray();
            ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(values);
            entry.put("float32le", Base64.getEncoder().encodeToString(bytes.array()));
        }
        AtomicFiles.write(file, json.writeValueAsBytes(root));
    }

    static EvaluationClassifier read(Path file, Backend backend) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode root;
        try {
            root = json.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": not valid JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IOException(file + ": expected a JSON object at the top level");
        }
        String format = text(file, root, "format");
        if (!FORMAT.equals(format)) {
            throw new IOException(file + ": $.format is '" + format + "', expected '" + FORMAT + "'");
        }
        JsonNode version = root.get("formatVersion");
        if (version == null || !version.isInt() || version.intValue() != FORMAT_VERSION) {
            throw new IOException(file + ": $.formatVersion is " + version + ", this gan4j reads version "
                    + FORMAT_VERSION);
        }
        ClassifierArchitecture architecture = bind(file, json, root, "architecture", ClassifierArchitecture.class);
        ClassifierProvenance provenance = bind(file, json, root, "provenance", ClassifierProvenance.class);
        // the initial weights are overwritten below; the seed only has to be fixed
        EvaluationClassifier classifier = EvaluationClassifier.build(backend, architecture, new SeededRandom(0),
                provenance);
        JsonNode params = root.get("parameters");
        if (params == null || !params.isArray()) {
            throw new IOException(file + ": $.parameters must be an array");
        }
        Map<String, Parameter> expected = new HashMap<>();
        for (Parameter p : classifier.parameters()) {
            expected.put(p.id(), p);
        }
        for (int i = 0; i < params.size(); i++) {
            String path = "$.parameters[" + i + "]";
            JsonNode entry = params.get(i);
            String id = text(file, entry, "id", path);
            Parameter p = expected.remove(id);
            if (p == null) {
                throw new IOException(file + ": " + path + ".id '" + id + "' is not a parameter of "
                        + architecture + (isKnown(classifier.parameters(), id) ? " or appears twice" : ""));
            }
            int[] shape = shape(file, entry.get("shape"), path + ".shape");
            if (!Arrays.equals(shape, p.value().shape())) {
                throw new IOException(file + ": " + path + ".shape is " + Arrays.toString(shape) + ", expected "
                        + Arrays.toString(p.value().shape()) + " for " + id);
            }
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text(file, entry, "float32le", path));
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": " + path + ".float32le is not base64: " + e.getMessage(), e);
            }
            int size = p.value().size();
            if (bytes.length != size * Float.BYTES) {
                throw new IOException(file + ": " + path + ".float32le holds " + bytes.length + " bytes, expected "
                        + size + " floats = " + size * Float.BYTES + " bytes");
            }
            float[] values = new float[size];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            p.value().copyFrom(values);
        }
        if (!expected.isEmpty()) {
            throw new IOException(file + ": $.parameters lacks " + expected.keySet().stream().sorted().toList());
        }
        return classifier;
    }

    private static boolean isKnown(List<Parameter> parameters, String id) {
        return parameters.stream().anyMatch(p -> p.id().equals(id));
    }

    private static <T> T bind(Path file, ObjectMapper json, JsonNode root, String field, Class<T> type)
            throws IOException {
        JsonNode node = root.get(field);
        if (node == null || !node.isObject()) {
            throw new IOException(file + ": $." + field + " must be an object");
        }
        try {
            return json.treeToValue(node, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String detail = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            Throwable cause = e.getCause() != null && e.getCause() != e ? e.getCause() : null;
            throw new IOException(file + ": $." + field + " is invalid: "
                    + (cause instanceof IllegalArgumentException ? cause.getMessage() : detail), e);
        }
    }

    private static String text(Path file, JsonNode node, String field) throws IOException {
        return text(file, node, field, "$");
    }

    private static String text(Path file, JsonNode node, String field, String path) throws IOException {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IOException(file + ": " + path + "." + field + " must be a string");
        }
        return value.textValue();
    }

    private static int[] shape(Path file, JsonNode node, String path) throws IOException {
        if (node == null || !node.isArray()) {
            throw new IOException(file + ": " + path + " must be an array of sizes");
        }
        int[] shape = new int[node.size()];
        for (int i = 0; i < shape.length; i++) {
            if (!node.get(i).isInt()) {
                throw new IOException(file + ": " + path + "[" + i + "] must be an integer, got " + node.get(i));
            }
            shape[i] = node.get(i).intValue();
        }
        return shape;
    }
}
