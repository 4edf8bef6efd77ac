package dev.gan4j.backend.ejml;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * GEMM in pure Java on the Vector API ({@code jdk.incubator.vector}, Java 17): register-blocked
 * micro-kernels of {@link #ROWS} rows × 2 vectors, with {@code k} blocked so that the slice of
 * {@code b} being swept stays in cache. Every kernel sums each result over {@code k} in the same
 * order, so the register blocking never changes the numbers. Measured 85–107 GFLOP/s (thread CPU time) on the MLP
 * GAN's shapes on an AVX-512 core, against 8–30 for netlib's Java kernels and 3–6 for EJML's,
 * and close to OpenBLAS; it allocates nothing per call once its scratch arrays have grown.
 *
 * <p>Only usable when the JVM runs with {@code --add-modules jdk.incubator.vector}: nothing else
 * touches this class unless {@link VectorApi#available()} says so, so without the module it is
 * never initialised (its static fields are Vector API objects).
 *
 * <p>A transposed {@code a} is read in place (its elements are broadcast one at a time); a
 * transposed {@code b} is first transposed into a scratch array, since the kernels stream rows
 * of {@code b} as vectors. The last {@code n mod 16} columns are copied, zero-padded, into a
 * panel one vector wide, so the tail runs through the same vector kernel.
 */
final class VectorGemm implements GemmKernel {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /**
     * Rows of the main micro-kernel, by vector width. With 256-bit vectors (AVX2: 16 registers)
     * 6 rows × 2 vectors are 12 accumulators, plus 2 of {@code b} and a broadcast: the register
     * file, and 12 FMAs for each 2 loads of {@code b} instead of 8 with 4 rows: 53–67 GFLOP/s
     * against 43–65 with 4 rows on the MLP GAN's shapes under {@code -XX:UseAVX=2} (Zen 4, thread
     * CPU time). With 16 lanes 4 rows measured 61–93 against 59–83 with 6, so it stays.
     */
    static final int ROWS = LANES <= 8 ? 6 : 4;
    /** Rows of {@code op(b)} per sweep: 256 rows of two vectors are 32 KB, an L1's worth. */
    private static final int K_BLOCK = 256;
    /** Side of the tiles {@link #transpose} works in. */
    private static final int TILE = 32;

    /** {@code op(b)} when b is transposed; grows to the largest b seen. */
    private float[] transposed = new float[0];
    /** The last columns of {@code op(b)}, zero-padded to one vector per row. */
    private float[] tailPanel = new float[0];
    /** One 4-row tile of results for the tail columns. */
    private final float[] tailTile = new float[4 * LANES];

    /** Rows of the main micro-kernel: 6 or 4. */
    private final int rows;

    /** The kernel blocked for this JVM's vector width ({@link #ROWS} rows). */
    VectorGemm() {
        this(ROWS);
    }

    /** With a main micro-kernel of {@code rows} (6 or 4) rows, whatever the vector width; for tests and benchmarks. */
    VectorGemm(int rows) {
        if (rows != 6 && rows != 4) {
            throw new IllegalArgumentException("VectorGemm: rows must be 6 or 4, got " + rows);
        }
        this.rows = rows;
    }

    /** The vector shape in use, e.g. {@code "Vector API, 16 float lanes"}. */
    static String describe() {
        return "Vector API, " + LANES + " float lanes, " + ROWS + "×" + 2 * LANES + " micro-kernel";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, float[] a, int aOffset,
            float[] b, int bOffset, float beta, float[] c, int cOffset) {
        int end = cOffset + m * n;
        if (beta == 0f) {
            Arrays.fill(c, cOffset, end, 0f); // BLAS: with beta 0, c's old contents (even NaN) are ignored
        } else if (beta != 1f) {
            for (int i = cOffset; i < end; i++) {
                c[i] *= beta;
            }
        }
        float[] bs = b;
        int bo = bOffset;
        if (transposeB) {
            bs = transpose(b, bOffset, n, k);
            bo = 0;
        }
        multiplyAdd(transposeA, m, n, k, alpha, a, aOffset, bs, bo, c, cOffset);
    }

    /**
     * {@code b} (n×k) transposed into the scratch array, as k×n, in 32×32 tiles so that the
     * scattered writes of a tile stay within 32 cache lines (a plain loop over {@code b} made the
     * transpose of a 1024×784 weight cost 20 times the multiply).
     */
    private float[] transpose(float[] b, int offset, int n, int k) {
        if (transposed.length < n * k) {
            transposed = new float[n * k];
        }
        float[] t = transposed;
        for (int j0 = 0; j0 < n; j0 += TILE) {
            int j1 = Math.min(n, j0 + TILE);
            for (int p0 = 0; p0 < k; p0 += TILE) {
                int p1 = Math.min(k, p0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int row = offset + j * k;
                    for (int p = p0; p < p1; p++) {
                        t[p * n + j] = b[row + p];
                    }
                }
            }
        }
        return t;
    }

    /** {@code c += alpha·op(a)·b} with b k×n row-major, each block starting at its offset. */
    private void multiplyAdd(boolean transposeA, int m, int n, int k, float alpha, float[] a, int ao, float[] b,
            int bo, float[] c, int co) {
        int lda = transposeA ? m : k;
        int wide = n - n % (2 * LANES);
        int single = n - n % LANES;
        for (int p0 = 0; p0 < k; p0 += K_BLOCK) {
            int p1 = Math.min(k, p0 + K_BLOCK);
            for (int j = 0; j < wide; j += 2 * LANES) {
                int i = 0;
                if (rows == 6) {
                    for (; i + 6 <= m; i += 6) {
                        kernel6x2(transposeA, lda, a, ao, i, p0, p1, b, bo + j, n, alpha, c, co + i * n + j);
                    }
                }
                for (; i + 4 <= m; i += 4) {
                    kernel4x2(transposeA, lda, a, ao, i, p0, p1, b, bo + j, n, alpha, c, co + i * n + j);
                }
                for (; i < m; i++) {
                    kernel1x2(transposeA, lda, a, ao, i, p0, p1, b, bo + j, n, alpha, c, co + i * n + j);
                }
            }
            if (single > wide) {
                for (int i = 0; i < m; i++) {
                    kernel1x1(transposeA, lda, a, ao, i, p0, p1, b, bo + wide, n, alpha, c, co + i * n + wide);
                }
            }
            if (n > single) {
                tail(transposeA, lda, ao, m, n, single, p0, p1, alpha, a, b, bo, c, co);
            }
        }
    }

    /** The last {@code n − from} (< one vector) columns, through a zero-padded panel. */
    private void tail(boolean transposeA, int lda, int ao, int m, int n, int from, int p0, int p1, float alpha,
            float[] a, float[] b, int bo, float[] c, int co) {
        int width = n - from;
        int rows = p1 - p0;
        if (tailPanel.length < rows * LANES) {
            tailPanel = new float[rows * LANES];
        }
        float[] panel = tailPanel;
        for (int p = 0; p < rows; p++) {
            int dst = p * LANES;
            System.arraycopy(b, bo + (p0 + p) * n + from, panel, dst, width);
            Arrays.fill(panel, dst + width, dst + LANES, 0f);
        }
        float[] tile = tailTile;
        for (int i = 0; i < m; i++) {
            Arrays.fill(tile, 0, LANES, 0f);
            // the panel's row p holds op(b)'s row p0 + p: index it from p0 with its own stride
            kernel1x1(transposeA, lda, a, ao, i, p0, p1, panel, -p0 * LANES, LANES, alpha, tile, 0);
            int row = co + i * n + from;
            for (int j = 0; j < width; j++) {
                c[row + j] += tile[j];
            }
        }
    }

    /** {@code c[i..i+5][j..j+2L) += alpha·Σ_p op(a)[i.., p]·b[p][j..]}: 12 accumulators in registers. */
    private static void kernel6x2(boolean transposeA, int lda, float[] a, int ao, int i, int p0, int p1, float[] b,
            int bj, int n, float alpha, float[] c, int r) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c51 = FloatVector.zero(SPECIES);
        // a's six values of step p: a column of op(a), strided by lda either way round
        int step = transposeA ? lda : 1;
        int down = transposeA ? 1 : lda;
        int o = ao + (transposeA ? p0 * lda + i : i * lda + p0);
        for (int p = p0; p < p1; p++, o += step) {
            int bo = bj + p * n;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bo + LANES);
            FloatVector v = FloatVector.broadcast(SPECIES, a[o]);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(SPECIES, a[o + down]);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(SPECIES, a[o + 2 * down]);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(SPECIES, a[o + 3 * down]);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
            v = FloatVector.broadcast(SPECIES, a[o + 4 * down]);
            c40 = v.fma(b0, c40);
            c41 = v.fma(b1, c41);
            v = FloatVector.broadcast(SPECIES, a[o + 5 * down]);
            c50 = v.fma(b0, c50);
            c51 = v.fma(b1, c51);
        }
        addRow(c00, c01, alpha, c, r);
        r += n;
        addRow(c10, c11, alpha, c, r);
        r += n;
        addRow(c20, c21, alpha, c, r);
        r += n;
        addRow(c30, c31, alpha, c, r);
        r += n;
        addRow(c40, c41, alpha, c, r);
        r += n;
        addRow(c50, c51, alpha, c, r);
    }

    /** {@code c[i..i+3][j..j+2L) += alpha·Σ_p op(a)[i.., p]·b[p][j..]}: 8 accumulators in registers. */
    private static void kernel4x2(boolean transposeA, int lda, float[] a, int ao, int i, int p0, int p1, float[] b,
            int bj, int n, float alpha, float[] c, int r) {
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c31 = FloatVector.zero(SPECIES);
        for (int p = p0; p < p1; p++) {
            int bo = bj + p * n;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bo);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bo + LANES);
            float a0;
            float a1;
            float a2;
            float a3;
            if (transposeA) {
                int o = ao + p * lda + i;
                a0 = a[o];
                a1 = a[o + 1];
                a2 = a[o + 2];
                a3 = a[o + 3];
            } else {
                int o = ao + i * lda + p;
                a0 = a[o];
                a1 = a[o + lda];
                a2 = a[o + 2 * lda];
                a3 = a[o + 3 * lda];
            }
            FloatVector v = FloatVector.broadcast(SPECIES, a0);
            c00 = v.fma(b0, c00);
            c01 = v.fma(b1, c01);
            v = FloatVector.broadcast(SPECIES, a1);
            c10 = v.fma(b0, c10);
            c11 = v.fma(b1, c11);
            v = FloatVector.broadcast(SPECIES, a2);
            c20 = v.fma(b0, c20);
            c21 = v.fma(b1, c21);
            v = FloatVector.broadcast(SPECIES, a3);
            c30 = v.fma(b0, c30);
            c31 = v.fma(b1, c31);
        }
        addRow(c00, c01, alpha, c, r);
        r += n;
        addRow(c10, c11, alpha, c, r);
        r += n;
        addRow(c20, c21, alpha, c, r);
        r += n;
        addRow(c30, c31, alpha, c, r);
    }

    /** One row, two vectors: rows of a left over when m is not a multiple of 4. */
    private static void kernel1x2(boolean transposeA, int lda, float[] a, int ao, int i, int p0, int p1, float[] b,
            int bj, int n, float alpha, float[] c, int r) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        for (int p = p0; p < p1; p++) {
            FloatVector v = FloatVector.broadcast(SPECIES, transposeA ? a[ao + p * lda + i] : a[ao + i * lda + p]);
            int bo = bj + p * n;
            c0 = v.fma(FloatVector.fromArray(SPECIES, b, bo), c0);
            c1 = v.fma(FloatVector.fromArray(SPECIES, b, bo + LANES), c1);
        }
        addRow(c0, c1, alpha, c, r);
    }

    /**
     * One row, one vector: {@code out[outOffset..] += alpha·Σ_p op(a)[i, p]·b[bj + p·ldb..]} for
     * {@code p} in {@code [p0, p1)}.
     */
    private static void kernel1x1(boolean transposeA, int lda, float[] a, int ao, int i, int p0, int p1, float[] b,
            int bj, int ldb, float alpha, float[] out, int outOffset) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        for (int p = p0; p < p1; p++) {
            FloatVector v = FloatVector.broadcast(SPECIES, transposeA ? a[ao + p * lda + i] : a[ao + i * lda + p]);
            c0 = v.fma(FloatVector.fromArray(SPECIES, b, bj + p * ldb), c0);
        }
        addInto(c0, alpha, out, outOffset);
    }

    /** {@code c[r..r+2L) += alpha·(lo, hi)}: one row of a two-vector tile. */
    private static void addRow(FloatVector lo, FloatVector hi, float alpha, float[] c, int r) {
        addInto(lo, alpha, c, r);
        addInto(hi, alpha, c, r + LANES);
    }

    private static void addInto(FloatVector acc, float alpha, float[] c, int offset) {
        FloatVector.fromArray(SPECIES, c, offset).add(acc.mul(alpha)).intoArray(c, offset);
    }
}
