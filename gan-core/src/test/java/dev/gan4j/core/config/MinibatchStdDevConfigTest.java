package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.MinibatchStdDevConfig;
import dev.gan4j.core.train.ArrayDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code minibatch-stddev} binds strictly from JSON, with its default, and is checked against the training. */
class MinibatchStdDevConfigTest {

    private static final String EXPERIMENT = """
            {"name": "mbstd", "seed": 7, "data": {"dataset": "array", "transform": "unit"}, "noise": {"dim": 4},
             "generator": [{"type": "dense", "units": 16}, {"type": "sigmoid"}],
             "discriminator": [
               {"type": "reshape", "shape": [1, 4, 4]},
               {"type": "conv2d", "filters": 2, "kernel": 3, "padding": 1},
               {"type": "minibatch-stddev"},
               {"type": "flatten"},
               {"type": "dense", "units": 1}
             ],
             "loss": {"type": "non-saturating"},
             "optimizers": {"discriminator": {"type": "adam", "learningRate": 0.01},
                            "generator": {"type": "adam", "learningRate": 0.01}},
             "training": {"iterations": 2, "samplesPerIteration": 16, "batchSize": 8}}
            """;

    private final ExperimentLoader loader = ExperimentLoader.create();

    private ExperimentConfig parse(String... overrides) {
        return loader.parse(EXPERIMENT, "mbstd.json", List.of(overrides));
    }

    @Test
    void bindsWithAGroupOfFourByDefault() {
        assertEquals(new MinibatchStdDevConfig(4), parse().discriminator().get(2));
        assertEquals(new MinibatchStdDevConfig(2), parse("discriminator[2].groupSize=2").discriminator().get(2));
        assertEquals(new MinibatchStdDevConfig(8), loader.parse(loader.toJson(parse("discriminator[2].groupSize=8")),
                "config.json", List.of()).discriminator().get(2), "round trip through config.json");
    }

    @Test
    void refusesABadGroupSizeOrAnUnknownFieldAtItsPath() {
        ExperimentException zero = assertThrows(ExperimentException.class, () -> parse("discriminator[2].groupSize=0"));
        assertEquals("$.discriminator[2].groupSize", zero.path(), zero.getMessage());
        assertTrue(zero.getMessage().contains("groupSize must be at least 1, got 0"), zero.getMessage());
        ExperimentException unknown = assertThrows(ExperimentException.class,
                () -> parse("discriminator[2]={\"type\": \"minibatch-stddev\", \"group\": 4}"));
        assertTrue(unknown.getMessage().contains("group"), unknown.getMessage());
    }

    @Test
    void aGroupSizeThatDoesNotDivideTheBatchIsRefusedBeforeTraining() {
        ExperimentException e = assertThrows(ExperimentException.class, () -> create(parse(
                "discriminator[2].groupSize=3")));
        assertEquals("$.discriminator[2]", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("minibatch-stddev: groupSize 3 does not divide the batch size 8"),
                e.getMessage());
        create(parse()).close();
    }

    private static GanExperiment create(ExperimentConfig config) {
        float[] values = new float[64 * 16];
        new SeededRandom(99).fillUniform(values, 0, 1);
        return GanExperiment.create(config, new ArrayDataset(values, new int[64], 16, 0, 64), TestBackends.any(),
                LayerRegistry.discover());
    }
}
