package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Default;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.nn.Activation;
import dev.gan4j.core.nn.LayerRegistry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A user's layer configuration written as a plain record, with no JSON library: {@link Default}
 * fills what the experiment leaves out, every other field is required, and every binding error
 * reads like the built-in ones (never Jackson's text).
 */
class PlainRecordConfigTest {

    /** As a user writes it: a plain record, one defaulted field, one required, one nested list. */
    public record ScaleConfig(@Default("0.5") float factor, int times, @Default("\"linear\"") String mode,
            @Default("[1, 2]") List<Integer> taps) implements LayerConfig {
    }

    /** Registers {@code "scale"}; the layer itself is an identity, only the binding is under test. */
    public static final class ScaleType implements LayerType<ScaleConfig> {
        @Override
        public String name() {
            return "scale";
        }

        @Override
        public Class<ScaleConfig> configClass() {
            return ScaleConfig.class;
        }

        @Override
        public Layer create(ScaleConfig config, LayerContext context) {
            return new Activation(context.backend(), UnaryOp.IDENTITY, 0f, context.inputShape());
        }
    }

    private final ExperimentLoader loader;

    PlainRecordConfigTest() {
        List<LayerType<?>> types = new ArrayList<>(LayerRegistry.discover().types());
        types.add(new ScaleType());
        loader = ExperimentLoader.create(LayerRegistry.of(types));
    }

    private static String withLayer(String layer) {
        return ExperimentLoaderTest.TUTORIAL.replace("{\"type\": \"sigmoid\"}\n  ],\n  \"discriminator\"",
                "{\"type\": \"sigmoid\"}, " + layer + "\n  ],\n  \"discriminator\"");
    }

    @Test
    void defaultsFillWhatTheExperimentLeavesOut() {
        String json = withLayer("{\"type\": \"scale\", \"times\": 3}");
        assertTrue(json.contains("\"scale\""), "the test must put the layer in: " + json);
        ExperimentConfig c = loader.parse(json, "exp.json", List.of());
        assertEquals(new ScaleConfig(0.5f, 3, "linear", List.of(1, 2)), c.generator().get(2));
        // what a run writes to config.json names every field, and reads back the same
        assertEquals(c, loader.parse(loader.toJson(c), "config.json", List.of()));
        ExperimentConfig given = loader.parse(withLayer("{\"type\": \"scale\", \"times\": 3, \"factor\": 2, "
                + "\"mode\": \"square\", \"taps\": []}"), "exp.json", List.of());
        assertEquals(new ScaleConfig(2f, 3, "square", List.of()), given.generator().get(2));
    }

    @Test
    void aRequiredFieldLeftOutIsNamedAtItsPath() {
        ExperimentException e = assertThrows(ExperimentException.class,
                () -> loader.parse(withLayer("{\"type\": \"scale\"}"), "exp.json", List.of()));
        assertTrue(e.getMessage().contains("$.generator[2].times: missing required field 'times'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("exp.json:"), e.getMessage());
        ExperimentException misspelt = assertThrows(ExperimentException.class,
                () -> loader.parse(withLayer("{\"type\": \"scale\", \"tims\": 3}"), "exp.json", List.of()));
        assertTrue(misspelt.getMessage().contains("$.generator[2].tims: unknown field 'tims'; did you mean 'times'? "
                + "(times is required)"), misspelt.getMessage());
    }

    @Test
    void wrongTypesAndUnknownFieldsReadLikeTheBuiltInOnes() {
        ExperimentException type = assertThrows(ExperimentException.class, () -> loader.parse(
                withLayer("{\"type\": \"scale\", \"times\": \"three\"}"), "exp.json", List.of()));
        assertTrue(type.getMessage().contains("$.generator[2].times: expected an integer, got \"three\""),
                type.getMessage());
        ExperimentException unknown = assertThrows(ExperimentException.class, () -> loader.parse(
                withLayer("{\"type\": \"scale\", \"times\": 3, \"colour\": 1}"), "exp.json", List.of()));
        assertTrue(unknown.getMessage().contains("$.generator[2].colour: unknown field 'colour'"),
                unknown.getMessage());
        for (ExperimentException e : List.of(type, unknown)) {
            assertTrue(!e.getMessage().contains("Cannot") && !e.getMessage().contains("DeserializationFeature"),
                    "no Jackson text: " + e.getMessage());
        }
    }
}
