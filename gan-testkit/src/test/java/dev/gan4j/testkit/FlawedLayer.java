package dev.gan4j.testkit;

import dev.gan4j.api.Backend;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.List;

/** {@link Scale} with one deliberate mistake, of the kind each of the kit's checks is there to catch. */
final class FlawedLayer implements Layer {

    /** The mistake. */
    enum Flaw {
        /** None: the layer is {@link Scale} with a buffer, and passes every check. */
        NONE,
        /** Backward returns twice the input gradient. */
        WRONG_INPUT_GRADIENT,
        /** Backward adds 1.5 times the parameter gradient. */
        WRONG_PARAMETER_GRADIENT,
        /** Asks the sink for the gradient of a buffer it owns. */
        GRADIENT_OF_A_BUFFER,
        /** A frozen backward pass nudges the parameters, as if it took an optimiser step. */
        WRITES_WHEN_FROZEN,
        /** Every call site gets the same cache, so a second forward pass overwrites the first's. */
        SHARED_CACHE,
        /** Forward makes a host array every call. */
        ALLOCATES_IN_FORWARD,
        /** Backward writes the parameter gradient instead of adding it. */
        OVERWRITES_GRADIENT,
        /** backwardParameters adds half of what backward adds. */
        PARAMETER_ONLY_DIFFERS,
        /** Declares an output shape of {@code [1, features]} while producing {@code [features]}. */
        WRONG_OUTPUT_SHAPE
    }

    private final Flaw flaw;
    private final Backend backend;
    private final Scale scale;
    private final Parameter buffer;
    private final LayerCache shared;

    FlawedLayer(Flaw flaw, Backend backend) {
        this.flaw = flaw;
        this.backend = backend;
        this.scale = new Scale(0.5f, new LayerContext(backend, new int[] {5}, new SeededRandom(1), "flawed"));
        this.buffer = new Parameter("flawed.count", Parameter.Kind.BUFFER, backend.zeros(1));
        this.shared = scale.newCache();
    }

    @Override
    public int[] inputShape() {
        return scale.inputShape();
    }

    @Override
    public int[] outputShape() {
        return flaw == Flaw.WRONG_OUTPUT_SHAPE ? new int[] {1, 5} : scale.outputShape();
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(scale.factors(), buffer);
    }

    @Override
    public LayerCache newCache() {
        return flaw == Flaw.SHARED_CACHE ? shared : new Cache(scale.newCache());
    }

    private LayerCache inner(LayerCache cache) {
        return cache instanceof Cache c ? c.inner : cache;
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        if (flaw == Flaw.ALLOCATES_IN_FORWARD) {
            ((Cache) cache).host = new float[input.size()];
        }
        return scale.forward(input, context, inner(cache));
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Tensor weightGradient = sink == null ? null : sink.gradient(scale.factors());
        if (flaw == Flaw.OVERWRITES_GRADIENT && sink != null) {
            backend.fill(weightGradient, 0f);
        }
        Tensor gradInput = scale.backward(gradOutput, inner(cache), sink);
        switch (flaw) {
            case WRONG_INPUT_GRADIENT -> backend.affine(2f, 0f, gradInput, gradInput);
            case WRONG_PARAMETER_GRADIENT -> {
                if (sink != null) {
                    backend.affine(1.5f, 0f, weightGradient, weightGradient);
                }
            }
            case GRADIENT_OF_A_BUFFER -> {
                if (sink != null) {
                    sink.gradient(buffer);
                }
            }
            case WRITES_WHEN_FROZEN -> {
                if (sink == null) {
                    backend.affine(1f, 0.01f, scale.factors().value(), scale.factors().value());
                }
            }
            default -> { }
        }
        return gradInput;
    }

    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        if (flaw == Flaw.PARAMETER_ONLY_DIFFERS && sink != null) {
            Tensor g = sink.gradient(scale.factors());
            Tensor before = backend.zeros(g.shape());
            backend.copy(g, before);
            scale.backwardParameters(gradOutput, inner(cache), sink);
            backend.axpby(0.5f, g, 0.5f, before, g);
            return;
        }
        backward(gradOutput, cache, sink);
    }

    private static final class Cache implements LayerCache {
        final LayerCache inner;
        float[] host;

        Cache(LayerCache inner) {
            this.inner = inner;
        }
    }
}
