package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.LayerType;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.ActivationFunction;
import dev.gan4j.core.nn.BatchNormConfig;
import dev.gan4j.core.nn.BuiltInLayerTypes;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.DropoutConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LabelEmbeddingConfig;
import dev.gan4j.core.nn.LayerPlan;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.ModelShapeException;
import dev.gan4j.core.nn.Sequential;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Planning a model on shapes gives what building it gives, and blames the right layer. */
class ModelPlanTest {

    private static final LayerRegistry REGISTRY = LayerRegistry.discover();

    @Test
    void everyBuiltInLayerPlansWhatItBuilds() {
        List<LayerConfig> layers = List.of(new LabelEmbeddingConfig(3, 5), new DenseConfig(12, Initializer.HE, true),
                new BatchNormConfig(0.1, 1e-5), new ActivationConfigs.LeakyRelu(0.2f), new DropoutConfig(0.3),
                new DenseConfig(7, Initializer.XAVIER, false), new ActivationConfigs.Tanh(),
                new ActivationConfigs.Relu(), new ActivationConfigs.Sigmoid());
        try (Backend b = TestBackends.any()) {
            List<LayerPlan> plans = Sequential.plan(layers, new int[] {9}, "G", REGISTRY);
            Sequential built = Sequential.build(layers, new int[] {9}, "G", b, new SeededRandom(1), REGISTRY);
            assertEquals(layers.size(), plans.size());
            for (int i = 0; i < plans.size(); i++) {
                LayerPlan planned = plans.get(i);
                LayerPlan measured = LayerPlan.of(built.layers().get(i));
                assertArrayEquals(measured.inputShape(), planned.inputShape(), "layer " + i);
                assertArrayEquals(measured.outputShape(), planned.outputShape(), "layer " + i);
                assertEquals(measured.trainableValues(), planned.trainableValues(), "layer " + i);
                assertEquals(measured.bufferValues(), planned.bufferValues(), "layer " + i);
            }
            // what each layer keeps per sample and per call site, measured: the counts gan-core's
            // layer types used to declare by hand (dropout's host copy of its mask is not a tensor)
            long[] perSample = {6 + 3 + 5 + 11 + 3 + 9, 12 + 11, 5 * 12, 2 * 12, 3 * 12, 7 + 12, 2 * 7, 2 * 7, 2 * 7};
            for (int i = 0; i < plans.size(); i++) {
                assertEquals(perSample[i], plans.get(i).cacheValuesPerSample(), "layer " + i);
                assertEquals(i == 2 ? 6 * 12 : 0, plans.get(i).cacheValuesPerCallSite(), "layer " + i);
            }
            assertEquals(3 * 5, plans.get(0).trainableValues());
            assertEquals(2 * 12, plans.get(2).trainableValues());
            assertEquals(2 * 12, plans.get(2).bufferValues());
            assertEquals(12 * 7, plans.get(5).trainableValues(), "no bias");
        }
    }

    @Test
    void aHugeLayerIsPlannedWithoutAllocatingIt() {
        // 1,000 × 2,000,000 weights: 8 GB if built, shapes when planned
        List<LayerPlan> plans = Sequential.plan(List.of(new DenseConfig(2_000_000, Initializer.XAVIER, true,
                ActivationFunction.TANH, null)), new int[] {1000}, "G", REGISTRY);
        assertEquals(2_000_000_000L + 2_000_000, plans.get(0).trainableValues());
        assertEquals(3 * 2_000_000 + 1000, plans.get(0).cacheValuesPerSample());
    }

