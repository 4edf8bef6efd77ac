package dev.gan4j.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Backends;
import dev.gan4j.api.Default;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.GanExperiment;
import dev.gan4j.core.nn.Activation;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.train.ArrayDataset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A layer type checks its configuration against the training before anything is built, as
 * minibatch standard deviation must (its group size has to divide every batch): the objection is an
 * error at the layer's JSON path, raised where {@code gan validate} raises it.
 */
class LayerValidationTest {

    public record GroupedConfig(@Default("4") int groupSize) implements LayerConfig {
    }

    /** Records the setups it was asked about; refuses a group size that does not divide the batches. */
    public static final class GroupedType implements LayerType<GroupedConfig> {
        final List<TrainingSetup> seen = new ArrayList<>();

        @Override
        public String name() {
            return "grouped";
        }

        @Override
        public Class<GroupedConfig> configClass() {
            return GroupedConfig.class;
        }

        @Override
        public Layer create(GroupedConfig config, LayerContext context) {
            return new Activation(context.backend(), UnaryOp.IDENTITY, 0f, context.inputShape());
        }

        @Override
        public void validate(GroupedConfig config, int[] inputShape, TrainingSetup setup) {
            seen.add(setup);
            for (int rows : new int[] {setup.batchSize(), setup.samplesPerIteration()}) {
                if (rows % config.groupSize() != 0) {
                    throw new IllegalArgumentException("groupSize " + config.groupSize() + " does not divide the "
                            + rows + "-row batches the " + setup.network() + " sees");
                }
            }
        }
    }

    /** A loss that needs batches of at least 16 rows (say, for a batch statistic of its own). */
    public record PickyConfig() implements dev.gan4j.api.LossConfig {
    }

    /** Registers {@code "picky"}, a squared error that refuses small batches in {@code validate}. */
    public static final class PickyLossType implements dev.gan4j.api.LossType<PickyConfig> {
        @Override
        public String name() {
            return "picky";
        }

        @Override
        public Class<PickyConfig> configClass() {
            return PickyConfig.class;
        }

        @Override
        public dev.gan4j.api.GanLoss create(PickyConfig config) {
            return new dev.gan4j.core.loss.SquaredErrorLoss();
        }

        @Override
        public void validate(PickyConfig config, TrainingSetup setup) {
            if (setup.batchSize() < 16) {
                throw new IllegalArgumentException("needs batches of at least 16 rows, got " + setup.batchSize());
            }
        }
    }

    private static final String SMALL = """
            {
              "name": "small", "seed": 7,
              "data": {"dataset": "array", "transform": "unit"},
              "noise": {"dim": 4},
              "generator": [{"type": "dense", "units": 16}, {"type": "sigmoid"}],
              "discriminator": [{"type": "dense", "units": 8}, {"type": "grouped", "groupSize": GROUP},
                                {"type": "dense", "units": 1}],
              "loss": {"type": "non-saturating"},
              "optimizers": {"discriminator": {"type": "adam", "learningRate": 0.01},
                             "generator": {"type": "adam", "learningRate": 0.01}},
              "training": {"iterations": 2, "samplesPerIteration": 16, "batchSize": 8}
            }
            """;

    private final GroupedType grouped = new GroupedType();
    private final LayerRegistry layers;

    LayerValidationTest() {
        List<LayerType<?>> types = new ArrayList<>(LayerRegistry.discover().types());
        types.add(grouped);
        layers = LayerRegistry.of(types);
    }

    private GanExperiment create(int group) {
        ExperimentConfig config = ExperimentLoader.create(layers).parse(SMALL.replace("GROUP",
                Integer.toString(group)), "small.json", List.of());
        SeededRandom r = new SeededRandom(99);
        float[] values = new float[64 * 16];
        r.fillUniform(values, 0, 1);
        Backend backend = Backends.discover().select("ejml").create(Map.of());
        return GanExperiment.create(config, new ArrayDataset(values, new int[64], 16, 0, 64), backend, layers);
    }

    @Test
    void aLayerThatDoesNotFitTheTrainingIsRefusedAtItsPath() {
        ExperimentException e = assertThrows(ExperimentException.class, () -> create(5));
        assertEquals("$.discriminator[1]", e.path(), e.getMessage());
        assertTrue(e.getMessage().contains("grouped: groupSize 5 does not divide the 8-row batches the "
                + "discriminator sees"), e.getMessage());
    }

    @Test
    void aLossIsAskedToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        // registered the way a plugin's loss would be: a services file on the context class loader
        java.nio.file.Path services = java.nio.file.Files.createDirectories(tmp.resolve("META-INF/services"));
        java.nio.file.Files.writeString(services.resolve("dev.gan4j.api.LossType"), PickyLossType.class.getName());
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {tmp.toUri().toURL()},
                before)) {
            thread.setContextClassLoader(loader);
            String json = SMALL.replace("GROUP", "4").replace("\"non-saturating\"", "\"picky\"");
            ExperimentConfig config = ExperimentLoader.create(layers).parse(json, "small.json", List.of());
            SeededRandom r = new SeededRandom(99);
            float[] values = new float[64 * 16];
            r.fillUniform(values, 0, 1);
            ExperimentException e = assertThrows(ExperimentException.class, () -> GanExperiment.create(config,
                    new ArrayDataset(values, new int[64], 16, 0, 64), Backends.discover().select("ejml")
                            .create(Map.of()), layers));
            assertEquals("$.loss", e.path(), e.getMessage());
            assertTrue(e.getMessage().contains("picky: needs batches of at least 16 rows, got 8"), e.getMessage());
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void aLayerThatFitsIsAskedWithTheTrainingItWillSee() {
        try (GanExperiment gan = create(4)) {
            gan.step();
        }
        TrainingSetup setup = grouped.seen.get(0);
        assertEquals(new TrainingSetup("discriminator", 8, 16, 0, new int[] {16}, 4), setup);
    }
}
