package dev.gan4j.backend.ejml;

/**
 * A row-major float32 matrix multiply {@code c = alpha·op(a)·op(b) + beta·c}, where
 * {@code op(a)} is {@code m×k}, {@code op(b)} is {@code k×n} and {@code c} is {@code m×n}.
 *
 * <p>Each operand is a dense block of its array starting at its offset, with no gap between
 * rows; the arrays may be longer (the convolutions multiply one sample's slice of a batch, or a
 * scratch array grown for a larger shape). {@link EjmlBackend#gemm} has already checked the
 * shapes, that {@code c} shares storage with neither operand, and that {@code alpha != 0}; the
 * convolutions call with blocks they laid out themselves. With {@code beta == 0} the old contents
 * of {@code c} must be ignored (even NaN), as BLAS does. Implementations allocate nothing per
 * call once warmed up.
 */
interface GemmKernel {

    /**
     * @param a stored {@code k×m} from {@code aOffset} when {@code transposeA}, else {@code m×k}
     * @param b stored {@code n×k} from {@code bOffset} when {@code transposeB}, else {@code k×n}
     * @param c {@code m×n} from {@code cOffset}; elements outside it are not touched
     */
    void gemm(boolean transposeA, boolean transposeB, int m, int n, int k, float alpha, float[] a, int aOffset,
            float[] b, int bOffset, float beta, float[] c, int cOffset);
}
