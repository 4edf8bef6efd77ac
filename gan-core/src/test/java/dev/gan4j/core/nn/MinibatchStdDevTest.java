package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.TrainingSetup;
import dev.gan4j.core.TestBackends;
import dev.gan4j.testkit.GradientCheck;
import dev.gan4j.testkit.LayerConformance;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Minibatch standard deviation: hand-computed values, exact gradients, the kit's checks, and its errors. */
class MinibatchStdDevTest {

    private static final BuiltInLayerTypes.MinibatchStdDevType TYPE = new BuiltInLayerTypes.MinibatchStdDevType();

    /**
     * Inputs whose group members differ by at least 0.15 in every feature: a standard deviation has
     * a kink where a group's values meet (for two samples it is {@code |a − b| / 2}), and a central
     * difference across it reads neither side's slope.
     */
    private static final BiConsumer<SeededRandom, float[]> APART = (random, x) -> {
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.25 * (i % 17) + 0.01 * i + 0.1 * random.nextDouble());
        }
    };

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    private static Function<Backend, Layer> layer(int groupSize, int... inputShape) {
        return b -> TYPE.create(new MinibatchStdDevConfig(groupSize),
                new LayerContext(b, inputShape, new SeededRandom(1), "D.5"));
    }

    private static ForwardContext context(Mode mode) {
        return new ForwardContext(mode, new SeededRandom(3));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void appendsEachConsecutiveGroupsMeanStandardDeviation(Backend b) {
        // 4 samples of 2 features in groups of 2: samples 0 and 1 form group 0, 2 and 3 group 1
        float[] x = {1, 10, 3, 14, 5, 0, 5, 4};
        Layer mbstd = layer(2, 2).apply(b);
        for (Mode mode : Mode.values()) {
            float[] y = mbstd.forward(b.fromArray(x, 4, 2), context(mode), mbstd.newCache()).toArray();
            float group0 = (float) ((Math.sqrt(1 + 1e-8) + Math.sqrt(4 + 1e-8)) / 2); // sd of {1,3} and {10,14}
            float group1 = (float) ((Math.sqrt(0 + 1e-8) + Math.sqrt(4 + 1e-8)) / 2); // sd of {5,5} and {0,4}
            assertArrayEquals(new float[] {1, 10, group0, 3, 14, group0, 5, 0, group1, 5, 4, group1}, y, 1e-6f,
                    mode.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void fillsAWholeExtraChannelOfAnImage(Backend b) {
        // 2 samples of [1, 1, 2], one group: the features' sds are |1-3|/2 = 1 and |2-8|/2 = 3, mean 2
        Layer mbstd = layer(4, 1, 1, 2).apply(b);
        assertArrayEquals(new int[] {2, 1, 2}, mbstd.outputShape());
        var y = mbstd.forward(b.fromArray(new float[] {1, 2, 3, 8}, 2, 1, 1, 2), context(Mode.TRAIN),
                mbstd.newCache());
        assertArrayEquals(new int[] {2, 2, 1, 2}, y.shape());
        assertArrayEquals(new float[] {1, 2, 2, 2, 3, 8, 2, 2}, y.toArray(), 1e-6f);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void theStatisticsGradientReachesEveryMemberOfItsGroupOnly(Backend b) {
        // one feature, groups {1, 3} and {5, 9}; only sample 0's statistic gets a gradient, 1:
        // d statistic0 / d x = (x − μ) / (F · g · sd) = ±1 / (1 · 2 · 1) for group 0, 0 for group 1
        Layer mbstd = layer(2, 1).apply(b);
        LayerCache cache = mbstd.newCache();
        mbstd.forward(b.fromArray(new float[] {1, 3, 5, 9}, 4, 1), context(Mode.TRAIN), cache);
        float[] up = {0.5f, 1, 0.25f, 0, 7, 0, -2, 0};
        float[] dx = mbstd.backward(b.fromArray(up, 4, 2), cache, null).toArray();
        assertArrayEquals(new float[] {0.5f - 0.5f, 0.25f + 0.5f, 7, -2}, dx, 1e-6f);
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gradientsMatchFiniteDifferences(Backend b) {
        for (Mode mode : Mode.values()) {
            // real groups: 8 samples in groups of 2 and of 4, images and flat features
            GradientCheck.of(layer(2, 2, 2, 3).apply(b), b).named("image, groups of 2").batchSize(8).mode(mode)
                    .inputs(APART).check();
            GradientCheck.of(layer(4, 5).apply(b), b).named("flat, groups of 4").batchSize(8).mode(mode)
                    .inputs(APART).check();
            // a batch smaller than the group is one group
            GradientCheck.of(layer(4, 3).apply(b), b).named("flat, one group of 3").batchSize(3).mode(mode)
                    .inputs(APART).check();
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void conformsToTheKit(Backend b) {
        // the kit runs batches of 4 and 9, which no group size above 1 divides both of: a group
        // larger than either makes each batch one group; the gradient check covers real groups
        LayerConformance.of(layer(16, 2, 2, 3)).named("image").inputs(APART).check(b);
        LayerConformance.of(layer(16, 5)).named("flat").inputs(APART).check(b);
    }

    @Test
    void givesTheSameValuesOnEveryBackend() {
        List<Backend> backends = TestBackends.all().toList();
        assertTrue(backends.size() > 1, "both backends are test dependencies: " + backends);
        LayerConformance.of(layer(16, 2, 2, 3)).inputs(APART).checkSameOutputs(backends.get(0), backends.get(1));
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aBatchTheGroupsDoNotDivideIsRefusedNamingTheLayer(Backend b) {
        Layer mbstd = layer(4, 3).apply(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mbstd.forward(b.zeros(6, 3), context(Mode.EVAL), mbstd.newCache()));
        assertEquals("D.5 (minibatch-stddev): groupSize 4 does not divide the batch of 6 into groups of 4: use a "
                + "group size that divides every batch (e.g. 3)", e.getMessage());
    }

    @Test
    void plansOneMoreChannel() {
        ShapeBackend image = new ShapeBackend();
        LayerPlan plan = LayerPlan.measure(layer(4, 8, 4, 4).apply(image), image);
        assertArrayEquals(new int[] {9, 4, 4}, plan.outputShape());
        assertEquals(0, plan.trainableValues());
        // a group size of 3 plans too, though the planning batches of 4 are no whole groups
        ShapeBackend shapes = new ShapeBackend();
        assertArrayEquals(new int[] {6}, LayerPlan.measure(layer(3, 5).apply(shapes), shapes).outputShape());
    }

    @Test
    void refusesOtherInputRanksAndGroupSizes() {
        Backend b = TestBackends.any();
        IllegalArgumentException rank = assertThrows(IllegalArgumentException.class,
                () -> new MinibatchStdDev(b, "D.5", new int[] {4, 4}, 4));
        assertTrue(rank.getMessage().startsWith("D.5 (minibatch-stddev): needs an image [C, H, W] or flat features"),
                rank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MinibatchStdDev(b, "D.5", new int[] {4}, 0));
        assertThrows(IllegalArgumentException.class, () -> new MinibatchStdDevConfig(0));
    }

    @Test
    void validateRefusesAGroupSizeThatDoesNotDivideTheBatches() {
        int[] in = {8, 7, 7};
        TYPE.validate(new MinibatchStdDevConfig(4), in, setup(64, 128));
        TYPE.validate(new MinibatchStdDevConfig(100), in, setup(64, 64)); // one group per batch
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevConfig(5), in, setup(64, 128)));
        assertEquals("groupSize 5 does not divide the batch size 64 into groups of 5: use a group size that divides "
                + "every batch (e.g. 4)", batch.getMessage());
        IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
                () -> TYPE.validate(new MinibatchStdDevConfig(8), in, setup(64, 100)));
        assertTrue(samples.getMessage().startsWith("groupSize 8 does not divide samplesPerIteration 100"),
                samples.getMessage());
    }

    private static TrainingSetup setup(int batchSize, int samplesPerIteration) {
        return new TrainingSetup("discriminator", batchSize, samplesPerIteration, 0, new int[] {1, 28, 28}, 100);
    }
}
