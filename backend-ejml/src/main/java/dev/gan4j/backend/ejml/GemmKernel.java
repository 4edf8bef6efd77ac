package dev.gan4j.backend.ejml;

/**
 * A row-major float32 matrix multiply {@code c = alpha·op(a)·op(b) + beta·c}, where
 * {@code op(a)} is {@code m×k}, {@code op(b)} is {@code k×n} and {@code c} is {@code m×n}.
 *
 * <p>{@link EjmlBackend#gemm} has already checked the shapes, that {@code c} shares storage
 * with neither operand, and that {@code alpha != 0}. With {@code beta == 0} the old contents of
 * {@code c} must be ignored (even NaN), as BLAS does. Implementations allocate nothing per call
 * once warmed up.
 */
interface GemmKernel {

    /**
     * @param a stored {@code k×m} when {@code transposeA}, else {@code m×k}
     * @param b stored {@code n×k} when {@code transposeB}, else {@code k×n}
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, EjmlTensor a,
            EjmlTensor b, float beta, EjmlTensor c);
}
