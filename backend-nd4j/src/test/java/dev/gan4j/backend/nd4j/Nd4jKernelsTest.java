package dev.gan4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parts of the ND4J backend that bypass ND4J's own API (direct sgemm, raw native transforms,
 * Java loops on native memory) checked against plain Java loops.
 */
class Nd4jKernelsTest {

    private static Backend backend;

    @BeforeAll
    static void start() {
        backend = new Nd4jBackendProvider().create(Map.of());
    }

    @AfterAll
    static void stop() {
        backend.close();
    }

    @ParameterizedTest(name = "transposeA={0} transposeB={1}")
    @CsvSource({"false,false", "false,true", "true,false", "true,true"})
    void gemmMatchesLoopsAndIgnoresNanInCWhenBetaIsZero(boolean transposeA, boolean transposeB) {
        int m = 7;
        int k = 5;
        int n = 3;
        SeededRandom random = new SeededRandom(42);
        float[] a = uniform(random, m * k);
        float[] b = uniform(random, k * n);
        Tensor ta = transposeA ? backend.fromArray(transpose(a, m, k), k, m) : backend.fromArray(a, m, k);
        Tensor tb = transposeB ? backend.fromArray(transpose(b, k, n), n, k) : backend.fromArray(b, k, n);
        float[] nan = new float[m * n];
        java.util.Arrays.fill(nan, Float.NaN);
        Tensor c = backend.fromArray(nan, m, n);

        backend.gemm(transposeA, transposeB, 1.5f, ta, tb, 0f, c);
        float[] expected = matmul(a, b, m, k, n, 1.5);
        assertArrayEquals(expected, c.toArray(), 1e-5f);

        // beta != 0 accumulates: c = 2·a·b + 0.5·c
        backend.gemm(transposeA, transposeB, 2f, ta, tb, 0.5f, c);
        float[] twice = matmul(a, b, m, k, n, 2.0);
        for (int i = 0; i < expected.length; i++) {
            expected[i] = twice[i] + 0.5f * expected[i];
        }
        assertArrayEquals(expected, c.toArray(), 1e-5f);
    }

    @Test
    void gemmTreatsRankOneAndRankFourAsMatrices() {
        // [1, 2, 2, 1] is a 1×4 matrix; rank-1 [4] is a 1×4 row too.
        Tensor image = backend.fromArray(new float[] {1, 2, 3, 4}, 1, 2, 2, 1);
        Tensor row = backend.fromArray(new float[] {1, 1, 1, 1}, 4);
        Tensor out = backend.zeros(1, 1);
        backend.gemm(false, true, 1f, image, row, 0f, out);
        assertEquals(10f, out.getFlat(0));
    }

