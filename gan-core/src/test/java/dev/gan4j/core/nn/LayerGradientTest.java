package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.UnaryOp;
import dev.gan4j.core.TestBackends;
import dev.gan4j.testkit.GradientCheck;
import dev.gan4j.testkit.LayerConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every built-in layer type checked with gan-testkit, the kit layer authors use: finite-difference
 * gradients of inputs and parameters ({@link GradientCheck}) in train and eval mode, and the
 * conformance suite ({@link LayerConformance}: call sites, frozen sink, parameter-only backward,
 * accumulation, shapes, allocation, the same values on two backends), on every backend on the
 * test class path; and plain-Java reference values for the dense layer.
 */
class LayerGradientTest {

    static final int BATCH = 4;

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static ForwardContext ctx() {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(3));
    }

    /** A built-in layer built alike on any backend. */
    record Case(String name, Function<Backend, Layer> factory) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Every layer type, with and without its options, and a model nested in a model. */
    static List<Case> cases() {
        SeededRandom r = new SeededRandom(11);
        List<Case> list = new ArrayList<>();
        list.add(new Case("dense", b -> new Dense(b, "dense", 5, 3, true, Initializer.XAVIER, r.fork("a"))));
        list.add(new Case("dense without bias",
                b -> new Dense(b, "dense-nobias", 5, 3, false, Initializer.TOOLBOX, r.fork("b"))));
        list.add(new Case("dense, he", b -> new Dense(b, "dense-he", 5, 2, true, Initializer.HE, r.fork("c"))));
        list.add(new Case("dense + sigmoid", b -> new Dense(new LayerContext(b, new int[] {5}, r.fork("e"),
                "dense-sigmoid"), 3, true, Initializer.XAVIER, UnaryOp.SIGMOID, 0f)));
        list.add(new Case("dense + tanh without bias", b -> new Dense(new LayerContext(b, new int[] {5}, r.fork("f"),
                "dense-tanh-nobias"), 3, false, Initializer.XAVIER, UnaryOp.TANH, 0f)));
        // weights that put every pre-activation at least 0.1 from the kink, where finite differences fail
        list.add(new Case("dense + leaky-relu", b -> new Dense(new LayerContext(b, new int[] {5}, r.fork("k"),
                "dense-leaky"), 4, true, Initializer.HE, UnaryOp.LEAKY_RELU, 0.2f)));
        for (UnaryOp op : List.of(UnaryOp.SIGMOID, UnaryOp.TANH, UnaryOp.RELU, UnaryOp.LEAKY_RELU)) {
            list.add(new Case(op.toString().toLowerCase(Locale.ROOT), b -> new Activation(b, op, 0.2f, new int[] {5})));
        }
        // in train mode the mask is fixed, as every forward pass of a check draws from the same seed
        list.add(new Case("dropout", b -> new Dropout(b, "dropout", 0.3, new int[] {5})));
        // train mode: the batch statistics depend on every input, which the gradient must include;
        // eval mode: running statistics of their own, not the initial 0 and 1
        list.add(new Case("batch-norm", b -> {
            BatchNorm bn = new BatchNorm(b, "batch-norm", new int[] {5}, 0.1, 1e-5);
            fill(bn.gamma(), r.fork("gamma"), 0.5, 2);
            fill(bn.beta(), r.fork("beta"), -1, 1);
            fill(bn.runningMean(), r.fork("mean"), -1, 1);
            fill(bn.runningVar(), r.fork("variance"), 0.5, 2);
            return bn;
        }));
        list.add(new Case("label-embedding", b -> new LabelEmbedding(b, "label-embedding", 5, 3, 4, r.fork("d"))));
        // a model as a layer of a model
        list.add(new Case("nested sequential", b -> new Sequential(List.of(
                new Dense(new LayerContext(b, new int[] {5}, r.fork("g"), "outer.0"), 4, true, Initializer.XAVIER,
                        UnaryOp.TANH, 0f),
                new Sequential(List.of(new Dense(b, "inner.0", 4, 3, true, Initializer.XAVIER, r.fork("h")),
                        new Activation(b, UnaryOp.SIGMOID, 0f, new int[] {3})))))));
        return list;
    }

    private static void fill(Parameter p, SeededRandom random, double lo, double hi) {
        float[] values = new float[p.value().size()];
        random.fillUniform(values, lo, hi);
        p.value().copyFrom(values);
    }

    static Stream<Arguments> backendsAndCases() {
        return TestBackends.all().flatMap(b -> cases().stream().map(c -> Arguments.of(Named.of(b.name(), b), c)));
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndCases")
    void gradientsMatchFiniteDifferences(Backend b, Case layer) {
        for (Mode mode : Mode.values()) {
            GradientCheck.of(layer.factory().apply(b), b).named(layer.name()).mode(mode).check();
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndCases")
    void conforms(Backend b, Case layer) {
        LayerConformance.of(layer.factory()).named(layer.name()).check(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheSameValuesOnEveryBackend(Case layer) {
        List<Backend> backends = TestBackends.all().toList();
        assumeTrue(backends.size() > 1, "one backend on the test class path");
        for (Backend other : backends.subList(1, backends.size())) {
            LayerConformance.of(layer.factory()).named(layer.name()).checkSameOutputs(backends.get(0), other);
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void denseMatchesPlainJavaReference(Backend b) {
        Dense dense = new Dense(b, "ref", 5, 3, true, Initializer.TOOLBOX, new SeededRandom(9));
        float[] x = new float[BATCH * 5];
        new SeededRandom(8).fillUniform(x, -2, 2);
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
}
