package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * {@link FastExp}, the backend's sigmoid and tanh, checked against double-precision references
 * over the whole float range, and the backend checked to run it.
 */
class FastExpTest {

    /** Every 1/256 over [−120, 120], the extremes, and Gaussian values at several scales. */
    static float[] inputs() {
        int grid = 2 * 120 * 256 + 1;
        float[] x = new float[grid + 12 + 3000];
        for (int i = 0; i < grid; i++) {
            x[i] = -120f + i / 256f;
        }
        float[] edges = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
            1e-30f, -1e-30f, 1e-7f, -1e-7f, 87.3f, -87.3f, 88.7f};
        System.arraycopy(edges, 0, x, grid, edges.length);
        SeededRandom random = new SeededRandom(5);
        for (int i = grid + edges.length; i < x.length; i++) {
            x[i] = (float) (random.nextGaussian() * Math.pow(10, (i % 5) - 2));
        }
        return x;
    }

    private static void check(String name, float[] x, float[] y, DoubleUnaryOperator reference) {
        for (int i = 0; i < x.length; i++) {
            double e = reference.applyAsDouble(x[i]);
            double tolerance = 1e-6 * Math.min(1, Math.abs(e)) + 2e-7 * Math.abs(e);
            if (!(Math.abs(y[i] - e) <= Math.max(tolerance, 1e-37))) {
                fail(name + "(" + x[i] + ") = " + y[i] + ", expected " + e);
            }
        }
    }

    @Test
    void sigmoidIsWithinTwoUlpsOrTinyEverywhere() {
        float[] x = inputs();
        float[] y = new float[x.length];
        new FastExp().sigmoid(x, y);
        check("sigmoid", x, y, v -> 1 / (1 + Math.exp(-v)));
    }

    @Test
    void tanhKeepsRelativePrecisionNearZero() {
        float[] x = inputs();
        float[] y = new float[x.length];
        new FastExp().tanh(x, y);
        check("tanh", x, y, Math::tanh);
        float[] tiny = {1e-7f, -3e-9f, 1e-20f};
        float[] out = new float[3];
        new FastExp().tanh(tiny, out);
        for (int i = 0; i < tiny.length; i++) {
            assertEquals(tiny[i], out[i], Math.ulp(tiny[i]) * 2, "tanh of a tiny value is itself");
        }
    }

    @Test
    void inPlaceOddLengthsAndNaN() {
        FastExp fast = new FastExp();
        for (int len : new int[] {1, 7, 8, 15, 16, 17, 33, 1000}) {
            float[] x = new float[len];
            for (int i = 0; i < len; i++) {
                x[i] = (i % 13) - 6.5f;
            }
            float[] expected = new float[len];
            fast.sigmoid(x, expected);
            fast.sigmoid(x, x);
            assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(x), "in place, length " + len);
        }
        float[] nan = {Float.NaN, 0f};
        float[] out = new float[2];
        fast.sigmoid(nan, out);
        assertTrue(Float.isNaN(out[0]));
        assertEquals(0.5f, out[1]);
        fast.tanh(nan, out);
        assertTrue(Float.isNaN(out[0]));
        assertEquals(0f, out[1]);
        float[] inf = {Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        fast.tanh(inf, out);
        assertEquals(1f, out[0]);
        assertEquals(-1f, out[1]);
    }

    /**
     * The backend's sigmoid and tanh are FastExp's, bit for bit, and its settings say so: the
     * expectation is FastExp run directly, not the check the backend itself makes, so a backend
     * that computed them any other way ({@link Math#exp}, another kernel) fails here.
     */
    @Test
    void theBackendsSigmoidAndTanhAreFastExps() {
        float[] x = inputs();
        float[] sigmoid = new float[x.length];
        float[] tanh = new float[x.length];
        new FastExp().sigmoid(x, sigmoid);
        new FastExp().tanh(x, tanh);
        try (Backend backend = new EjmlBackendProvider().create(Map.of())) {
            assertEquals("gan4j FastExp (auto-vectorised expm1)", backend.settings().get("activations"));
            Tensor in = backend.fromArray(x, x.length);
            Tensor out = backend.zeros(x.length);
            backend.unary(UnaryOp.SIGMOID, 0f, in, out);
            assertArrayEquals(sigmoid, out.toArray(), "the backend's sigmoid");
            backend.unary(UnaryOp.TANH, 0f, in, out);
            assertArrayEquals(tanh, out.toArray(), "the backend's tanh");
        }
    }
}
