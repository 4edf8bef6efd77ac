package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.core.TestBackends;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Batch normalisation against a plain-Java double-precision reference of PyTorch's
 * {@code BatchNorm1d}, in train and eval mode, and with real and generated batches through one
 * layer, on every backend. (Finite-difference checks, and the frozen backward pass that gives the
 * same input gradient and touches no parameter, are in {@link LayerGradientTest}.)
 */
class BatchNormTest {

    static final int F = 4;
    static final double MOMENTUM = 0.1;
    static final double EPS = 1e-5;
    static final double TOL = 2e-5;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static ForwardContext train() {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(1));
    }

    static ForwardContext eval() {
        return new ForwardContext(Mode.EVAL, new SeededRandom(1));
    }

    static float[] uniform(long seed, int n, double lo, double hi) {
        float[] a = new float[n];
        new SeededRandom(seed).fillUniform(a, lo, hi);
        return a;
    }

    /** A layer with non-trivial γ and β. */
    static BatchNorm layer(Backend b) {
        BatchNorm bn = new BatchNorm(b, "D.1", new int[] {F}, MOMENTUM, EPS);
        bn.gamma().value().copyFrom(uniform(100, F, 0.5, 2));
        bn.beta().value().copyFrom(uniform(101, F, -1, 1));
        return bn;
    }

    /** Plain-Java batch norm of one batch with the given statistics (batch ones if {@code mean} is null). */
    static final class Reference {
        final int n;
        final double[] mean = new double[F];
        final double[] var = new double[F];
        final double[] xhat;
        final double[] y;
        final double[] gamma;

        Reference(float[] x, int n, float[] gamma, float[] beta, float[] runningMean, float[] runningVar) {
            this.n = n;
            this.gamma = toDouble(gamma);
            this.xhat = new double[n * F];
            this.y = new double[n * F];
            for (int j = 0; j < F; j++) {
                if (runningMean == null) {
                    double s = 0;
                    for (int i = 0; i < n; i++) {
                        s += x[i * F + j];
                    }
                    mean[j] = s / n;
                    double v = 0;
                    for (int i = 0; i < n; i++) {
                        v += (x[i * F + j] - mean[j]) * (x[i * F + j] - mean[j]);
                    }
                    var[j] = v / n;
                } else {
                    mean[j] = runningMean[j];
                    var[j] = runningVar[j];
                }
                for (int i = 0; i < n; i++) {
                    xhat[i * F + j] = (x[i * F + j] - mean[j]) / Math.sqrt(var[j] + EPS);
                    y[i * F + j] = gamma[j] * xhat[i * F + j] + beta[j];
                }
            }
        }

        /** dx, dγ, dβ for upstream {@code dy}; {@code batchStats} adds the terms through μ and σ². */
        double[][] backward(float[] dy, boolean batchStats) {
            double[] dx = new double[n * F];
            double[] dGamma = new double[F];
            double[] dBeta = new double[F];
            for (int j = 0; j < F; j++) {
                for (int i = 0; i < n; i++) {
                    dBeta[j] += dy[i * F + j];
                    dGamma[j] += dy[i * F + j] * xhat[i * F + j];
                }
                double k = gamma[j] / Math.sqrt(var[j] + EPS);
                for (int i = 0; i < n; i++) {
                    double g = dy[i * F + j];
                    if (batchStats) {
                        g -= dBeta[j] / n + xhat[i * F + j] * dGamma[j] / n;
                    }
                    dx[i * F + j] = k * g;
                }
            }
            return new double[][] {dx, dGamma, dBeta};
        }

        /** PyTorch's running-statistics update from this batch. */
        void updateRunning(double[] runningMean, double[] runningVar) {
            for (int j = 0; j < F; j++) {
                runningMean[j] = (1 - MOMENTUM) * runningMean[j] + MOMENTUM * mean[j];
                runningVar[j] = (1 - MOMENTUM) * runningVar[j] + MOMENTUM * var[j] * n / (n - 1);
            }
        }
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static void assertClose(double[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], TOL * Math.max(1, Math.abs(expected[i])), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainModeNormalisesWithBatchStatisticsAndUpdatesRunningOnes(Backend b) {
        BatchNorm bn = layer(b);
        int n = 6;
        float[] x = uniform(1, n * F, -3, 5);
        float[] dy = uniform(2, n * F, -1, 1);
        Reference ref = new Reference(x, n, bn.gamma().value().toArray(), bn.beta().value().toArray(), null, null);
        Gradients grads = new Gradients(b, bn.parameters());
        LayerCache cache = bn.newCache();
        assertClose(ref.y, bn.forward(b.fromArray(x, n, F), train(), cache).toArray(), "y");
        double[][] g = ref.backward(dy, true);
        assertClose(g[0], bn.backward(b.fromArray(dy, n, F), cache, grads).toArray(), "dx");
        assertClose(g[1], grads.gradient(bn.gamma()).toArray(), "dgamma");
        assertClose(g[2], grads.gradient(bn.beta()).toArray(), "dbeta");
        double[] rm = new double[F];
        double[] rv = {1, 1, 1, 1};
        ref.updateRunning(rm, rv);
        assertClose(rm, bn.runningMean().value().toArray(), "running mean");
        assertClose(rv, bn.runningVar().value().toArray(), "running variance (unbiased)");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void evalModeUsesRunningStatisticsAndLeavesThemAlone(Backend b) {
        BatchNorm bn = layer(b);
        float[] rm = uniform(3, F, -1, 1);
        float[] rv = uniform(4, F, 0.2, 3);
        bn.runningMean().value().copyFrom(rm);
        bn.runningVar().value().copyFrom(rv);
        int n = 5;
        float[] x = uniform(5, n * F, -2, 2);
        float[] dy = uniform(6, n * F, -1, 1);
        Reference ref = new Reference(x, n, bn.gamma().value().toArray(), bn.beta().value().toArray(), rm, rv);
        Gradients grads = new Gradients(b, bn.parameters());
        LayerCache cache = bn.newCache();
        assertClose(ref.y, bn.forward(b.fromArray(x, n, F), eval(), cache).toArray(), "y");
        double[][] g = ref.backward(dy, false);
        assertClose(g[0], bn.backward(b.fromArray(dy, n, F), cache, grads).toArray(), "dx");
        assertClose(g[1], grads.gradient(bn.gamma()).toArray(), "dgamma");
        assertClose(g[2], grads.gradient(bn.beta()).toArray(), "dbeta");
        assertArrayEquals(rm, bn.runningMean().value().toArray(), "eval leaves the running mean");
        assertArrayEquals(rv, bn.runningVar().value().toArray(), "eval leaves the running variance");
        float[] one = uniform(7, F, -1, 1);
        bn.forward(b.fromArray(one, 1, F), eval(), bn.newCache()); // a single sample is fine in eval mode
    }

    /**
     * A discriminator sees a real batch and a generated batch in separate passes: each must be
     * normalised with its own statistics and back-propagated through them, whether the passes
     * share a cache one after the other (the D step) or use two call sites (D and the stacked
     * G→D) interleaved.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void realAndGeneratedBatchesAreEachNormalisedByThemselves(Backend b) {
        int n = 4;
        float[] real = uniform(10, n * F, 0.5, 1.5);
        float[] fake = uniform(11, n * F, -4, -1);
        float[] dyReal = uniform(12, n * F, -1, 1);
        float[] dyFake = uniform(13, n * F, -1, 1);
        for (boolean twoCallSites : new boolean[] {false, true}) {
            BatchNorm bn = layer(b);
            float[] gamma = bn.gamma().value().toArray();
            float[] beta = bn.beta().value().toArray();
            Reference refReal = new Reference(real, n, gamma, beta, null, null);
            Reference refFake = new Reference(fake, n, gamma, beta, null, null);
            double[][] gReal = refReal.backward(dyReal, true);
            double[][] gFake = refFake.backward(dyFake, true);
            Gradients grads = new Gradients(b, bn.parameters());
            LayerCache first = bn.newCache();
            LayerCache second = twoCallSites ? bn.newCache() : first;
            String how = twoCallSites ? "two call sites: " : "one cache: ";
            float[] yReal = bn.forward(b.fromArray(real, n, F), train(), first).toArray();
            float[] dxReal;
            if (twoCallSites) {
                float[] yFake = bn.forward(b.fromArray(fake, n, F), train(), second).toArray();
                dxReal = bn.backward(b.fromArray(dyReal, n, F), first, grads).toArray();
                assertClose(refFake.y, yFake, how + "y fake");
            } else {
                dxReal = bn.backward(b.fromArray(dyReal, n, F), first, grads).toArray();
                assertClose(refFake.y, bn.forward(b.fromArray(fake, n, F), train(), second).toArray(), how + "y fake");
            }
            float[] dxFake = bn.backward(b.fromArray(dyFake, n, F), second, grads).toArray();
            assertClose(refReal.y, yReal, how + "y real");
            assertClose(gReal[0], dxReal, how + "dx real");
            assertClose(gFake[0], dxFake, how + "dx fake");
            double[] dGamma = new double[F];
            double[] dBeta = new double[F];
            for (int j = 0; j < F; j++) {
                dGamma[j] = gReal[1][j] + gFake[1][j];
                dBeta[j] = gReal[2][j] + gFake[2][j];
            }
            assertClose(dGamma, grads.gradient(bn.gamma()).toArray(), how + "dgamma accumulates over both passes");
            assertClose(dBeta, grads.gradient(bn.beta()).toArray(), how + "dbeta accumulates over both passes");
            double[] rm = new double[F];
            double[] rv = {1, 1, 1, 1};
            refReal.updateRunning(rm, rv);
            refFake.updateRunning(rm, rv);
            assertClose(rm, bn.runningMean().value().toArray(), how + "running mean after both passes");
            assertClose(rv, bn.runningVar().value().toArray(), how + "running variance after both passes");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void runningStatisticsAreBuffersNoOptimiserSees(Backend b) {
        BatchNorm bn = layer(b);
        assertEquals(List.of("D.1.gamma", "D.1.beta", "D.1.runningMean", "D.1.runningVar"),
                bn.parameters().stream().map(Parameter::id).toList());
        assertEquals(Parameter.Kind.BIAS, bn.gamma().kind(), "no L2 on gamma");
        assertEquals(Parameter.Kind.BIAS, bn.beta().kind());
        assertFalse(bn.runningMean().trainable());
        assertFalse(bn.runningVar().trainable());
        CallSite model = new CallSite(new Sequential(List.of(bn)));
        assertEquals(List.of(bn.gamma(), bn.beta()), model.trainableParameters());
        assertArrayEquals(new float[] {1, 1, 1, 1}, new BatchNorm(b, "x", new int[] {F}, 0.1, 1e-5).gamma().value()
                .toArray(), "gamma starts at 1");
        assertArrayEquals(new float[] {1, 1, 1, 1}, bn.runningVar().value().toArray(), "running variance starts at 1");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void badSettingsAndBatchesAreClearErrors(Backend b) {
        BatchNorm bn = layer(b);
        assertEquals("D.1: batch-norm needs at least 2 samples per batch in training mode to estimate a variance, "
                + "got a batch of 1", assertThrows(IllegalArgumentException.class,
                        () -> bn.forward(b.zeros(1, F), train(), bn.newCache())).getMessage());
        assertEquals("D.1.gamma: expected input of 4 values per sample, got shape [3, 5]",
                assertThrows(IllegalArgumentException.class,
                        () -> bn.forward(b.zeros(3, 5), train(), bn.newCache())).getMessage());
        assertEquals("momentum must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormConfig(0, 1e-5)).getMessage());
        assertEquals("epsilon must be positive, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new BatchNormConfig(0.1, -1)).getMessage());
        assertThrows(IllegalStateException.class, () -> bn.backward(b.zeros(2, F), bn.newCache(), null));
    }
}
