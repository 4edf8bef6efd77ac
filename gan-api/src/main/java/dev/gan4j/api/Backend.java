package dev.gan4j.api;

import java.util.Map;

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
     * {@code out[i,j] = f(a[i,j] + row[j]; p)}: a dense layer's bias and its activation in one
     * pass, with the same bits as {@link #addRowVector} followed by {@link #unary} (the sum is
     * rounded to float before {@code f} sees it). {@code a} is left as it is unless it is
     * {@code out}.
     *
     * <p>The default runs the two operations; a backend should override it for the activations
     * it has fast kernels for, since the pass it saves reads and writes every output value.
     */
    default void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out) {
        addRowVector(a, row, out);
        unary(op, p, out, out);
    }

    /**
     * Column sums: {@code out[j] = Σ_i a[i,j] + beta·out[j]}; {@code out} has
     * {@code a.columns()} elements. {@code beta = 1} accumulates, {@code beta = 0} overwrites.
     */
    void sumColumns(Tensor a, float beta, Tensor out);

    /** Sum of all elements, accumulated in double precision. */
    double sum(Tensor a);

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

    /**
     * Gathers rows of {@code top} and {@code bottom} stacked, {@code [top; bottom]}: for
     * {@code k < out.rows()} and {@code i = indices[offset + k]}, {@code out.row(k)} is
     * {@code top.row(i)} if {@code i < top.rows()}, else {@code bottom.row(i - top.rows())}. The
     * same as {@link #concatRows} then {@link #gatherRows(Tensor, int[], int, Tensor)}, without
     * the stacked copy: a shuffled mini-batch of real and generated samples is drawn this way.
     * {@code out} must share storage with neither input.
     *
     * <p>The default builds the stacked tensor, which allocates on every call; a backend should
     * override it (the allocation suite fails one that does not).
     */
    default void gatherStackedRows(Tensor top, Tensor bottom, int[] indices, int offset, Tensor out) {
        Tensor stacked = zeros(top.rows() + bottom.rows(), top.columns());
        concatRows(top, bottom, stacked);
        gatherRows(stacked, indices, offset, out);
    }

    /** {@code out = a.rows[from .. from + out.rows())}. */
    void sliceRows(Tensor a, int from, Tensor out);

    /** {@code out = [top; bottom]}: the rows of {@code top} followed by those of {@code bottom}. */
    void concatRows(Tensor top, Tensor bottom, Tensor out);

    /** {@code out = [left, right]}: each row of {@code left} followed by the same row of {@code right}. */
    void concatColumns(Tensor left, Tensor right, Tensor out);

    /** {@code out = a.columns[from .. from + out.columns())}, row by row. */
    void sliceColumns(Tensor a, int from, Tensor out);

    // ---- fused optimiser updates ---------------------------------------------------------

    /**
     * One momentum-SGD update in place, as DeepLearnToolbox writes it:
     * {@code v = momentum·v + learningRate·(g + l2·w); w = w − v}. {@code w}, {@code g} and
     * {@code v} have the same size and are distinct tensors.
     *
     * <p>The default composes {@link #axpby} (three passes); a backend should override it with
     * one pass over the arrays, which is what makes it worth having: an optimiser step touches
     * every parameter, every mini-batch.
     */
    default void sgdUpdate(float learningRate, float momentum, float l2, Tensor w, Tensor g, Tensor v) {
        axpby(momentum, v, learningRate, g, v);
        if (l2 != 0f) {
            axpby(1f, v, learningRate * l2, w, v);
        }
        axpby(1f, w, -1f, v, w);
    }

    /**
     * One Adam update in place, as PyTorch computes it: with {@code g' = g + weightDecay·w},
     * {@code m = β1·m + (1−β1)·g'}, {@code v = β2·v + (1−β2)·g'²} and
     * {@code w = w − stepSize·m / (√v·invSqrtBias2 + epsilon)}, where the caller passes
     * {@code stepSize = lr / (1 − β1ᵗ)} and {@code invSqrtBias2 = 1 / √(1 − β2ᵗ)} for step
     * {@code t}. {@code w}, {@code g}, {@code m}, {@code v} and {@code scratch} have the same size
     * and are distinct tensors.
     *
     * <p>The default composes the element-wise operations through {@code scratch}, whose contents
     * it overwrites; a backend should override it with one pass that leaves {@code scratch} alone.
     */
    default void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon,
            float weightDecay, Tensor w, Tensor g, Tensor m, Tensor v, Tensor scratch) {
        if (weightDecay != 0f) {
            // the decayed gradient goes through scratch; m is updated from it before scratch is reused
            axpby(1f, g, weightDecay, w, scratch);
            axpby(beta1, m, 1 - beta1, scratch, m);
            binary(BinaryOp.MUL, scratch, scratch, scratch);
        } else {
            axpby(beta1, m, 1 - beta1, g, m);
            binary(BinaryOp.MUL, g, g, scratch);
        }
        axpby(beta2, v, 1 - beta2, scratch, v);
        unary(UnaryOp.SQRT, 0f, v, scratch);
        affine(invSqrtBias2, epsilon, scratch, scratch);
        binary(BinaryOp.DIV, m, scratch, scratch);
        axpby(1f, w, -stepSize, scratch, w);
    }

    /** Releases native resources, if any. The default does nothing. */
    @Override
    default void close() {
    }
}
