package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.TestBackends;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Finite-difference gradient checks and plain-Java reference values for every built-in layer,
 * on every backend on the classpath. The scalar checked is {@code f = Σ r∘y} for a random
 * {@code r}, so {@code dL/dy = r}.
 */
class LayerGradientTest {

    static final int BATCH = 4;
    static final double EPS = 1e-2;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static ForwardContext ctx() {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(3));
    }

    static List<Layer> layers(Backend b) {
        SeededRandom r = new SeededRandom(11);
        List<Layer> list = new ArrayList<>();
        list.add(new Dense(b, "dense", 5, 3, true, Initializer.XAVIER, r.fork("a")));
        list.add(new Dense(b, "dense-nobias", 5, 3, false, Initializer.TOOLBOX, r.fork("b")));
        list.add(new Dense(b, "dense-he", 5, 2, true, Initializer.HE, r.fork("c")));
        for (UnaryOp op : List.of(UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.RELU, UnaryOp.LEAKY_RELU)) {
            list.add(new Activation(b, op, 0.2f, new int[] {5}));
        }
        // the mask is fixed because ctx() gives every pass a fresh stream with the same seed
        list.add(new Dropout(b, "dropout", 0.3, new int[] {5}));
        // train mode: the batch statistics depend on every input, which the gradient must include
        BatchNorm bn = new BatchNorm(b, "batch-norm", new int[] {5}, 0.1, 1e-5);
        float[] gamma = new float[5];
        r.fork("gamma").fillUniform(gamma, 0.5, 2);
        bn.gamma().value().copyFrom(gamma);
        float[] beta = new float[5];
        r.fork("beta").fillUniform(beta, -1, 1);
        bn.beta().value().copyFrom(beta);
        list.add(bn);
        list.add(new LabelEmbedding(b, "label-embedding", 5, 3, 4, r.fork("d")));
        list.add(new Dense(new LayerContext(b, new int[] {5}, r.fork("e"), "dense-sigmoid"), 3, true,
                Initializer.XAVIER, UnaryOp.SIGMOID, 0f));
        list.add(new Dense(new LayerContext(b, new int[] {5}, r.fork("f"), "dense-tanh-nobias"), 3, false,
                Initializer.XAVIER, UnaryOp.TANH, 0f));
        // a model as a layer of a model
        list.add(new Sequential(List.of(
                new Dense(new LayerContext(b, new int[] {5}, r.fork("g"), "outer.0"), 4, true, Initializer.XAVIER,
                        UnaryOp.TANH, 0f),
                new Sequential(List.of(new Dense(b, "inner.0", 4, 3, true, Initializer.XAVIER, r.fork("h")),
                        new Activation(b, UnaryOp.SIGMOID, 0f, new int[] {3}))))));
        return list;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void inputGradientsMatchFiniteDifferences(Backend b) {
        for (Layer layer : layers(b)) {
            SeededRandom r = new SeededRandom(5);
            float[] x = inputs(r, BATCH * 5);
            float[] up = new float[BATCH * size(layer.outputShape())];
            r.fillUniform(up, -1, 1);
            Tensor input = b.fromArray(x, BATCH, 5);
            LayerCache cache = layer.newCache();
            layer.forward(input, ctx(), cache);
            float[] analytic = layer.backward(b.fromArray(up, BATCH, up.length / BATCH), cache, null).toArray();
            for (int i = 0; i < x.length; i++) {
                float[] xp = x.clone();
                xp[i] += (float) EPS;
                float[] xm = x.clone();
                xm[i] -= (float) EPS;
                double numeric = (objective(layer, b, xp, up) - objective(layer, b, xm, up)) / (2 * EPS);
                assertClose(numeric, analytic[i], describe(layer) + " d/dx[" + i + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void parameterGradientsMatchFiniteDifferences(Backend b) {
        for (Layer layer : layers(b)) {
            SeededRandom r = new SeededRandom(6);
            float[] x = inputs(r, BATCH * 5);
            float[] up = new float[BATCH * size(layer.outputShape())];
            r.fillUniform(up, -1, 1);
            Gradients grads = new Gradients(b, layer.parameters());
            LayerCache cache = layer.newCache();
            layer.forward(b.fromArray(x, BATCH, 5), ctx(), cache);
            layer.backward(b.fromArray(up, BATCH, up.length / BATCH), cache, grads);
            for (Parameter p : layer.parameters()) {
                if (!p.trainable()) {
                    continue;
                }
                float[] analytic = grads.gradient(p).toArray();
                float[] w = p.value().toArray();
                for (int i = 0; i < w.length; i++) {
                    float[] wp = w.clone();
                    wp[i] += (float) EPS;
                    p.value().copyFrom(wp);
                    double fp = objective(layer, b, x, up);
                    float[] wm = w.clone();
                    wm[i] -= (float) EPS;
                    p.value().copyFrom(wm);
                    double fm = objective(layer, b, x, up);
                    p.value().copyFrom(w);
                    assertClose((fp - fm) / (2 * EPS), analytic[i], describe(layer) + " d/d" + p.id() + "[" + i + "]");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gradientsAccumulateAcrossBackwardPasses(Backend b) {
        Dense dense = new Dense(b, "acc", 5, 3, true, Initializer.XAVIER, new SeededRandom(1));
        float[] x = inputs(new SeededRandom(2), BATCH * 5);
        float[] up = new float[BATCH * 3];
        new SeededRandom(3).fillUniform(up, -1, 1);
        Gradients once = new Gradients(b, dense.parameters());
        Gradients twice = new Gradients(b, dense.parameters());
        LayerCache cache = dense.newCache();
        dense.forward(b.fromArray(x, BATCH, 5), ctx(), cache);
        dense.backward(b.fromArray(up, BATCH, 3), cache, once);
        dense.backward(b.fromArray(up, BATCH, 3), cache, twice);
        dense.backward(b.fromArray(up, BATCH, 3), cache, twice);
        float[] single = once.gradient(dense.weight()).toArray();
        float[] doubled = twice.gradient(dense.weight()).toArray();
        for (int i = 0; i < single.length; i++) {
            assertEquals(2 * single[i], doubled[i], 1e-5, "accumulated weight gradient " + i);
        }
        twice.zero();
        assertArrayEquals(new float[single.length], twice.gradient(dense.weight()).toArray());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void parameterOnlyBackwardGivesTheSameParameterGradients(Backend b) {
        for (Layer layer : layers(b)) {
            float[] x = inputs(new SeededRandom(2), BATCH * 5);
            float[] up = new float[BATCH * size(layer.outputShape())];
            new SeededRandom(3).fillUniform(up, -1, 1);
            Gradients full = new Gradients(b, layer.parameters());
            Gradients only = new Gradients(b, layer.parameters());
            LayerCache cache = layer.newCache();
            layer.forward(b.fromArray(x, BATCH, 5), ctx(), cache);
            layer.backward(b.fromArray(up, BATCH, up.length / BATCH), cache, full);
            layer.backwardParameters(b.fromArray(up, BATCH, up.length / BATCH), cache, only);
            for (Parameter p : layer.parameters()) {
                if (!p.trainable()) {
                    continue;
                }
                assertArrayEquals(full.gradient(p).toArray(), only.gradient(p).toArray(), p.id());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void denseMatchesPlainJavaReference(Backend b) {
        Dense dense = new Dense(b, "ref", 5, 3, true, Initializer.TOOLBOX, new SeededRandom(9));
        float[] x = inputs(new SeededRandom(8), BATCH * 5);
        float[] w = dense.weight().value().toArray();
        float[] bias = dense.bias().value().toArray();
        float[] y = dense.forward(b.fromArray(x, BATCH, 5), ctx(), dense.newCache()).toArray();
        for (int n = 0; n < BATCH; n++) {
            for (int j = 0; j < 3; j++) {
                double s = bias[j];
                for (int i = 0; i < 5; i++) {
                    s += (double) x[n * 5 + i] * w[i * 3 + j];
                }
                assertEquals(s, y[n * 3 + j], 1e-5, "y[" + n + "," + j + "]");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void toolboxInitialisationUsesTheTutorialRangeForWeightsAndBiases(Backend b) {
        Dense dense = new Dense(b, "init", 784, 100, true, Initializer.TOOLBOX, new SeededRandom(1));
        double r = 4 * Math.sqrt(6.0 / (784 + 100));
        double max = 0;
        for (float v : dense.weight().value().toArray()) {
            max = Math.max(max, Math.abs(v));
        }
        double maxBias = 0;
        for (float v : dense.bias().value().toArray()) {
            maxBias = Math.max(maxBias, Math.abs(v));
        }
        assertEquals(r, max, r * 0.01, "weights fill ±4·√(6/(in+out))");
        assertEquals(r, maxBias, r * 0.1, "biases are drawn like an extra weight column");
    }

    @ParameterizedTest
    @MethodSource("backends")
    void wrongInputWidthIsAClearError(Backend b) {
        Dense dense = new Dense(b, "G.0", 5, 3, true, Initializer.XAVIER, new SeededRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dense.forward(b.zeros(2, 4), ctx(), dense.newCache()));
        assertEquals("G.0.weight: expected input of 5 values per sample, got shape [2, 4]", e.getMessage());
    }

    /** Inputs away from ReLU's kink so finite differences do not straddle it. */
    static float[] inputs(SeededRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            double v = 0.15 + 1.5 * r.nextDouble();
            x[i] = (float) (r.nextDouble() < 0.5 ? -v : v);
        }
        return x;
    }

    static double objective(Layer layer, Backend b, float[] x, float[] up) {
        float[] y = layer.forward(b.fromArray(x, BATCH, 5), ctx(), layer.newCache()).toArray();
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            f += (double) up[i] * y[i];
        }
        return f;
    }

    static void assertClose(double expected, double actual, String what) {
        double tolerance = 2e-3 + 2e-2 * Math.abs(expected);
        if (Math.abs(expected - actual) > tolerance) {
            throw new AssertionError(what + ": finite difference " + expected + " vs backward " + actual);
        }
    }

    static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    static String describe(Layer layer) {
        if (layer instanceof Activation a) {
            return a.op().toString();
        }
        return layer.parameters().isEmpty() ? layer.getClass().getSimpleName() : layer.parameters().get(0).id();
    }
}
