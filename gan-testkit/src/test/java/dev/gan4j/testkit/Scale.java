package dev.gan4j.testkit;

import dev.gan4j.api.Backend;
import dev.gan4j.api.BinaryOp;
import dev.gan4j.api.ForwardContext;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.LayerCache;
import dev.gan4j.api.LayerContext;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.SeededRandom;
import dev.gan4j.api.Tensor;
import java.util.List;

/**
 * A layer as a user writes one against gan-api only: {@code y = x ∘ s}, a learned factor per
 * feature, each starting near {@code factor}. The kit's tests check it passes, and break it on
 * purpose ({@link FlawedLayer}) to show that each check can fail.
 */
final class Scale implements Layer {

    private final Backend backend;
    private final int features;
    private final Parameter factors;

    Scale(float factor, LayerContext context) {
        this.backend = context.backend();
        this.features = context.inputSize();
        SeededRandom random = context.random();
        this.factors = new Parameter(context.id() + ".factors", Parameter.Kind.WEIGHT, context.initialized(s -> {
            for (int i = 0; i < s.length; i++) {
                s[i] = (float) (factor * (1 + 0.2 * random.nextGaussian()));
            }
        }, features));
    }

    Parameter factors() {
        return factors;
    }

    @Override
    public int[] inputShape() {
        return new int[] {features};
    }

    @Override
    public int[] outputShape() {
        return new int[] {features};
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(factors);
    }

    @Override
    public LayerCache newCache() {
        return new Cache();
    }

    @Override
    public Tensor forward(Tensor input, ForwardContext context, LayerCache cache) {
        Cache c = (Cache) cache;
        if (c.output == null || c.output.rows() != input.rows()) {
            c.output = backend.zeros(input.rows(), features);
            c.gradInput = backend.zeros(input.rows(), features);
            c.work = backend.zeros(input.rows(), features);
        }
        c.input = input;
        backend.mulRowVector(input, factors.value(), c.output);
        return c.output;
    }

    @Override
    public Tensor backward(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        backwardParameters(gradOutput, c, sink);
        backend.mulRowVector(gradOutput, factors.value(), c.gradInput);
        return c.gradInput;
    }

    @Override
    public void backwardParameters(Tensor gradOutput, LayerCache cache, GradientSink sink) {
        Cache c = (Cache) cache;
        if (sink != null) {
            // ds += Σₙ dy∘x
            backend.binary(BinaryOp.MUL, gradOutput, c.input, c.work);
            backend.sumColumns(c.work, 1f, sink.gradient(factors));
        }
    }

    private static final class Cache implements LayerCache {
        Tensor input;
        Tensor output;
        Tensor gradInput;
        Tensor work;
    }
}
