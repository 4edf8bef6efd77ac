package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.api.Backend;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link VectorGemm} against double-precision loops on shapes that exercise every path: row
 * counts that are not multiples of 4, column counts below, at and between multiples of one and
 * two vectors, inner sizes beyond one k-block, both transposes, and beta 0 over NaN.
 */
class VectorGemmTest {

    @Test
    void theModuleIsHereAndAutoPrefersNativeThenVector() {
        assertTrue(VectorApi.available(), "surefire runs this class with --add-modules jdk.incubator.vector");
        Map<String, String> settings = new EjmlBackendProvider().create(Map.of()).settings();
        String expected = NetlibBlas.nativeOptimizedSafely() ? "native" : "vector";
        assertEquals(expected, settings.get("gemm"), settings.toString());
        assertTrue(new EjmlBackendProvider().create(Map.of("gemm", "vector")).settings().get("gemm.implementation")
                .startsWith("gan4j VectorGemm"));
    }

    @Test
    void matchesDoubleLoopsOnAwkwardShapes() {
        Backend backend = new EjmlBackendProvider().create(Map.of("gemm", "vector"));
        SeededRandom random = new SeededRandom(17);
        int[][] shapes = {{1, 1, 1}, {3, 5, 7}, {4, 16, 16}, {5, 300, 33}, {7, 257, 48}, {9, 64, 1}, {13, 100, 100},
            {64, 530, 79}, {2, 3, 31}};
        for (int[] s : shapes) {
            int m = s[0];
            int k = s[1];
            int n = s[2];
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                float[] a = new float[m * k];
                float[] b = new float[k * n];
                float[] c0 = new float[m * n];
                random.fillGaussian(a, 0, 1);
                random.fillGaussian(b, 0, 1);
                random.fillGaussian(c0, 0, 1);
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    float[] start = c0.clone();
                    if (beta == 0f) {
                        start[start.length / 2] = Float.NaN;
                    }
                    Tensor ta1 = backend.fromArray(ta ? EjmlBackendTest.transpose(a, m, k) : a, ta ? new int[] {k, m} : new int[] {m, k});
                    Tensor tb1 = backend.fromArray(tb ? EjmlBackendTest.transpose(b, k, n) : b, tb ? new int[] {n, k} : new int[] {k, n});
                    Tensor c = backend.fromArray(start, m, n);
                    backend.gemm(ta, tb, 1.5f, ta1, tb1, beta, c);
                    float[] got = c.toArray();
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < n; j++) {
                            double sum = 0;
                            double magnitude = 0;
                            for (int p = 0; p < k; p++) {
                                double t = (double) a[i * k + p] * b[p * n + j];
                                sum += t;
                                magnitude += Math.abs(t);
                            }
                            double expected = 1.5 * sum + (beta == 0f ? 0 : beta * c0[i * n + j]);
                            double tolerance = 1e-6 + 1e-5 * (1.5 * magnitude + Math.abs(c0[i * n + j]));
                            if (!(Math.abs(got[i * n + j] - expected) <= tolerance)) {
                                fail(String.format("%dx%dx%d ta=%b tb=%b beta=%s: c[%d,%d] = %s, expected %s", m, k, n,
                                        ta, tb, beta, i, j, got[i * n + j], expected));
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * The 6-row micro-kernel (AVX2's) and the 4-row one (AVX-512's) sum every result in the same
     * order, so a run gives the same bits whichever the JVM's vector width picks; row counts from
     * 1 to 13 reach every mix of 6-, 4- and 1-row kernels, and 530 inner steps three k-blocks.
     */
    @Test
    void sixAndFourRowKernelsGiveTheSameBits() {
        SeededRandom random = new SeededRandom(23);
        for (int m = 1; m <= 13; m++) {
            for (int[] kn : new int[][] {{530, 79}, {37, 64}, {9, 33}}) {
                int k = kn[0];
                int n = kn[1];
                for (int flags = 0; flags < 4; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    float[] a = new float[m * k];
                    float[] b = new float[k * n];
                    float[] c = new float[m * n];
                    random.fillGaussian(a, 0, 1);
                    random.fillGaussian(b, 0, 1);
                    random.fillGaussian(c, 0, 1);
                    float[] six = c.clone();
                    float[] four = c.clone();
                    new VectorGemm(6).gemm(ta, tb, m, n, k, 0.75f, a, 0, b, 0, 0.5f, six, 0);
                    new VectorGemm(4).gemm(ta, tb, m, n, k, 0.75f, a, 0, b, 0, 0.5f, four, 0);
                    assertArrayEquals(four, six, m + "x" + k + "x" + n + " ta=" + ta + " tb=" + tb);
                }
            }
        }
    }

    @Test
    void rowsOtherThanSixOrFourAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new VectorGemm(5));
    }
}