    @Test
    void gemmRejectsBadShapesAndAliasing() {
        Tensor a = backend.zeros(2, 3);
        Tensor b = backend.zeros(4, 2);
        IllegalArgumentException inner = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(false, false, 1f, a, b, 0f, backend.zeros(2, 2)));
        assertTrue(inner.getMessage().contains("inner dimensions differ (3 vs 4)"), inner.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(true, true, 1f, a, b, 0f, backend.zeros(2, 2)));
        assertTrue(output.getMessage().contains("c must be 3×4"), output.getMessage());
        Tensor square = backend.zeros(3, 3);
        IllegalArgumentException alias = assertThrows(IllegalArgumentException.class,
                () -> backend.gemm(false, false, 1f, square, backend.zeros(3, 3), 0f, square.reshape(3, 1, 3)));
        assertTrue(alias.getMessage().contains("must not share storage with a"), alias.getMessage());
    }

    @Test
    void reshapeIsAViewInBothDirections() {
        Tensor matrix = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor image = matrix.reshape(2, 1, 3, 1);
        Tensor flat = image.reshape(6);
        assertArrayEquals(new int[] {2, 1, 3, 1}, image.shape());
        assertEquals(2, image.rows());
        assertEquals(3, image.columns());
        assertEquals(1, flat.rows());
        assertEquals(6, flat.columns());

        backend.affine(10f, 0f, flat, flat);
        assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60}, matrix.toArray());
        matrix.copyFrom(new float[] {-1, -2, -3, -4, -5, -6});
        assertEquals(-6f, image.getFlat(5));
        // the native element-wise path writes through a view of another shape as well
        backend.unary(UnaryOp.EXP, 0f, matrix, image);
        assertEquals((float) Math.exp(-1), flat.getFlat(0), 1e-7f);
        assertEquals(matrix.unwrap(INDArray.class).data().addressPointer().address(),
                flat.unwrap(INDArray.class).data().addressPointer().address(), "same storage");

        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class, () -> matrix.reshape(4, 2));
        assertTrue(wrong.getMessage().contains("(6 elements) as [4, 2] (8 elements)"), wrong.getMessage());
    }

    @ParameterizedTest
    @EnumSource(UnaryOp.class)
    void unaryAndBackwardMatchTheReference(UnaryOp op) {
        float p = op == UnaryOp.POW ? 3f : 0.2f;
        boolean positiveOnly = op == UnaryOp.LOG || op == UnaryOp.SQRT || op == UnaryOp.POW;
        float[] x = positiveOnly
                ? new float[] {0.01f, 0.5f, 1f, 2f, 7.5f, 30f}
                : new float[] {-30f, -2.5f, -0.3f, 0f, 0.4f, 1f, 3f, 30f};
        Tensor tx = backend.fromArray(x, 2, x.length / 2);
        Tensor ty = backend.zeros(x.length);
        backend.unary(op, p, tx, ty);
        float[] y = ty.toArray();
        for (int i = 0; i < x.length; i++) {
            assertClose(op.apply(x[i], p), y[i], op + " at " + x[i]);
        }

        float[] g = new float[x.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.5f + i;
        }
        Tensor gradOut = backend.fromArray(g, x.length);
        Tensor gradIn = backend.fromArray(new float[x.length], x.length);
        backend.unaryBackward(op, p, tx, ty, gradOut, gradIn);
        float[] in = gradIn.toArray();
        for (int i = 0; i < x.length; i++) {
            assertClose(g[i] * op.derivative(x[i], y[i], p), in[i], op + "' at " + x[i]);
        }
        // gradIn may be gradOut
        backend.unaryBackward(op, p, tx, ty, gradOut, gradOut);
        assertArrayEquals(in, gradOut.toArray(), 0f, op + " in place");
    }

    @Test
    void nativeTransformsHandleExtremes() {
        Tensor x = backend.fromArray(new float[] {-1000f, -90f, 90f, 1000f, Float.NaN}, 5);
        Tensor y = backend.zeros(5);
        backend.unary(UnaryOp.SIGMOID, 0f, x, y);
        assertArrayEquals(new float[] {0f, 0f, 1f, 1f, Float.NaN}, y.toArray(), 1e-30f);
        backend.unary(UnaryOp.TANH, 0f, x, y);
        assertArrayEquals(new float[] {-1f, -1f, 1f, 1f, Float.NaN}, y.toArray(), 0f);
        backend.unary(UnaryOp.SOFTPLUS, 0f, x, y);
        assertArrayEquals(new float[] {0f, 0f, 90f, 1000f, Float.NaN}, y.toArray(), 1e-6f);
        backend.unary(UnaryOp.LOG, 0f, backend.fromArray(new float[] {0f, -1f, 1f, 1f, 1f}, 5), y);
        assertEquals(Float.NEGATIVE_INFINITY, y.getFlat(0));
        assertTrue(Float.isNaN(y.getFlat(1)));
    }

    @Test
    void fillZeroClearsNegativeZeroAndNan() {
        Tensor t = backend.fromArray(new float[] {Float.NaN, -0f, 3f}, 3);
        backend.fill(t, 0f);
        assertArrayEquals(new float[] {0f, 0f, 0f}, t.toArray(), 0f);
        assertEquals(0, Float.floatToRawIntBits(t.getFlat(1)));
        backend.fill(t, -0f);
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(t.getFlat(2)));
    }

    @Test
    void sumColumnsOverwritesNanWithBetaZeroAndAccumulatesOtherwise() {
        Tensor a = backend.fromArray(new float[] {1, 2, 3, 4, 5, 6}, 3, 2);
        Tensor out = backend.fromArray(new float[] {Float.NaN, Float.NaN}, 2);
        backend.sumColumns(a, 0f, out);
        assertArrayEquals(new float[] {9, 12}, out.toArray());
        backend.sumColumns(a, 1f, out);
        assertArrayEquals(new float[] {18, 24}, out.toArray());
    }

    private static void assertClose(double expected, float actual, String what) {
        if (Double.isNaN(expected)) {
            assertTrue(Float.isNaN(actual), what + ": expected NaN, got " + actual);
            return;
        }
        double tolerance = 2e-6 * Math.max(1.0, Math.abs(expected));
        assertEquals(expected, actual, tolerance, what);
    }

    private static float[] uniform(SeededRandom random, int n) {
        float[] values = new float[n];
        random.fillUniform(values, -1, 1);
        return values;
    }

    private static float[] transpose(float[] a, int rows, int columns) {
        float[] t = new float[a.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                t[j * rows + i] = a[i * columns + j];
            }
        }
        return t;
    }

    private static float[] matmul(float[] a, float[] b, int m, int k, int n, double alpha) {
        float[] c = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int p = 0; p < k; p++) {
                    sum += (double) a[i * k + p] * b[p * n + j];
                }
                c[i * n + j] = (float) (alpha * sum);
            }
        }
        return c;
    }
}
