package dev.gan4j.api;

/**
 * What one call site of a {@link Layer} keeps between its forward and backward pass: the
 * input, the output and any intermediate tensors, reused from step to step so that no tensor
 * is allocated after warm-up.
 *
 * <p>Layers are stateless; each place that calls a layer holds a cache of its own. The
 * discriminator, called alone and inside the stacked generator→discriminator model, has two
 * caches; a chain of layers keeps one cache per child in its own. Implementations are private to
 * their layer, which creates them with {@link Layer#newCache()}.
 */
public interface LayerCache {
}
