package dev.gan4j.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.api.GanLoss;
import dev.gan4j.core.loss.Labels;
import dev.gan4j.core.loss.SquaredErrorLoss;
import dev.gan4j.core.nn.ActivationConfigs;
import dev.gan4j.core.nn.DenseConfig;
import dev.gan4j.core.nn.Initializer;
import dev.gan4j.core.nn.LayerRegistry;
import dev.gan4j.core.optim.SgdConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The freeze-and-share invariants of the adversarial loop, on every backend. */
class FreezeAndShareTest {

    static final int FEATURES = 6;
    static final int NOISE = 4;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static List<LayerConfig> generator() {
        return List.of(new DenseConfig(8, Initializer.XAVIER, true), new ActivationConfigs.LeakyRelu(0.2f),
                new DenseConfig(FEATURES, Initializer.XAVIER, true), new ActivationConfigs.Sigmoid());
    }

    static List<LayerConfig> discriminator() {
        return List.of(new DenseConfig(5, Initializer.TOOLBOX, true), new ActivationConfigs.Sigmoid(),
                new DenseConfig(1, Initializer.TOOLBOX, true), new ActivationConfigs.Sigmoid());
    }

    static ArrayDataset data(float value, int classes) {
        int n = 40;
        float[] v = new float[n * FEATURES];
        SeededRandom r = new SeededRandom(99);
        int[] labels = new int[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = value >= 0 ? value : r.nextFloat();
        }
        for (int i = 0; i < n; i++) {
            labels[i] = classes > 0 ? i % classes : 0;
        }
        return new ArrayDataset(v, labels, FEATURES, classes, 16);
    }

