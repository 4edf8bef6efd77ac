package dev.gan4j.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import dev.gan4j.core.config.TypeRegistries;
import dev.gan4j.core.nn.Gradients;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each optimiser against a plain-Java double-precision reference, on every backend. */
class OptimizerTest {

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static float[] random(long seed, int n) {
        float[] a = new float[n];
        new SeededRandom(seed).fillUniform(a, -1, 1);
        return a;
    }

    /** Runs 3 steps with gradients g1, g2, g3 on a weight and a bias; returns their final values. */
    static float[][] run(Backend b, Optimizer opt, float[] w0, float[] b0, float[][] gw, float[][] gb) {
        Parameter w = new Parameter("L.weight", Parameter.Kind.WEIGHT, b.fromArray(w0, 2, 3));
        Parameter bias = new Parameter("L.bias", Parameter.Kind.BIAS, b.fromArray(b0, 3));
        Gradients grads = new Gradients(b, List.of(w, bias));
        for (int s = 0; s < gw.length; s++) {
            grads.zero();
            grads.gradient(w).copyFrom(gw[s]);
            grads.gradient(bias).copyFrom(gb[s]);
            opt.step(List.of(w, bias), grads);
        }
        return new float[][] {w.value().toArray(), bias.value().toArray()};
    }

    interface Reference {
        /** Updates {@code w} in place from {@code g} at step {@code t} (1-based); {@code state} per parameter. */
        void step(double[] w, float[] g, double[][] state, int t, boolean weight);
    }

    static void check(Backend b, Optimizer opt, Reference ref) {
        float[] w0 = random(1, 6);
        float[] b0 = random(2, 3);
        float[][] gw = {random(3, 6), random(4, 6), random(5, 6)};
        float[][] gb = {random(6, 3), random(7, 3), random(8, 3)};
        float[][] got = run(b, opt, w0, b0, gw, gb);
        double[] w = toDouble(w0);
        double[] bias = toDouble(b0);
        double[][] sw = new double[3][6];
        double[][] sb = new double[3][3];
        for (int t = 1; t <= 3; t++) {
            ref.step(w, gw[t - 1], sw, t, true);
            ref.step(bias, gb[t - 1], sb, t, false);
        }
        for (int i = 0; i < 6; i++) {
            assertEquals(w[i], got[0][i], 1e-5, "weight " + i);
        }
        for (int i = 0; i < 3; i++) {
            assertEquals(bias[i], got[1][i], 1e-5, "bias " + i);
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void sgdUpdatesLikeDeepLearnToolbox(Backend b) {
        double lr = 2, m = 0.5, l2 = 1e-2;
        check(b, new SgdConfig(lr, m, l2).create(b), (w, g, s, t, weight) -> {
            for (int i = 0; i < w.length; i++) {
                // v = m·v + lr·(g + λw) for weights, no λw for biases; w −= v
                s[0][i] = m * s[0][i] + lr * (g[i] + (weight ? l2 * w[i] : 0));
                w[i] -= s[0][i];
            }
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void adamMatchesPyTorchsFormula(Backend b) {
        double lr = 1e-2, b1 = 0.5, b2 = 0.999, eps = 1e-8, wd = 1e-2;
        check(b, new AdamConfig(lr, b1, b2, eps, wd).create(b), (w, g, s, t, weight) -> {
            for (int i = 0; i < w.length; i++) {
                double gi = g[i] + (weight ? wd * w[i] : 0);
                s[0][i] = b1 * s[0][i] + (1 - b1) * gi;
                s[1][i] = b2 * s[1][i] + (1 - b2) * gi * gi;
                double mHat = s[0][i] / (1 - Math.pow(b1, t));
                double vHat = s[1][i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mHat / (Math.sqrt(vHat) + eps);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void rmsPropMatchesPyTorchsFormula(Backend b) {
        double lr = 1e-2, alpha = 0.9, eps = 1e-8;
        check(b, new RmsPropConfig(lr, alpha, eps, 0).create(b), (w, g, s, t, weight) -> {
            for (int i = 0; i < w.length; i++) {
                s[0][i] = alpha * s[0][i] + (1 - alpha) * g[i] * g[i];
                w[i] -= lr * g[i] / (Math.sqrt(s[0][i]) + eps);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("backends")
    void exportedStateResumesToTheSameNumbers(Backend b) {
        // through the registered types, as an experiment makes them
        TypeRegistries types = TypeRegistries.discover();
        for (OptimizerConfig config : List.of(new SgdConfig(0.1, 0.9, 1e-3), new AdamConfig(1e-2, 0.5, 0.999, 1e-8, 0),
                new RmsPropConfig(1e-2, 0.99, 1e-8, 0))) {
            float[] w0 = random(1, 6);
            float[] b0 = random(2, 3);
            float[][] gw = {random(3, 6), random(4, 6), random(5, 6)};
            float[][] gb = {random(6, 3), random(7, 3), random(8, 3)};
            Optimizer straight = types.optimizer(config, b);
            float[][] expected = run(b, straight, w0, b0, gw, gb);

            Optimizer first = types.optimizer(config, b);
            float[][] mid = run(b, first, w0, b0, new float[][] {gw[0], gw[1]}, new float[][] {gb[0], gb[1]});
            Map<String, float[]> saved = first.exportState();
            Optimizer resumed = types.optimizer(config, b);
            resumed.importState(saved);
            float[][] got = run(b, resumed, mid[0], mid[1], new float[][] {gw[2]}, new float[][] {gb[2]});
            assertArrayEquals(expected[0], got[0], config + " weights after resume");
            assertArrayEquals(expected[1], got[1], config + " biases after resume");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void unknownStateIsRefusedByName(Backend b) {
        Optimizer adam = new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0).create(b);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> adam.importState(Map.of("bogus", new float[1])));
        assertEquals("unknown Adam state entry 'bogus'", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void settingTheLearningRateTakesEffect(Backend b) {
        Optimizer sgd = new SgdConfig(1.0, 0, 0).create(b);
        sgd.setLearningRate(0.5);
        assertEquals(0.5, sgd.learningRate(), 0);
        float[][] out = run(b, sgd, new float[6], new float[3], new float[][] {{1, 1, 1, 1, 1, 1}},
                new float[][] {{1, 1, 1}});
        assertEquals(-0.5f, out[0][0]);
    }
}
