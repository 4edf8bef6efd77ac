package dev.gan4j.api;

/**
 * Gathers a shuffled mini-batch from two tensors as if they were stacked, without the stacked
 * copy: how the tutorial's mixed batches of real and generated samples are drawn.
 */
public interface GatherKernels extends Kernels {

    /**
     * For {@code k < out.rows()} and {@code i = indices[offset + k]}: {@code out.row(k)} is
     * {@code top.row(i)} if {@code i < top.rows()}, else {@code bottom.row(i - top.rows())}; the
     * same bits as {@link Backend#concatRows} then {@link Backend#gatherRows}. {@code out} must
     * share storage with neither input.
     */
    void gatherStackedRows(Tensor top, Tensor bottom, int[] indices, int offset, Tensor out);
}
