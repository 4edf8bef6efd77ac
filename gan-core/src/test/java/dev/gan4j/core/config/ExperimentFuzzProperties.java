package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gan4j.api.fuzz.SmallHeapProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.statistics.StatisticsReport;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random mutations of the example experiments — deleted fields, values of the wrong type, huge
 * and non-finite numbers, deep nesting, duplicate keys, cut text — run by
 * {@link ExperimentFuzzTest} in a JVM of 96 MiB. Each must bind or end in a one-line
 * {@link ExperimentException} naming the file, never another exception (a Jackson or
 * {@link IllegalArgumentException} escaping, a {@link StackOverflowError}) and never an
 * {@link OutOfMemoryError}. How to run more tries: see {@link dev.gan4j.api.fuzz.SmallHeapProperties}
 * (the check that both outcomes are common needs a hundred tries or more).
 */
class ExperimentFuzzProperties {

    /** Keeps numbers as written, so 1e400 reaches the loader as 1e400, not as Infinity. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();
    /** Replacement values: wrong types, edges of every numeric range, non-finite spellings. */
    private static final List<String> VALUES = List.of("null", "true", "\"\"", "\"abc\"", "[]", "{}", "[1, 2]",
            "{\"type\": \"dense\"}", "0", "-1", "0.5", "-0.0", "1e308", "1e400", "-1e400", "2147483647",
            "2147483648", "9223372036854775808", "123456789012345678901234567890", "1e-400", "\"NaN\"",
            "\"Infinity\"", "\"1e9\"", "1000000000", "130000", "\"dense\"", "\"mnist\"", "\"../../etc/passwd\"");

    private static final ExperimentLoader LOADER = ExperimentLoader.create();
    private static List<ObjectNode> examples;
    private static Path dir;

