package dev.gan4j.backend.ejml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.List;
import java.util.Map;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EJML-specific behaviour; the shared operation checks live in {@link EjmlConformanceTest}. */
class EjmlBackendTest {

    @Test
    void discoveredAsDefaultWithRuntimeVersion() {
        BackendProvider provider = Backends.discover().select(null, null, null);
        assertEquals("ejml", provider.name());
        assertEquals(100, provider.priority());
        assertTrue(provider.isAvailable());
        assertEquals("", provider.unavailableReason());
        assertEquals(org.ejml.EjmlVersion.VERSION, provider.version());
        try (Backend backend = provider.create(Map.of())) {
            assertEquals("ejml", backend.name());
            assertEquals(provider.version(), backend.version());
            assertEquals(Integer.toString(EjmlOptions.DEFAULT_THREADS), backend.settings().get("threads"));
        }
    }

    @Test
    void unknownOptionNamesKeyAndAcceptedKeys() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new EjmlBackendProvider().create(Map.of("thread", "2")));
        assertTrue(e.getMessage().contains("'thread'"), e.getMessage());
        assertTrue(e.getMessage().contains("[gemm, threads]"), e.getMessage());
    }

    @Test
    void badThreadValuesAreRejected() {
        var provider = new EjmlBackendProvider();
        var e = assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of("threads", "two")));
        assertTrue(e.getMessage().contains("'two'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of("threads", "0")));
    }

    @Test
    void concurrentGemmMatchesSingleThreaded() {
        Backend single = new EjmlBackendProvider().create(Map.of());
        Backend multi = new EjmlBackendProvider().create(Map.of("threads", "2", "gemm", "ejml"));
        assertEquals("ejml", multi.settings().get("gemm"));
        assertEquals("CommonOps_MT_FDRM", multi.settings().get("gemm.implementation"));
        SeededRandom random = new SeededRandom(7);
        float[] a = new float[40 * 30];
        float[] b = new float[30 * 50];
        random.fillGaussian(a, 0, 1);
        random.fillGaussian(b, 0, 1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                int[] sa = ta ? new int[] {30, 40} : new int[] {40, 30};
                int[] sb = tb ? new int[] {50, 30} : new int[] {30, 50};
                Tensor c1 = single.zeros(40, 50);
                Tensor c2 = multi.zeros(40, 50);
                single.gemm(ta, tb, 1.5f, single.fromArray(a, sa), single.fromArray(b, sb), 0f, c1);
                multi.gemm(ta, tb, 1.5f, multi.fromArray(a, sa), multi.fromArray(b, sb), 0f, c2);
                assertArrayEquals(c1.toArray(), c2.toArray(), 1e-4f, "transposeA=" + ta + " transposeB=" + tb);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ejml", "java", "native", "auto"})
    void gemmAgreesWithNaiveLoopsForEveryTransposeAndBeta(String kernel) {
        assumeKernel(kernel);
        Backend backend = new EjmlBackendProvider().create(Map.of("gemm", kernel));
        SeededRandom random = new SeededRandom(11);
        int m = 5;
        int k = 7;
        int n = 3;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        float[] c0 = new float[m * n];
        random.fillGaussian(a, 0, 1);
        random.fillGaussian(b, 0, 1);
        random.fillGaussian(c0, 0, 1);
        for (float beta : new float[] {0f, 1f, -0.5f}) {
            for (int flags = 0; flags < 4; flags++) {
                boolean ta = (flags & 1) != 0;
                boolean tb = (flags & 2) != 0;
                Tensor at = backend.fromArray(ta ? transpose(a, m, k) : a, ta ? new int[] {k, m} : new int[] {m, k});
                Tensor bt = backend.fromArray(tb ? transpose(b, k, n) : b, tb ? new int[] {n, k} : new int[] {k, n});
                float[] start = c0.clone();
                if (beta == 0f) {
                    start[4] = Float.NaN;
                }
                Tensor c = backend.fromArray(start, m, n);
                backend.gemm(ta, tb, 2f, at, bt, beta, c);
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        double s = 0;
                        for (int q = 0; q < k; q++) {
                            s += (double) a[i * k + q] * b[q * n + j];
                        }
                        double expected = 2 * s + (beta == 0f ? 0 : beta * c0[i * n + j]);
                        assertEquals(expected, c.getFlat(i * n + j), 1e-4,
                                "c[" + i + "," + j + "] transposeA=" + ta + " transposeB=" + tb + " beta=" + beta);
                    }
                }
            }
        }
    }

    /** Skips {@code native} where no system BLAS is installed (CI installs libopenblas0). */
    static void assumeKernel(String kernel) {
        if (kernel.equals("native")) {
            assumeTrue(NetlibBlas.get().nativeBlas() != null, NetlibBlas.get().nativeFailure());
        }
    }

    @Test
    void debianAlternativesAreRecognisedByTheirDirectory() {
        assertTrue(NetlibBlas.anyTuned(List.of("/usr/lib/x86_64-linux-gnu/blis-serial/libblas.so.3")));
        assertTrue(NetlibBlas.anyTuned(List.of("/usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3")));
        assertFalse(NetlibBlas.anyTuned(List.of("/usr/lib/x86_64-linux-gnu/blas/libblas.so.3")));
        assertFalse(NetlibBlas.anyTuned(List.of()));
    }

    @Test
    void autoTakesTunedNativeBlasElseJavaAndSaysWhich() {
        Map<String, String> settings = new EjmlBackendProvider().create(Map.of()).settings();
        assertEquals("auto", settings.get("gemm.requested"));
        if (NetlibBlas.get().nativeIsOptimized()) {
            assertEquals("native", settings.get("gemm"));
            assertEquals("netlib JNIBLAS", settings.get("gemm.implementation"));
            assertTrue(settings.get("blas.library").contains("blas"), settings.toString());
            assertTrue(settings.containsKey("blas.threads"), settings.toString());
            if (settings.get("blas.library").contains("openblas")) {
                assertFalse(settings.getOrDefault("blas.core", "").isBlank(), "OpenBLAS names its kernels: " + settings);
            }
        } else {
            assertEquals("java", settings.get("gemm"));
            assertTrue(settings.get("gemm.native").contains("libopenblas0"), settings.toString());
        }
    }

    @Test
    void explicitKernelsAreReportedAsChosen() {
        var provider = new EjmlBackendProvider();
        assertEquals("CommonOps_FDRM", provider.create(Map.of("gemm", "ejml")).settings().get("gemm.implementation"));
        Map<String, String> java = provider.create(Map.of("gemm", " Java ")).settings();
        assertEquals("java", java.get("gemm"));
        assertTrue(java.get("gemm.implementation").startsWith("netlib ") && java.get("gemm.implementation")
                .endsWith("BLAS") && !java.get("gemm.implementation").contains("JNI"), java.toString());
    }

    @Test
    void badGemmValuesAreRejectedNamingTheChoices() {
        var provider = new EjmlBackendProvider();
        var e = assertThrows(IllegalArgumentException.class, () -> provider.create(Map.of("gemm", "openblas")));
        assertTrue(e.getMessage().contains("'openblas'")
                && e.getMessage().contains("[auto, ejml, java, native, vector]"), e.getMessage());
        var noModule = assertThrows(IllegalStateException.class, () -> provider.create(Map.of("gemm", "vector")));
        assertTrue(noModule.getMessage().contains("--add-modules jdk.incubator.vector"), noModule.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> provider.create(Map.of("gemm", "java", "threads", "2")));
        assertTrue(e.getMessage().contains("calling thread"), e.getMessage());
    }

    /**
     * The threads option, not the environment, sets OpenBLAS's thread count: a backend made from
     * Java with the defaults runs OpenBLAS on one thread even right after another backend asked for
     * two, and its settings say so. Read back through OpenBLAS's own getter, so a backend that
     * merely reported the option would fail.
     */
    @Test
    void theThreadsOptionSetsTheSystemBlasThreadCount() {
        assumeTrue(NetlibBlas.get().nativeIsOptimized(), "no tuned system BLAS: " + NetlibBlas.get().nativeFailure());
        var provider = new EjmlBackendProvider();
        try (Backend two = provider.create(Map.of("gemm", "native", "threads", "2"))) {
            assertEquals("native", two.settings().get("gemm"));
            assumeTrue(BlasThreads.current() == 2, "OpenBLAS runs at most one thread here");
            assertTrue(two.settings().get("blas.threads").startsWith("2 "), two.settings().toString());
        }
        try (Backend library = provider.create(Map.of())) {
            assertEquals(1, BlasThreads.current(), "OpenBLAS threads after a default backend");
            assertEquals("1 (ejml option threads, through openblas_set_num_threads)",
                    library.settings().get("blas.threads"));
        }
        try (Backend auto = provider.create(Map.of("threads", "2"))) {
            assertEquals("native", auto.settings().get("gemm"), "auto with 2 threads keeps the tuned BLAS");
            assertEquals(2, BlasThreads.current());
        } finally {
            BlasThreads.set(1);
        }
    }

    /** {@code x} (rows × cols, row-major) transposed. */
    static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }

    @Test
    void reshapeSharesTheUnwrappedStorage() {
        Backend backend = new EjmlBackendProvider().create(Map.of());
        Tensor t = backend.zeros(2, 3, 2);
        FMatrixRMaj m = t.unwrap(FMatrixRMaj.class);
        assertEquals(2, m.numRows);
        assertEquals(6, m.numCols);
        Tensor flat = t.reshape(12);
        assertSame(t.unwrap(float[].class), flat.unwrap(float[].class));
        flat.copyFrom(new float[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
        assertEquals(7f, m.get(1, 1));
        assertThrows(IllegalArgumentException.class, () -> t.unwrap(String.class));
    }
}
