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

    // ---- convolution (NCHW) ---------------------------------------------------------------

    /**
     * 2-d convolution without bias, as PyTorch's {@code conv2d} (a cross-correlation):
     * {@code output[n,k,y,x] = Σ_{c,i,j} weight[k,c,i,j] · input[n, c, y·sh − ph + i, x·sw − pw + j]},
     * reading zeros outside the input. {@code input} is {@code [N, C, H, W]}, {@code weight}
     * {@code [K, C, kh, kw]} and {@code output} {@code [N, K, OH, OW]} as {@code geometry} computes
     * them (see {@link ConvGeometry#check}). {@code output} must not share storage with the inputs.
     */
    void conv2d(Tensor input, Tensor weight, ConvGeometry geometry, Tensor output);

    /**
     * The gradient of {@link #conv2d} with respect to its input, which is also the forward pass of
     * a transposed convolution: {@code gradInput[n,c,h,w] = Σ weight[k,c,i,j] · gradOutput[n,k,y,x]}
     * over every {@code (k, y, x, i, j)} with {@code y·sh − ph + i = h} and {@code x·sw − pw + j = w}.
     * {@code gradInput} ({@code [N, C, H, W]}) is overwritten; its height and width must be ones
     * that {@code geometry} maps to {@code gradOutput}'s (a transposed convolution's output padding
     * is the choice among them). {@code gradInput} must not share storage with the inputs.
     */
    void conv2dBackwardInput(Tensor gradOutput, Tensor weight, ConvGeometry geometry, Tensor gradInput);

    /**
     * The gradient of {@link #conv2d} with respect to its weight, accumulated:
     * {@code gradWeight[k,c,i,j] = beta·gradWeight[k,c,i,j] + Σ_{n,y,x} gradOutput[n,k,y,x] ·
     * input[n, c, y·sh − ph + i, x·sw − pw + j]}. With {@code beta == 0} the old contents are
     * ignored (even NaN); {@code beta == 1} adds, as a {@link GradientSink} expects.
     */
    void conv2dBackwardWeight(Tensor input, Tensor gradOutput, ConvGeometry geometry, float beta, Tensor gradWeight);

    // ---- per-channel ----------------------------------------------------------------------
    // These see a tensor of rank >= 2 as [N, C, S]: N = dim(0), C = dim(1) channels, S the product
    // of the remaining dimensions (1 for rank 2, H·W for [N, C, H, W]).

    /** {@code out[n,c,s] = a[n,c,s] + channels[c]}; {@code channels} has C elements (a per-channel bias). */
    void addChannels(Tensor a, Tensor channels, Tensor out);

    /** {@code out[n,c,s] = a[n,c,s] · channels[c]}; {@code channels} has C elements (a per-channel scale). */
    void mulChannels(Tensor a, Tensor channels, Tensor out);

    /**
     * Per-channel sums: {@code out[c] = Σ_{n,s} a[n,c,s] + beta·out[c]}, accumulated in double
     * precision; {@code out} has C elements. {@code beta = 1} accumulates, {@code beta = 0}
     * overwrites (old contents ignored, even NaN).
     */
    void sumChannels(Tensor a, float beta, Tensor out);

    /**
     * Per-channel mean and biased variance over the batch and the spatial positions (what 2-d
     * batch normalisation computes): over the {@code m = N·S} values of channel {@code c},
     * {@code mean[c] = Σ a / m} and {@code variance[c] = Σ (a − mean[c])² / m}, accumulated in
     * double precision; both outputs have C elements and must be distinct tensors.
     */
    void channelMeanVariance(Tensor a, Tensor mean, Tensor variance);

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
