package dev.gan4j.core.nn;

import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.List;

/**
 * One place a layer (usually a whole {@link Sequential} network) is called from: the layer and the
 * cache this place keeps between its forward and backward pass. Two call sites of one layer share
 * its parameters and keep separate activations, which is how the stacked generator→discriminator
 * model runs the discriminator without copying it.
 */
public final class CallSite {

    private final Layer layer;
    private final LayerCache cache;
    private final List<Parameter> trainable;

    /** A new call site of {@code layer}, with a fresh cache. */
    public CallSite(Layer layer) {
        this.layer = layer;
        this.cache = layer.newCache();
        this.trainable = layer.parameters().stream().filter(Parameter::trainable).toList();
    }

    /** The layer called here. */
    public Layer layer() {
        return layer;
    }

    /** Every parameter of the layer (buffers included). */
    public List<Parameter> parameters() {
        return layer.parameters();
    }

    /** Parameters an optimiser should update (buffers excluded). */
    public List<Parameter> trainableParameters() {
        return trainable;
    }

    public int[] inputShape() {
        return layer.inputShape();
    }

    public int[] outputShape() {
        return layer.outputShape();
    }

    /** {@link Layer#forward} through this call site's cache; the result is owned by the cache. */
    public Tensor forward(Tensor input, ForwardContext context) {
        return layer.forward(input, context, cache);
    }

    /**
     * {@link Layer#backward} of this call site's last forward pass.
     *
     * @param sink receives parameter gradients; {@code null} freezes the layer here
     */
    public Tensor backward(Tensor gradOutput, GradientSink sink) {
        return layer.backward(gradOutput, cache, sink);
    }

    /** {@link Layer#backwardParameters}: parameter gradients only, when nobody needs dL/d input. */
    public void backwardParameters(Tensor gradOutput, GradientSink sink) {
        layer.backwardParameters(gradOutput, cache, sink);
    }
}
