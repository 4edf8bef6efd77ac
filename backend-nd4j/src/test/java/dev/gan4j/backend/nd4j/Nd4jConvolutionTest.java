package dev.gan4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.conformance.ReferenceOps;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the shared suites cannot see about the convolutions on libnd4j's ops: output padding
 * wider than the padding (col2im must clear what no window reaches), tensors that are reshaped
 * views (the shape information libnd4j is given is the view's), the column tensors kept per
 * shape when layers of different shapes alternate, and a closed backend.
 */
class Nd4jConvolutionTest {

    // one per test: each test's column tensors start empty
    private final Backend backend = new Nd4jBackendProvider().create(Map.of());

    @AfterEach
    void close() {
        backend.close();
    }

    @Test
    void outputPaddingBeyondThePaddingIsZeroWhereNoWindowReaches() {
        // 3x3/3/1 maps heights 7, 8 and 9 to 3: windows start at rows -1, 2 and 5 and reach row 7
        // at most, so with output padding 2 the last row and column get no window
        ConvGeometry g = ConvGeometry.square(3, 3, 1);
        int[] ys = {2, 3, 3, 3};
        int[] ws = {3, 2, 3, 3};
        SeededRandom random = new SeededRandom(11);
        float[] dy = gaussian(random, 2 * 3 * 3 * 3);
        float[] w = gaussian(random, 3 * 2 * 3 * 3);
        for (int size : new int[] {7, 8, 9}) {
            int[] xs = {2, 2, size, size};
            Tensor dx = backend.fromArray(gaussian(random, 2 * 2 * size * size), xs);
            backend.conv2dBackwardInput(backend.fromArray(dy, ys), backend.fromArray(w, ws), g, dx);
            double[] ref = ReferenceOps.conv2dBackwardInput(dy, ys, w, ws, xs, g);
            assertClose("output size " + size, ref, dx.toArray());
        }
        Tensor dx = backend.fromArray(gaussian(random, 2 * 2 * 9 * 9), 2, 2, 9, 9);
        backend.conv2dBackwardInput(backend.fromArray(dy, ys), backend.fromArray(w, ws), g, dx);
        float[] out = dx.toArray();
        for (int plane = 0; plane < 4; plane++) {
            for (int i = 0; i < 9; i++) {
                assertEquals(0f, out[plane * 81 + 8 * 9 + i], "last row, plane " + plane);
                assertEquals(0f, out[plane * 81 + i * 9 + 8], "last column, plane " + plane);
            }
        }
    }

    @Test
    void convolutionsWorkOnReshapedViews() {
        // a generator reshapes a dense layer's [N, C·H·W] output to [N, C, H, W]
        SeededRandom random = new SeededRandom(12);
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        float[] x = gaussian(random, 2 * 3 * 6 * 6);
        float[] w = gaussian(random, 4 * 3 * 4 * 4);
        Tensor flat = backend.fromArray(x, 2, 3 * 6 * 6);
        Tensor image = backend.fromArray(x, 2, 3, 6, 6);
        Tensor weight = backend.fromArray(w, 4, 3, 4, 4);
        Tensor viaView = backend.zeros(2, 4 * 3 * 3);
        Tensor direct = backend.zeros(2, 4, 3, 3);
        backend.conv2d(flat.reshape(2, 3, 6, 6), weight, g, viaView.reshape(2, 4, 3, 3));
        backend.conv2d(image, weight, g, direct);
        assertArrayEquals(direct.toArray(), viaView.toArray());
        assertClose("conv2d", ReferenceOps.conv2d(x, new int[] {2, 3, 6, 6}, w, new int[] {4, 3, 4, 4}, g),
                direct.toArray());
    }

    @Test
    void theInputGradientIsTheSameWithOneProductOrOnePerImage() {
        // a window of 8·4·4 = 128 takes one product for the batch, 7·4·4 = 112 one per image
        SeededRandom random = new SeededRandom(14);
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        assertEquals(128, Nd4jConvolution.ONE_PRODUCT_MIN_PATCH);
        for (int c : new int[] {7, 8}) {
            int[] xs = {3, c, 9, 9};
            int[] ws = {5, c, 4, 4};
            int[] ys = {3, 5, 4, 4};
            float[] dy = gaussian(random, 3 * 5 * 4 * 4);
            float[] w = gaussian(random, 5 * c * 16);
            Tensor dx = backend.zeros(xs);
            backend.conv2dBackwardInput(backend.fromArray(dy, ys), backend.fromArray(w, ws), g, dx);
            assertClose(c + " channels", ReferenceOps.conv2dBackwardInput(dy, ys, w, ws, xs, g), dx.toArray());
        }
    }

    @Test
    void alternatingLayerShapesDoNotAllocateAfterWarmUp() {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        SeededRandom random = new SeededRandom(13);
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        // two discriminator-like layers and a transposed convolution with output padding
        Tensor x1 = tensor(random, 4, 1, 12, 12);
        Tensor w1 = tensor(random, 8, 1, 4, 4);
        Tensor y1 = tensor(random, 4, 8, 6, 6);
        Tensor w2 = tensor(random, 16, 8, 4, 4);
        Tensor y2 = tensor(random, 4, 16, 3, 3);
        Tensor padded = backend.zeros(4, 8, 7, 7);
        Tensor gw1 = backend.zeros(8, 1, 4, 4);
        Tensor gw2 = backend.zeros(16, 8, 4, 4);
        Tensor mean = backend.zeros(16);
        Tensor variance = backend.zeros(16);
        Map<String, Runnable> ops = new LinkedHashMap<>();
        ops.put("conv2d 1", () -> backend.conv2d(x1, w1, g, y1));
        ops.put("conv2d 2", () -> backend.conv2d(y1, w2, g, y2));
        // windows of 8·4·4 = 128 and 1·4·4 = 16: the input gradient's two ways
        ops.put("conv2dBackwardInput", () -> backend.conv2dBackwardInput(y2, w2, g, y1));
        ops.put("conv2dBackwardInput, small window", () -> backend.conv2dBackwardInput(y1, w1, g, x1));
        ops.put("conv2dBackwardInput with output padding", () -> backend.conv2dBackwardInput(y2, w2, g, padded));
        ops.put("conv2dBackwardWeight beta 0", () -> backend.conv2dBackwardWeight(x1, y1, g, 0f, gw1));
        ops.put("conv2dBackwardWeight beta 1", () -> backend.conv2dBackwardWeight(y1, y2, g, 1f, gw2));
        ops.put("addChannels", () -> backend.addChannels(y2, mean, y2));
        ops.put("mulChannels", () -> backend.mulChannels(y2, variance, y2));
        ops.put("sumChannels", () -> backend.sumChannels(y2, 1f, mean));
        ops.put("channelMeanVariance", () -> backend.channelMeanVariance(y2, mean, variance));
        Runnable step = () -> ops.values().forEach(Runnable::run);
        for (int i = 0; i < 300; i++) {
            step.run();
        }
        Map<String, Long> allocated = new LinkedHashMap<>();
        for (var op : ops.entrySet()) {
            long least = Long.MAX_VALUE;
            for (int round = 0; round < 20 && least > 0; round++) {
                long before = threads.getThreadAllocatedBytes(id);
                for (int i = 0; i < 20; i++) {
                    // the other layer runs in between, as in a training step
                    op.getValue().run();
                    ops.get("conv2d 1").run();
                }
                least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
            }
            if (least > 0) {
                allocated.put(op.getKey(), least);
            }
        }
        assertEquals(Map.of(), allocated, "bytes allocated over 20 calls after warm-up");
    }

    @Test
    void scratchBeyondTheBudgetDropsTheOlderBuffers() {
        // room for one layer's buffers at a time: alternating layers rebuild them, still right
        SeededRandom random = new SeededRandom(15);
        ConvGeometry g = ConvGeometry.square(4, 2, 1);
        long oneLayer = 2 * 16 * 4 * 4 * 4 * 4 + 32 * 2 * 4 * 4; // columns [2, 16, 4, 4, 4, 4], gradOutput^T [32, 2·16]
        Nd4jConvolution convolution = ((Nd4jBackend) backend).newConvolution(oneLayer);
        float[] dy1 = gaussian(random, 2 * 32 * 4 * 4);
        float[] w1 = gaussian(random, 32 * 16 * 16);
        float[] dy2 = gaussian(random, 2 * 32 * 3 * 3);
        float[] w2 = gaussian(random, 32 * 16 * 16);
        for (int round = 0; round < 2; round++) {
            Tensor dx1 = backend.zeros(2, 16, 8, 8);
            convolution.backwardInput((Nd4jTensor) backend.fromArray(dy1, 2, 32, 4, 4),
                    (Nd4jTensor) backend.fromArray(w1, 32, 16, 4, 4), g, (Nd4jTensor) dx1);
            assertEquals(oneLayer, convolution.scratchFloats());
            assertClose("first layer, round " + round, ReferenceOps.conv2dBackwardInput(dy1, new int[] {2, 32, 4, 4},
                    w1, new int[] {32, 16, 4, 4}, new int[] {2, 16, 8, 8}, g), dx1.toArray());
            Tensor dx2 = backend.zeros(2, 16, 6, 6);
            convolution.backwardInput((Nd4jTensor) backend.fromArray(dy2, 2, 32, 3, 3),
                    (Nd4jTensor) backend.fromArray(w2, 32, 16, 4, 4), g, (Nd4jTensor) dx2);
            assertTrue(convolution.scratchFloats() < oneLayer, "the first layer's buffers were dropped");
            assertClose("second layer, round " + round, ReferenceOps.conv2dBackwardInput(dy2, new int[] {2, 32, 3, 3},
                    w2, new int[] {32, 16, 4, 4}, new int[] {2, 16, 6, 6}, g), dx2.toArray());
        }
        convolution.close();
    }

    @Test
    void convolutionsRefuseToWriteWhatTheyRead() {
        // a 1x1 kernel maps [1, 1, 2, 2] to itself, so the shapes allow it
        ConvGeometry g = ConvGeometry.square(1, 1, 0);
        Tensor x = backend.zeros(1, 1, 2, 2);
        Tensor w = backend.zeros(1, 1, 1, 1);
        IllegalArgumentException forward = assertThrows(IllegalArgumentException.class,
                () -> backend.conv2d(x, w, g, x.reshape(1, 1, 2, 2)));
        assertTrue(forward.getMessage().contains("conv2d: the tensor it writes must not share storage with its inputs"),
                forward.getMessage());
        assertThrows(IllegalArgumentException.class, () -> backend.conv2dBackwardInput(x, w, g, x));
        // [2, 2, 1, 1] is an input, a weight and an output of that kernel at once
        Tensor square = backend.zeros(2, 2, 1, 1);
        assertThrows(IllegalArgumentException.class, () -> backend.conv2dBackwardWeight(square, square, g, 0f,
                square.reshape(2, 2, 1, 1)));
    }

    @Test
    void aClosedBackendRefusesConvolutionsButNothingElse() {
        Backend closed = new Nd4jBackendProvider().create(Map.of());
        Tensor x = closed.zeros(1, 1, 4, 4);
        Tensor w = closed.zeros(1, 1, 2, 2);
        Tensor y = closed.zeros(1, 1, 2, 2);
        ConvGeometry g = ConvGeometry.square(2, 2, 0);
        closed.conv2d(x, w, g, y);
        closed.close();
        closed.close(); // twice is harmless
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> closed.conv2d(x, w, g, y));
        assertTrue(e.getMessage().contains("conv2d: the nd4j backend is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> closed.conv2dBackwardInput(y, w, g, x));
        assertThrows(IllegalStateException.class, () -> closed.conv2dBackwardWeight(x, y, g, 1f, w));
        closed.addChannels(x, closed.fromArray(new float[] {2f}, 1), x);
        assertEquals(2f, x.getFlat(15));
    }

    private Tensor tensor(SeededRandom random, int... shape) {
        Tensor t = backend.zeros(shape);
        t.copyFrom(gaussian(random, t.size()));
        return t;
    }

    private static float[] gaussian(SeededRandom random, int n) {
        float[] values = new float[n];
        random.fillGaussian(values, 0, 1);
        return values;
    }

    /** {@code reference} holds the values, then their magnitudes (as {@link ReferenceOps} returns them). */
    private static void assertClose(String what, double[] reference, float[] actual) {
        int n = actual.length;
        assertEquals(2 * n, reference.length, what + ": number of elements");
        for (int i = 0; i < n; i++) {
            double tolerance = 1e-6 + 1e-5 * reference[n + i];
            assertTrue(Math.abs(actual[i] - reference[i]) <= tolerance,
                    what + ": element " + i + " expected " + reference[i] + " but was " + actual[i]);
        }
    }
}