    @BeforeContainer
    static void readExamples() throws IOException {
        dir = Files.createTempDirectory("gan4j-experiment-fuzz");
        examples = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("../gan-examples/experiments"))) {
            for (Path p : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                examples.add((ObjectNode) JSON.readTree(p.toFile()));
            }
        }
        assertTrue(examples.size() >= 4, "the example experiments: " + examples.size());
    }

    @AfterContainer
    static void removeFiles() throws IOException {
        SmallHeapProperties.deleteTree(dir);
    }

    /** An experiment's text and how it was made. */
    record Mutant(String description, String json) {
        @Override
        public String toString() {
            return description;
        }
    }

    @Property(seed = "1805")
    @StatisticsReport(StatisticsReport.StatisticsReportMode.OFF)
    void mutatedExperimentsBindOrFailCleanly(@ForAll("mutants") Mutant mutant) throws IOException {
        Path file = Files.writeString(dir.resolve("fuzz.json"), mutant.json());
        boolean bound = false;
        try {
            LOADER.read(file, List.of());
            bound = true;
        } catch (ExperimentException e) {
            String m = e.getMessage();
            assertTrue(m != null && m.startsWith(file.toString()), m);
            assertFalse(m.contains("\n"), m);
        } catch (OutOfMemoryError | StackOverflowError e) {
            throw new AssertionError("ExperimentLoader threw " + e + " on " + mutant, e);
        } catch (RuntimeException e) {
            throw new AssertionError("ExperimentLoader threw " + e + " on " + mutant, e);
        }
        Statistics.collect(bound);
        // both outcomes must be common, or one half of the oracle is never exercised
        Statistics.coverage(c -> {
            c.check(true).percentage(p -> p > 2);
            c.check(false).percentage(p -> p > 30);
        });
    }

    /** One of the examples with one to four mutations, each at a node chosen by number. */
    @Provide
    Arbitrary<Mutant> mutants() {
        Arbitrary<int[]> mutation = Combinators.combine(Arbitraries.integers().between(0, 6),
                Arbitraries.integers().between(0, Integer.MAX_VALUE), Arbitraries.integers().between(0, 1 << 16))
                .as((kind, where, what) -> new int[] {kind, where, what});
        return Combinators.combine(Arbitraries.integers().between(0, 100), mutation.list().ofMinSize(1).ofMaxSize(4))
                .as(ExperimentFuzzProperties::mutate);
    }

    private static Mutant mutate(int example, List<int[]> mutations) {
        ObjectNode root = examples.get(example % examples.size()).deepCopy();
        StringBuilder description = new StringBuilder("example " + example % examples.size());
        int cut = -1;
        for (int[] m : mutations) {
            List<JsonNode> containers = new ArrayList<>();
            collect(root, containers);
            ContainerNode<?> at = (ContainerNode<?>) containers.get(m[1] % containers.size());
            List<String> keys = new ArrayList<>();
            at.fieldNames().forEachRemaining(keys::add);
            int size = at.size();
            String where = at.isObject() ? (size == 0 ? "{}" : keys.get(m[2] % size)) : "[" + (size == 0 ? 0
                    : m[2] % size) + "]";
            description.append("; ");
            switch (m[0]) {
                case 0 -> { // delete a field or element
                    description.append("delete ").append(where);
                    remove(at, keys, m[2]);
                }
                case 1, 2 -> { // another value: wrong type or extreme number
                    String v = VALUES.get(m[2] % VALUES.size());
                    description.append("set ").append(where).append(" = ").append(v);
                    put(at, keys, m[2], parse(v));
                }
                case 3 -> { // deep nesting
                    int depth = List.of(10, 500, 999, 1001, 5000, 100_000).get(m[2] % 6);
                    description.append("nest ").append(depth).append(" deep at ").append(where);
                    put(at, keys, m[2], JSON.getNodeFactory().textNode("\u0000NEST" + depth));
                }
                case 4 -> { // a field added to an object
                    String name = List.of("units", "type", "extra", "seed", "").get(m[2] % 5);
                    description.append("add ").append(name);
                    if (at instanceof ObjectNode o) {
                        o.set(name + (o.has(name) ? "2" : ""), parse(VALUES.get(m[2] % VALUES.size())));
                    }
                }
                case 5 -> { // a duplicated key, written as text below
                    description.append("duplicate ").append(where);
                    if (at instanceof ObjectNode o && size > 0) {
                        o.set(keys.get(m[2] % size), JSON.getNodeFactory().textNode("\u0000DUP"
                                + o.get(keys.get(m[2] % size))));
                    }
                }
                default -> { // the text cut short
                    description.append("cut at ").append(m[2]);
                    cut = m[2];
                }
            }
        }
        String json = expand(root.toPrettyString());
        if (cut >= 0) {
            json = json.substring(0, cut % (json.length() + 1));
        }
        return new Mutant(description.toString(), json);
    }

    /** Writes the placeholders for what a tree cannot hold: deep nesting and duplicate keys. */
    private static String expand(String json) {
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int start = json.indexOf("\"\\u0000", at);
            if (start < 0) {
                return out.append(json, at, json.length()).toString();
            }
            int end = json.indexOf('"', start + 7);
            while (json.charAt(end - 1) == '\\') {
                end = json.indexOf('"', end + 1);
            }
            String marker = json.substring(start + 7, end);
            out.append(json, at, start);
            if (marker.startsWith("NEST")) {
                int depth = Integer.parseInt(marker.substring(4));
                out.append("[".repeat(depth)).append("]".repeat(depth));
            } else {
                // "key": "\u0000DUP<value>" becomes "key": <value>, "key": <value>
                int keyEnd = json.lastIndexOf('"', json.lastIndexOf(':', start) - 1);
                int keyStart = json.lastIndexOf('"', keyEnd - 1);
                String value = unescape(marker.substring(3));
                out.append(value).append(", ").append(json, keyStart, keyEnd + 1).append(": ").append(value);
            }
            at = end + 1;
        }
    }

    private static String unescape(String s) {
        try {
            return JSON.readTree("\"" + s + "\"").textValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collect(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (JsonNode child : node) {
                collect(child, into);
            }
        }
    }

    private static void remove(ContainerNode<?> at, List<String> keys, int which) {
        if (at.size() == 0) {
            return;
        }
        if (at instanceof ObjectNode o) {
            o.remove(keys.get(which % keys.size()));
        } else {
            ((ArrayNode) at).remove(which % at.size());
        }
    }

    private static void put(ContainerNode<?> at, List<String> keys, int which, JsonNode value) {
        if (at instanceof ObjectNode o) {
            o.set(keys.isEmpty() ? "x" : keys.get(which % keys.size()), value);
        } else if (at.size() == 0) {
            ((ArrayNode) at).add(value);
        } else {
            ((ArrayNode) at).set(which % at.size(), value);
        }
    }

    private static JsonNode parse(String v) {
        try {
            return JSON.readTree(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
