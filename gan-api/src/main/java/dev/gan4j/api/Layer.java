package dev.gan4j.api;

import java.util.List;

/**
 * A differentiable function of a batch, with explicit forward and backward passes.
 *
 * <p>Layers are <em>stateless between calls</em>: everything a backward pass needs is kept in
 * the {@link LayerCache} the caller passes to both passes, so one layer object can be shared by
 * several models (the discriminator and the stacked generator→discriminator). Parameters live
 * in the layer and are returned by {@link #parameters()}.
 *
 * <p>Shapes exclude the batch dimension: a dense layer from 784 to 100 features has
 * {@code inputShape() = [784]}, {@code outputShape() = [100]}, and maps a {@code [N, 784]}
 * batch to {@code [N, 100]}.
 *
 * <p>Layers compose: a chain of layers (gan-core's {@code Sequential}) is itself a layer whose
 * cache holds one cache per child. A layer that can do better than running its parts one after
 * the other (a dense layer adding its bias inside its activation's pass) does so itself, asking
 * its backend for optional {@link Kernels}; no container looks at a layer's concrete type.
 *
 * <p>A model is planned by building it on a shape-only backend and running one forward and
 * backward pass at two batch sizes: what a layer allocates there through
 * {@link Backend#zeros}/{@link Backend#fromArray} is its memory estimate. A layer therefore makes
 * every tensor it keeps through its backend (host arrays are not counted), makes initial values
 * with {@link LayerContext#initialized}, and must not depend on the values it reads back
 * (zeros while planning).
 *
 * <p>New layer types are made available to JSON experiments through {@link LayerType}.
 */
public interface Layer {

    /** Per-sample input shape. */
    int[] inputShape();

    /** Per-sample output shape. */
    int[] outputShape();

    /** The layer's parameters (weights, biases, buffers), in a fixed order; empty if none. */
    List<Parameter> parameters();

    /** A fresh cache for one call site of this layer. */
    LayerCache newCache();

    /**
     * Computes the output for {@code input} ({@code [N, inputShape...]}). The returned tensor is
     * owned by {@code cache} and overwritten by the next forward pass through the same cache;
     * {@code input} must stay unchanged until {@link #backward} has run.
     */
    Tensor forward(Tensor input, ForwardContext context, LayerCache cache);

    /**
     * Back-propagates {@code gradOutput} (dL/d output of the last forward pass through
     * {@code cache}) and returns dL/d input, a tensor owned by {@code cache}.
     *
     * @param sink where parameter gradients are added; {@code null} means the parameters are
     *     frozen and their gradient work must be skipped
     */
    Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink);

    /**
     * {@link #backward} for a caller that does not need dL/d input (the first layer of a network
     * whose input is data or noise): only parameter gradients are delivered to {@code sink}.
     * Layers whose input gradient costs real work (a dense layer's GEMM) override this to skip
     * it; the default runs {@link #backward} and discards the result.
     */
    default void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        backward(gradOutput, cache, sink);
    }
}
