package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link Layer} must do besides computing the right gradient (which
 * {@link GradientCheck} checks), run on fresh layers from a factory, in {@link Mode#TRAIN} and
 * {@link Mode#EVAL}:
 *
 * <ol>
 *   <li><b>Call sites</b>: two caches through one layer object do not interfere: forward A,
 *       forward B, backward A gives A's output and gradients, then backward B gives B's (the
 *       discriminator is called alone and inside the stacked generator→discriminator);</li>
 *   <li><b>Frozen</b>: a {@code null} sink leaves every parameter untouched, asks for no gradient
 *       and still returns the input gradient a sink would get; no backward pass writes a
 *       parameter (the optimiser does);</li>
 *   <li><b>Parameter-only backward</b>: {@link Layer#backwardParameters} adds the same parameter
 *       gradients as {@link Layer#backward}, bit for bit, and gradients accumulate
 *       ({@code grad += dL/dp}): two backward passes add twice what one adds;</li>
 *   <li><b>Shapes</b>: the output is {@code [batch, outputShape...]} and the input gradient
 *       {@code [batch, inputShape...]} as declared, at two batch sizes through one cache, and a
 *       cache that changed batch size gives what a fresh one gives;</li>
 *   <li><b>Allocation</b>: after warm-up, forward and each kind of backward pass allocate nothing
 *       on the Java heap (measured with the JVM's per-thread counter; where the JVM has none the
 *       test is reported skipped, with the reason, after every other check passed).</li>
 * </ol>
 *
 * <p>{@link #checkSameOutputs(Backend, Backend)} adds the sixth: the same layer built on two
 * backends from the same seed gives the same parameters, outputs and gradients to float
 * tolerance. In a JUnit test:
 *
 * <pre>{@code
 * LayerConformance.check(b -> new MyLayer(b, 5, new SeededRandom(1)), backend);
 * LayerConformance.of(b -> new MyLayer(b, 5, new SeededRandom(1))).checkSameOutputs(ejml, nd4j);
 * }</pre>
 *
 * <p>The factory must build an equal layer each time it is called (same configuration, same
 * seed): each check runs on a fresh one, so that what one check does to a layer's state (running
 * statistics, say) cannot hide another's failure. Every check runs, and one
 * {@code MultipleFailuresError} lists each that failed, naming the layer, backend and mode.
 */
public final class LayerConformance {

    /** Calls of each step before allocation is measured: the JIT compiles the layer's code first. */
    private static final int WARM_UP = 1000;
    /** Calls per measured round, rounds at most, and further warm-up calls between two rounds. */
    private static final int CALLS = 20;
    private static final int ROUNDS = 20;
    private static final int REWARM = 500;

    private final Function<Backend, ? extends Layer> factory;
    private String name;
    private int batchSize = 4;
    private long seed = 7;
    private List<Mode> modes = List.of(Mode.TRAIN, Mode.EVAL);
    private BiConsumer<SeededRandom, float[]> inputs = Probes.AWAY_FROM_ZERO;
    private boolean allocationChecked = true;
    private double absolute = 1e-5;
    private double relative = 1e-4;

    private LayerConformance(Function<Backend, ? extends Layer> factory) {
        this.factory = factory;
    }

    /** The checks of the layers {@code factory} builds on a backend, with the default settings. */
    public static LayerConformance of(Function<Backend, ? extends Layer> factory) {
        return new LayerConformance(Objects.requireNonNull(factory, "factory"));
    }

    /** Runs every check on {@code backend} with the default settings: {@code of(factory).check(backend)}. */
    public static void check(Function<Backend, ? extends Layer> factory, Backend backend) {
        of(factory).check(backend);
    }

    /**
     * Checks that {@code first}, built on {@code firstBackend}, and {@code second}, built on
     * {@code secondBackend} from the same configuration and seed, have the same parameters and give
     * the same outputs and gradients to float tolerance (default settings), in train then eval mode.
     */
    public static void checkSameOutputs(Layer first, Backend firstBackend, Layer second, Backend secondBackend) {
        new LayerConformance(null).compareAll(Probes.describe(first), first, firstBackend, second, secondBackend);
    }

    /** The name failure messages give the layer; by default its class and parameter id prefix. */
    public LayerConformance named(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** Samples per batch (default 4; the shape check also uses {@code 2·batchSize + 1}). */
    public LayerConformance batchSize(int batchSize) {
        this.batchSize = Probes.positive("batch size", batchSize);
        return this;
    }

    /** The seed of inputs, output gradients and forward passes' streams (default 7). */
    public LayerConformance seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** The modes every check runs in (default train, then eval). */
    public LayerConformance modes(Mode... modes) {
        if (modes.length == 0) {
            throw new IllegalArgumentException("at least one mode is needed");
        }
        this.modes = List.of(modes);
        return this;
    }

    /** How an input batch is filled (see {@link GradientCheck#inputs}); by default values of magnitude 0.15 to 1.65. */
    public LayerConformance inputs(BiConsumer<SeededRandom, float[]> fill) {
        this.inputs = Objects.requireNonNull(fill, "fill");
        return this;
    }

    /**
     * Leaves out the allocation check, for a layer that allocates by design (one that calls a
     * library which does); the other checks still run.
     */
    public LayerConformance withoutAllocationCheck() {
        this.allocationChecked = false;
        return this;
    }

    /**
     * The tolerance of {@link #checkSameOutputs}: values agree when they differ by at most
     * {@code absolute + relative·max(|a|, |b|)} (default 1e-5 and 1e-4).
     */
    public LayerConformance backendTolerance(double absolute, double relative) {
        this.absolute = Probes.tolerance(absolute);
        this.relative = Probes.tolerance(relative);
        return this;
    }

    /**
     * Runs checks 1 to 5 on layers built on {@code backend}.
     *
     * @throws org.opentest4j.MultipleFailuresError listing every check that failed
     * @throws org.opentest4j.TestAbortedException if every other check passed and the JVM cannot
     *     measure allocation
     */
    public void check(Backend backend) {
        String layerName = nameFor(backend);
        List<Executable> checks = new ArrayList<>();
        StringBuilder whyNotMeasured = new StringBuilder();
        Optional<AllocationMeter> meter = allocationChecked ? AllocationMeter.create(whyNotMeasured) : Optional.empty();
        for (Mode mode : modes) {
            checks.add(() -> callSitesDoNotInterfere(new Run(backend, mode, layerName)));
            checks.add(() -> frozenBackwardWritesNothing(new Run(backend, mode, layerName)));
            checks.add(() -> parameterGradientsAgreeAndAccumulate(new Run(backend, mode, layerName)));
            checks.add(() -> shapesAreAsDeclared(new Run(backend, mode, layerName)));
            meter.ifPresent(m -> checks.add(() -> nothingIsAllocatedAfterWarmUp(new Run(backend, mode, layerName), m)));
        }
        assertAll(layerName + " on " + backend.name() + " does not conform", checks);
        if (allocationChecked && meter.isEmpty()) {
            Assumptions.abort(layerName + " on " + backend.name() + " passed every conformance check but the "
                    + "allocation check, which was skipped: " + whyNotMeasured);
        }
    }

    /**
     * Check 6: the layers the factory builds on {@code first} and on {@code second} have the same
     * parameters and give the same outputs and gradients to {@linkplain #backendTolerance float
     * tolerance}, in each mode.
     *
     * @throws org.opentest4j.AssertionFailedError naming the first tensor and element that differ
     */
    public void checkSameOutputs(Backend first, Backend second) {
        compareAll(nameFor(first), factory.apply(first), first, factory.apply(second), second);
    }

    private String nameFor(Backend backend) {
        return name != null ? name : Probes.describe(factory.apply(backend));
    }

    /** One check's fresh layer in one mode, and the tensors it feeds the layer. */
    private final class Run {
        final Backend backend;
        final Mode mode;
        final Layer layer;
        final List<Parameter> parameters;
        /** The parameters as built, so that buffers a forward pass moves can be put back. */
        final float[][] built;
        final String where;
        final int[] inputShape;
        final int[] outputShape;

        Run(Backend backend, Mode mode, String layerName) {
            this.backend = backend;
            this.mode = mode;
            this.layer = factory.apply(backend);
            this.parameters = layer.parameters();
            this.built = Probes.snapshot(parameters);
            this.where = layerName + " on " + backend.name() + " in " + mode + " mode: ";
            this.inputShape = layer.inputShape();
            this.outputShape = layer.outputShape();
        }

        Tensor input(String stream, int batch) {
            int[] shape = Probes.withBatch(batch, inputShape);
            return backend.fromArray(Probes.draw(inputs, seed, stream, Probes.size(shape)), shape);
        }

        Tensor gradOutput(String stream, int batch) {
            int[] shape = Probes.withBatch(batch, outputShape);
            return backend.fromArray(Probes.upstream(seed, stream, Probes.size(shape)), shape);
        }

        ForwardContext context(String stream) {
            return new ForwardContext(mode, new SeededRandom(seed).fork(stream));
        }

        /** A forward pass from the buffers as built, with the stream named {@code stream}. */
        Tensor forward(Tensor input, String stream, LayerCache cache) {
            Probes.restore(parameters, built, true);
            return layer.forward(input, context(stream), cache);
        }

        Accumulators sink() {
            return new Accumulators(backend, layer, where.substring(0, where.length() - 2));
        }

        /** Every trainable parameter's gradient in {@code sink}, in order. */
        float[][] gradients(Accumulators sink) {
            float[][] g = new float[parameters.size()][];
            for (int i = 0; i < g.length; i++) {
                g[i] = parameters.get(i).trainable() ? sink.values(parameters.get(i)) : new float[0];
            }
            return g;
        }

        void sameGradients(String what, float[][] expected, float[][] actual) {
            for (int i = 0; i < expected.length; i++) {
                Parameter p = parameters.get(i);
                if (p.trainable()) {
                    Comparisons.same(where + what + " of " + p.id(), p.value().shape(), expected[i], actual[i]);
                }
            }
        }

        void parametersUnchanged(float[][] before, String after) {
            for (int i = 0; i < before.length; i++) {
                Parameter p = parameters.get(i);
                Comparisons.same(where + after + " changed " + p.kind() + " " + p.id(), p.value().shape(), before[i],
                        p.value().toArray());
            }
        }
    }

    /** What one call site sees when it is alone: its output, input gradient and parameter gradients. */
    private record Alone(float[] output, float[] inputGradient, float[][] parameterGradients) {
    }

    private static Alone alone(Run run, Tensor input, Tensor gradOutput, String stream) {
        LayerCache cache = run.layer.newCache();
        float[] output = run.forward(input, stream, cache).toArray();
        Accumulators sink = run.sink();
        float[] inputGradient = run.layer.backward(gradOutput, cache, sink).toArray();
        return new Alone(output, inputGradient, run.gradients(sink));
    }

    private void callSitesDoNotInterfere(Run run) {
        Tensor xa = run.input("a", batchSize);
        Tensor xb = run.input("b", batchSize);
        Tensor ga = run.gradOutput("a", batchSize);
        Tensor gb = run.gradOutput("b", batchSize);
        Alone a = alone(run, xa, ga, "a");
        Alone b = alone(run, xb, gb, "b");
        LayerCache siteA = run.layer.newCache();
        LayerCache siteB = run.layer.newCache();
        Tensor ya = run.forward(xa, "a", siteA);
        int[] outputShape = Probes.withBatch(batchSize, run.outputShape);
        int[] inputShape = Probes.withBatch(batchSize, run.inputShape);
        Comparisons.same(run.where + "call site A's output", outputShape, a.output, ya.toArray());
        run.forward(xb, "b", siteB);
        Comparisons.same(run.where + "call site A's output after a forward pass through call site B", outputShape,
                a.output, ya.toArray());
        Accumulators sinkA = run.sink();
        Comparisons.same(run.where + "call site A's input gradient after a forward pass through call site B",
                inputShape, a.inputGradient, run.layer.backward(ga, siteA, sinkA).toArray());
        run.sameGradients("call site A's gradient after a forward pass through call site B", a.parameterGradients,
                run.gradients(sinkA));
        Accumulators sinkB = run.sink();
        Comparisons.same(run.where + "call site B's input gradient after a backward pass through call site A",
                inputShape, b.inputGradient, run.layer.backward(gb, siteB, sinkB).toArray());
        run.sameGradients("call site B's gradient after a backward pass through call site A", b.parameterGradients,
                run.gradients(sinkB));
    }

    private void frozenBackwardWritesNothing(Run run) {
        Tensor x = run.input("frozen", batchSize);
        Tensor g = run.gradOutput("frozen", batchSize);
        LayerCache cache = run.layer.newCache();
        run.forward(x, "frozen", cache);
        float[][] before = Probes.snapshot(run.parameters);
        Tensor frozen = run.layer.backward(g, cache, null);
        if (frozen == null) {
            fail(run.where + "backward with a null sink (frozen parameters) returned no input gradient");
        }
        float[] frozenGradient = frozen.toArray();
        run.parametersUnchanged(before, "backward with a null sink (frozen parameters)");
        run.layer.backwardParameters(g, cache, null);
        run.parametersUnchanged(before, "backwardParameters with a null sink (frozen parameters)");
        float[] trainedGradient = run.layer.backward(g, cache, run.sink()).toArray();
        run.parametersUnchanged(before, "backward with a sink (only an optimiser may write parameters)");
        Comparisons.same(run.where + "the input gradient of a backward pass with a null sink (frozen parameters), "
                + "compared with one with a sink", Probes.withBatch(batchSize, run.inputShape), trainedGradient,
                frozenGradient);
    }

    private void parameterGradientsAgreeAndAccumulate(Run run) {
        Tensor x = run.input("parameters", batchSize);
        Tensor g = run.gradOutput("parameters", batchSize);
        LayerCache cache = run.layer.newCache();
        run.forward(x, "parameters", cache);
        Accumulators full = run.sink();
        run.layer.backward(g, cache, full);
        Accumulators only = run.sink();
        run.layer.backwardParameters(g, cache, only);
        float[][] once = run.gradients(full);
        run.sameGradients("backwardParameters' gradient, compared with backward's,", once, run.gradients(only));
        Accumulators twice = run.sink();
        run.layer.backward(g, cache, twice);
        run.layer.backward(g, cache, twice);
        float[][] accumulated = run.gradients(twice);
        for (int i = 0; i < once.length; i++) {
            Parameter p = run.parameters.get(i);
            float[] doubled = once[i].clone();
            for (int k = 0; k < doubled.length; k++) {
                doubled[k] *= 2;
            }
            // a BLAS may add each product into the accumulator, so twice one pass is not always the same bits
            Comparisons.close(run.where + "the gradient of " + p.id() + " after two backward passes into one "
                    + "sink, compared with twice one pass's (gradients must be added to the sink, not written)",
                    p.value().shape(), doubled, accumulated[i], 1e-6, 1e-5);
        }
    }

    private void shapesAreAsDeclared(Run run) {
        for (int[] shape : new int[][] {run.inputShape, run.outputShape}) {
            if (shape == null || Arrays.stream(shape).anyMatch(d -> d < 1)) {
                fail(run.where + "inputShape() and outputShape() must be positive dimensions, got "
                        + Arrays.toString(run.inputShape) + " → " + Arrays.toString(run.outputShape));
            }
        }
        LayerCache cache = run.layer.newCache();
        Tensor output = null;
        for (int batch : new int[] {batchSize, 2 * batchSize + 1, batchSize}) {
            Tensor x = run.input("shapes", batch);
            output = run.forward(x, "shapes", cache);
            assertArrayEquals(Probes.withBatch(batch, run.outputShape), output.shape(), run.where + "the output of a "
                    + "batch of " + batch + " must have shape [batch, outputShape...]");
            Tensor inputGradient = run.layer.backward(run.gradOutput("shapes", batch), cache, run.sink());
            assertArrayEquals(x.shape(), inputGradient.shape(), run.where + "the input gradient of a batch of "
                    + batch + " must have the input's shape");
        }
        float[] fresh = alone(run, run.input("shapes", batchSize), run.gradOutput("shapes", batchSize), "shapes").output;
        Comparisons.same(run.where + "the output through a cache used with batches of " + batchSize + ", "
                + (2 * batchSize + 1) + " and " + batchSize + " again, compared with a fresh cache's",
                output.shape(), fresh, output.toArray());
    }

    private void nothingIsAllocatedAfterWarmUp(Run run, AllocationMeter meter) {
        Layer layer = run.layer;
        Tensor x = run.input("allocation", batchSize);
        Tensor g = run.gradOutput("allocation", batchSize);
        LayerCache cache = layer.newCache();
        GradientSink sink = run.sink();
        // one stream for every pass, as a trainer's: a fresh context per pass would be the test's allocation
        ForwardContext context = run.context("allocation");
        Map<String, Runnable> steps = new LinkedHashMap<>();
        steps.put("forward + backward", () -> {
            layer.forward(x, context, cache);
            layer.backward(g, cache, sink);
        });
        steps.put("forward + backward with a null sink", () -> {
            layer.forward(x, context, cache);
            layer.backward(g, cache, null);
        });
        steps.put("forward + backwardParameters", () -> {
            layer.forward(x, context, cache);
            layer.backwardParameters(g, cache, sink);
        });
        Map<String, Long> allocated = new LinkedHashMap<>();
        for (Map.Entry<String, Runnable> step : steps.entrySet()) {
            long bytes = meter.leastBytes(step.getValue(), WARM_UP, CALLS, ROUNDS, REWARM);
            if (bytes > 0) {
                allocated.put(step.getKey(), bytes / CALLS);
            }
        }
        assertEquals(Map.of(), allocated, run.where + "bytes allocated per call after " + WARM_UP + " calls of "
                + "warm-up, at the least over up to " + ROUNDS + " rounds of " + CALLS + " calls (a layer keeps every "
                + "tensor and array it needs in its cache)");
    }

    /** Check 6 in each mode, on two layers built alike on two backends. */
    private void compareAll(String layerName, Layer first, Backend firstBackend, Layer second,
            Backend secondBackend) {
        List<Parameter> p1 = first.parameters();
        List<Parameter> p2 = second.parameters();
        String where = layerName + " on " + firstBackend.name() + " and on " + secondBackend.name() + ": ";
        assertEquals(p1.stream().map(Parameter::toString).toList(), p2.stream().map(Parameter::toString).toList(),
                where + "the two layers have different parameters");
        assertArrayEquals(first.outputShape(), second.outputShape(), where + "the two layers' output shapes");
        for (Mode mode : modes) {
            compare(layerName, first, firstBackend, second, secondBackend, mode, where + mode + " mode: ");
        }
    }

    private void compare(String layerName, Layer first, Backend firstBackend, Layer second, Backend secondBackend,
            Mode mode, String where) {
        List<Parameter> p1 = first.parameters();
        List<Parameter> p2 = second.parameters();
        for (int i = 0; i < p1.size(); i++) {
            close(where + "the value of " + p1.get(i).id() + " (are both layers built from the same seed?)",
                    p1.get(i).value(), p2.get(i).value());
        }
        int[] inputShape = Probes.withBatch(batchSize, first.inputShape());
        int[] outputShape = Probes.withBatch(batchSize, first.outputShape());
        float[] x = Probes.draw(inputs, seed, "backends", Probes.size(inputShape));
        float[] g = Probes.upstream(seed, "backends", Probes.size(outputShape));
        LayerCache c1 = first.newCache();
        LayerCache c2 = second.newCache();
        close(where + "the output", first.forward(firstBackend.fromArray(x, inputShape), context(mode), c1),
                second.forward(secondBackend.fromArray(x, inputShape), context(mode), c2));
        Accumulators s1 = new Accumulators(firstBackend, first, layerName);
        Accumulators s2 = new Accumulators(secondBackend, second, layerName);
        close(where + "the input gradient", first.backward(firstBackend.fromArray(g, outputShape), c1, s1),
                second.backward(secondBackend.fromArray(g, outputShape), c2, s2));
        for (int i = 0; i < p1.size(); i++) {
            if (p1.get(i).trainable()) {
                close(where + "the gradient of " + p1.get(i).id(), s1.gradient(p1.get(i)), s2.gradient(p2.get(i)));
            }
            // and buffers a training pass moved
            close(where + "the value of " + p1.get(i).id() + " after a pass", p1.get(i).value(), p2.get(i).value());
        }
    }

    private ForwardContext context(Mode mode) {
        return new ForwardContext(mode, new SeededRandom(seed).fork("backends"));
    }

    private void close(String what, Tensor expected, Tensor actual) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        Comparisons.close(what, expected.shape(), expected.toArray(), actual.toArray(), absolute, relative);
    }
}
