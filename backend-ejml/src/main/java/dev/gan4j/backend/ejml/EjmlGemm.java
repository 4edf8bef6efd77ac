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

    EjmlGemm(MatMul matMul) {
        this.matMul = matMul;
    }

    /** The EJML class doing the work. */
    String implementation() {
        return matMul == MatMul.CONCURRENT ? "CommonOps_MT_FDRM" : "CommonOps_FDRM";
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, EjmlTensor a,
            EjmlTensor b, float beta, EjmlTensor c) {
        if (beta == 0f) {
            multiply(transposeA, transposeB, alpha, a, b, c, false);
        } else {
            if (beta != 1f) {
                float[] x = c.data;
                for (int i = 0; i < x.length; i++) {
                    x[i] *= beta;
                }
            }
            multiply(transposeA, transposeB, alpha, a, b, c, true);
        }
    }

    /** {@code c = alpha·op(a)·op(b)} (overwriting, so old NaNs vanish) or {@code c += …}. */
    private void multiply(boolean transposeA, boolean transposeB, float alpha, EjmlTensor a, EjmlTensor b,
            EjmlTensor c, boolean accumulate) {
        FMatrixRMaj ma = a.matrix;
        FMatrixRMaj mb = b.matrix;
        FMatrixRMaj mc = c.matrix;
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
