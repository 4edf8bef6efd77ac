package dev.gan4j.backend.nd4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gan4j.api.Backend;
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
 * through ND4J's native transforms, and the memset used to fill with zero.
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

}
