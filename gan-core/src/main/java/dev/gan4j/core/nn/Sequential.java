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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * A chain of layers, itself a {@link Layer} (as PyTorch's {@code nn.Sequential}): its cache holds
 * one cache per child, so a model can be a layer of another, and calling one chain from two
 * places (the discriminator alone and inside the stacked generator→discriminator model) takes two
 * caches of the same layers, never a copy of them (see {@link CallSite}).
 *
 * <p>The chain treats every layer alike: a layer that can do better than its neighbours' passes
 * one after the other (a dense layer adding its bias inside its activation) does so itself.
 */
public final class Sequential implements Layer {

    private final List<Layer> layers;
    private final List<Parameter> parameters;

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
        // a layer used twice in the chain shares its parameters: each is listed once
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> params = new ArrayList<>();
        for (Layer layer : layers) {
            for (Parameter p : layer.parameters()) {
                if (seen.add(p)) {
                    params.add(p);
                }
            }
        }
        this.parameters = List.copyOf(params);
    }

    /**
     * Builds layers from configurations: layer {@code i} gets id {@code prefix + "." + i}, an
     * input shape equal to the previous layer's output, and its own random stream.
     *
     * @throws ModelShapeException naming the index of a layer that does not fit its input
     */
    public static Sequential build(List<? extends LayerConfig> configs, int[] inputShape, String prefix,
            Backend backend, SeededRandom random, LayerRegistry registry) {
        return new Sequential(buildLayers(configs, inputShape, prefix, backend, random, registry, false));
    }

    /**
     * What {@link #build} would build, found by building it on a shape-only backend that counts
     * what each layer allocates ({@link LayerPlan#measure}): nothing in proportion to the
     * model's size is allocated, and any registered layer type is planned the same way.
     *
     * @throws ModelShapeException naming the index of a layer that does not fit its input
     */
    public static List<LayerPlan> plan(List<? extends LayerConfig> configs, int[] inputShape, String prefix,
            LayerRegistry registry) {
        ShapeBackend shapes = new ShapeBackend();
        // initial values are never computed while planning, so the stream is never read
        List<Layer> built = buildLayers(configs, inputShape, prefix, shapes, new SeededRandom(0), registry, true);
        List<LayerPlan> plans = new ArrayList<>();
        for (int i = 0; i < built.size(); i++) {
            try {
                plans.add(LayerPlan.measure(built.get(i), shapes));
            } catch (IllegalArgumentException e) {
                throw layerError(i, prefix + "." + i, configs.get(i), registry, e);
            }
        }
        return plans;
    }

    /** The layers {@code configs} describe, each checked against the output of the one before. */
    private static List<Layer> buildLayers(List<? extends LayerConfig> configs, int[] inputShape, String prefix,
            Backend backend, SeededRandom random, LayerRegistry registry, boolean planning) {
        List<Layer> built = new ArrayList<>();
        int[] shape = inputShape.clone();
        for (int i = 0; i < configs.size(); i++) {
            String id = prefix + "." + i;
            Layer layer;
            try {
                LayerContext context = new LayerContext(backend, shape, random.fork(id), id, planning);
                layer = registry.create(configs.get(i), context);
            } catch (ModelShapeException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw layerError(i, id, configs.get(i), registry, e);
            }
            if (Shapes.size(layer.inputShape()) != Shapes.size(shape)) {
                throw new ModelShapeException(null, i, registry.nameOf(configs.get(i)) + " expects input "
                        + Arrays.toString(layer.inputShape()) + " but is given " + Arrays.toString(shape));
            }
            built.add(layer);
            shape = layer.outputShape();
        }
        return built;
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

    /** Every parameter of every layer, in layer order (buffers included), each once. */
    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    @Override
    public int[] inputShape() {
        return layers.get(0).inputShape();
    }

    @Override
    public int[] outputShape() {
        return layers.get(layers.size() - 1).outputShape();
    }

    @Override
    public LayerCache newCache() {
        LayerCache[] caches = new LayerCache[layers.size()];
        for (int i = 0; i < caches.length; i++) {
            caches[i] = layers.get(i).newCache();
        }
        return new Cache(caches);
    }

    /** Runs every layer; the result is owned by the last layer's cache. */
    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        LayerCache[] caches = ((Cache) cache).children;
        Tensor x = input;
        for (int i = 0; i < caches.length; i++) {
            x = layers.get(i).forward(x, context, caches[i]);
        }
        return x;
    }

    /**
     * Back-propagates through every layer of the last {@link #forward} through {@code cache}.
     *
     * @param sink receives parameter gradients; {@code null} freezes every layer here
     * @return dL/d input, owned by the first layer's cache
     */
    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        LayerCache[] caches = ((Cache) cache).children;
        Tensor g = gradOutput;
        for (int i = caches.length - 1; i >= 0; i--) {
            g = layers.get(i).backward(g, caches[i], sink);
        }
        return g;
    }

    /** Parameter gradients only: the first layer skips its input-gradient work. */
    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        LayerCache[] caches = ((Cache) cache).children;
        Tensor g = gradOutput;
        for (int i = caches.length - 1; i > 0; i--) {
            g = layers.get(i).backward(g, caches[i], sink);
        }
        layers.get(0).backwardParameters(g, caches[0], sink);
    }

    /** One cache per layer, in order. */
    private record Cache(LayerCache[] children) implements LayerCache {
    }
}
