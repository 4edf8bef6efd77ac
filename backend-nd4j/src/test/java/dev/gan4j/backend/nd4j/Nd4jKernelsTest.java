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
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the shared conformance suite cannot see about this backend's shortcuts around ND4J's API:
 * storage-based aliasing checks, the rank-1 shape the native loops are given, NaN and infinities
 * through ND4J's native transforms, the memset used to fill with zero, and the OpenBLAS paths
 * that only large tensors take (the suite's tensors are below {@link Nd4jBackend#BLAS_THRESHOLD}).
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
    void largeAxpbyMatchesTheFormulaForEveryAliasing() {
        int n = Nd4jBackend.BLAS_THRESHOLD + 37;
        SeededRandom random = new SeededRandom(3);
        float[] a = gaussian(random, n);
        float[] b = gaussian(random, n);
        float alpha = 0.7f;
        float beta = -1.3f;
        double[] expected = new double[n];
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = (double) alpha * a[i] + (double) beta * b[i];
            magnitude[i] = Math.abs((double) alpha * a[i]) + Math.abs((double) beta * b[i]);
        }
        Tensor ta = backend.fromArray(a, 1, n);
        Tensor tb = backend.fromArray(b, n);
        Tensor out = backend.zeros(n);
        backend.axpby(alpha, ta, beta, tb, out);
        assertClose("axpby into a third tensor", expected, magnitude, out.toArray());
        backend.axpby(alpha, ta, beta, tb, tb.reshape(1, n));
        assertClose("axpby into b", expected, magnitude, tb.toArray());
        tb.copyFrom(b);
        backend.axpby(alpha, ta, beta, tb, ta);
        assertClose("axpby into a", expected, magnitude, ta.toArray());

        // a zero coefficient keeps 0·NaN = NaN, as the formula says
        tb.copyFrom(b);
        backend.fill(ta, Float.NaN);
        backend.axpby(0f, ta, 1f, tb, out);
        assertTrue(Float.isNaN(out.getFlat(n - 1)), "0·NaN + b");
        // a and b the same storage: out = (alpha + beta)·b
        backend.axpby(2f, tb, 3f, tb.reshape(1, n), out);
        assertEquals(5f * b[n - 1], out.getFlat(n - 1), 1e-5f * Math.abs(5f * b[n - 1]));
    }

    @Test
    void largeAddRowVectorAndSumColumnsMatchLoops() {
        int rows = 37;
        int columns = 101;
        SeededRandom random = new SeededRandom(4);
        float[] a = gaussian(random, rows * columns);
        float[] row = gaussian(random, columns);
        double[] added = new double[a.length];
        double[] sums = new double[columns];
        double[] sumMagnitude = new double[columns];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < columns; j++) {
                added[i * columns + j] = (double) a[i * columns + j] + row[j];
                sums[j] += a[i * columns + j];
                sumMagnitude[j] += Math.abs(a[i * columns + j]);
            }
        }
        Tensor ta = backend.fromArray(a, rows, 1, columns);
        Tensor out = backend.zeros(rows, columns);
        backend.addRowVector(ta, backend.fromArray(row, columns), out);
        assertClose("addRowVector", added, added, out.toArray());
        backend.addRowVector(ta, backend.fromArray(row, 1, columns), ta);
        assertClose("addRowVector in place", added, added, ta.toArray());

        ta.copyFrom(a);
        float[] nan = new float[columns];
        java.util.Arrays.fill(nan, Float.NaN);
        Tensor colSums = backend.fromArray(nan, columns);
        backend.sumColumns(ta, 0f, colSums);
        assertClose("sumColumns beta=0 over NaN", sums, sumMagnitude, colSums.toArray());
        backend.sumColumns(ta, 0.5f, colSums);
        double[] accumulated = new double[columns];
        for (int j = 0; j < columns; j++) {
            accumulated[j] = sums[j] + 0.5 * sums[j];
        }
        assertClose("sumColumns beta=0.5", accumulated, sumMagnitude, colSums.toArray());
    }

    private static float[] gaussian(SeededRandom random, int n) {
        float[] values = new float[n];
        random.fillGaussian(values, 0, 1);
        return values;
    }

    /** |actual − expected| ≤ 1e-6 + 1e-5·magnitude, as the conformance suite's tolerance. */
    private static void assertClose(String what, double[] expected, double[] magnitude, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double tolerance = 1e-6 + 1e-5 * Math.abs(magnitude[i]);
            assertEquals(expected[i], actual[i], tolerance, what + " at " + i);
        }
    }
}