    static AdversarialTrainer trainer(Backend b, boolean mix, GanLoss loss, long seed, int classes) {
        GanModel model = GanModel.build(b, generator(), discriminator(), NOISE, new int[] {FEATURES}, classes,
                new SeededRandom(seed).fork("init"), LayerRegistry.discover());
        TrainingConfig training = new TrainingConfig(3, 8, 4, 1, 1, mix, 1.0, 0);
        NoiseConfig noise = new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.ROW_MINMAX,
                mix ? 30 : 0);
        return new AdversarialTrainer(model, loss, ScheduledOptimizer.constant(new SgdConfig(0.5, 0.5, 1e-4).create(b)),
                ScheduledOptimizer.constant(new SgdConfig(0.5, 0.5, 0).create(b)), training, noise, data(-1, classes), new SeededRandom(seed));
    }

    static List<float[]> snapshot(List<Parameter> params) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : params) {
            out.add(p.value().toArray());
        }
        return out;
    }

    static void assertBitIdentical(List<float[]> before, List<float[]> after, String what) {
        assertEquals(before.size(), after.size());
        for (int i = 0; i < before.size(); i++) {
            float[] a = before.get(i);
            float[] c = after.get(i);
            for (int j = 0; j < a.length; j++) {
                assertEquals(Float.floatToRawIntBits(a[j]), Float.floatToRawIntBits(c[j]), what + " param " + i + "[" + j + "]");
            }
        }
    }

    static boolean changed(List<float[]> before, List<float[]> after) {
        for (int i = 0; i < before.size(); i++) {
            if (!java.util.Arrays.equals(before.get(i), after.get(i))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void stackedModelHoldsTheVeryDiscriminatorObjects(Backend b) {
        GanModel model = trainer(b, true, new SquaredErrorLoss(), 1, 0).model();
        List<Parameter> d = model.discriminator().parameters();
        List<Parameter> stacked = model.stackedDiscriminator().parameters();
        assertEquals(d.size(), stacked.size());
        for (int i = 0; i < d.size(); i++) {
            assertSame(d.get(i), stacked.get(i), "parameter " + d.get(i).id());
            assertSame(d.get(i).value(), stacked.get(i).value());
        }
        // two call sites of one network: the same layer object, separate caches
        assertSame(model.discriminator().layer(), model.stackedDiscriminator().layer());
        assertSame(model.generator().layer(), model.stackedGenerator().layer());
        assertSame(model.generator().layer(), model.sampler().layer());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void generatorStepLeavesTheDiscriminatorBitIdentical(Backend b) {
        for (boolean mix : new boolean[] {true, false}) {
            for (int classes : new int[] {0, 3}) {
                AdversarialTrainer t = trainer(b, mix, new SquaredErrorLoss(), 2, classes);
                t.discriminatorRound();
                List<float[]> d = snapshot(t.model().discriminator().parameters());
                List<float[]> g = snapshot(t.model().generator().parameters());
                t.generatorEpoch();
                assertBitIdentical(d, snapshot(t.model().discriminator().parameters()), "D across a G step");
                assertTrue(changed(g, snapshot(t.model().generator().parameters())), "the G step trains G");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void discriminatorStepLeavesTheGeneratorBitIdentical(Backend b) {
        for (boolean mix : new boolean[] {true, false}) {
            for (int classes : new int[] {0, 3}) {
                AdversarialTrainer t = trainer(b, mix, new SquaredErrorLoss(), 3, classes);
                List<float[]> d = snapshot(t.model().discriminator().parameters());
                List<float[]> g = snapshot(t.model().generator().parameters());
                t.discriminatorRound();
                assertBitIdentical(g, snapshot(t.model().generator().parameters()), "G across a D step");
                assertTrue(changed(d, snapshot(t.model().discriminator().parameters())), "the D step trains D");
            }
        }
    }

    /** Records each D target with the mean of the sample it belongs to. */
    static final class SpyLoss implements GanLoss {
        final GanLoss inner = new SquaredErrorLoss();
        final List<float[]> seen = new ArrayList<>();
        int generatorCalls;

        @Override
        public double discriminator(float[] output, float[] target, int n, float[] grad) {
            for (int i = 0; i < n; i++) {
                seen.add(new float[] {output[i], target[i]});
            }
            return inner.discriminator(output, target, n, grad);
        }

        @Override
        public double generator(float[] output, int n, float[] grad) {
            generatorCalls++;
            return inner.generator(output, n, grad);
        }

        @Override
        public double score(float output) {
            return output;
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void realSamplesAreLabelledOneAndGeneratedOnesZero(Backend b) {
        for (boolean mix : new boolean[] {true, false}) {
            SpyLoss spy = new SpyLoss();
            // D = one linear unit computing the mean of its input; real data is all 5, G's sigmoid output is < 1
            List<LayerConfig> dLayers = List.of(new DenseConfig(1, Initializer.XAVIER, false));
            GanModel model = GanModel.build(b, generator(), dLayers, NOISE, new int[] {FEATURES}, 0,
                    new SeededRandom(4), LayerRegistry.discover());
            Parameter w = model.discriminator().parameters().get(0);
            float[] mean = new float[FEATURES];
            java.util.Arrays.fill(mean, 1f / FEATURES);
            w.value().copyFrom(mean);
            AdversarialTrainer t = new AdversarialTrainer(model, spy, ScheduledOptimizer.constant(new SgdConfig(1e-9, 0, 0).create(b)),
                    ScheduledOptimizer.constant(new SgdConfig(0.1, 0, 0).create(b)), new TrainingConfig(1, 8, 4, 1, 1, mix, 1.0, 0),
                    new NoiseConfig(NOISE, NoiseConfig.Distribution.NORMAL, NoiseConfig.Scaling.NONE, 0), data(5f, 0),
                    new SeededRandom(4));
            t.discriminatorRound();
            assertEquals(16, spy.seen.size());
            int real = 0;
            for (float[] s : spy.seen) {
                if (s[0] > 4f) {
                    assertEquals(Labels.REAL, s[1], "a real sample's target");
                    real++;
                } else {
                    assertEquals(Labels.FAKE, s[1], "a generated sample's target");
                }
            }
            assertEquals(8, real, "half the D samples are real");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void oneSeedGivesTheSameNumbers(Backend b) {
        List<double[]> first = new ArrayList<>();
        List<double[]> second = new ArrayList<>();
        trainer(b, true, new SquaredErrorLoss(), 7, 0).run((tr, s) -> first.add(figures(s)));
        trainer(b, true, new SquaredErrorLoss(), 7, 0).run((tr, s) -> second.add(figures(s)));
        assertEquals(3, first.size());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.get(i), second.get(i), "iteration " + (i + 1));
        }
        List<double[]> other = new ArrayList<>();
        trainer(b, true, new SquaredErrorLoss(), 8, 0).run((tr, s) -> other.add(figures(s)));
        assertFalse(java.util.Arrays.equals(first.get(0), other.get(0)), "another seed gives other numbers");
    }

    static double[] figures(IterationStats s) {
        return new double[] {s.iteration(), s.dLoss(), s.gLoss(), s.dReal(), s.dFake()};
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mismatchedShapesAreRefusedWithBothSizes(Backend b) {
        dev.gan4j.core.nn.ModelShapeException e = assertThrows(dev.gan4j.core.nn.ModelShapeException.class,
                () -> GanModel.build(b, List.of(new DenseConfig(5, Initializer.XAVIER, true)), discriminator(), NOISE,
                        new int[] {FEATURES}, 0, new SeededRandom(1), LayerRegistry.discover()));
        assertEquals("this layer makes the generator's output [5] = 5 values per sample, but the data's samples are "
                + "[6] = 6 values", e.getMessage());
        assertEquals("$.generator[0]", e.jsonPath());
    }
}
