package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.loss.LogitLoss;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.AvgPool2dConfig;
import dev.gan4j.core.nn.BatchNorm2dConfig;
import dev.gan4j.core.nn.Conv2dConfig;
import dev.gan4j.core.nn.ConvTranspose2dConfig;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.FlattenConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LabelChannelsConfig;
import dev.gan4j.core.nn.LayerPlan;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.nn.ModelShapeException;
import dev.gan4j.core.nn.ReshapeConfig;
import dev.gan4j.core.nn.Sequential;
import dev.gan4j.core.nn.UpsampleConfig;
import dev.gan4j.core.optim.AdamConfig;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small DCGAN-shaped models of every image layer on {@code [1, 7, 7]} images: they plan what they
 * build, shape errors name the layer and both shapes, and a conditional one trains under the
 * freeze-and-share loop with label channels in the discriminator, called alone and inside the
 * stacked generator→discriminator.
 */
class ImageGanTest {

    static final int NOISE = 4;
    static final int CLASSES = 3;
    static final int[] IMAGE = {1, 7, 7};
    static final LayerRegistry REGISTRY = LayerRegistry.discover();

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    /** noise (+ label) → dense → [4, 2, 2] → up to 7×7 by a transposed convolution with output padding. */
    static List<LayerConfig> generator() {
        return List.of(new DenseConfig(4 * 2 * 2, Initializer.DCGAN, false), new ReshapeConfig(List.of(4, 2, 2)),
                new BatchNorm2dConfig(0.1, 1e-5), new ActivationConfigs.Relu(), new UpsampleConfig(2),
                new ConvTranspose2dConfig(1, 3, 2, 1, 0, true, Initializer.DCGAN), new ActivationConfigs.Sigmoid());
    }

    static List<LayerConfig> discriminator(int classes) {
        List<LayerConfig> body = List.of(new Conv2dConfig(3, 3, 2, 1, true, Initializer.DCGAN),
                new BatchNorm2dConfig(0.1, 1e-5), new ActivationConfigs.LeakyRelu(0.2f),
                new AvgPool2dConfig(2, 1, 0), new FlattenConfig(), new DenseConfig(1, Initializer.DCGAN, true));
        if (classes == 0) {
            return body;
        }
        List<LayerConfig> conditional = new java.util.ArrayList<>();
        conditional.add(new LabelChannelsConfig(classes, List.of(1, 7, 7)));
        conditional.addAll(body);
        return conditional;
    }