    @Test
    void weightsBeyondOneTensorAreRefusedBeforeAllocating() {
        try (Backend b = TestBackends.any()) {
            List<LayerConfig> layers = List.of(new ActivationConfigs.Relu(),
                    new DenseConfig(2_000_000_000, Initializer.XAVIER, true));
            for (boolean plan : new boolean[] {true, false}) {
                ModelShapeException e = assertThrows(ModelShapeException.class, () -> {
                    if (plan) {
                        Sequential.plan(layers, new int[] {784}, "G", REGISTRY);
                    } else {
                        Sequential.build(layers, new int[] {784}, "G", b, new SeededRandom(1), REGISTRY);
                    }
                });
                assertEquals(1, e.layer());
                assertEquals("dense: the weights of 784 × 2,000,000,000 = 1,568,000,000,000 values are more than the "
                        + "2,147,483,639 one tensor can hold", e.getMessage());
            }
        }
    }

    @Test
    void shapeErrorsNameTheNetworkAndTheLayerThatSetsTheWrongSize() {
        try (Backend b = TestBackends.any()) {
            List<LayerConfig> d = List.of(new DenseConfig(8, Initializer.XAVIER, true), new ActivationConfigs.Relu(),
                    new DenseConfig(1, Initializer.XAVIER, true), new ActivationConfigs.Sigmoid());
            List<LayerConfig> g = List.of(new DenseConfig(8, Initializer.XAVIER, true), new ActivationConfigs.Relu(),
                    new DenseConfig(5, Initializer.XAVIER, true), new ActivationConfigs.Tanh());
            ModelShapeException e = assertThrows(ModelShapeException.class,
                    () -> GanModel.plan(g, d, 4, new int[] {6}, 0, REGISTRY));
            assertEquals("$.generator[2]", e.jsonPath());
            assertEquals("this layer makes the generator's output [5] = 5 values per sample, but the data's samples "
                    + "are [6] = 6 values", e.getMessage());

            List<LayerConfig> twoScores = new ArrayList<>(d);
            twoScores.set(2, new DenseConfig(2, Initializer.XAVIER, true));
            List<LayerConfig> g6 = List.of(new DenseConfig(6, Initializer.XAVIER, true));
            ModelShapeException two = assertThrows(ModelShapeException.class,
                    () -> GanModel.plan(g6, twoScores, 4, new int[] {6}, 0, REGISTRY));
            assertEquals("$.discriminator[2]", two.jsonPath());

            ModelShapeException none = assertThrows(ModelShapeException.class,
                    () -> GanModel.plan(g6, List.of(new ActivationConfigs.Sigmoid()), 4, new int[] {6}, 0, REGISTRY));
            assertEquals("$.discriminator", none.jsonPath());

            // a layer that cannot take its input: the conditional input is only 4 + 2 values wide
            ModelShapeException layer = assertThrows(ModelShapeException.class, () -> GanModel.plan(
                    List.of(new LabelEmbeddingConfig(10, 3), new DenseConfig(6, Initializer.XAVIER, true)), d, 4,
                    new int[] {6}, 2, REGISTRY));
            assertEquals("$.generator[0]", layer.jsonPath());
            assertTrue(layer.getMessage().startsWith("label-embedding with classes=10 needs"),
                    layer.getMessage());

            // the same blame when the model is built rather than planned
            ModelShapeException built = assertThrows(ModelShapeException.class,
                    () -> GanModel.build(b, g, d, 4, new int[] {6}, 0, new SeededRandom(1), REGISTRY));
            assertEquals(e.jsonPath(), built.jsonPath());
            assertEquals(e.getMessage(), built.getMessage());
        }
    }

    /** A layer type from "a user's jar": gan-core knows nothing of it but what {@link LayerType} says. */
    record ScaleConfig(int extra) implements LayerConfig {
    }

