package dev.gan4j.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Mode;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.core.TestBackends;
import dev.gan4j.testkit.GradientCheck;
import dev.gan4j.testkit.LayerConformance;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image layers (convolutions, reshapes, 2-d batch norm, pooling, label channels, random
 * translation) checked with gan-testkit on every backend that runs the convolution ops, as
 * {@link LayerGradientTest} checks the others, and against plain-Java references of PyTorch's semantics.
 */
class ImageLayersTest {

    static final int BATCH = 3;

    /** A layer built alike on any backend; {@code convolution}: whether it runs the backend's convolution ops. */
    record Case(String name, boolean convolution, Function<Backend, Layer> factory) {
        Case(String name, Function<Backend, Layer> factory) {
            this(name, true, factory);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static LayerContext context(Backend b, String id, SeededRandom random, int... inputShape) {
        return new LayerContext(b, inputShape, random.fork(id), id);
    }

    static List<Case> cases() {
        SeededRandom r = new SeededRandom(21);
        List<Case> list = new ArrayList<>();
        list.add(new Case("conv2d 3x3", b -> new Conv2d(context(b, "conv", r, 2, 5, 5), 3, 3, 1, 1, true,
                Initializer.PYTORCH)));
        list.add(new Case("conv2d 4x4 stride 2 without bias", b -> new Conv2d(context(b, "conv-s2", r, 2, 6, 6), 3, 4,
                2, 1, false, Initializer.DCGAN)));
        list.add(new Case("conv-transpose2d 4x4 stride 2", b -> new ConvTranspose2d(context(b, "convt", r, 3, 3, 3), 2,
                4, 2, 1, 0, true, Initializer.PYTORCH)));
        list.add(new Case("conv-transpose2d 3x3 stride 2 output padding 1", b -> new ConvTranspose2d(
                context(b, "convt-op", r, 2, 3, 4), 2, 3, 2, 1, 1, false, Initializer.HE)));
        // train mode: batch statistics over N·H·W per channel; eval mode: running statistics of their own
        list.add(new Case("batch-norm2d", false, b -> {
            BatchNorm2d bn = new BatchNorm2d(b, "bn2d", new int[] {3, 2, 2}, 0.1, 1e-5);
            fill(bn.gamma(), r.fork("gamma"), 0.5, 2);
            fill(bn.beta(), r.fork("beta"), -1, 1);
            fill(bn.runningMean(), r.fork("mean"), -1, 1);
            fill(bn.runningVar(), r.fork("variance"), 0.5, 2);
            return bn;
        }));
        list.add(new Case("label-channels", false, b -> new LabelChannels(context(b, "labels", r, 2 * 2 * 3 + 3), 3,
                new int[] {2, 2, 3})));
        list.add(new Case("upsample x2", b -> new Upsample(context(b, "up", r, 2, 2, 3), 2)));
        list.add(new Case("avg-pool2d 2x2", b -> new AvgPool2d(context(b, "pool", r, 2, 4, 5), 2, 2, 0)));
        list.add(new Case("avg-pool2d 3x3 stride 2 padding 1", b -> new AvgPool2d(context(b, "pool-pad", r, 2, 5, 5),
                3, 2, 1)));
        // train mode: the gradient of one fixed draw, since every pass of a check starts its stream from one seed
        list.add(new Case("random-translate", false, b -> new RandomTranslate(context(b, "shift", r, 2, 6, 5), 0.25,
                0)));
        list.add(new Case("random-translate with cutout", false, b -> new RandomTranslate(context(b, "cut", r, 2, 6, 5),
                0.25, 0.5)));
        list.add(new Case("reshape", false, b -> new Reshape(new int[] {12}, new int[] {3, 2, 2})));
        list.add(new Case("flatten", false, b -> Reshape.flatten(new int[] {3, 2, 2})));
        return list;
    }

    private static void fill(Parameter p, SeededRandom random, double lo, double hi) {
        float[] values = new float[p.value().size()];
        random.fillUniform(values, lo, hi);
        p.value().copyFrom(values);
    }

    static Stream<Backend> backends() {
        return TestBackends.all();
    }

    static Stream<Arguments> backendsAndCases() {
        return TestBackends.all().flatMap(b -> cases().stream().map(c -> Arguments.of(Named.of(b.name(), b), c)));
    }

    static ForwardContext train() {
        return new ForwardContext(Mode.TRAIN, new SeededRandom(3));
    }

    static float[] uniform(long seed, int n) {
        float[] a = new float[n];
        new SeededRandom(seed).fillUniform(a, -1, 1);
        return a;
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndCases")
    void gradientsMatchFiniteDifferences(Backend b, Case layer) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        for (Mode mode : Mode.values()) {
            GradientCheck.of(layer.factory().apply(b), b).named(layer.name()).batchSize(BATCH).mode(mode).check();
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("backendsAndCases")
    void conforms(Backend b, Case layer) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        LayerConformance conformance = LayerConformance.of(layer.factory()).named(layer.name()).batchSize(BATCH);
        long opBytes = layer.convolution() ? TestBackends.convolutionOpBytes(b) : 0;
        if (opBytes > 0) {
            System.err.println(layer.name() + " on " + b.name() + ": allocation not checked, the backend's "
                    + "convolution ops allocate " + opBytes + " bytes per call themselves");
            conformance.withoutAllocationCheck();
        }
        conformance.check(b);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheSameValuesOnEveryBackend(Case layer) {
        List<Backend> backends = TestBackends.all().filter(TestBackends::convolves).toList();
        assumeTrue(backends.size() > 1, "one backend runs the convolution ops");
        for (Backend other : backends.subList(1, backends.size())) {
            LayerConformance.of(layer.factory()).named(layer.name()).batchSize(BATCH)
                    .checkSameOutputs(backends.get(0), other);
        }
    }

    // ---- PyTorch's semantics -------------------------------------------------------------------

    /** Plain-Java conv2d with bias: the definition of PyTorch's cross-correlation. */
    static double[] referenceConv(float[] x, int n, int c, int h, int w, float[] weight, float[] bias, int k,
            int kernel, int stride, int pad) {
        int oh = (h + 2 * pad - kernel) / stride + 1;
        int ow = (w + 2 * pad - kernel) / stride + 1;
        double[] y = new double[n * k * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int f = 0; f < k; f++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double sum = bias == null ? 0 : bias[f];
                        for (int ch = 0; ch < c; ch++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int row = yy * stride - pad + i;
                                    int col = xx * stride - pad + j;
                                    if (row >= 0 && row < h && col >= 0 && col < w) {
                                        sum += (double) weight[((f * c + ch) * kernel + i) * kernel + j]
                                                * x[((s * c + ch) * h + row) * w + col];
                                    }
                                }
                            }
                        }
                        y[((s * k + f) * oh + yy) * ow + xx] = sum;
                    }
                }
            }
        }
        return y;
    }

    static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }

    static void close(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-5 + 1e-5 * Math.abs(expected[i]), what + "[" + i + "]");
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void conv2dIsPyTorchsCrossCorrelationWithABiasPerFilter(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        Conv2d conv = new Conv2d(context(b, "D.0", new SeededRandom(4), 2, 7, 6), 3, 4, 2, 1, true, Initializer.PYTORCH);
        assertArrayEquals(new int[] {3, 3, 3}, conv.outputShape());
        assertArrayEquals(new int[] {3, 2, 4, 4}, conv.weight().value().shape());
        float[] x = uniform(5, 2 * 2 * 7 * 6);
        float[] y = conv.forward(b.fromArray(x, 2, 2, 7, 6), train(), conv.newCache()).toArray();
        close("conv2d", referenceConv(x, 2, 2, 7, 6, conv.weight().value().toArray(), conv.bias().value().toArray(),
                3, 4, 2, 1), y);
    }

    /** Plain-Java transposed convolution: every input value scatters {@code weight[c, f]} times itself. */
    static double[] referenceConvTranspose(float[] x, int n, int c, int h, int w, float[] weight, float[] bias, int f,
            int kernel, int stride, int pad, int outputPad) {
        int oh = (h - 1) * stride - 2 * pad + kernel + outputPad;
        int ow = (w - 1) * stride - 2 * pad + kernel + outputPad;
        double[] y = new double[n * f * oh * ow];
        for (int s = 0; s < n; s++) {
            for (int o = 0; o < f; o++) {
                for (int p = 0; p < oh * ow; p++) {
                    y[(s * f + o) * oh * ow + p] = bias == null ? 0 : bias[o];
                }
            }
            for (int ch = 0; ch < c; ch++) {
                for (int row = 0; row < h; row++) {
                    for (int col = 0; col < w; col++) {
                        double v = x[((s * c + ch) * h + row) * w + col];
                        for (int o = 0; o < f; o++) {
                            for (int i = 0; i < kernel; i++) {
                                for (int j = 0; j < kernel; j++) {
                                    int yy = row * stride - pad + i;
                                    int xx = col * stride - pad + j;
                                    if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) {
                                        y[((s * f + o) * oh + yy) * ow + xx] +=
                                                v * weight[((ch * f + o) * kernel + i) * kernel + j];
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void convTranspose2dScattersThroughAnInputChannelsFirstWeight(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        ConvTranspose2d convt = new ConvTranspose2d(context(b, "G.2", new SeededRandom(6), 3, 4, 3), 2, 3, 2, 1, 1, true,
                Initializer.PYTORCH);
        assertArrayEquals(new int[] {2, 8, 6}, convt.outputShape());
        assertArrayEquals(new int[] {3, 2, 3, 3}, convt.weight().value().shape(), "PyTorch's [C_in, filters, k, k]");
        float[] x = uniform(7, 2 * 3 * 4 * 3);
        float[] y = convt.forward(b.fromArray(x, 2, 3, 4, 3), train(), convt.newCache()).toArray();
        close("conv-transpose2d", referenceConvTranspose(x, 2, 3, 4, 3, convt.weight().value().toArray(),
                convt.bias().value().toArray(), 2, 3, 2, 1, 1), y);
    }

    /**
     * Output sizes of {@code nn.ConvTranspose2d(kernel, stride, padding, output_padding)} for an input
     * of the first column, as PyTorch gives them: DCGAN's generators, the 7 → 14 → 28 of MNIST, and
     * odd sizes with output padding.
     */
    @ParameterizedTest
    @MethodSource("backends")
    void convTranspose2dOutputSizesAreTorchs(Backend b) {
        int[][] table = {
            // size, kernel, stride, padding, outputPadding, PyTorch's output size
            {1, 4, 1, 0, 0, 4}, {4, 4, 2, 1, 0, 8}, {7, 4, 2, 1, 0, 14}, {14, 4, 2, 1, 0, 28}, {7, 3, 2, 1, 1, 14},
            {7, 5, 2, 2, 1, 14}, {3, 3, 1, 1, 0, 3}, {5, 3, 3, 0, 2, 17}, {2, 2, 2, 0, 0, 4}, {13, 4, 2, 1, 1, 27},
        };
        for (int[] row : table) {
            ConvTranspose2d convt = new ConvTranspose2d(new LayerContext(b, new int[] {1, row[0], row[0]},
                    new SeededRandom(1), "t", true), 1, row[1], row[2], row[3], row[4], false, Initializer.PYTORCH);
            assertArrayEquals(new int[] {1, row[5], row[5]}, convt.outputShape(), java.util.Arrays.toString(row));
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void aConvolutionReadsFlatSamplesAsItsImages(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        Conv2d conv = new Conv2d(context(b, "D.0", new SeededRandom(4), 1, 5, 5), 2, 3, 2, 0, true, Initializer.DCGAN);
        float[] x = uniform(8, 2 * 25);
        float[] image = conv.forward(b.fromArray(x, 2, 1, 5, 5), train(), conv.newCache()).toArray();
        LayerCache cache = conv.newCache();
        Tensor flat = b.fromArray(x, 2, 25);
        assertArrayEquals(image, conv.forward(flat, train(), cache).toArray());
        Tensor g = b.fromArray(uniform(9, 2 * 2 * 2 * 2), 2, 8);
        assertArrayEquals(new int[] {2, 1, 5, 5}, conv.backward(g, cache, null).shape());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void pytorchInitialisationDrawsWithinOneOverRootFanIn(Backend b) {
        Conv2d conv = new Conv2d(context(b, "c", new SeededRandom(2), 3, 8, 8), 16, 4, 1, 0, true, Initializer.PYTORCH);
        double bound = 1 / Math.sqrt(3 * 4 * 4);
        assertEquals(bound, max(conv.weight()), bound * 0.02, "Kaiming-uniform a=√5 over C·k·k");
        assertEquals(bound, max(conv.bias()), bound * 0.3, "bias U(±1/√fan_in)");
        ConvTranspose2d convt = new ConvTranspose2d(context(b, "t", new SeededRandom(2), 16, 4, 4), 3, 4, 2, 1, 0,
                true, Initializer.PYTORCH);
        double transposedBound = 1 / Math.sqrt(3 * 4 * 4);
        assertEquals(transposedBound, max(convt.weight()), transposedBound * 0.02,
                "PyTorch's fan-in of a transposed convolution is the weight's dim 1 (filters) · k · k");
        Conv2d dcgan = new Conv2d(context(b, "d", new SeededRandom(2), 3, 8, 8), 64, 4, 1, 0, true, Initializer.DCGAN);
        float[] w = dcgan.weight().value().toArray();
        double sq = 0;
        for (float v : w) {
            sq += v * v;
        }
        assertEquals(0.02, Math.sqrt(sq / w.length), 0.001, "N(0, 0.02²)");
        assertEquals(0, max(dcgan.bias()));
    }

    private static double max(Parameter p) {
        double m = 0;
        for (float v : p.value().toArray()) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void reshapeAndFlattenAreViewsOfTheirInput(Backend b) {
        Reshape unflatten = new Reshape(new int[] {12}, new int[] {3, 2, 2});
        Tensor x = b.fromArray(uniform(3, 24), 2, 12);
        LayerCache cache = unflatten.newCache();
        Tensor y = unflatten.forward(x, train(), cache);
        assertArrayEquals(new int[] {2, 3, 2, 2}, y.shape());
        assertSame(y, unflatten.forward(x, train(), cache), "the view is made once per input tensor");
        b.fill(x, 2f);
        assertEquals(2f, y.getFlat(23), "the view shares the input's storage");
        Reshape flatten = Reshape.flatten(new int[] {3, 2, 2});
        assertArrayEquals(new int[] {12}, flatten.outputShape());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Reshape(new int[] {784}, new int[] {2, 28, 28}));
        assertEquals("shape [2, 28, 28] holds 1568 values but the input [784] has 784", e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void convolutionsRefuseWhatDoesNotFit(Backend b) {
        SeededRandom r = new SeededRandom(1);
        IllegalArgumentException flat = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(context(b, "c", r, 784), 8, 3, 1, 0, true, Initializer.PYTORCH));
        assertEquals("needs an image input [C, H, W], got [784]; put a reshape before it "
                + "(e.g. {\"type\": \"reshape\", \"shape\": [1, 28, 28]})", flat.getMessage());
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new Conv2d(context(b, "c", r, 1, 3, 3), 8, 5, 1, 0, true, Initializer.PYTORCH));
        assertEquals("a 5x5 kernel with padding 0 does not fit the input [1, 3, 3]", big.getMessage());
        IllegalArgumentException outputPadding = assertThrows(IllegalArgumentException.class,
                () -> new ConvTranspose2d(context(b, "t", r, 1, 3, 3), 8, 4, 2, 1, 2, true, Initializer.PYTORCH));
        assertEquals("outputPadding must be at least 0 and less than the stride 2, got 2", outputPadding.getMessage());
    }

    /** {@code [N, C, H, W]} rearranged as {@code [N·H·W, C]}: one row per position, one column per channel. */
    static float[] channelsLast(float[] x, int n, int c, int plane) {
        float[] r = new float[x.length];
        for (int s = 0; s < n; s++) {
            for (int ch = 0; ch < c; ch++) {
                for (int p = 0; p < plane; p++) {
                    r[(s * plane + p) * c + ch] = x[(s * c + ch) * plane + p];
                }
            }
        }
        return r;
    }

    /** PyTorch's BatchNorm2d is BatchNorm1d over every position: gan4j's two agree the same way, in both modes. */
    @ParameterizedTest
    @MethodSource("backends")
    void batchNorm2dIsBatchNormOverEveryPosition(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the per-channel ops yet");
        int n = 3;
        int c = 4;
        int plane = 6;
        BatchNorm2d bn2 = new BatchNorm2d(b, "D.1", new int[] {c, 2, 3}, 0.1, 1e-5);
        BatchNorm bn1 = new BatchNorm(b, "D.1", new int[] {c}, 0.1, 1e-5);
        SeededRandom r = new SeededRandom(12);
        for (int i = 0; i < 2; i++) {
            float[] values = new float[c];
            r.fork("gamma-beta" + i).fillUniform(values, 0.5, 2);
            (i == 0 ? bn2.gamma() : bn2.beta()).value().copyFrom(values);
            (i == 0 ? bn1.gamma() : bn1.beta()).value().copyFrom(values);
        }
        float[] x = uniform(13, n * c * plane);
        float[] gy = uniform(14, n * c * plane);
        for (Mode mode : List.of(Mode.TRAIN, Mode.EVAL)) {
            ForwardContext context = new ForwardContext(mode, new SeededRandom(1));
            LayerCache c2 = bn2.newCache();
            LayerCache c1 = bn1.newCache();
            float[] y2 = bn2.forward(b.fromArray(x, n, c, 2, 3), context, c2).toArray();
            float[] y1 = bn1.forward(b.fromArray(channelsLast(x, n, c, plane), n * plane, c), context, c1).toArray();
            Gradients2 sinks = new Gradients2(b, bn1, bn2);
            float[] gx2 = bn2.backward(b.fromArray(gy, n, c, 2, 3), c2, sinks::gradient).toArray();
            float[] gx1 = bn1.backward(b.fromArray(channelsLast(gy, n, c, plane), n * plane, c), c1, sinks::gradient)
                    .toArray();
            String where = mode + " mode: ";
            close(where + "output", toDouble(y1), channelsLast(y2, n, c, plane));
            close(where + "input gradient", toDouble(gx1), channelsLast(gx2, n, c, plane));
            for (int i = 0; i < 4; i++) {
                Parameter p1 = bn1.parameters().get(i);
                Parameter p2 = bn2.parameters().get(i);
                assertEquals(p1.id(), p2.id());
                close(where + p1.id(), toDouble(p1.value().toArray()), p2.value().toArray());
                if (p1.trainable()) {
                    close(where + "gradient of " + p1.id(), toDouble(sinks.gradient(p1).toArray()),
                            sinks.gradient(p2).toArray());
                }
            }
        }
    }

    /** Gradient accumulators of two layers' parameters. */
    private static final class Gradients2 {
        final java.util.Map<Parameter, Tensor> gradients = new java.util.IdentityHashMap<>();

        Gradients2(Backend b, Layer first, Layer second) {
            for (Layer layer : List.of(first, second)) {
                for (Parameter p : layer.parameters()) {
                    gradients.put(p, b.zeros(p.value().shape()));
                }
            }
        }

        Tensor gradient(Parameter p) {
            return gradients.get(p);
        }
    }


    @ParameterizedTest
    @MethodSource("backends")
    void labelChannelsAppendOnePlanePerClass(Backend b) {
        LabelChannels layer = new LabelChannels(context(b, "D.0", new SeededRandom(1), 2 * 2 * 2 + 3), 3,
                new int[] {2, 2, 2});
        assertArrayEquals(new int[] {5, 2, 2}, layer.outputShape());
        float[] x = {
            1, 2, 3, 4, 5, 6, 7, 8, /* label */ 0, 1, 0,
            -1, -2, -3, -4, -5, -6, -7, -8, /* label */ 0, 0, 1,
        };
        LayerCache cache = layer.newCache();
        float[] y = layer.forward(b.fromArray(x, 2, 11), train(), cache).toArray();
        assertArrayEquals(new float[] {
            1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0,
            -1, -2, -3, -4, -5, -6, -7, -8, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1,
        }, y);
        float[] gy = new float[40];
        for (int i = 0; i < gy.length; i++) {
            gy[i] = i;
        }
        float[] gx = layer.backward(b.fromArray(gy, 2, 5, 2, 2), cache, null).toArray();
        assertArrayEquals(new float[] {
            0, 1, 2, 3, 4, 5, 6, 7, /* Σ of each plane */ 8 + 9 + 10 + 11, 12 + 13 + 14 + 15, 16 + 17 + 18 + 19,
            20, 21, 22, 23, 24, 25, 26, 27, 28 + 29 + 30 + 31, 32 + 33 + 34 + 35, 36 + 37 + 38 + 39,
        }, gx);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LabelChannels(context(b, "D.0", new SeededRandom(1), 784), 10, new int[] {1, 28, 28}));
        assertEquals("takes the [1, 28, 28] image and 10 one-hot classes (794 values) but its input [784] has 784",
                e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void upsampleRepeatsEachValueOverABlock(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        Upsample up = new Upsample(context(b, "G.3", new SeededRandom(1), 2, 2, 3), 3);
        assertArrayEquals(new int[] {2, 6, 9}, up.outputShape());
        float[] x = uniform(15, 2 * 2 * 2 * 3);
        float[] y = up.forward(b.fromArray(x, 2, 2, 2, 3), train(), up.newCache()).toArray();
        for (int s = 0; s < 2 * 2; s++) {
            for (int row = 0; row < 6; row++) {
                for (int col = 0; col < 9; col++) {
                    assertEquals(x[s * 6 + (row / 3) * 3 + col / 3], y[s * 54 + row * 9 + col], "bit for bit");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void avgPoolCountsPaddedZerosAsPyTorchDoes(Backend b) {
        assumeTrue(TestBackends.convolves(b), b.name() + " does not run the convolution ops yet");
        AvgPool2d pool = new AvgPool2d(context(b, "D.2", new SeededRandom(1), 2, 5, 4), 3, 2, 1);
        assertArrayEquals(new int[] {2, 3, 2}, pool.outputShape());
        float[] x = uniform(16, 2 * 2 * 5 * 4);
        float[] y = pool.forward(b.fromArray(x, 2, 2, 5, 4), train(), pool.newCache()).toArray();
        // count_include_pad=True: a window's sum over its in-image values, divided by k² always
        float[] ninth = new float[2 * 9];
        java.util.Arrays.fill(ninth, 1f / 9);
        close("avg-pool2d", referenceConv(x, 4, 1, 5, 4, ninth, null, 1, 3, 2, 1), y);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AvgPool2d(context(b, "D.2", new SeededRandom(1), 1, 4, 4), 3, 1, 2));
        assertEquals("padding must be at most half the kernel 3, got 2", e.getMessage());
    }
}