    static ArrayDataset images(int classes) {
        int n = 40;
        float[] v = new float[n * 49];
        new SeededRandom(98).fillUniform(v, 0, 1);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = classes > 0 ? i % classes : 0;
        }
        return new ArrayDataset(v, labels, IMAGE, classes, 16);
    }

    static AdversarialTrainer trainer(Backend b, int classes) {
        GanModel model = GanModel.build(b, generator(), discriminator(classes), NOISE, IMAGE, classes,
                new SeededRandom(5).fork("init"), REGISTRY);
        return new AdversarialTrainer(model, new LogitLoss(true),
                ScheduledOptimizer.constant(new AdamConfig(2e-3, 0.5, 0.999, 1e-8, 0).create(b)),
                ScheduledOptimizer.constant(new AdamConfig(2e-3, 0.5, 0.999, 1e-8, 0).create(b)),
                new TrainingConfig(4, 8, 4, 1, 1, false, 1.0, 0, 0),
                new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0), images(classes),
                new SeededRandom(5));
    }

    @Test
    void everyImageLayerPlansWhatItBuilds() {
        for (int classes : new int[] {0, CLASSES}) {
            ModelPlan plan = GanModel.plan(generator(), discriminator(classes), NOISE, IMAGE, classes, REGISTRY);
            try (Backend b = TestBackends.any()) {
                GanModel model = GanModel.build(b, generator(), discriminator(classes), NOISE, IMAGE, classes,
                        new SeededRandom(1), REGISTRY);
                for (String network : List.of("generator", "discriminator")) {
                    Sequential built = (Sequential) (network.equals("generator") ? model.generator()
                            : model.discriminator()).layer();
                    List<LayerPlan> planned = plan.network(network);
                    for (int i = 0; i < planned.size(); i++) {
                        LayerPlan measured = LayerPlan.of(built.layers().get(i));
                        String where = network + "[" + i + "]";
                        assertArrayEquals(measured.inputShape(), planned.get(i).inputShape(), where);
                        assertArrayEquals(measured.outputShape(), planned.get(i).outputShape(), where);
                        assertEquals(measured.trainableValues(), planned.get(i).trainableValues(), where);
                        assertEquals(measured.bufferValues(), planned.get(i).bufferValues(), where);
                    }
                }
            }
            assertArrayEquals(new int[] {1, 7, 7}, plan.generator().get(5).outputShape());
            assertArrayEquals(new int[] {3, 3, 3}, plan.discriminator().get(classes > 0 ? 4 : 3).outputShape());
            assertEquals(3 * (1 + classes) * 3 * 3 + 3, plan.discriminator().get(classes > 0 ? 1 : 0).trainableValues(),
                    "conv2d weights [3, C, 3, 3] over the image and label channels, and 3 biases");
        }
    }

    @Test
    void shapeErrorsNameTheLayerItsTypeAndBothShapes() {
        List<LayerConfig> d = discriminator(0);
        List<LayerConfig> shortG = new java.util.ArrayList<>(generator());
        shortG.set(5, new ConvTranspose2dConfig(1, 2, 2, 0, 0, true, Initializer.DCGAN));
        ModelShapeException wrong = assertThrows(ModelShapeException.class,
                () -> GanModel.plan(shortG, d, NOISE, IMAGE, 0, REGISTRY));
        assertEquals("$.generator[5]", wrong.jsonPath());
        assertEquals("conv-transpose2d makes [1, 8, 8] but the data's samples are [1, 7, 7]", wrong.getMessage());
        try (Backend b = TestBackends.any()) {
            ModelShapeException built = assertThrows(ModelShapeException.class,
                    () -> GanModel.build(b, shortG, d, NOISE, IMAGE, 0, new SeededRandom(1), REGISTRY));
            assertEquals(wrong.jsonPath(), built.jsonPath());
            assertEquals(wrong.getMessage(), built.getMessage());
        }

        // the data's shape, from a reshape or a convolution; the same size in another shape is not
        List<LayerConfig> channels = List.of(new DenseConfig(49, Initializer.DCGAN, true),
                new ReshapeConfig(List.of(1, 7, 7)), new Conv2dConfig(1, 1, 1, 0, true, Initializer.DCGAN));
        assertArrayEquals(IMAGE, GanModel.plan(channels, d, NOISE, IMAGE, 0, REGISTRY).generator().get(2).outputShape());
        ModelShapeException other = assertThrows(ModelShapeException.class, () -> GanModel.plan(List.of(
                new DenseConfig(49, Initializer.DCGAN, true), new ReshapeConfig(List.of(7, 7, 1)), new ActivationConfigs.Tanh()),
                d, NOISE, IMAGE, 0, REGISTRY));
        assertEquals("$.generator[1]", other.jsonPath());
        assertEquals("reshape makes [7, 7, 1] but the data's samples are [1, 7, 7]", other.getMessage());
        ModelShapeException moved = assertThrows(ModelShapeException.class, () -> GanModel.plan(
                List.of(new DenseConfig(49, Initializer.DCGAN, true)), List.of(new ReshapeConfig(List.of(7, 7, 1)),
                        new Conv2dConfig(2, 8, 1, 0, true, Initializer.DCGAN)), NOISE, IMAGE, 0, REGISTRY));
        assertEquals("$.discriminator[1]", moved.jsonPath());
        assertEquals("conv2d: a 8x8 kernel with padding 0 does not fit the input [7, 7, 1]", moved.getMessage());

        ModelShapeException reshape = assertThrows(ModelShapeException.class, () -> GanModel.plan(
                List.of(new DenseConfig(18, Initializer.DCGAN, true), new ReshapeConfig(List.of(2, 3, 4))), d,
                NOISE, IMAGE, 0, REGISTRY));
        assertEquals("$.generator[1]", reshape.jsonPath());
        assertEquals("reshape: shape [2, 3, 4] holds 24 values but the input [18] has 18", reshape.getMessage());

        ModelShapeException flat = assertThrows(ModelShapeException.class, () -> GanModel.plan(
                List.of(new DenseConfig(49, Initializer.DCGAN, true), new Conv2dConfig(1, 1, 1, 0, true,
                        Initializer.DCGAN)), d, NOISE, IMAGE, 0, REGISTRY));
        assertEquals("$.generator[1]", flat.jsonPath());
        assertTrue(flat.getMessage().startsWith("conv2d: needs an image input [C, H, W], got [49]; put a reshape"),
                flat.getMessage());

        ModelShapeException labels = assertThrows(ModelShapeException.class, () -> GanModel.plan(generator(),
                discriminator(2), NOISE, IMAGE, CLASSES, REGISTRY));
        assertEquals("$.discriminator[0]", labels.jsonPath());
        assertEquals("label-channels: takes the [1, 7, 7] image and 2 one-hot classes (51 values) but its input "
                + "[52] has 52", labels.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aConditionalImageGanTrainsWithTheDiscriminatorFrozenInTheGeneratorStep(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        AdversarialTrainer t = trainer(b, CLASSES);
        List<float[]> g0 = FreezeAndShareTest.snapshot(t.model().generator().trainableParameters());
        for (int i = 0; i < 3; i++) {
            t.discriminatorRound();
            List<float[]> d = FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters());
            t.generatorEpoch();
            FreezeAndShareTest.assertBitIdentical(d,
                    FreezeAndShareTest.snapshot(t.model().discriminator().trainableParameters()), "D across a G step");
        }
        assertTrue(FreezeAndShareTest.changed(g0, FreezeAndShareTest.snapshot(t.model().generator()
                .trainableParameters())), "G trains through D's label channels and convolutions");
        for (int i = 0; i < 5; i++) {
            IterationStats stats = t.step();
            assertTrue(Double.isFinite(stats.dLoss()) && Double.isFinite(stats.gLoss()),
                    stats.toString());
        }
        for (Parameter p : t.model().parameters()) {
            for (float v : p.value().toArray()) {
                assertTrue(Float.isFinite(v), p.id());
            }
        }
    }

    @Test
    void anUnconditionalImageGanTrainsOnEveryBackendAlike() {
        List<Backend> all = TestBackends.all().filter(TestBackends::convolves).toList();
        assumeTrue(all.size() > 1, "one backend runs the convolution ops");
        double[][] losses = new double[all.size()][];
        for (int k = 0; k < all.size(); k++) {
            AdversarialTrainer t = trainer(all.get(k), 0);
            losses[k] = new double[6];
            for (int i = 0; i < 3; i++) {
                IterationStats s = t.step();
                losses[k][2 * i] = s.dLoss();
                losses[k][2 * i + 1] = s.gLoss();
            }
        }
        for (int k = 1; k < all.size(); k++) {
            assertArrayEquals(losses[0], losses[k], 1e-3, all.get(0).name() + " vs " + all.get(k).name());
        }
    }

    /** As {@link AllocationTest}: after warm-up an iteration allocates only its statistics, label channels included. */
    @ParameterizedTest
    @MethodSource("backends")
    void anIterationAllocatesAlmostNothing(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        long opBytes = TestBackends.convolutionOpBytes(b);
        assumeTrue(opBytes == 0, b.name() + "'s convolution ops allocate " + opBytes + " bytes per call themselves");
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (int classes : new int[] {0, CLASSES}) {
            AdversarialTrainer t = trainer(b, classes);
            for (int i = 0; i < 200; i++) {
                t.step();
            }
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 5; round++) {
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < 50; i++) {
                    t.step();
                }
                least = Math.min(least, (threads.getCurrentThreadAllocatedBytes() - before) / 50);
            }
            assertTrue(least <= 256, "an iteration allocated " + least + " bytes (classes " + classes + ")");
        }
    }
}
