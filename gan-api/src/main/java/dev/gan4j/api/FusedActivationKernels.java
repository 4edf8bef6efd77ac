package dev.gan4j.api;

/**
 * A dense layer's bias and activation in one pass: {@code out[i,j] = f(a[i,j] + row[j]; p)}, with
 * the same bits as {@link Backend#addRowVector} followed by {@link Backend#unary} (the sum is
 * rounded to float before {@code f} sees it). Worth having because the pass it saves reads and
 * writes every output value of the layer.
 */
public interface FusedActivationKernels extends Kernels {

    /** Whether {@link #addRowVectorUnary} has a fused kernel for {@code op}. */
    boolean supports(UnaryOp op);

    /**
     * {@code out[i,j] = f(a[i,j] + row[j]; p)}; {@code row} has {@code a.columns()} elements.
     * {@code a} is left as it is unless it is {@code out}.
     *
     * @throws IllegalArgumentException if {@code op} is not {@linkplain #supports supported}, or
     *     on a shape mismatch
     */
    void addRowVectorUnary(UnaryOp op, float p, Tensor a, Tensor row, Tensor out);
}
