package dev.gan4j.api;

/**
 * What one call site of a {@link Layer} keeps between its forward and backward pass: the
 * input, the output and any intermediate tensors, reused from step to step so that no tensor
 * is allocated after warm-up.
 *
 * <p>Layers are stateless; a model holds one cache per layer it calls. A discriminator layer
 * called by the standalone discriminator and by the stacked generator→discriminator model has
 * two caches. Implementations are private to their layer, which creates them with
 * {@link Layer#newCache()}.
 */
public interface LayerCache {
}