    static final class ScaleType implements LayerType<ScaleConfig> {
        final List<LayerContext> contexts = new ArrayList<>();

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
            contexts.add(context);
            if (config.extra() < 0) {
                throw new IllegalArgumentException(context.id() + ": extra must be >= 0");
            }
            return new BuiltInLayerTypes.DenseType().create(new DenseConfig(context.inputSize() + config.extra(),
                    Initializer.XAVIER, true), context);
        }
    }

    @Test
    void aUserLayerTypeIsPlannedByBuildingItOnceOnShapes() {
        ScaleType scale = new ScaleType();
        LayerRegistry registry = LayerRegistry.of(List.of(scale, new BuiltInLayerTypes.DenseType()));
        List<LayerPlan> plans = Sequential.plan(List.of(new ScaleConfig(2), new DenseConfig(1, Initializer.XAVIER,
                true)), new int[] {3}, "D", registry);
        assertEquals(1, scale.contexts.size());
        assertTrue(scale.contexts.get(0).planning());
        assertEquals("shapes", scale.contexts.get(0).backend().name());
        assertArrayEquals(new int[] {5}, plans.get(0).outputShape());
        assertEquals(3 * 5 + 5, plans.get(0).trainableValues());
        assertEquals(5 + 3, plans.get(0).cacheValuesPerSample(), "its output and input gradient");
        ModelShapeException e = assertThrows(ModelShapeException.class, () -> Sequential.plan(
                List.of(new DenseConfig(2, Initializer.XAVIER, true), new ScaleConfig(-1)), new int[] {3}, "D",
                registry));
        assertEquals(1, e.layer());
        assertEquals("scale: extra must be >= 0", e.getMessage());
    }

    /**
     * A user's layer keeping a scratch row of 7 values per call site and two tensors per sample,
     * and optionally producing a shape other than the one it declares.
     */
    record ScratchConfig(boolean lie) implements LayerConfig {
    }

    static final class ScratchType implements LayerType<ScratchConfig> {
        @Override
        public String name() {
            return "scratch";
        }

        @Override
        public Class<ScratchConfig> configClass() {
            return ScratchConfig.class;
        }

        @Override
        public Layer create(ScratchConfig config, LayerContext context) {
            Backend b = context.backend();
            int width = context.inputSize();
            return new Layer() {
                @Override
                public int[] inputShape() {
                    return new int[] {width};
                }

                @Override
                public int[] outputShape() {
                    return new int[] {width};
                }

                @Override
                public List<Parameter> parameters() {
                    return List.of();
                }

                @Override
                public LayerCache newCache() {
                    return new Tensors();
                }

                @Override
                public Tensor forward(Tensor input, ForwardContext c, LayerCache cache) {
                    Tensors t = (Tensors) cache;
                    t.scratch = b.zeros(7);
                    t.output = b.zeros(input.rows(), config.lie() ? width + 1 : width);
                    b.copy(input, t.output);
                    return t.output;
                }

                @Override
                public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
                    Tensors t = (Tensors) cache;
                    t.gradInput = b.zeros(gradOutput.rows(), width);
                    b.copy(gradOutput, t.gradInput);
                    return t.gradInput;
                }
            };
        }

        static final class Tensors implements LayerCache {
            Tensor scratch;
            Tensor output;
            Tensor gradInput;
        }
    }

    @Test
    void measuringTellsPerSampleFromPerCallSiteValuesAndCatchesAWrongOutputShape() {
        LayerRegistry registry = LayerRegistry.of(List.of(new ScratchType(), new BuiltInLayerTypes.DenseType()));
        LayerPlan plan = Sequential.plan(List.of(new ScratchConfig(false)), new int[] {4}, "G", registry).get(0);
        assertEquals(2 * 4, plan.cacheValuesPerSample());
        assertEquals(7, plan.cacheValuesPerCallSite());
        ModelShapeException e = assertThrows(ModelShapeException.class, () -> Sequential.plan(List.of(
                new DenseConfig(4, Initializer.XAVIER, true), new ScratchConfig(true)), new int[] {3}, "G", registry));
        assertEquals(1, e.layer());
        assertTrue(e.getMessage().startsWith("scratch: copy: [2, 4] and [2, 5] differ in size"), e.getMessage());
    }
}
