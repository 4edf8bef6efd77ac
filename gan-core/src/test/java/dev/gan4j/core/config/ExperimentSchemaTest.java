package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gan4j.api.LayerType;
import dev.gan4j.core.nn.LayerRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The experiment schema describes what the loader binds: the same field names, required where
 * the loader requires them, the loader's enum spellings, and every registered type.
 */
class ExperimentSchemaTest {

    private final ExperimentLoader loader = ExperimentLoader.create();
    private final JsonNode schema = ExperimentSchema.generate(loader);

    private static Set<String> names(JsonNode object) {
        Set<String> out = new TreeSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.isNull() ? null : n.asText()));
        return out;
    }

    /** The branch of family {@code family} for type {@code name}. */
    private static JsonNode branch(JsonNode schema, String family, String name) {
        for (JsonNode b : schema.at("/$defs/" + family + "/oneOf")) {
            if (b.at("/properties/type/const").asText().equals(name)) {
                return b;
            }
        }
        throw new AssertionError("no " + family + " type '" + name + "' in the schema");
    }

    @Test
    void fieldsAreThoseAConfigJsonHas() throws Exception {
        JsonNode written = new ObjectMapper().readTree(loader.toJson(loader.parse(ExperimentLoaderTest.TUTORIAL,
                "exp.json", List.of())));
        Set<String> top = names(schema.get("properties"));
        assertTrue(top.remove(ExperimentSchema.SCHEMA_FIELD), "the schema names its own field");
        assertEquals(names(written), top);
        for (String record : List.of("data", "noise", "training", "output", "optimizers")) {
            assertEquals(names(written.get(record)), names(schema.at("/properties/" + record + "/properties")), record);
        }
        assertEquals(names(written.at("/output/divergence")),
                names(schema.at("/properties/output/properties/divergence/properties")));
        JsonNode sgd = written.at("/optimizers/discriminator");
        assertEquals(names(sgd), names(branch(schema, "optimizer", "sgd").get("properties")));
        // a dense layer without an activation leaves activation and slope out of config.json
        Set<String> dense = names(branch(schema, "layer", "dense").get("properties"));
        assertTrue(dense.containsAll(names(written.at("/generator/0"))), dense.toString());
    }

    @Test
    void requiredAsTheLoaderRequires() {
        assertEquals(List.of("name", "data", "noise", "generator", "discriminator", "loss", "optimizers", "training"),
                strings(schema.get("required")));
        assertEquals(List.of("iterations", "batchSize"), strings(schema.at("/properties/training/required")));
        assertEquals(List.of("type", "units"), strings(branch(schema, "layer", "dense").get("required")));
        assertEquals(List.of("type", "every", "factor"), strings(branch(schema, "schedule", "step").get("required")));
        // an optional field accepts the null the loader reads as "not given"; a required int does not
        assertEquals(List.of("integer", "null"), strings(schema.at("/properties/seed/type")));
        assertEquals("integer", schema.at("/properties/training/properties/iterations/type").asText());
        assertEquals(List.of("object", "null"), strings(schema.at("/properties/output/type")));
        assertEquals("object", schema.at("/properties/data/type").asText());
    }

    @Test
    void everyObjectIsClosedAndEnumsAreSpelledAsInJson() {
        assertFalse(schema.get("additionalProperties").asBoolean(true));
        assertFalse(schema.at("/properties/output/properties/divergence/additionalProperties").asBoolean(true));
        schema.at("/$defs").forEach(family -> family.get("oneOf")
                .forEach(b -> assertFalse(b.get("additionalProperties").asBoolean(true), b.toString())));
        assertEquals(java.util.Arrays.asList("unit", "symmetric", "row-minmax", null),
                strings(schema.at("/properties/data/properties/transform/enum")));
        assertEquals(java.util.Arrays.asList("none", "one-hot", null),
                strings(schema.at("/properties/conditioning/enum")));
        assertEquals("#/$defs/layer", schema.at("/properties/generator/items/$ref").asText());
        assertEquals(ExperimentSchema.DIALECT, schema.get("$schema").asText());
    }

    @Test
    void everyRegisteredTypeIsABranchAndEveryOptimiserTakesASchedule() {
        TypeRegistries types = loader.types();
        assertEquals(types.layers().names().stream().sorted().toList(), consts("layer"));
        assertEquals(types.optimizers().names().stream().sorted().toList(), consts("optimizer"));
        assertEquals(types.losses().names().stream().sorted().toList(), consts("loss"));
        assertEquals(types.schedules().names().stream().sorted().toList(), consts("schedule"));
        for (String optimizer : consts("optimizer")) {
            assertEquals("#/$defs/schedule", branch(schema, "optimizer", optimizer)
                    .at("/properties/schedule/oneOf/0/$ref").asText(), optimizer);
        }
    }

    private List<String> consts(String family) {
        List<String> out = new ArrayList<>();
        schema.at("/$defs/" + family + "/oneOf").forEach(b -> out.add(b.at("/properties/type/const").asText()));
        return out;
    }

    @Test
    void aPlainRecordRequiresWhatHasNoDefaultAndShowsTheDefaults() {
        List<LayerType<?>> layers = new ArrayList<>(LayerRegistry.discover().types());
        layers.add(new PlainRecordConfigTest.ScaleType());
        JsonNode withScale = ExperimentSchema.generate(ExperimentLoader.create(LayerRegistry.of(layers)));
        JsonNode scale = branch(withScale, "layer", "scale");
        assertEquals(List.of("type", "times"), strings(scale.get("required")));
        List<String> order = new ArrayList<>();
        scale.get("properties").fieldNames().forEachRemaining(order::add);
        assertEquals(List.of("type", "factor", "times", "mode", "taps"), order, "the record's order");
        assertEquals("number", scale.at("/properties/factor/type").asText());
        assertEquals(0.5, scale.at("/properties/factor/default").asDouble());
        assertEquals("linear", scale.at("/properties/mode/default").asText());
        assertEquals("[1,2]", scale.at("/properties/taps/default").toString());
        assertEquals("integer", scale.at("/properties/taps/items/type").asText());
        assertEquals("integer", scale.at("/properties/times/type").asText());
        assertEquals(consts("layer").size() + 1, withScale.at("/$defs/layer/oneOf").size());
    }

    @Test
    void printedAsIndentedJson() {
        String text = ExperimentSchema.toJson(loader);
        assertTrue(text.startsWith("{\n  \"$schema\": \"" + ExperimentSchema.DIALECT + "\",\n"), text);
        assertTrue(text.endsWith("}\n"));
    }
}
