package dev.gan4j.api.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BackendProvider;
import dev.gan4j.api.Backends;
import dev.gan4j.api.BatchNormKernels;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ConvGeometry;
import dev.gan4j.api.FusedActivationKernels;
import dev.gan4j.api.GatherKernels;
import dev.gan4j.api.Kernels;
import dev.gan4j.api.OptimizerKernels;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import dev.gan4j.api.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks every {@link Backend} operation and {@link Tensor} method of every backend on the test
 * classpath against {@link ReferenceOps}. A backend module runs it with a one-line subclass:
 *
 * <pre>{@code class EjmlConformanceTest extends BackendConformanceSuite {}}</pre>
 *
 * <p>Each test is parameterised over the available providers that {@link Backends#discover()}
 * finds; finding none is a failure, not a skip, so a broken {@code META-INF/services} entry cannot
 * pass silently. Inputs are seeded ({@link SeededRandom}), so a failure reproduces exactly.
 *
 * <p><b>Tolerance.</b> A float result {@code r} passes against the double reference {@code e}
 * when {@code |r − e| ≤ }{@value #ABSOLUTE}{@code  + }{@value #RELATIVE}{@code ·m}. For
 * element-wise operations {@code m = |e|} (about 84 float ulps, room for a backend's own float
 * {@code exp}/{@code tanh}/{@code pow}); for the reductions ({@code gemm}, {@code sumColumns},
 * {@code sum}) {@code m} is the sum of the absolute values of the terms added, which bounds the
 * round-off of any summation order for the sizes used here (at most ~70 terms). Data movement
 * ({@code copy}, slices, concatenation, gathers, {@code toArray}) must be exact. NaN must give
 * NaN and infinities must match exactly.
 *
 * <p>Subclasses may override {@link #options(BackendProvider)} to run the suite with non-default
 * backend options (for example more threads).
 */
public abstract class BackendConformanceSuite {

    /** Absolute part of the tolerance. */
    public static final double ABSOLUTE = 1e-6;
    /** Relative part of the tolerance. */
    public static final double RELATIVE = 1e-5;

    private static final long SEED = 20240611L;

    /** Every available provider found by {@link Backends#discover()}, named for the test report. */
    static Stream<Arguments> providers() {
        Backends backends = Backends.discover();
        List<Arguments> available = new ArrayList<>();
        for (BackendProvider p : backends.providers()) {
            if (p.isAvailable()) {
                available.add(Arguments.of(Named.of(p.name(), p)));
            }
        }
        if (available.isEmpty()) {
            fail("no available backend provider on the test classpath; " + backends.describe());
        }
        return available.stream();
    }

    /** Options passed to {@link BackendProvider#create(Map)}; none by default. */
    protected Map<String, String> options(BackendProvider provider) {
        return Map.of();
    }

    private Backend open(BackendProvider provider) {
        Backend backend = provider.create(options(provider));
        assertNotNull(backend, provider.name() + ": create returned null");
        return backend;
    }

    /** Runs {@code body} on a fresh backend from {@code provider} and closes it. */
    private void with(BackendProvider provider, Consumer<Backend> body) {
        try (Backend backend = open(provider)) {
            body.accept(backend);
        }
    }

    // ---- discovery and identity ---------------------------------------------------------

    @Test
    void everyRegisteredProviderLoadsAndExplainsItself() {
        Backends backends = Backends.discover();
        assertEquals(List.of(), backends.loadErrors(), "providers that failed to load");
        for (BackendProvider p : backends.providers()) {
            assertFalse(p.name().isBlank(), "provider " + p.getClass().getName() + " has a blank name");
            assertNotNull(p.version(), p.name() + ": version");
            if (!p.isAvailable()) {
                assertFalse(p.unavailableReason().isBlank(), p.name() + " is unavailable but gives no reason");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void backendReportsNameVersionAndSettings(BackendProvider provider) {
        with(provider, b -> {
            assertEquals(provider.name(), b.name());
            assertFalse(b.version().isBlank(), "version");
            assertNotNull(b.settings(), "settings");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void unknownOptionIsRejected(BackendProvider provider) {
        assertThrows(IllegalArgumentException.class,
                () -> provider.create(Map.of("no-such-option-" + provider.name(), "1")).close());
    }

    // ---- creation and Tensor methods ------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void zerosHasTheShapeAndViewAsMatrix(BackendProvider provider) {
        with(provider, b -> {
            Tensor t = b.zeros(3, 5);
            assertArrayEquals(new int[] {3, 5}, t.shape());
            assertEquals(2, t.rank());
            assertEquals(3, t.dim(0));
            assertEquals(5, t.dim(1));
            assertEquals(3, t.rows());
            assertEquals(5, t.columns());
            assertEquals(15, t.size());
            assertEquals(b.name(), t.backend().name());
            assertArrayEquals(new float[15], t.toArray());

            Tensor v = b.zeros(7);
            assertEquals(1, v.rank());
            assertEquals(1, v.rows());
            assertEquals(7, v.columns());
            assertEquals(7, v.size());

            Tensor nchw = b.zeros(2, 3, 4, 5);
            assertEquals(4, nchw.rank());
            assertEquals(2, nchw.rows());
            assertEquals(60, nchw.columns());
            assertEquals(120, nchw.size());
            assertEquals(4, nchw.dim(2));

            int[] shape = t.shape();
            shape[0] = 99;
            assertArrayEquals(new int[] {3, 5}, t.shape(), "shape() must return a copy");

            assertThrows(IllegalArgumentException.class, () -> b.zeros(3, -1));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void fromArrayCopiesItsInput(BackendProvider provider) {
        with(provider, b -> {
            float[] data = random(1).gaussian(12, 1);
            float[] original = data.clone();
            Tensor t = b.fromArray(data, 3, 4);
            data[0] = 42;
            assertArrayEquals(original, t.toArray());
            for (int i = 0; i < original.length; i++) {
                assertEquals(original[i], t.getFlat(i), "getFlat(" + i + ")");
            }
            assertThrows(IllegalArgumentException.class, () -> b.fromArray(new float[11], 3, 4));
            assertThrows(IllegalArgumentException.class, () -> b.fromArray(new float[13], 3, 4));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void toArrayAndCopyFromRoundTrip(BackendProvider provider) {
        with(provider, b -> {
            float[] data = random(2).gaussian(6, 1);
            Tensor t = b.zeros(2, 3);
            t.copyFrom(data);
            assertArrayEquals(data, t.toArray());

            float[] longer = new float[8];
            Arrays.fill(longer, -7f);
            t.toArray(longer);
            assertArrayEquals(data, Arrays.copyOf(longer, 6));
            assertEquals(-7f, longer[6], "toArray(dst) wrote past size()");
            assertEquals(-7f, longer[7], "toArray(dst) wrote past size()");

            float[] source = random(3).gaussian(9, 1);
            t.copyFrom(source);
            assertArrayEquals(Arrays.copyOf(source, 6), t.toArray(), "copyFrom uses the first size() elements");

            float[] before = t.toArray();
            assertThrows(IllegalArgumentException.class, () -> t.toArray(new float[5]));
            assertThrows(IllegalArgumentException.class, () -> t.copyFrom(new float[5]));
            assertArrayEquals(before, t.toArray(), "a rejected copyFrom must not change the tensor");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void reshapeIsAViewSharingStorage(BackendProvider provider) {
        with(provider, b -> {
            float[] data = random(4).gaussian(24, 1);
            Tensor t = b.fromArray(data, 4, 6);
            Tensor r = t.reshape(2, 3, 4);
            assertArrayEquals(new int[] {2, 3, 4}, r.shape());
            assertEquals(2, r.rows());
            assertEquals(12, r.columns());
            assertArrayEquals(data, r.toArray(), "same row-major order");

            // writes through the view are seen by the original, and the other way round
            float[] other = random(5).gaussian(24, 1);
            r.copyFrom(other);
            assertArrayEquals(other, t.toArray());
            b.fill(t, 3f);
            assertEquals(3f, r.getFlat(23));
            b.affine(2f, 1f, r, r);
            assertEquals(7f, t.getFlat(0));
            Tensor flat = r.reshape(24);
            b.fill(flat, -1f);
            assertEquals(-1f, t.getFlat(11));

            assertThrows(IllegalArgumentException.class, () -> t.reshape(5, 5));
            assertThrows(IllegalArgumentException.class, () -> t.reshape(25));
        });
    }

    // ---- copying and filling --------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void copyAndFill(BackendProvider provider) {
        with(provider, b -> {
            float[] data = random(6).gaussian(12, 1);
            Tensor src = b.fromArray(data, 3, 4);
            Tensor dst = b.zeros(2, 6);
            b.copy(src, dst);
            assertArrayEquals(data, dst.toArray(), "copy between shapes of one size");
            b.copy(dst, dst);
            assertArrayEquals(data, dst.toArray(), "copy onto itself");
            b.fill(dst, 2.5f);
            float[] filled = new float[12];
            Arrays.fill(filled, 2.5f);
            assertArrayEquals(filled, dst.toArray());
            assertArrayEquals(data, src.toArray(), "fill must not touch another tensor");
            assertThrows(IllegalArgumentException.class, () -> b.copy(src, b.zeros(3, 5)));
        });
    }

    // ---- gemm -----------------------------------------------------------------------------

    private static final int[][] GEMM_SHAPES = {{5, 7, 3}, {1, 9, 4}, {8, 1, 6}, {6, 4, 1}, {13, 33, 17}, {3, 70, 2}};
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 1f}, {-1.5f, 0.25f}, {2f, -1f}, {0f, 0.5f}};

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gemmMatchesReferenceForAllTransposesAndScalars(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(7);
            for (int[] s : GEMM_SHAPES) {
                int m = s[0];
                int k = s[1];
                int n = s[2];
                for (int flags = 0; flags < 4; flags++) {
                    boolean ta = (flags & 1) != 0;
                    boolean tb = (flags & 2) != 0;
                    int aRows = ta ? k : m;
                    int aCols = ta ? m : k;
                    int bRows = tb ? n : k;
                    int bCols = tb ? k : n;
                    float[] a = in.gaussian(m * k, 1);
                    float[] bb = in.gaussian(k * n, 1);
                    for (float[] ab : ALPHA_BETA) {
                        float alpha = ab[0];
                        float beta = ab[1];
                        float[] c = in.gaussian(m * n, 1);
                        if (beta == 0f) {
                            Arrays.fill(c, Float.NaN); // beta = 0 must ignore c entirely
                        }
                        Tensor ta1 = b.fromArray(a, aRows, aCols);
                        Tensor tb1 = b.fromArray(bb, bRows, bCols);
                        Tensor tc = b.fromArray(c, m, n);
                        b.gemm(ta, tb, alpha, ta1, tb1, beta, tc);
                        String what = String.format(Locale.ROOT, "gemm %dx%dx%d transposeA=%b transposeB=%b alpha=%s beta=%s",
                                m, k, n, ta, tb, alpha, beta);
                        assertClose(what,
                                ReferenceOps.gemm(ta, tb, alpha, a, aRows, aCols, bb, bRows, bCols, beta, c),
                                ReferenceOps.gemmMagnitude(ta, tb, alpha, a, aRows, aCols, bb, bRows, bCols, beta, c),
                                tc.toArray());
                        assertArrayEquals(a, ta1.toArray(), what + ": a changed");
                        assertArrayEquals(bb, tb1.toArray(), what + ": b changed");
                    }
                }
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gemmSeesRank4TensorsAsMatricesAndRepeatsExactly(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(8);
            float[] x = in.gaussian(4 * 2 * 3 * 3, 1); // N=4, C·H·W = 18
            float[] w = in.gaussian(18 * 5, 1);
            Tensor tx = b.fromArray(x, 4, 2, 3, 3);
            Tensor tw = b.fromArray(w, 18, 5);
            Tensor c1 = b.zeros(4, 5);
            Tensor c2 = b.zeros(4, 5);
            b.gemm(false, false, 1f, tx, tw, 0f, c1);
            b.gemm(false, false, 1f, tx, tw, 0f, c2);
            assertClose("gemm on a rank-4 a", ReferenceOps.gemm(false, false, 1, x, 4, 18, w, 18, 5, 0, null),
                    ReferenceOps.gemmMagnitude(false, false, 1, x, 4, 18, w, 18, 5, 0, null), c1.toArray());
            assertArrayEquals(c1.toArray(), c2.toArray(), "the same gemm twice must give identical bits");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gemmRejectsMismatchedShapesAndAliasedOutput(BackendProvider provider) {
        with(provider, b -> {
            Tensor a = b.zeros(3, 4);
            Tensor w = b.zeros(4, 5);
            Tensor c = b.zeros(3, 5);
            b.gemm(false, false, 1f, a, w, 0f, c); // the well-formed call works
            assertIllegal("inner dimensions", () -> b.gemm(false, false, 1f, a, b.zeros(5, 5), 0f, c));
            assertIllegal("inner dimensions with transposeA", () -> b.gemm(true, false, 1f, a, w, 0f, c));
            assertIllegal("inner dimensions with transposeB", () -> b.gemm(false, true, 1f, a, w, 0f, c));
            assertIllegal("c rows", () -> b.gemm(false, false, 1f, a, w, 0f, b.zeros(2, 5)));
            assertIllegal("c columns", () -> b.gemm(false, false, 1f, a, w, 0f, b.zeros(3, 4)));
            Tensor square = b.zeros(4, 4);
            assertIllegal("c is a", () -> b.gemm(false, false, 1f, square, b.zeros(4, 4), 0f, square));
            assertIllegal("c is b", () -> b.gemm(false, false, 1f, b.zeros(4, 4), square, 0f, square));
            assertIllegal("c is a view of a", () -> b.gemm(false, false, 1f, square, b.zeros(4, 4), 0f,
                    square.reshape(4, 4)));
            assertIllegal("c is a view of b", () -> b.gemm(false, false, 1f, b.zeros(2, 2), square.reshape(2, 8),
                    0f, square.reshape(2, 8)));
        });
    }

    // ---- addRowVector, sumColumns, sum ----------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void addRowVectorBroadcastsAndWorksInPlace(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(9);
            float[] a = in.gaussian(6 * 7, 2);
            float[] row = in.gaussian(7, 2);
            double[] expected = ReferenceOps.addRowVector(a, 6, 7, row);
            Tensor ta = b.fromArray(a, 6, 7);
            Tensor out = b.zeros(6, 7);
            b.addRowVector(ta, b.fromArray(row, 7), out);
            assertClose("addRowVector", expected, out.toArray());
            b.addRowVector(ta, b.fromArray(row, 1, 7), ta);
            assertClose("addRowVector in place with a 1×n row", expected, ta.toArray());

            assertIllegal("row length", () -> b.addRowVector(b.zeros(6, 7), b.zeros(6), b.zeros(6, 7)));
            assertIllegal("out shape", () -> b.addRowVector(b.zeros(6, 7), b.zeros(7), b.zeros(7, 6)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void fusedActivationsHaveTheBitsOfAddRowVectorThenUnary(BackendProvider provider) {
        with(provider, b -> {
            FusedActivationKernels fused = offered(b, FusedActivationKernels.class);
            Inputs in = random(33);
            // 37 and 100 columns leave a tail after whole vectors of 4, 8 or 16 lanes; 1 column is
            // all tail; 3000 columns are more than one block of a blocked kernel
            int[][] shapes = {{5, 37}, {3, 100}, {4, 1}, {2, 64}, {3, 3000}, {1, 3000}};
            int fusedOps = 0;
            for (UnaryOp op : UnaryOp.values()) {
                if (!fused.supports(op)) {
                    assertIllegal("unsupported " + op, () -> fused.addRowVectorUnary(op, 0f, b.zeros(2, 3), b.zeros(3),
                            b.zeros(2, 3)));
                    continue;
                }
                fusedOps++;
                for (float p : unaryParameters(op)) {
                    for (int[] shape : shapes) {
                        int rows = shape[0];
                        int cols = shape[1];
                        String what = "addRowVectorUnary " + op + " p=" + p + " " + rows + "×" + cols;
                        float[] a = new float[rows * cols];
                        float[] row = new float[cols];
                        float[] domain = unaryInputs(op, in);
                        for (int i = 0; i < a.length; i++) {
                            a[i] = domain[i % domain.length];
                        }
                        // a small bias keeps the sums in LOG's, SQRT's and POW's domain
                        for (int j = 0; j < cols; j++) {
                            row[j] = 0.001f * domain[(7 * j) % domain.length];
                        }
                        double[] sums = ReferenceOps.addRowVector(a, rows, cols, row);
                        double[] expected = ReferenceOps.unary(op, p, toFloat(sums));
                        Tensor ta = b.fromArray(a, rows, cols);
                        Tensor tr = b.fromArray(row, cols);
                        Tensor twoPasses = b.zeros(rows, cols);
                        b.addRowVector(ta, tr, twoPasses);
                        b.unary(op, p, twoPasses, twoPasses);
                        Tensor out = b.zeros(rows, cols);
                        fused.addRowVectorUnary(op, p, ta, tr, out);
                        assertClose(what, expected, out.toArray());
                        assertArrayEquals(twoPasses.toArray(), out.toArray(), what + ": not the bits of the two passes");
                        assertArrayEquals(a, ta.toArray(), what + ": a changed");
                        fused.addRowVectorUnary(op, p, ta, tr, ta);
                        assertArrayEquals(twoPasses.toArray(), ta.toArray(), what + " in place");
                        if (rows == 1) {
                            Tensor bias = b.fromArray(row, 1, cols);
                            fused.addRowVectorUnary(op, p, b.fromArray(a, 1, cols), bias, bias);
                            assertArrayEquals(twoPasses.toArray(), bias.toArray(), what + " into its own bias");
                        }
                    }
                }
                assertIllegal("row length", () -> fused.addRowVectorUnary(op, 0f, b.zeros(6, 7), b.zeros(6), b.zeros(6, 7)));
                assertIllegal("out shape", () -> fused.addRowVectorUnary(op, 0f, b.zeros(6, 7), b.zeros(7), b.zeros(7, 6)));
            }
            assertTrue(fusedOps > 0, b.name() + " offers fused activations but supports no op");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sumColumnsOverwritesOrAccumulates(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(10);
            float[] a = in.gaussian(9 * 5, 1);
            Tensor ta = b.fromArray(a, 9, 5);
            for (float beta : new float[] {0f, 1f, 0.5f}) {
                float[] old = in.gaussian(5, 1);
                if (beta == 0f) {
                    Arrays.fill(old, Float.NaN); // beta = 0 overwrites, even NaN
                }
                Tensor out = b.fromArray(old, 5);
                b.sumColumns(ta, beta, out);
                assertClose("sumColumns beta=" + beta, ReferenceOps.sumColumns(a, 9, 5, beta, old),
                        ReferenceOps.sumColumnsMagnitude(a, 9, 5, beta, old), out.toArray());
            }
            // a rank-4 input sums over N, one output per C·H·W position
            float[] x = in.gaussian(3 * 2 * 2 * 2, 1);
            Tensor sums = b.zeros(1, 8);
            b.sumColumns(b.fromArray(x, 3, 2, 2, 2), 0f, sums);
            assertClose("sumColumns of rank 4", ReferenceOps.sumColumns(x, 3, 8, 0, null),
                    ReferenceOps.sumColumnsMagnitude(x, 3, 8, 0, null), sums.toArray());
            assertIllegal("out length", () -> b.sumColumns(ta, 0f, b.zeros(9)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sumAddsEveryElement(BackendProvider provider) {
        with(provider, b -> {
            float[] x = random(11).gaussian(3 * 4 * 5, 3);
            double actual = b.sum(b.fromArray(x, 3, 4, 5));
            double expected = ReferenceOps.sum(x);
            double tolerance = ABSOLUTE + RELATIVE * ReferenceOps.sumMagnitude(x);
            assertEquals(expected, actual, tolerance, "sum");
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void mulRowVectorScalesEachColumnAndWorksInPlace(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(50);
            float[] a = in.gaussian(6 * 7, 2);
            float[] row = in.gaussian(7, 2);
            double[] expected = ReferenceOps.mulRowVector(a, 6, 7, row);
            Tensor ta = b.fromArray(a, 6, 7);
            Tensor out = b.zeros(6, 7);
            b.mulRowVector(ta, b.fromArray(row, 7), out);
            assertClose("mulRowVector", expected, out.toArray());
            assertArrayEquals(a, ta.toArray(), "mulRowVector: a changed");
            b.mulRowVector(ta, b.fromArray(row, 1, 7), ta);
            assertClose("mulRowVector in place with a 1×n row", expected, ta.toArray());
            // a one-row matrix scaled into its own row vector
            Tensor own = b.fromArray(row, 1, 7);
            float[] first = Arrays.copyOf(a, 7);
            b.mulRowVector(b.fromArray(first, 1, 7), own, own);
            assertClose("mulRowVector into its row", ReferenceOps.mulRowVector(first, 1, 7, row), own.toArray());
            // rank 4: one scale per C·H·W position, as a per-feature scale of images
            float[] x = in.gaussian(3 * 2 * 2 * 2, 1);
            float[] scale = in.gaussian(8, 1);
            Tensor images = b.zeros(3, 2, 2, 2);
            b.mulRowVector(b.fromArray(x, 3, 2, 2, 2), b.fromArray(scale, 8), images);
            assertClose("mulRowVector of rank 4", ReferenceOps.mulRowVector(x, 3, 8, scale), images.toArray());

            assertIllegal("row length", () -> b.mulRowVector(b.zeros(6, 7), b.zeros(6), b.zeros(6, 7)));
            assertIllegal("out shape", () -> b.mulRowVector(b.zeros(6, 7), b.zeros(7), b.zeros(7, 6)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sumRowsAndMeanRowsReduceEachRow(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(51);
            float[] a = in.gaussian(9 * 5, 3);
            Tensor ta = b.fromArray(a, 9, 5);
            double[] magnitude = ReferenceOps.rowSums(a, 9, 5, false, true);
            Tensor sums = b.fromArray(in.gaussian(9, 1), 9);
            b.sumRows(ta, sums);
            assertClose("sumRows", ReferenceOps.rowSums(a, 9, 5, false, false), magnitude, sums.toArray());
            Tensor means = b.zeros(9, 1);
            b.meanRows(ta, means);
            double[] meanMagnitude = ReferenceOps.rowSums(a, 9, 5, true, true);
            assertClose("meanRows", ReferenceOps.rowSums(a, 9, 5, true, false), meanMagnitude, means.toArray());
            assertArrayEquals(a, ta.toArray(), "sumRows and meanRows must not change a");
            // rank 4: one sum per image
            float[] x = in.gaussian(3 * 2 * 2 * 2, 1);
            Tensor perImage = b.zeros(3);
            b.sumRows(b.fromArray(x, 3, 2, 2, 2), perImage);
            assertClose("sumRows of rank 4", ReferenceOps.rowSums(x, 3, 8, false, false),
                    ReferenceOps.rowSums(x, 3, 8, false, true), perImage.toArray());
            b.meanRows(b.fromArray(x, 3, 2, 2, 2), perImage);
            assertClose("meanRows of rank 4", ReferenceOps.rowSums(x, 3, 8, true, false),
                    ReferenceOps.rowSums(x, 3, 8, true, true), perImage.toArray());
            // one column: the sums are the column itself, in place
            Tensor column = b.fromArray(a, 45, 1);
            b.sumRows(column, column);
            assertArrayEquals(a, column.toArray(), "sumRows of one column in place");
            // accumulation in double: 1e8 + 1 − 1e8 is lost in float, kept in double
            Tensor cancel = b.fromArray(new float[] {1e8f, 1f, -1e8f, 2f}, 1, 4);
            Tensor one = b.zeros(1);
            b.sumRows(cancel, one);
            assertEquals(3f, one.getFlat(0), "sumRows must accumulate in double");

            assertIllegal("sumRows out length", () -> b.sumRows(ta, b.zeros(5)));
            assertIllegal("meanRows out length", () -> b.meanRows(ta, b.zeros(10)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void columnMeanVarianceIsPerColumnAndBiased(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(52);
            // an offset far from zero: a one-pass Σx² − (Σx)²/n formula in float would lose the variance
            float[] a = in.gaussian(11 * 6, 2);
            for (int i = 0; i < a.length; i++) {
                a[i] += 1000f;
            }
            double[] expected = ReferenceOps.columnMeanVariance(a, 11, 6);
            Tensor ta = b.fromArray(a, 11, 6);
            Tensor mean = b.zeros(6);
            Tensor variance = b.fromArray(in.gaussian(1 * 6, 1), 1, 6);
            b.columnMeanVariance(ta, mean, variance);
            assertClose("columnMeanVariance mean", Arrays.copyOfRange(expected, 0, 6), mean.toArray());
            assertClose("columnMeanVariance variance", Arrays.copyOfRange(expected, 6, 12), variance.toArray());
            assertArrayEquals(a, ta.toArray(), "columnMeanVariance must not change a");
            // rank 4: statistics per C·H·W position over the batch
            float[] x = in.gaussian(5 * 2 * 2 * 2, 1);
            double[] images = ReferenceOps.columnMeanVariance(x, 5, 8);
            Tensor m4 = b.zeros(1, 2, 2, 2);
            Tensor v4 = b.zeros(8);
            b.columnMeanVariance(b.fromArray(x, 5, 2, 2, 2), m4, v4);
            assertClose("columnMeanVariance of rank 4 mean", Arrays.copyOfRange(images, 0, 8), m4.toArray());
            assertClose("columnMeanVariance of rank 4 variance", Arrays.copyOfRange(images, 8, 16), v4.toArray());
            // one row: the mean is the row itself (in place) and the variance 0
            float[] row = in.gaussian(6, 1);
            Tensor single = b.fromArray(row, 1, 6);
            Tensor zeroVariance = b.fromArray(row, 6);
            b.columnMeanVariance(single, single, zeroVariance);
            assertArrayEquals(row, single.toArray(), "the mean of one row, in place");
            assertArrayEquals(new float[6], zeroVariance.toArray(), "the variance of one row");

            assertIllegal("mean length", () -> b.columnMeanVariance(ta, b.zeros(5), b.zeros(6)));
            assertIllegal("variance length", () -> b.columnMeanVariance(ta, b.zeros(6), b.zeros(11)));
            Tensor both = b.zeros(6);
            assertIllegal("mean is variance", () -> b.columnMeanVariance(ta, both, both));
        });
    }

    // ---- convolution and per-channel ------------------------------------------------------

    /** {input shape, weight shape, geometry (kh, kw, sh, sw, ph, pw)}: DCGAN's 4x4/2/1 and others. */
    private static final int[][][] CONV_CASES = {
        {{3, 2, 8, 8}, {4, 2, 4, 4}, {4, 4, 2, 2, 1, 1}},
        {{2, 3, 7, 6}, {5, 3, 3, 3}, {3, 3, 1, 1, 1, 1}},
        {{2, 1, 9, 9}, {3, 1, 4, 4}, {4, 4, 2, 2, 1, 1}},
        {{1, 2, 7, 5}, {2, 2, 3, 2}, {3, 2, 1, 2, 1, 0}},
        {{2, 4, 6, 6}, {3, 4, 2, 2}, {2, 2, 2, 2, 0, 0}},
        {{2, 3, 5, 5}, {4, 3, 1, 1}, {1, 1, 1, 1, 0, 0}},
        {{1, 2, 6, 6}, {2, 2, 5, 5}, {5, 5, 1, 1, 0, 0}},
        {{2, 16, 8, 8}, {24, 16, 4, 4}, {4, 4, 2, 2, 1, 1}},
        {{2, 8, 14, 14}, {1, 8, 4, 4}, {4, 4, 2, 2, 1, 1}},
    };

    private static ConvGeometry geometry(int[] g) {
        return new ConvGeometry(g[0], g[1], g[2], g[3], g[4], g[5]);
    }

    private static int size(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    private static int[] convOutput(int[] xs, int[] ws, ConvGeometry g) {
        return new int[] {xs[0], ws[0], g.outputHeight(xs[2]), g.outputWidth(xs[3])};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void conv2dMatchesTheReference(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(60);
            for (int[][] c : CONV_CASES) {
                ConvGeometry g = geometry(c[2]);
                int[] ys = convOutput(c[0], c[1], g);
                float[] x = in.gaussian(size(c[0]), 1);
                float[] w = in.gaussian(size(c[1]), 0.5);
                double[] ref = ReferenceOps.conv2d(x, c[0], w, c[1], g);
                int n = size(ys);
                Tensor out = b.fromArray(in.gaussian(n, 1), ys);
                Tensor tx = b.fromArray(x, c[0]);
                Tensor tw = b.fromArray(w, c[1]);
                b.conv2d(tx, tw, g, out);
                String what = "conv2d " + Arrays.toString(c[0]) + " * " + Arrays.toString(c[1]) + " " + g;
                assertClose(what, Arrays.copyOfRange(ref, 0, n), Arrays.copyOfRange(ref, n, 2 * n), out.toArray());
                assertArrayEquals(x, tx.toArray(), what + " must not change the input");
                // the same op again into a used output: overwritten, not accumulated
                b.conv2d(tx, tw, g, out);
                assertClose(what + " twice", Arrays.copyOfRange(ref, 0, n), Arrays.copyOfRange(ref, n, 2 * n),
                        out.toArray());
            }
            assertIllegal("conv2d output shape", () -> b.conv2d(b.zeros(2, 3, 8, 8), b.zeros(4, 3, 4, 4),
                    ConvGeometry.square(4, 2, 1), b.zeros(2, 4, 5, 4)));
            assertIllegal("conv2d channels", () -> b.conv2d(b.zeros(2, 3, 8, 8), b.zeros(4, 2, 4, 4),
                    ConvGeometry.square(4, 2, 1), b.zeros(2, 4, 4, 4)));
            assertIllegal("conv2d kernel", () -> b.conv2d(b.zeros(2, 3, 8, 8), b.zeros(4, 3, 3, 3),
                    ConvGeometry.square(4, 2, 1), b.zeros(2, 4, 4, 4)));
            assertIllegal("conv2d rank", () -> b.conv2d(b.zeros(2, 192), b.zeros(4, 3, 4, 4),
                    ConvGeometry.square(4, 2, 1), b.zeros(2, 4, 4, 4)));
            assertIllegal("conv2d kernel larger than the input", () -> b.conv2d(b.zeros(1, 1, 2, 2),
                    b.zeros(1, 1, 4, 4), ConvGeometry.square(4, 1, 0), b.zeros(1, 1, 1, 1)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void conv2dBackwardInputMatchesTheReference(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(61);
            for (int[][] c : CONV_CASES) {
                ConvGeometry g = geometry(c[2]);
                int[] ys = convOutput(c[0], c[1], g);
                float[] dy = in.gaussian(size(ys), 1);
                float[] w = in.gaussian(size(c[1]), 0.5);
                double[] ref = ReferenceOps.conv2dBackwardInput(dy, ys, w, c[1], c[0], g);
                int n = size(c[0]);
                Tensor dx = b.fromArray(in.gaussian(n, 1), c[0]);
                b.conv2dBackwardInput(b.fromArray(dy, ys), b.fromArray(w, c[1]), g, dx);
                String what = "conv2dBackwardInput " + Arrays.toString(ys) + " * " + Arrays.toString(c[1]) + " " + g;
                assertClose(what, Arrays.copyOfRange(ref, 0, n), Arrays.copyOfRange(ref, n, 2 * n), dx.toArray());
            }
            // a transposed convolution with output padding: 4x4 -> 9x9 (not 8x8) under 4x4/2/1
            ConvGeometry g = ConvGeometry.square(4, 2, 1);
            int[] xs = {2, 3, 9, 9};
            int[] ws = {5, 3, 4, 4};
            int[] ys = {2, 5, 4, 4};
            float[] dy = in.gaussian(size(ys), 1);
            float[] w = in.gaussian(size(ws), 0.5);
            double[] ref = ReferenceOps.conv2dBackwardInput(dy, ys, w, ws, xs, g);
            Tensor dx = b.zeros(xs);
            b.conv2dBackwardInput(b.fromArray(dy, ys), b.fromArray(w, ws), g, dx);
            int n = size(xs);
            assertClose("conv2dBackwardInput with output padding", Arrays.copyOfRange(ref, 0, n),
                    Arrays.copyOfRange(ref, n, 2 * n), dx.toArray());
            assertIllegal("conv2dBackwardInput shapes", () -> b.conv2dBackwardInput(b.zeros(2, 5, 4, 4),
                    b.zeros(5, 3, 4, 4), g, b.zeros(2, 3, 10, 10)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void conv2dBackwardWeightAccumulatesLikeTheReference(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(62);
            for (int[][] c : CONV_CASES) {
                ConvGeometry g = geometry(c[2]);
                int[] ys = convOutput(c[0], c[1], g);
                float[] x = in.gaussian(size(c[0]), 1);
                float[] dy = in.gaussian(size(ys), 1);
                int n = size(c[1]);
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    float[] old = in.gaussian(n, 1);
                    if (beta == 0f) {
                        old[0] = Float.NaN;
                    }
                    double[] ref = ReferenceOps.conv2dBackwardWeight(x, c[0], dy, ys, c[1], g, beta, old);
                    Tensor dw = b.fromArray(old, c[1]);
                    b.conv2dBackwardWeight(b.fromArray(x, c[0]), b.fromArray(dy, ys), g, beta, dw);
                    String what = "conv2dBackwardWeight beta=" + beta + " " + Arrays.toString(c[0]) + " " + g;
                    assertClose(what, Arrays.copyOfRange(ref, 0, n), Arrays.copyOfRange(ref, n, 2 * n), dw.toArray());
                }
            }
            assertIllegal("conv2dBackwardWeight shapes", () -> b.conv2dBackwardWeight(b.zeros(2, 3, 8, 8),
                    b.zeros(2, 5, 4, 4), ConvGeometry.square(4, 2, 1), 1f, b.zeros(5, 2, 4, 4)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void channelOpsSeeTheSecondDimensionAsChannels(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(63);
            int[][] shapes = {{3, 4, 5, 2}, {2, 3, 7}, {5, 6}, {1, 2, 1, 1}};
            for (int[] shape : shapes) {
                int n = shape[0], c = shape[1], s = size(shape) / (n * c);
                float[] a = in.gaussian(size(shape), 2);
                float[] v = in.gaussian(c, 1);
                String what = " of " + Arrays.toString(shape);
                Tensor ta = b.fromArray(a, shape);
                Tensor tv = b.fromArray(v, c);
                Tensor out = b.zeros(shape);
                b.addChannels(ta, tv, out);
                assertClose("addChannels" + what, ReferenceOps.channelOp(a, n, c, s, v, false), out.toArray());
                b.mulChannels(ta, tv, out);
                assertClose("mulChannels" + what, ReferenceOps.channelOp(a, n, c, s, v, true), out.toArray());
                Tensor inPlace = b.fromArray(a, shape);
                b.addChannels(inPlace, tv, inPlace);
                assertClose("addChannels in place" + what, ReferenceOps.channelOp(a, n, c, s, v, false),
                        inPlace.toArray());
                for (float beta : new float[] {0f, 1f, -0.5f}) {
                    float[] old = in.gaussian(c, 1);
                    if (beta == 0f) {
                        old[0] = Float.NaN;
                    }
                    double[] ref = ReferenceOps.sumChannels(a, n, c, s, beta, old);
                    Tensor sums = b.fromArray(old, c);
                    b.sumChannels(ta, beta, sums);
                    assertClose("sumChannels beta=" + beta + what, Arrays.copyOfRange(ref, 0, c),
                            Arrays.copyOfRange(ref, c, 2 * c), sums.toArray());
                }
                // an offset far from zero: a one-pass formula in float would lose the variance
                float[] shifted = a.clone();
                for (int i = 0; i < shifted.length; i++) {
                    shifted[i] += 1000f;
                }
                double[] mv = ReferenceOps.channelMeanVariance(shifted, n, c, s);
                Tensor mean = b.zeros(c);
                Tensor variance = b.fromArray(in.gaussian(c, 1), c);
                b.channelMeanVariance(b.fromArray(shifted, shape), mean, variance);
                assertClose("channelMeanVariance mean" + what, Arrays.copyOfRange(mv, 0, c), mean.toArray());
                assertClose("channelMeanVariance variance" + what, Arrays.copyOfRange(mv, c, 2 * c),
                        Arrays.copyOfRange(mv, c, 2 * c), variance.toArray());
                assertArrayEquals(a, ta.toArray(), "channel ops must not change a" + what);
            }
            Tensor t = b.zeros(2, 3, 4, 4);
            assertIllegal("addChannels length", () -> b.addChannels(t, b.zeros(4), b.zeros(2, 3, 4, 4)));
            assertIllegal("mulChannels out size", () -> b.mulChannels(t, b.zeros(3), b.zeros(2, 3, 4, 3)));
            assertIllegal("sumChannels length", () -> b.sumChannels(t, 0f, b.zeros(2)));
            Tensor both = b.zeros(3);
            assertIllegal("channelMeanVariance mean is variance", () -> b.channelMeanVariance(t, both, both));
            assertIllegal("channelMeanVariance length", () -> b.channelMeanVariance(t, b.zeros(3), b.zeros(4)));
        });
    }

    // ---- element-wise ---------------------------------------------------------------------

    /** Inputs for a unary op: its domain, plus edge values that have broken implementations. */
    private static float[] unaryInputs(UnaryOp op, Inputs in) {
        float[] x = switch (op) {
            case LOG, SQRT -> in.uniform(60, 0.01, 10);
            case POW -> in.uniform(60, 0.1, 3);
            case EXP -> in.uniform(60, -10, 10);
            default -> in.gaussian(60, 3);
        };
        float[] edges = switch (op) {
            case SIGMOID -> new float[] {100f, -100f, 88.8f, -88.8f, 89f, -89f, 20f, -20f, 0f, 1000f, -1000f};
            case SOFTPLUS -> new float[] {100f, -100f, 30f, -30f, 89f, -89f, 0f, 1e-6f, -1e-6f, 1000f, -1000f};
            case TANH -> new float[] {20f, -20f, 50f, -50f, 0f, 1e-7f, -1e-7f};
            case RELU, LEAKY_RELU, ABS -> new float[] {0f, -0.5f, -3f, -1e-7f, 1e-7f, -100f, 100f};
            case LOG, SQRT -> new float[] {1f, 1e-3f, 1e3f, 4f};
            case EXP -> new float[] {0f, 20f, -20f, 80f, -80f};
            case SQUARE, IDENTITY -> new float[] {0f, -1e3f, 1e3f, -0f};
            case POW -> new float[] {1f, 2f, 0.5f};
        };
        System.arraycopy(edges, 0, x, 0, edges.length);
        return x;
    }

    /** The parameters each op is checked with (p is ignored by most ops; try two anyway). */
    private static float[] unaryParameters(UnaryOp op) {
        return switch (op) {
            case LEAKY_RELU -> new float[] {0.2f, 0.01f};
            case POW -> new float[] {2f, 3f, 0.5f, -1.5f};
            default -> new float[] {0f, 0.3f};
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void unaryMatchesReferenceForEveryOpIncludingEdgesAndInPlace(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(12);
            for (UnaryOp op : UnaryOp.values()) {
                for (float p : unaryParameters(op)) {
                    float[] x = unaryInputs(op, in);
                    double[] expected = ReferenceOps.unary(op, p, x);
                    String what = "unary " + op + " p=" + p;
                    Tensor tx = b.fromArray(x, 6, 10);
                    Tensor out = b.zeros(6, 10);
                    b.unary(op, p, tx, out);
                    assertClose(what, expected, out.toArray());
                    assertArrayEquals(x, tx.toArray(), what + ": input changed");
                    b.unary(op, p, tx, tx);
                    assertClose(what + " in place", expected, tx.toArray());
                }
            }
            assertIllegal("unary out size", () -> b.unary(UnaryOp.TANH, 0f, b.zeros(2, 3), b.zeros(3, 3)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sigmoidAndSoftplusStayFiniteForLargeInputs(BackendProvider provider) {
        with(provider, b -> {
            float[] x = {-1e4f, -100f, -89f, 89f, 100f, 1e4f, Float.MAX_VALUE, -Float.MAX_VALUE};
            Tensor out = b.zeros(x.length);
            b.unary(UnaryOp.SIGMOID, 0f, b.fromArray(x, x.length), out);
            for (int i = 0; i < x.length; i++) {
                float y = out.getFlat(i);
                assertTrue(y >= 0f && y <= 1f, "sigmoid(" + x[i] + ") = " + y);
            }
            b.unary(UnaryOp.SOFTPLUS, 0f, b.fromArray(x, x.length), out);
            for (int i = 0; i < 6; i++) {
                float y = out.getFlat(i);
                assertTrue(Float.isFinite(y) && y >= 0f, "softplus(" + x[i] + ") = " + y);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void unaryBackwardMatchesReferenceForEveryOp(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(13);
            for (UnaryOp op : UnaryOp.values()) {
                for (float p : unaryParameters(op)) {
                    float[] x = unaryInputs(op, in);
                    float[] y = toFloat(ReferenceOps.unary(op, p, x));
                    float[] gradOut = in.gaussian(x.length, 1);
                    double[] expected = ReferenceOps.unaryBackward(op, p, x, y, gradOut);
                    String what = "unaryBackward " + op + " p=" + p;
                    Tensor tx = b.fromArray(x, 6, 10);
                    Tensor ty = b.fromArray(y, 6, 10);
                    Tensor tg = b.fromArray(gradOut, 6, 10);
                    Tensor gradIn = b.zeros(6, 10);
                    b.unaryBackward(op, p, tx, ty, tg, gradIn);
                    assertClose(what, expected, gradIn.toArray());
                    b.unaryBackward(op, p, tx, ty, tg, tg);
                    assertClose(what + " in place (gradIn = gradOut)", expected, tg.toArray());
                    assertArrayEquals(x, tx.toArray(), what + ": x changed");
                    assertArrayEquals(y, ty.toArray(), what + ": y changed");
                }
            }
            // derivativeFromOutput() promises that x is not read: NaN in its place changes nothing
            for (UnaryOp op : UnaryOp.values()) {
                if (!op.derivativeFromOutput()) {
                    continue;
                }
                float[] x = unaryInputs(op, in);
                float[] y = toFloat(ReferenceOps.unary(op, 0f, x));
                float[] gradOut = in.gaussian(x.length, 1);
                float[] nan = new float[x.length];
                Arrays.fill(nan, Float.NaN);
                Tensor withX = b.zeros(6, 10);
                Tensor withoutX = b.zeros(6, 10);
                b.unaryBackward(op, 0f, b.fromArray(x, 6, 10), b.fromArray(y, 6, 10), b.fromArray(gradOut, 6, 10), withX);
                b.unaryBackward(op, 0f, b.fromArray(nan, 6, 10), b.fromArray(y, 6, 10), b.fromArray(gradOut, 6, 10),
                        withoutX);
                assertArrayEquals(withX.toArray(), withoutX.toArray(), "unaryBackward " + op + " read x");
            }
            assertIllegal("unaryBackward y size", () -> b.unaryBackward(UnaryOp.SIGMOID, 0f, b.zeros(2, 3),
                    b.zeros(2, 2), b.zeros(2, 3), b.zeros(2, 3)));
            assertIllegal("unaryBackward gradOut size", () -> b.unaryBackward(UnaryOp.SIGMOID, 0f, b.zeros(2, 3),
                    b.zeros(2, 3), b.zeros(3, 3), b.zeros(2, 3)));
            assertIllegal("unaryBackward gradIn size", () -> b.unaryBackward(UnaryOp.SIGMOID, 0f, b.zeros(2, 3),
                    b.zeros(2, 3), b.zeros(2, 3), b.zeros(7)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void binaryMatchesReferenceForEveryOpAndAliasing(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(14);
            for (BinaryOp op : BinaryOp.values()) {
                float[] x = in.gaussian(40, 2);
                float[] y = op == BinaryOp.DIV ? in.awayFromZero(40) : in.gaussian(40, 2);
                y[0] = x[0]; // MAX and MIN of equal values
                double[] expected = ReferenceOps.binary(op, x, y);
                String what = "binary " + op;
                Tensor out = b.zeros(5, 8);
                b.binary(op, b.fromArray(x, 5, 8), b.fromArray(y, 5, 8), out);
                assertClose(what, expected, out.toArray());
                Tensor ta = b.fromArray(x, 5, 8);
                b.binary(op, ta, b.fromArray(y, 5, 8), ta);
                assertClose(what + " into a", expected, ta.toArray());
                Tensor tb = b.fromArray(y, 5, 8);
                b.binary(op, b.fromArray(x, 5, 8), tb, tb);
                assertClose(what + " into b", expected, tb.toArray());
                Tensor same = b.fromArray(x, 40);
                b.binary(op, same, same, same);
                assertClose(what + " of a tensor with itself", ReferenceOps.binary(op, x, x), same.toArray());
            }
            assertIllegal("binary b size", () -> b.binary(BinaryOp.ADD, b.zeros(2, 3), b.zeros(3, 3), b.zeros(2, 3)));
            assertIllegal("binary out size", () -> b.binary(BinaryOp.ADD, b.zeros(2, 3), b.zeros(2, 3), b.zeros(5)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void axpbyAffineAndClip(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(15);
            float[] x = in.gaussian(24, 2);
            float[] y = in.gaussian(24, 2);
            Tensor out = b.zeros(4, 6);
            b.axpby(0.75f, b.fromArray(x, 4, 6), -1.25f, b.fromArray(y, 4, 6), out);
            assertClose("axpby", ReferenceOps.axpby(0.75, x, -1.25, y), out.toArray());
            Tensor tb = b.fromArray(y, 4, 6);
            b.axpby(0.75f, b.fromArray(x, 4, 6), -1.25f, tb, tb);
            assertClose("axpby into b", ReferenceOps.axpby(0.75, x, -1.25, y), tb.toArray());

            Tensor ta = b.fromArray(x, 2, 12);
            b.affine(-3f, 0.5f, ta, out);
            assertClose("affine", ReferenceOps.affine(-3, 0.5, x), out.toArray());
            b.affine(-3f, 0.5f, ta, ta);
            assertClose("affine in place", ReferenceOps.affine(-3, 0.5, x), ta.toArray());

            x[0] = -1f; // exactly on the bounds
            x[1] = 1.5f;
            Tensor tc = b.fromArray(x, 24);
            b.clip(-1f, 1.5f, tc, out);
            assertClose("clip", ReferenceOps.clip(-1, 1.5, x), out.toArray());
            b.clip(-1f, 1.5f, tc, tc);
            assertClose("clip in place", ReferenceOps.clip(-1, 1.5, x), tc.toArray());

            assertIllegal("axpby b size", () -> b.axpby(1f, b.zeros(2, 3), 1f, b.zeros(3, 3), b.zeros(2, 3)));
            assertIllegal("axpby out size", () -> b.axpby(1f, b.zeros(2, 3), 1f, b.zeros(2, 3), b.zeros(3, 3)));
            assertIllegal("affine out size", () -> b.affine(1f, 0f, b.zeros(2, 3), b.zeros(7)));
            assertIllegal("clip out size", () -> b.clip(0f, 1f, b.zeros(2, 3), b.zeros(7)));
        });
    }

    // ---- rows and columns -----------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gatherRowsPicksIndexedRowsFromAnOffset(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(16);
            float[] a = in.gaussian(10 * 6, 1);
            Tensor ta = b.fromArray(a, 10, 6);
            int[] indices = {9, 3, 3, 0, 7, 2, 5};
            Tensor out = b.zeros(4, 6);
            b.gatherRows(ta, indices, 2, out);
            assertExact("gatherRows", ReferenceOps.gatherRows(a, 6, indices, 2, 4), out.toArray());
            // rank-4 rows: one image per row
            Tensor images = b.fromArray(a, 10, 1, 2, 3);
            Tensor picked = b.zeros(3, 1, 2, 3);
            b.gatherRows(images, indices, 0, picked);
            assertExact("gatherRows rank 4", ReferenceOps.gatherRows(a, 6, indices, 0, 3), picked.toArray());

            assertIllegal("too few indices after offset", () -> b.gatherRows(ta, indices, 4, b.zeros(4, 6)));
            assertIllegal("negative offset", () -> b.gatherRows(ta, indices, -1, b.zeros(2, 6)));
            assertIllegal("index past the rows", () -> b.gatherRows(ta, new int[] {1, 10}, 0, b.zeros(2, 6)));
            assertIllegal("negative index", () -> b.gatherRows(ta, new int[] {-1}, 0, b.zeros(1, 6)));
            assertIllegal("out columns", () -> b.gatherRows(ta, indices, 0, b.zeros(2, 5)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void gatherStackedRowsHasTheBitsOfConcatRowsThenGatherRows(BackendProvider provider) {
        with(provider, b -> {
            GatherKernels gather = offered(b, GatherKernels.class);
            Inputs in = random(34);
            float[] top = in.gaussian(4 * 6, 1);
            float[] bottom = in.gaussian(3 * 6, 1);
            float[] stacked = new float[top.length + bottom.length];
            System.arraycopy(top, 0, stacked, 0, top.length);
            System.arraycopy(bottom, 0, stacked, top.length, bottom.length);
            Tensor tt = b.fromArray(top, 4, 6);
            Tensor tb = b.fromArray(bottom, 3, 6);
            int[] indices = {6, 0, 4, 3, 5, 1, 6, 2};
            Tensor out = b.zeros(5, 6);
            gather.gatherStackedRows(tt, tb, indices, 2, out);
            assertExact("gatherStackedRows", ReferenceOps.gatherRows(stacked, 6, indices, 2, 5), out.toArray());
            // the composition it replaces: concatRows, then gatherRows
            Tensor concat = b.zeros(7, 6);
            b.concatRows(tt, tb, concat);
            Tensor twoSteps = b.zeros(5, 6);
            b.gatherRows(concat, indices, 2, twoSteps);
            assertArrayEquals(twoSteps.toArray(), out.toArray(), "gatherStackedRows against concatRows + gatherRows");
            // rank-4 rows, as images come
            Tensor picked = b.zeros(3, 1, 2, 3);
            gather.gatherStackedRows(b.fromArray(top, 4, 1, 2, 3), b.fromArray(bottom, 3, 1, 2, 3), indices, 0, picked);
            assertExact("gatherStackedRows rank 4", ReferenceOps.gatherRows(stacked, 6, indices, 0, 3),
                    picked.toArray());

            float[] before = out.toArray();
            assertIllegal("index past both", () -> gather.gatherStackedRows(tt, tb, new int[] {1, 7}, 0, out.reshape(5, 6)));
            assertArrayEquals(before, out.toArray(), "a bad index must leave out untouched");
            assertIllegal("negative index", () -> gather.gatherStackedRows(tt, tb, new int[] {-1}, 0, b.zeros(1, 6)));
            assertIllegal("too few indices after offset", () -> gather.gatherStackedRows(tt, tb, indices, 5, b.zeros(4, 6)));
            assertIllegal("negative offset", () -> gather.gatherStackedRows(tt, tb, indices, -1, b.zeros(2, 6)));
            assertIllegal("bottom columns", () -> gather.gatherStackedRows(tt, b.zeros(3, 5), indices, 0, b.zeros(2, 6)));
            assertIllegal("out columns", () -> gather.gatherStackedRows(tt, tb, indices, 0, b.zeros(2, 5)));
            assertIllegal("out is top", () -> gather.gatherStackedRows(tt, tb, new int[] {0}, 0, tt.reshape(4, 6)));
            assertIllegal("out is bottom", () -> gather.gatherStackedRows(tt, tb, new int[] {0}, 0, tb.reshape(3, 6)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sliceRowsCopiesAContiguousBlock(BackendProvider provider) {
        with(provider, b -> {
            float[] a = random(17).gaussian(8 * 3, 1);
            Tensor ta = b.fromArray(a, 8, 3);
            for (int from : new int[] {0, 2, 5}) {
                Tensor out = b.zeros(3, 3);
                b.sliceRows(ta, from, out);
                assertExact("sliceRows from " + from, ReferenceOps.sliceRows(a, 3, from, 3), out.toArray());
            }
            Tensor all = b.zeros(8, 3);
            b.sliceRows(ta, 0, all);
            assertExact("sliceRows of everything", ReferenceOps.sliceRows(a, 3, 0, 8), all.toArray());
            assertIllegal("past the end", () -> b.sliceRows(ta, 6, b.zeros(3, 3)));
            assertIllegal("negative start", () -> b.sliceRows(ta, -1, b.zeros(3, 3)));
            assertIllegal("out columns", () -> b.sliceRows(ta, 0, b.zeros(3, 4)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void concatRowsStacksTopAboveBottom(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(18);
            float[] top = in.gaussian(2 * 4, 1);
            float[] bottom = in.gaussian(3 * 4, 1);
            Tensor out = b.zeros(5, 4);
            b.concatRows(b.fromArray(top, 2, 4), b.fromArray(bottom, 3, 4), out);
            assertExact("concatRows", ReferenceOps.concatRows(top, bottom), out.toArray());
            assertIllegal("columns differ", () -> b.concatRows(b.zeros(2, 4), b.zeros(3, 5), b.zeros(5, 4)));
            assertIllegal("out rows", () -> b.concatRows(b.zeros(2, 4), b.zeros(3, 4), b.zeros(4, 4)));
            assertIllegal("out columns", () -> b.concatRows(b.zeros(2, 4), b.zeros(3, 4), b.zeros(5, 5)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void concatColumnsAndSliceColumnsAreInverse(BackendProvider provider) {
        with(provider, b -> {
            Inputs in = random(19);
            float[] left = in.gaussian(3 * 4, 1);
            float[] right = in.gaussian(3 * 2, 1);
            Tensor out = b.zeros(3, 6);
            b.concatColumns(b.fromArray(left, 3, 4), b.fromArray(right, 3, 2), out);
            double[] joined = ReferenceOps.concatColumns(left, 4, right, 2, 3);
            assertExact("concatColumns", joined, out.toArray());

            float[] whole = out.toArray();
            Tensor l = b.zeros(3, 4);
            Tensor r = b.zeros(3, 2);
            b.sliceColumns(out, 0, l);
            b.sliceColumns(out, 4, r);
            assertArrayEquals(left, l.toArray(), "sliceColumns recovers left");
            assertArrayEquals(right, r.toArray(), "sliceColumns recovers right");
            Tensor middle = b.zeros(3, 3);
            b.sliceColumns(out, 2, middle);
            assertExact("sliceColumns from 2", ReferenceOps.sliceColumns(whole, 3, 6, 2, 3), middle.toArray());

            assertIllegal("concat rows differ", () -> b.concatColumns(b.zeros(3, 4), b.zeros(2, 2), b.zeros(3, 6)));
            assertIllegal("concat out columns", () -> b.concatColumns(b.zeros(3, 4), b.zeros(3, 2), b.zeros(3, 5)));
            assertIllegal("concat out rows", () -> b.concatColumns(b.zeros(3, 4), b.zeros(3, 2), b.zeros(2, 6)));
            assertIllegal("slice past the end", () -> b.sliceColumns(out, 4, b.zeros(3, 3)));
            assertIllegal("slice negative start", () -> b.sliceColumns(out, -1, b.zeros(3, 3)));
            assertIllegal("slice out rows", () -> b.sliceColumns(out, 0, b.zeros(2, 3)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void batchNormKernelsHaveTheBitsOfTheirCompositions(BackendProvider provider) {
        with(provider, b -> {
            BatchNormKernels fused = offered(b, BatchNormKernels.class);
            Inputs in = random(64);
            // 7·9 positions leave a tail after blocks of 8 or 16; 1×1 is all tail; rank 2 is [N, C]
            int[][] shapes = {{3, 5, 7, 9}, {2, 3, 4, 4}, {4, 2, 1, 1}, {6, 4}, {64, 3, 7, 7}};
            for (int[] shape : shapes) {
                String what = Arrays.toString(shape);
                int size = 1;
                for (int d : shape) {
                    size *= d;
                }
                int c = shape[1];
                float[] x = in.gaussian(size, 2);
                float[] dy = in.gaussian(size, 1);
                Tensor tx = b.fromArray(x, shape);
                Tensor tdy = b.fromArray(dy, shape);
                Tensor shift = b.fromArray(in.gaussian(c, 1), c);
                Tensor invStd = b.fromArray(in.gaussian(c, 1), c);
                Tensor gamma = b.fromArray(in.gaussian(c, 1), c);
                Tensor beta = b.fromArray(in.gaussian(c, 1), c);

                Tensor xhat = b.zeros(shape);
                Tensor out = b.zeros(shape);
                b.addChannels(tx, shift, xhat);
                b.mulChannels(xhat, invStd, xhat);
                b.mulChannels(xhat, gamma, out);
                b.addChannels(out, beta, out);
                Tensor fusedXhat = b.zeros(shape);
                Tensor fusedOut = b.zeros(shape);
                fused.normalize(tx, shift, invStd, gamma, beta, fusedXhat, fusedOut);
                assertArrayEquals(xhat.toArray(), fusedXhat.toArray(), "normalize xhat " + what);
                assertArrayEquals(out.toArray(), fusedOut.toArray(), "normalize out " + what);
                assertArrayEquals(x, tx.toArray(), "normalize must leave x as it is " + what);
                Tensor inPlace = b.fromArray(x, shape);
                fused.normalize(inPlace, shift, invStd, gamma, beta, inPlace, inPlace);
                assertArrayEquals(out.toArray(), inPlace.toArray(), "normalize in place " + what);

                Tensor sumDy = b.zeros(c);
                Tensor sumDyXhat = b.zeros(c);
                Tensor product = b.zeros(shape);
                b.sumChannels(tdy, 0f, sumDy);
                b.binary(BinaryOp.MUL, tdy, xhat, product);
                b.sumChannels(product, 0f, sumDyXhat);
                // stale values in the outputs must not leak in
                Tensor fusedSumDy = b.fromArray(in.gaussian(c, 1), c);
                Tensor fusedSumDyXhat = b.fromArray(in.gaussian(c, 1), c);
                fused.gradientSums(tdy, xhat, fusedSumDy, fusedSumDyXhat);
                assertArrayEquals(sumDy.toArray(), fusedSumDy.toArray(), "gradientSums sumDy " + what);
                assertArrayEquals(sumDyXhat.toArray(), fusedSumDyXhat.toArray(), "gradientSums sumDyXhat " + what);
                double[] ref = ReferenceOps.sumChannels(dy, shape[0], c, size / (shape[0] * c), 0, new float[c]);
                assertClose("gradientSums sumDy " + what, Arrays.copyOfRange(ref, 0, c), Arrays.copyOfRange(ref, c, 2 * c),
                        fusedSumDy.toArray());

                Tensor work = b.zeros(shape);
                Tensor dx = b.zeros(shape);
                b.mulChannels(xhat, sumDyXhat, work);
                b.axpby(1f, tdy, -1f, work, work);
                b.addChannels(work, sumDy, work);
                b.mulChannels(work, gamma, dx);
                Tensor fusedDx = b.zeros(shape);
                fused.inputGradient(tdy, xhat, sumDyXhat, sumDy, gamma, fusedDx);
                assertArrayEquals(dx.toArray(), fusedDx.toArray(), "inputGradient " + what);
                Tensor dyInPlace = b.fromArray(dy, shape);
                fused.inputGradient(dyInPlace, xhat, sumDyXhat, sumDy, gamma, dyInPlace);
                assertArrayEquals(dx.toArray(), dyInPlace.toArray(), "inputGradient into dy " + what);
            }
            Tensor a = b.zeros(2, 3, 4);
            Tensor three = b.zeros(3);
            assertIllegal("normalize channels", () -> fused.normalize(a, b.zeros(2), three, three, three, b.zeros(2, 3, 4),
                    b.zeros(2, 3, 4)));
            assertIllegal("normalize out", () -> fused.normalize(a, three, three, three, three, b.zeros(2, 3, 4),
                    b.zeros(2, 3, 3)));
            assertIllegal("gradientSums xhat", () -> fused.gradientSums(a, b.zeros(2, 3, 3), three, b.zeros(3)));
            assertIllegal("gradientSums sums", () -> fused.gradientSums(a, b.zeros(2, 3, 4), b.zeros(4), b.zeros(3)));
            assertIllegal("gradientSums one tensor for both", () -> fused.gradientSums(a, b.zeros(2, 3, 4), three, three));
            assertIllegal("inputGradient dx", () -> fused.inputGradient(a, b.zeros(2, 3, 4), three, three, three,
                    b.zeros(2, 3, 5)));
            assertIllegal("inputGradient scale", () -> fused.inputGradient(a, b.zeros(2, 3, 4), three, three, b.zeros(1),
                    b.zeros(2, 3, 4)));
        });
    }

    // ---- optional kernels -----------------------------------------------------------------

    /** A capability no backend can know of. */
    private interface UnknownKernels extends Kernels {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void kernelsAreOfTheAskedTypeAndUnknownOnesAreAbsent(BackendProvider provider) {
        with(provider, b -> {
            assertEquals(Optional.empty(), b.kernels(UnknownKernels.class), "kernels of a type the backend cannot know");
            for (Class<? extends Kernels> type : List.of(FusedActivationKernels.class, OptimizerKernels.class,
                    GatherKernels.class, BatchNormKernels.class)) {
                b.kernels(type).ifPresent(k -> assertTrue(type.isInstance(k), type.getSimpleName() + ": " + k));
            }
        });
    }

    /** The backend's kernels of {@code type}; the test is skipped for a backend that offers none. */
    private static <K extends Kernels> K offered(Backend b, Class<K> type) {
        Optional<K> kernels = b.kernels(type);
        assumeTrue(kernels.isPresent(), b.name() + " offers no " + type.getSimpleName()
                + " (callers compose the required operations)");
        return kernels.get();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void sgdUpdateMatchesReference(BackendProvider provider) {
        with(provider, b -> {
            OptimizerKernels optim = offered(b, OptimizerKernels.class);
            for (float l2 : new float[] {0f, 1e-2f}) {
                Inputs in = random(40);
                int n = 37;
                float[] w0 = in.gaussian(n, 1);
                float[] v0 = in.gaussian(n, 0.1);
                Tensor w = b.fromArray(w0, n);
                Tensor v = b.fromArray(v0, n);
                double[] rw = toDouble(w0);
                double[] rv = toDouble(v0);
                for (int step = 0; step < 3; step++) {
                    float[] g0 = in.gaussian(n, 1);
                    optim.sgdUpdate(0.5f, 0.9f, l2, w, b.fromArray(g0, n), v);
                    for (int i = 0; i < n; i++) {
                        rv[i] = 0.9 * rv[i] + 0.5 * (g0[i] + l2 * rw[i]);
                        rw[i] -= rv[i];
                    }
                }
                assertClose("sgdUpdate l2=" + l2 + " v", rv, v.toArray());
                assertClose("sgdUpdate l2=" + l2 + " w", rw, w.toArray());
            }
            assertIllegal("sgd sizes", () -> optim.sgdUpdate(0.1f, 0.9f, 0f, b.zeros(3), b.zeros(4), b.zeros(3)));
            Tensor shared = b.zeros(3);
            assertIllegal("sgd w is v", () -> optim.sgdUpdate(0.1f, 0.9f, 0f, shared, b.zeros(3), shared));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void adamUpdateMatchesReferenceAndKeepsItsInputs(BackendProvider provider) {
        with(provider, b -> {
            OptimizerKernels optim = offered(b, OptimizerKernels.class);
            for (float decay : new float[] {0f, 1e-2f}) {
                Inputs in = random(41);
                int n = 41;
                float[] w0 = in.gaussian(n, 1);
                Tensor w = b.fromArray(w0, n);
                Tensor m = b.zeros(n);
                Tensor v = b.zeros(n);
                double[] rw = toDouble(w0);
                double[] rm = new double[n];
                double[] rv = new double[n];
                double beta1 = 0.5;
                double beta2 = 0.999;
                for (int t = 1; t <= 3; t++) {
                    float[] g0 = in.gaussian(n, 1);
                    Tensor g = b.fromArray(g0, n);
                    float stepSize = (float) (2e-2 / (1 - Math.pow(beta1, t)));
                    float invSqrtBias2 = (float) (1 / Math.sqrt(1 - Math.pow(beta2, t)));
                    optim.adamUpdate((float) beta1, (float) beta2, stepSize, invSqrtBias2, 1e-8f, decay, w, g, m, v);
                    assertArrayEquals(g0, g.toArray(), "adamUpdate must not change the gradient");
                    for (int i = 0; i < n; i++) {
                        double gi = g0[i] + decay * rw[i];
                        rm[i] = beta1 * rm[i] + (1 - beta1) * gi;
                        rv[i] = beta2 * rv[i] + (1 - beta2) * gi * gi;
                        rw[i] -= stepSize * rm[i] / (Math.sqrt(rv[i]) * invSqrtBias2 + 1e-8);
                    }
                }
                String what = "adamUpdate weightDecay=" + decay;
                assertClose(what + " m", rm, m.toArray());
                assertClose(what + " v", rv, v.toArray());
                assertClose(what + " w", rw, w.toArray());
            }
            Tensor shared = b.zeros(3);
            assertIllegal("adam m is v", () -> optim.adamUpdate(0.5f, 0.9f, 0.1f, 1f, 1e-8f, 0f, b.zeros(3), b.zeros(3),
                    shared, shared));
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void rmsPropUpdateMatchesReferenceAndKeepsItsInputs(BackendProvider provider) {
        with(provider, b -> {
            OptimizerKernels optim = offered(b, OptimizerKernels.class);
            for (float decay : new float[] {0f, 1e-2f}) {
                Inputs in = random(42);
                int n = 43;
                float[] w0 = in.gaussian(n, 1);
                Tensor w = b.fromArray(w0, n);
                Tensor v = b.zeros(n);
                double[] rw = toDouble(w0);
                double[] rv = new double[n];
                double alpha = 0.99;
                double lr = 5e-3;
                for (int t = 1; t <= 3; t++) {
                    float[] g0 = in.gaussian(n, 1);
                    Tensor g = b.fromArray(g0, n);
                    optim.rmsPropUpdate((float) alpha, (float) lr, 1e-8f, decay, w, g, v);
                    assertArrayEquals(g0, g.toArray(), "rmsPropUpdate must not change the gradient");
                    for (int i = 0; i < n; i++) {
                        double gi = g0[i] + decay * rw[i];
                        rv[i] = alpha * rv[i] + (1 - alpha) * gi * gi;
                        rw[i] -= (float) lr * gi / (Math.sqrt(rv[i]) + 1e-8);
                    }
                }
                String what = "rmsPropUpdate weightDecay=" + decay;
                assertClose(what + " v", rv, v.toArray());
                assertClose(what + " w", rw, w.toArray());
            }
            assertIllegal("rmsProp sizes", () -> optim.rmsPropUpdate(0.9f, 0.1f, 1e-8f, 0f, b.zeros(3), b.zeros(3),
                    b.zeros(2)));
        });
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    // ---- helpers --------------------------------------------------------------------------

    /** Seeded inputs; each test uses its own stream so tests do not shift each other's numbers. */
    private static Inputs random(int stream) {
        return new Inputs(new SeededRandom(SEED).fork("conformance-" + stream));
    }

    /** Random float arrays from one seeded stream. */
    private record Inputs(SeededRandom random) {

        float[] gaussian(int n, double std) {
            float[] x = new float[n];
            random.fillGaussian(x, 0, std);
            return x;
        }

        float[] uniform(int n, double lo, double hi) {
            float[] x = new float[n];
            random.fillUniform(x, lo, hi);
            return x;
        }

        /** Values in ±[0.5, 3): safe divisors. */
        float[] awayFromZero(int n) {
            float[] x = uniform(n, 0.5, 3);
            for (int i = 0; i < n; i++) {
                if (random.nextInt(2) == 0) {
                    x[i] = -x[i];
                }
            }
            return x;
        }
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            f[i] = (float) x[i];
        }
        return f;
    }

    /** Element-wise comparison with tolerance {@code ABSOLUTE + RELATIVE·|expected|}. */
    static void assertClose(String what, double[] expected, float[] actual) {
        assertClose(what, expected, null, actual);
    }

    /**
     * Comparison with tolerance {@code ABSOLUTE + RELATIVE·magnitude[i]}, or {@code |expected[i]|}
     * when {@code magnitude} is null.
     */
    static void assertClose(String what, double[] expected, double[] magnitude, float[] actual) {
        assertEquals(expected.length, actual.length, what + ": number of elements");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double r = actual[i];
            String where = what + ": element " + i + " expected " + e + " but was " + r;
            if (Double.isNaN(e)) {
                assertTrue(Double.isNaN(r), where);
            } else if (Double.isInfinite(e)) {
                assertEquals(e, r, where);
            } else {
                double m = magnitude == null ? Math.abs(e) : magnitude[i];
                double tolerance = ABSOLUTE + RELATIVE * m;
                if (!(Math.abs(r - e) <= tolerance)) {
                    fail(where + " (tolerance " + tolerance + ")");
                }
            }
        }
    }

    /** Data movement must be exact. */
    private static void assertExact(String what, double[] expected, float[] actual) {
        assertArrayEquals(toFloat(expected), actual, what);
    }

    /** The call must throw {@link IllegalArgumentException} with a message. */
    private static void assertIllegal(String what, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call,
                what + ": expected IllegalArgumentException");
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), what + ": the error has no message");
    }
}
