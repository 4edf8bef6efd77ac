package dev.gan4j.backend.ejml;

import dev.ludovic.netlib.blas.BLAS;

/**
 * GEMM through netlib's {@link BLAS} interface: either JNI to the system BLAS (OpenBLAS when
 * Debian's {@code libopenblas0} is installed) or netlib's pure-Java kernels.
 *
 * <p>BLAS is column-major; a row-major {@code m×n} matrix is the column-major {@code n×m}
 * matrix of its transpose, so {@code C = op(A)·op(B)} is computed as
 * {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} by swapping the operands and their flags. No copy, no scratch.
 */
final class NetlibGemm implements GemmKernel {

    private final BLAS blas;

    NetlibGemm(BLAS blas) {
        this.blas = blas;
    }

    /** The netlib implementation class, e.g. {@code JNIBLAS} or {@code VectorBLAS}. */
    String implementation() {
        return blas.getClass().getSimpleName();
    }

    @Override
    public void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, float[] a,
            int aOffset, float[] b, int bOffset, float beta, float[] c, int cOffset) {
        int lda = transposeA ? m : k;
        int ldb = transposeB ? k : n;
        blas.sgemm(transposeB ? "T" : "N", transposeA ? "T" : "N", n, m, k, alpha, b, bOffset, ldb, a, aOffset, lda,
                beta, c, cOffset, n);
    }
}
