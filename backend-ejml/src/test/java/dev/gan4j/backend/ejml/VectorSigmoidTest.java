package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorSigmoid} gives FastExp's bits, and the shared {@link SafeVectorSigmoid} warms it up
 * and lets the backend run it; surefire runs this class with the Vector API module.
 */
class VectorSigmoidTest {

    /** Every 1/256 over [−120, 120], the extremes, NaN, infinities, zeros and Gaussian values. */
    static float[] inputs() {
        float[] grid = FastExpTest.inputs();
        float[] special = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 87.3f, -87.3f,
            88.3f, -88.3f, 88.7f, -88.7f, 100f, -100f, Float.MIN_VALUE, -Float.MIN_NORMAL};
        float[] x = Arrays.copyOf(grid, grid.length + special.length);
        System.arraycopy(special, 0, x, grid.length, special.length);
        return x;
    }

    /** FastExp's sigmoid of {@code x + bias} (the bias repeated per row), in the backend's two passes. */
    private static float[] expected(float[] x, float[] bias) {
        float[] y = x.clone();
        if (bias != null) {
            new RowLoops().addRowVector(x, bias, y);
        }
        new FastExp().sigmoid(y, y);
        return y;
    }

    /** Equal bits, every NaN counted as one (Java does not fix a NaN's sign or payload). */
    private static void assertSameBits(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + " (bits "
                        + Integer.toHexString(Float.floatToRawIntBits(actual[i])) + "), FastExp gives " + expected[i]
                        + " (bits " + Integer.toHexString(Float.floatToRawIntBits(expected[i])) + ")");
            }
        }
    }

    @Test
    void theSigmoidHasFastExpsBitsEverywhereAndInPlace() {
        float[] x = inputs();
        float[] want = expected(x, null);
        VectorSigmoid kernel = new VectorSigmoid();
        float[] y = new float[x.length];
        kernel.sigmoid(x, y);
        assertSameBits(want, y, "sigmoid");
        float[] inPlace = x.clone();
        kernel.sigmoid(inPlace, inPlace);
        assertSameBits(want, inPlace, "sigmoid in place");
        assertTrue(Float.isNaN(y[x.length - 15]), "NaN stays NaN");
    }

    @Test
    void theBiasedSigmoidHasTheBitsOfTheBiasPassThenFastExp() {
        float[] values = inputs();
        // a bias that pushes some sums past the clamp and some to exactly zero
        float[] biasValues = {0.5f, -3f, 40f, -40f, 120f, -120f, Float.NaN, Float.POSITIVE_INFINITY, -0f, 1e-30f};
        VectorSigmoid kernel = new VectorSigmoid();
        for (int cols = 1; cols <= 100; cols++) {
            for (int rows : new int[] {1, 3}) {
                float[] x = new float[rows * cols];
                float[] bias = new float[cols];
                for (int i = 0; i < x.length; i++) {
                    x[i] = values[(i * 7919 + cols * 131) % values.length];
                }
                for (int j = 0; j < cols; j++) {
                    bias[j] = j % 3 == 0 ? biasValues[(j / 3 + cols) % biasValues.length] : -x[j] * (j % 2);
                }
                String what = rows + "×" + cols;
                float[] want = expected(x, bias);
                float[] y = new float[x.length];
                kernel.addRowVectorSigmoid(x, bias, y);
                assertSameBits(want, y, what);
                float[] inPlace = x.clone();
                kernel.addRowVectorSigmoid(inPlace, bias, inPlace);
                assertSameBits(want, inPlace, what + " in place");
                if (rows == 1) {
                    float[] intoBias = bias.clone();
                    kernel.addRowVectorSigmoid(x, intoBias, intoBias);
                    assertSameBits(want, intoBias, what + " into its own bias");
                }
            }
        }
    }

    /** Every length from 0 to 100 (whole vectors, tails, all tail), run often enough that C1 and C2 code is checked too. */
    @Test
    void everyLengthHasFastExpsBitsInEveryJitTier() {
        float[] values = inputs();
        VectorSigmoid kernel = new VectorSigmoid();
        for (int round = 0; round < 100; round++) {
            for (int n = 0; n <= 100; n++) {
                float[] x = Arrays.copyOfRange(values, 257 * n + round, 257 * n + round + n);
                float[] y = new float[n];
                kernel.sigmoid(x, y);
                assertSameBits(expected(x, null), y, "length " + n + ", round " + round);
            }
        }
    }

    @Test
    void theSharedKernelWarmsUpAndTheBackendRunsItWithFastExpsBits() throws InterruptedException {
        assumeTrue(SafeVectorSigmoid.jvmCounter() != null, "this JVM counts no per-thread allocation");
        SafeVectorSigmoid shared = SafeVectorSigmoid.shared().orElseThrow();
        // twice the warm-up's own limit: the machine may be busy compiling other code first
        assertTrue(shared.awaitWarmUp(2 * SafeVectorSigmoid.WARM_UP_LIMIT_NANOS, TimeUnit.NANOSECONDS),
                "the warm-up did not end");
        assertTrue(shared.running(), shared.describe());
        SeededRandom random = new SeededRandom(8);
        float[] x = new float[64 * 784];
        float[] bias = new float[784];
        random.fillGaussian(x, 0, 4);
        random.fillGaussian(bias, 0, 1);
        try (Backend backend = new EjmlBackendProvider().create(Map.of())) {
            String activations = backend.settings().get("activations");
            assertTrue(activations.contains("sigmoid: Vector API sigmoid ("), activations);
            assertFalse(activations.contains("off") || activations.contains("warming"), activations);
            FusedActivationKernels fused = backend.kernels(FusedActivationKernels.class).orElseThrow();
            Tensor a = backend.fromArray(x, 64, 784);
            Tensor row = backend.fromArray(bias, 784);
            Tensor out = backend.zeros(64, 784);
            for (int i = 0; i < 50; i++) {
                fused.addRowVectorUnary(UnaryOp.SIGMOID, 0f, a, row, out);
                assertSameBits(expected(x, bias), out.toArray(), "fused bias and sigmoid");
                backend.unary(UnaryOp.SIGMOID, 0f, a, out);
                assertSameBits(expected(x, null), out.toArray(), "unary sigmoid");
            }
            assertTrue(shared.running(), "switched off by the guard: " + shared.describe());
            assertEquals(activations, backend.settings().get("activations"));
        }
    }
}
