package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A finite-difference check of a {@link Layer}'s backward pass, on the backend the layer was built
 * on: the gradient {@link Layer#backward} returns for the input, and the gradient it adds to the
 * sink for every trainable {@link Parameter}, are compared with central differences of
 * {@code f = Σ r∘y}, where {@code y} is the layer's output for a random batch and {@code r} is a
 * fixed random tensor (so {@code df/dy = r}, the gradient passed to backward).
 *
 * <pre>{@code
 * GradientCheck.of(layer, backend).check();                    // a batch of 4, train mode
 * GradientCheck.of(layer, backend).mode(Mode.EVAL).check();
 * }</pre>
 *
 * <p>Each element is moved by ±{@linkplain #epsilon(double) epsilon} in float and {@code f} is summed in
 * double; the numeric derivative divides by the step actually taken in float. An element passes
 * when {@code |numeric − analytic| ≤ absolute + relative·|numeric|}. The defaults (epsilon 0.01,
 * 0.002 + 0.02·|numeric|) are those gan4j checks its own layers with: float32 forward passes
 * leave about 1e-5 of noise in {@code f}, which a step of 0.01 turns into 1e-3 in the derivative.
 * Inputs default to magnitudes from 0.15 to 1.65 with random signs, so that no step crosses the
 * kink of a ReLU at 0; a layer with kinks elsewhere supplies its own with {@link #inputs}.
 *
 * <p>Every forward pass gets a fresh {@link ForwardContext} whose stream starts from the same
 * seed, so a stochastic layer draws the same values each time (a dropout mask stays fixed) and
 * its derivative exists. Buffers a training-mode forward pass updates (running statistics) are
 * restored before every pass, and every parameter is restored when the check ends.
 *
 * <p>Each setting returns this check, for chaining. A failure is an
 * {@code AssertionFailedError} naming the layer, each failing gradient (the input or a
 * parameter's id), the element's index, and the numeric and analytic values.
 */
public final class GradientCheck {

    /** How many failing elements a message lists before it counts the rest. */
    private static final int LISTED_FAILURES = 10;

    private final Layer layer;
    private final Backend backend;
    private String name;
    private int batchSize = 4;
    private double epsilon = 1e-2;
    private double absolute = 2e-3;
    private double relative = 2e-2;
    private long seed = 5;
    private Mode mode = Mode.TRAIN;
    private BiConsumer<SeededRandom, float[]> inputs = Probes.AWAY_FROM_ZERO;
    private int maxElementsPerTensor = Integer.MAX_VALUE;

    private GradientCheck(Layer layer, Backend backend) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.backend = Objects.requireNonNull(backend, "backend");
        this.name = Probes.describe(layer);
    }

    /**
     * A check of {@code layer}, built on {@code backend}, with the default settings: a batch of
     * 4 in {@link Mode#TRAIN}, epsilon 0.01, tolerance 0.002 + 0.02·|numeric|, seed 5.
     */
    public static GradientCheck of(Layer layer, Backend backend) {
        return new GradientCheck(layer, backend);
    }

    /**
     * A check of {@code layer} on the backend its parameters live on.
     *
     * @throws IllegalArgumentException if the layer has no parameters: use {@link #of(Layer, Backend)}
     */
    public static GradientCheck of(Layer layer) {
        return of(layer, Probes.backendOf(layer));
    }

    /** The name failure messages give the layer; by default its class and parameter id prefix. */
    public GradientCheck named(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Samples per batch (default 4); a layer with batch statistics needs at least 2. */
    public GradientCheck batchSize(int batchSize) {
        this.batchSize = Probes.positive("batch size", batchSize);
        return this;
    }

    /** The step of the central differences (default 0.01). */
    public GradientCheck epsilon(double epsilon) {
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** An element passes when {@code |numeric − analytic| ≤ absolute + relative·|numeric|} (default 0.002, 0.02). */
    public GradientCheck tolerance(double absolute, double relative) {
        this.absolute = Probes.tolerance(absolute);
        this.relative = Probes.tolerance(relative);
        return this;
    }

    /** The seed of the inputs, of {@code r} and of every forward pass's stream (default 5). */
    public GradientCheck seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The mode of every forward pass (default {@link Mode#TRAIN}). */
    public GradientCheck mode(Mode mode) {
        this.mode = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /**
     * How the input batch is filled: {@code fill} gets a seeded stream and the batch's
     * {@code batchSize × inputSize} values in row-major order, e.g. to keep them off a kink or
     * to make label columns one-hot.
     */
    public GradientCheck inputs(BiConsumer<SeededRandom, float[]> fill) {
        this.inputs = Objects.requireNonNull(fill, "fill");
        return this;
    }

    /**
     * Checks at most {@code max} elements of the input and of each parameter, chosen at random
     * from the seed (default: every element), for layers too large to check whole: each element
     * costs two forward passes.
     */
    public GradientCheck maxElementsPerTensor(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("at least one element per tensor must be checked, got " + max);
        }
        this.maxElementsPerTensor = max;
        return this;
    }

    /**
     * Runs the check.
     *
     * @throws org.opentest4j.AssertionFailedError listing the elements whose analytic gradient is
     *     not within tolerance of the numeric one, or saying what the layer did wrong (an output
     *     or gradient of the wrong size, a gradient asked for a buffer)
     */
    public void check() {
        int batch = batchSize;
        int[] inputShape = Probes.withBatch(batch, layer.inputShape());
        int[] outputShape = Probes.withBatch(batch, layer.outputShape());
        float[] x = Probes.draw(inputs, seed, "inputs", Probes.size(inputShape));
        float[] r = Probes.upstream(seed, "upstream", Probes.size(outputShape));
        List<Parameter> parameters = layer.parameters();
        float[][] saved = Probes.snapshot(parameters);
        try {
            Accumulators sink = new Accumulators(backend, layer, name);
            LayerCache cache = layer.newCache();
            Tensor output = layer.forward(backend.fromArray(x, inputShape), context(), cache);
            expectSize("the output", output, outputShape);
            Tensor inputGradient = layer.backward(backend.fromArray(r, outputShape), cache, sink);
            expectSize("the input gradient", inputGradient, inputShape);

            List<String> failures = new ArrayList<>();
            int[] checked = {0};
            compare("input", inputShape, inputGradient.toArray(), x, failures, checked, perturbed -> {
                Probes.restore(parameters, saved, true);
                return objective(perturbed, inputShape, r);
            });
            for (int k = 0; k < parameters.size(); k++) {
                Parameter p = parameters.get(k);
                if (!p.trainable()) {
                    continue;
                }
                compare(p.id(), p.value().shape(), sink.values(p), saved[k].clone(), failures, checked, perturbed -> {
                    Probes.restore(parameters, saved, true);
                    p.value().copyFrom(perturbed);
                    return objective(x, inputShape, r);
                });
                p.value().copyFrom(saved[k]);
            }
            if (!failures.isEmpty()) {
                fail(report(failures, checked[0]));
            }
        } finally {
            Probes.restore(parameters, saved, false);
        }
    }

    /** {@code f} for a value of the perturbed tensor. */
    @FunctionalInterface
    private interface Objective {
        double at(float[] perturbed);
    }

    /**
     * Compares each chosen element of {@code analytic} with the central difference of
     * {@code f} around {@code values}, adding a line to {@code failures} for each that differs.
     */
    private void compare(String what, int[] shape, float[] analytic, float[] values, List<String> failures,
            int[] checked, Objective f) {
        for (int i : elements(what, values.length)) {
            float original = values[i];
            float plus = (float) (original + epsilon);
            float minus = (float) (original - epsilon);
            values[i] = plus;
            double fPlus = f.at(values);
            values[i] = minus;
            double fMinus = f.at(values);
            values[i] = original;
            // divide by the step the float values actually took, not by 2·epsilon
            double numeric = (fPlus - fMinus) / ((double) plus - minus);
            checked[0]++;
            if (!(Math.abs(numeric - analytic[i]) <= absolute + relative * Math.abs(numeric))) {
                failures.add("df/d " + what + Probes.index(i, shape) + ": numeric " + numeric + ", analytic "
                        + analytic[i]);
            }
        }
    }

    /** The indices of a tensor of {@code n} elements to check: all, or a seeded sample. */
    private int[] elements(String what, int n) {
        if (n <= maxElementsPerTensor) {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            return all;
        }
        int[] chosen = Arrays.copyOf(new SeededRandom(seed).fork("elements of " + what).permutation(n),
                maxElementsPerTensor);
        Arrays.sort(chosen);
        return chosen;
    }

    /** {@code f = Σ r∘y} in double, from a fresh cache and a fresh stream. */
    private double objective(float[] x, int[] inputShape, float[] r) {
        float[] y = layer.forward(backend.fromArray(x, inputShape), context(), layer.newCache()).toArray();
        double f = 0;
        for (int i = 0; i < y.length; i++) {
            f += (double) r[i] * y[i];
        }
        return f;
    }

    private ForwardContext context() {
        return new ForwardContext(mode, new SeededRandom(seed).fork("forward"));
    }

    private void expectSize(String what, Tensor t, int[] shape) {
        if (t == null || t.size() != Probes.size(shape)) {
            fail(name + ": " + what + " has shape " + (t == null ? "null" : Arrays.toString(t.shape()))
                    + ", expected " + Arrays.toString(shape) + " for a batch of " + batchSize);
        }
    }

    private String report(List<String> failures, int checked) {
        StringBuilder s = new StringBuilder(name).append(": ").append(failures.size()).append(" of ")
                .append(checked).append(" gradient elements differ from central differences of f = Σ r∘y (")
                .append(mode).append(" mode, batch ").append(batchSize).append(", epsilon ")
                .append(epsilon).append(", tolerance ").append(absolute).append(" + ")
                .append(relative).append("·|numeric|, seed ").append(seed).append(')');
        for (int i = 0; i < Math.min(LISTED_FAILURES, failures.size()); i++) {
            s.append("\n  ").append(failures.get(i));
        }
        if (failures.size() > LISTED_FAILURES) {
            s.append("\n  … and ").append(failures.size() - LISTED_FAILURES).append(" more");
        }
        return s.toString();
    }
}
