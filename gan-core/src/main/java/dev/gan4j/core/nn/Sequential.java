package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerConfig;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A chain of layers with one {@link LayerCache} per layer: one call site. Two {@code Sequential}s
 * built with {@link #sharing(Sequential)} run the same layer objects (and so the same
 * {@link Parameter}s) through separate caches, which is how the stacked generator→discriminator
 * model shares the discriminator without copying it.
 */
public final class Sequential {

    private final List<Layer> layers;
    private final LayerCache[] caches;
    private final List<Parameter> parameters;
    /**
     * {@code biasIntoNext[i]}: layer {@code i} is a dense layer with a bias followed by an
     * activation whose derivative needs only its output (sigmoid, tanh), so {@link #forward}
     * adds the bias inside the activation's pass ({@link Backend#addRowVectorUnary}): the same
     * bits, one pass over the values fewer where the backend fuses the two (ejml's native
     * sigmoid and tanh).
     */
    private final boolean[] biasIntoNext;

    /** A chain of {@code layers}, whose shapes must fit one into the next. */
    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one layer");
        }
        for (int i = 1; i < layers.size(); i++) {
            int[] out = layers.get(i - 1).outputShape();
            int[] in = layers.get(i).inputShape();
            if (Shapes.size(out) != Shapes.size(in)) {
                throw new ModelShapeException(null, i, "layer " + i + " expects input " + Arrays.toString(in)
                        + " but layer " + (i - 1) + " produces " + Arrays.toString(out));
            }
        }
        this.layers = List.copyOf(layers);
        this.caches = new LayerCache[layers.size()];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = layers.get(i).newCache();
        }
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : layers) {
            params.addAll(layer.parameters());
        }
        this.parameters = List.copyOf(params);
        this.biasIntoNext = new boolean[layers.size()];
        for (int i = 0; i + 1 < layers.size(); i++) {
            biasIntoNext[i] = layers.get(i) instanceof Dense dense && dense.bias() != null
                    && layers.get(i + 1) instanceof Activation activation && activation.op().derivativeFromOutput();
        }
    }

    /** A second call site for the same layers: same objects and parameters, fresh caches. */
    public static Sequential sharing(Sequential other) {
        return new Sequential(other.layers);
    }

    /**
     * Builds layers from configurations: layer {@code i} gets id {@code prefix + "." + i}, an
     * input shape equal to the previous layer's output, and its own random stream.
     *
     * @throws ModelShapeException naming the index of a layer that does not fit its input
     */
    public static Sequential build(List<? extends LayerConfig> configs, int[] inputShape, String prefix,
            Backend backend, SeededRandom random, LayerRegistry registry) {
        List<Layer> built = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (int i = 0; i < configs.size(); i++) {
            String id = prefix + "." + i;
            Layer layer;
            try {
                layer = registry.create(configs.get(i), new LayerContext(backend, shape, random.fork(id), id));
            } catch (ModelShapeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw layerError(i, id, configs.get(i), registry, e);
            }
            built.add(layer);
            shape = layer.outputShape();
        }
        return new Sequential(built);
    }

    /**
     * What {@link #build} would build, without allocating the layers (see {@link LayerPlan}).
     *
     * @throws ModelShapeException naming the index of a layer that does not fit its input
     */
    public static List<LayerPlan> plan(List<? extends LayerConfig> configs, int[] inputShape, String prefix,
            Backend backend, LayerRegistry registry) {
        List<LayerPlan> plans = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (int i = 0; i < configs.size(); i++) {
            String id = prefix + "." + i;
            LayerPlan plan;
            try {
                plan = registry.plan(configs.get(i), shape, backend, id);
            } catch (ModelShapeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw layerError(i, id, configs.get(i), registry, e);
            }
            if (plan.inputSize() != Shapes.size(shape)) {
                throw new ModelShapeException(null, i, registry.nameOf(configs.get(i)) + " expects input "
                        + Arrays.toString(plan.inputShape()) + " but is given " + Arrays.toString(shape));
            }
            plans.add(plan);
            shape = plan.outputShape();
        }
        return plans;
    }

    /** {@code e} as the error of layer {@code i}, named by its type rather than its internal id. */
    private static ModelShapeException layerError(int i, String id, LayerConfig config, LayerRegistry registry,
            IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        String type = registry.nameOf(config);
        if (message.startsWith(id + ": ")) {
            message = message.substring(id.length() + 2);
        }
        if (!message.startsWith(type + ": ") && !message.startsWith(type + " ")) {
            message = type + ": " + message;
        }
        return new ModelShapeException(null, i, message, e);
    }

    public List<Layer> layers() {
        return layers;
    }

    /** Every parameter of every layer, in layer order (buffers included). */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** Parameters an optimiser should update (buffers excluded). */
    public List<Parameter> trainableParameters() {
        return parameters.stream().filter(Parameter::trainable).toList();
    }

    public int[] inputShape() {
        return layers.get(0).inputShape();
    }

    public int[] outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    /** Runs every layer; the result is owned by the last layer's cache. */
    public Tensor forward(Tensor input, ForwardContext context) {
        Tensor x = input;
        for (int i = 0; i < caches.length; i++) {
            if (biasIntoNext[i]) {
                Dense dense = (Dense) layers.get(i);
                Tensor pre = dense.forwardWithoutBias(x, caches[i]);
                x = ((Activation) layers.get(i + 1)).forwardAddingBias(pre, dense.bias().value(), caches[i + 1]);
                i++;
            } else {
                x = layers.get(i).forward(x, context, caches[i]);
            }
        }
        return x;
    }

    /**
     * Back-propagates through every layer of the last {@link #forward}.
     *
     * @param sink receives parameter gradients; {@code null} freezes every layer here
     * @return dL/d input, owned by the first layer's cache
     */
    public Tensor backward(Tensor gradOutput, GradientSink sink) {
        Tensor g = gradOutput;
        for (int i = caches.length - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, caches[i], sink);
        }
        return g;
    }

    /**
     * Back-propagates for parameter gradients only, when nobody needs dL/d input (the network's
     * input is data or noise): the first layer skips its input-gradient work.
     */
    public void backwardParameters(Tensor gradOutput, GradientSink sink) {
        Tensor g = gradOutput;
        for (int i = caches.length - 1; i > 0; i--) {
            g = layers.get(i).backward(g, caches[i], sink);
        }
        layers.get(0).backwardParameters(g, caches[0], sink);
    }
}
