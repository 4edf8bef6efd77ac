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
 *   "formatVersion": 2,
 *   "architecture": {"judge": "cnn", "channels": 1, "height": 28, "width": 28, "filters": [16, 32],
 *                    "features": 128, "leakySlope": 0.2, "classes": 10},
 *   "provenance": {"data": "mnist/test", "dataSha256": {"t10k-images-idx3-ubyte.gz": "…"}, …,
 *                  "heldOutAccuracy": 0.96, …},
 *   "parameters": [
 *     {"id": "C.0.weight", "shape": [32, 1, 3, 3], "float32le": "<base64>"},
 *     …
 *   ]
 * }
 * }</pre>
 *
 * <p>Each parameter's values are its row-major float32 elements, little-endian, base64-encoded
 * (RFC 4648). Every parameter of the architecture must be present exactly once with its exact
 * shape. Not Java serialisation: any language can read the file.
 *
 * <p>{@code architecture.judge} names the kind of network, {@code cnn} ({@link CnnArchitecture})
 * or {@code mlp} ({@link MlpArchitecture}, e.g.
 * {@code {"judge": "mlp", "inputSize": 784, "hidden": [256, 128], "leakySlope": 0.2, "classes": 10}});
 * the other fields are that record's components. Version 1 files, written before there was a
 * choice, have no {@code judge} and are perceptrons; they load as {@code mlp} classifiers.
 */
final class ClassifierFile {

    static final String FORMAT = "gan4j-evaluation-classifier";
    static final int FORMAT_VERSION = 2;
    /** The version before judges: perceptrons only, no {@code architecture.judge}. */
    static final int FORMAT_VERSION_MLP_ONLY = 1;

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
        ObjectNode architecture = root.putObject("architecture");
        architecture.put("judge", classifier.architecture().judge().id());
        architecture.setAll((ObjectNode) json.valueToTree(classifier.architecture()));
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
        if (version == null || !version.isInt()
                || version.intValue() != FORMAT_VERSION && version.intValue() != FORMAT_VERSION_MLP_ONLY) {
            throw new IOException(file + ": $.formatVersion is " + version + ", this gan4j reads versions "
                    + FORMAT_VERSION_MLP_ONLY + " and " + FORMAT_VERSION);
        }
        ClassifierArchitecture architecture = architecture(file, json, root, version.intValue());
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

    /** The architecture, of the record its {@code judge} names (version 1: always a perceptron). */
    private static ClassifierArchitecture architecture(Path file, ObjectMapper json, JsonNode root, int version)
            throws IOException {
        JsonNode node = root.get("architecture");
        if (node == null || !node.isObject()) {
            throw new IOException(file + ": $.architecture must be an object");
        }
        Judge judge = Judge.MLP;
        if (version != FORMAT_VERSION_MLP_ONLY) {
            String name = text(file, node, "judge", "$.architecture");
            try {
                judge = Judge.of(name);
            } catch (IllegalArgumentException e) {
                throw new IOException(file + ": $.architecture.judge: " + e.getMessage(), e);
            }
        }
        ObjectNode fields = ((ObjectNode) node).deepCopy();
        fields.remove("judge");
        Class<? extends ClassifierArchitecture> type = judge == Judge.CNN ? CnnArchitecture.class
                : MlpArchitecture.class;
        return bindObject(file, json, fields, "architecture", type);
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
        return bindObject(file, json, (ObjectNode) node, field, type);
    }

    /** {@code node}, the object at {@code $.field}, as a {@code type}. */
    private static <T> T bindObject(Path file, ObjectMapper json, ObjectNode node, String field, Class<T> type)
            throws IOException {
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
