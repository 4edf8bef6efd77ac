package dev.gan4j.api;

/**
 * Optimiser updates in one pass over the parameter, its gradient and its state, instead of the
 * three to eight element-wise passes the plain composition takes: an optimiser step touches every
 * parameter every mini-batch. Each update works in place; all tensors of one call have the same
 * size and are distinct. Results agree with the plain composition to float round-off (a fused
 * kernel may keep intermediates in registers instead of rounding them to memory).
 */
public interface OptimizerKernels extends Kernels {

    /**
     * One momentum-SGD update, as DeepLearnToolbox writes it:
     * {@code v = momentum·v + learningRate·(g + l2·w); w = w − v}.
     */
    void sgdUpdate(float learningRate, float momentum, float l2, Tensor w, Tensor g, Tensor v);

    /**
     * One Adam update, as PyTorch computes it: with {@code g' = g + weightDecay·w},
     * {@code m = β1·m + (1−β1)·g'}, {@code v = β2·v + (1−β2)·g'²} and
     * {@code w = w − stepSize·m / (√v·invSqrtBias2 + epsilon)}, where the caller passes
     * {@code stepSize = lr / (1 − β1ᵗ)} and {@code invSqrtBias2 = 1 / √(1 − β2ᵗ)} for step {@code t}.
     */
    void adamUpdate(float beta1, float beta2, float stepSize, float invSqrtBias2, float epsilon, float weightDecay,
            Tensor w, Tensor g, Tensor m, Tensor v);

    /**
     * One RMSProp update, as PyTorch computes it (no momentum, not centred): with
     * {@code g' = g + weightDecay·w}, {@code v = α·v + (1−α)·g'²} and
     * {@code w = w − learningRate·g' / (√v + epsilon)}.
     */
    void rmsPropUpdate(float alpha, float learningRate, float epsilon, float weightDecay, Tensor w, Tensor g,
            Tensor v);
}
