package dev.gan4j.backend.ejml;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;

/**
 * GEMM on EJML's own kernels ({@link MatMul}): the pure-Java fallback that needs nothing but EJML.
 *
 * <p>A transposed {@code b} is first transposed into a reused scratch matrix: EJML's
 * {@code multTransB} computes each element as a dot product, which the JIT does not vectorise,
 * and measured 2.5× slower than the row-axpy kernel of {@code mult} for 128×784·(512×784)ᵀ; the
 * transpose costs one pass over {@code b}. This also avoids {@code multTransAB}, which allocates
 * a work array per call.
 */
final class EjmlGemm implements GemmKernel {

    private final MatMul matMul;
    /** Holds {@code bᵀ} for gemm with a transposed b; grows to the largest b seen, then reused. */
    private final FMatrixRMaj transposeScratch = new FMatrixRMaj(1, 1);
    /** Headers pointed at the caller's arrays on each call. */
    private final FMatrixRMaj aHeader = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj bHeader = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj cHeader = new FMatrixRMaj(1, 1);
    /** Copies of operands that start past index 0 of their arrays (a convolution's per-sample blocks). */
    private final FMatrixRMaj aCopy = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj bCopy = new FMatrixRMaj(1, 1);
    private final FMatrixRMaj cCopy = new FMatrixRMaj(1, 1);

    EjmlGemm(MatMul matMul) {
        this.matMul = matMul;
    }

    /** The EJML class doing the work. */
    String implementation() {
        return matMul == MatMul.CONCURRENT ? "CommonOps_MT_FDRM" : "CommonOps_FDRM";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, float[] a, int aOffset,
            float[] b, int bOffset, float beta, float[] c, int cOffset) {
        FMatrixRMaj ma = header(aHeader, a, aOffset, transposeA ? k : m, transposeA ? m : k, aCopy);
        FMatrixRMaj mb = header(bHeader, b, bOffset, transposeB ? n : k, transposeB ? k : n, bCopy);
        // EJML's kernels index from 0: a block of c further on is computed in a scratch matrix
        boolean shifted = cOffset != 0;
        FMatrixRMaj mc = shifted ? cCopy : cHeader;
        if (shifted) {
            mc.reshape(m, n, false);
            if (beta != 0f) {
                System.arraycopy(c, cOffset, mc.data, 0, m * n);
            }
        } else {
            wrap(mc, c, m, n);
        }
        if (beta == 0f) {
            multiply(transposeA, transposeB, alpha, ma, mb, mc, false);
        } else {
            if (beta != 1f) {
                float[] x = mc.data;
                for (int i = 0; i < m * n; i++) {
                    x[i] *= beta;
                }
            }
            multiply(transposeA, transposeB, alpha, ma, mb, mc, true);
        }
        if (shifted) {
            System.arraycopy(mc.data, 0, c, cOffset, m * n);
        }
    }

    /**
     * {@code header} over {@code data} as {@code rows×cols}, or, when the block starts further on,
     * {@code copy} holding a copy of it.
     */
    private static FMatrixRMaj header(FMatrixRMaj header, float[] data, int offset, int rows, int cols,
            FMatrixRMaj copy) {
        if (offset == 0) {
            return wrap(header, data, rows, cols);
        }
        copy.reshape(rows, cols, false);
        System.arraycopy(data, offset, copy.data, 0, rows * cols);
        return copy;
    }

    /** Points a reused header at {@code data}: no allocation, unlike {@code FMatrixRMaj.wrap}. */
    private static FMatrixRMaj wrap(FMatrixRMaj header, float[] data, int rows, int cols) {
        header.data = data;
        header.numRows = rows;
        header.numCols = cols;
        return header;
    }

    /** {@code c = alpha·op(a)·op(b)} (overwriting, so old NaNs vanish) or {@code c += …}. */
    private void multiply(boolean transposeA, boolean transposeB, float alpha, FMatrixRMaj ma, FMatrixRMaj mb,
            FMatrixRMaj mc, boolean accumulate) {
        if (transposeB) {
            transposeScratch.reshape(mb.numCols, mb.numRows, false);
            CommonOps_FDRM.transpose(mb, transposeScratch);
            mb = transposeScratch;
        }
        if (transposeA) {
            if (accumulate) {
                matMul.multAddTransA(alpha, ma, mb, mc);
            } else {
                matMul.multTransA(alpha, ma, mb, mc);
            }
        } else if (accumulate) {
            matMul.multAdd(alpha, ma, mb, mc);
        } else {
            matMul.mult(alpha, ma, mb, mc);
        }
    }
}
