package dev.gan4j.api;

import java.util.Map;
import java.util.Optional;

/**
 * A numeric engine: it creates {@link Tensor}s and runs the operations on them.
 *
 * <p>The operation set is deliberately small. Every operation writes into an output tensor the
 * caller passes in (EJML style), so a training loop can allocate its tensors once and reuse
 * them; an output may be the same tensor as an input ("in place") unless stated otherwise.
 * Operations see every tensor as a {@code rows × columns} matrix (see {@link Tensor}). Shapes are
 * checked: a mismatch throws {@link IllegalArgumentException} naming the expected and the actual
 * sizes.
 *
 * <p>A backend never draws random numbers: all randomness comes from the caller's
 * {@link SeededRandom}, so two backends given one seed compute the same numbers to float
 * round-off.
 *
 * <p>The operations declared here are <em>required</em>: every backend implements them and
 * the conformance suite checks each one. Fused kernels that only some backends can make faster
 * are optional, named capabilities ({@link #kernels(Class)}), each with a plain fallback built
 * from the required operations, in the manner of DJL's {@code NDArrayEx}.
 *
 * <p>Backends are created by a {@link BackendProvider}. An instance is not thread-safe.
 */
public interface Backend extends AutoCloseable {

    /** The provider's name, e.g. {@code "ejml"}. */
    String name();

    /** Version of the underlying library, e.g. {@code "0.43.1"}. */
    String version();

    /** Settings that affect speed or numerics (thread counts, kernels), for provenance. */
    Map<String, String> settings();

    // ---- creation -------------------------------------------------------------------------

    /** A new tensor of zeros. */
    Tensor zeros(int... shape);

    /** A new tensor holding a copy of {@code data} (row-major) with the given shape. */
    Tensor fromArray(float[] data, int... shape);

    // ---- copying and filling -------------------------------------------------------------

    /** {@code dst = src}; same size required (shapes may differ). */
    void copy(Tensor src, Tensor dst);

    /** Every element of {@code dst} set to {@code value}. */
    void fill(Tensor dst, float value);

    // ---- linear algebra ------------------------------------------------------------------

    /**
     * General matrix multiply: {@code c = alpha·op(a)·op(b) + beta·c}, where {@code op(x)} is
     * {@code x} or its transpose. With {@code beta == 0}, {@code c}'s old contents are ignored
     * (even NaN). {@code c} must not be {@code a} or {@code b}.
     */
    void gemm(boolean transposeA, boolean transposeB, float alpha, Tensor a, Tensor b, float beta, Tensor c);

    /** {@code out[i,j] = a[i,j] + row[j]}; {@code row} has {@code a.columns()} elements. */
    void addRowVector(Tensor a, Tensor row, Tensor out);

    /**
     * {@code out[i,j] = a[i,j] · row[j]}: scales each column by one value; {@code row} has
     * {@code a.columns()} elements (a per-feature scale, as in normalisation layers).
     */
    void mulRowVector(Tensor a, Tensor row, Tensor out);

    /**
     * Column sums: {@code out[j] = Σ_i a[i,j] + beta·out[j]}; {@code out} has
     * {@code a.columns()} elements. {@code beta = 1} accumulates, {@code beta = 0} overwrites.
     */
    void sumColumns(Tensor a, float beta, Tensor out);

    /** Sum of all elements, accumulated in double precision. */
    double sum(Tensor a);

    /**
     * Row sums: {@code out[i] = Σ_j a[i,j]}, accumulated in double precision and rounded once;
     * {@code out} has {@code a.rows()} elements.
     */
    void sumRows(Tensor a, Tensor out);

    /**
     * Row means: {@code out[i] = (Σ_j a[i,j]) / a.columns()}, accumulated in double precision and
     * rounded once; {@code out} has {@code a.rows()} elements.
     */
    void meanRows(Tensor a, Tensor out);

    /**
     * Per-column mean and biased variance over the rows (what batch normalisation computes per
     * feature): {@code mean[j] = Σ_i a[i,j] / n} and {@code variance[j] = Σ_i (a[i,j] − mean[j])² / n}
     * for {@code n = a.rows()}, accumulated in double precision; both outputs have
     * {@code a.columns()} elements and must be distinct tensors.
     */
    void columnMeanVariance(Tensor a, Tensor mean, Tensor variance);

    // ---- element-wise ---------------------------------------------------------------------

    /** {@code out = f(a; p)} element-wise. */
    void unary(UnaryOp op, float p, Tensor a, Tensor out);

    /**
     * Back-propagation through {@code y = f(x; p)}: {@code gradIn = gradOut · f'(x; p)}, where the
     * derivative may be computed from {@code x} or from {@code y} (see {@link UnaryOp}); both must
     * be given. {@code gradIn} may be {@code gradOut}.
     */
    void unaryBackward(UnaryOp op, float p, Tensor x, Tensor y, Tensor gradOut, Tensor gradIn);

    /** {@code out = a ∘ b} element-wise; all three the same size. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** {@code out = alpha·a + beta·b} element-wise. */
    void axpby(float alpha, Tensor a, float beta, Tensor b, Tensor out);

    /** {@code out = scale·a + shift} element-wise. */
    void affine(float scale, float shift, Tensor a, Tensor out);

    /** {@code out = min(max(a, lo), hi)} element-wise. */
    void clip(float lo, float hi, Tensor a, Tensor out);

    // ---- rows and columns -----------------------------------------------------------------

    /**
     * Gathers rows: {@code out.row(k) = a.row(indices[offset + k])} for
     * {@code k < out.rows()}. {@code out} must not be {@code a}.
     */
    void gatherRows(Tensor a, int[] indices, int offset, Tensor out);

    /** {@code out = a.rows[from .. from + out.rows())}. */
    void sliceRows(Tensor a, int from, Tensor out);

    /** {@code out = [top; bottom]}: the rows of {@code top} followed by those of {@code bottom}. */
    void concatRows(Tensor top, Tensor bottom, Tensor out);

    /** {@code out = [left, right]}: each row of {@code left} followed by the same row of {@code right}. */
    void concatColumns(Tensor left, Tensor right, Tensor out);

    /** {@code out = a.columns[from .. from + out.columns())}, row by row. */
    void sliceColumns(Tensor a, int from, Tensor out);

    // ---- optional kernels ----------------------------------------------------------------

    /**
     * An optional set of fused kernels this backend offers, such as {@link FusedActivationKernels},
     * {@link OptimizerKernels} or {@link GatherKernels}: {@code Optional.empty()} when it offers
     * none of that type. Callers fall back to composing the required operations above (gan-core
     * has such a plain implementation of each), and the conformance suite checks that a
     * backend's kernels agree with that fallback. The default offers none.
     *
     * <p>The same object may be returned on every call; it belongs to this backend and shares
     * its thread-safety rules.
     */
    default <K extends Kernels> Optional<K> kernels(Class<K> type) {
        return Optional.empty();
    }

    /** Releases native resources, if any. The default does nothing. */
    @Override
    default void close() {
    }
}
