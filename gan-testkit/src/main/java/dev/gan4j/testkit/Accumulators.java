package dev.gan4j.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Layer;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * A zeroed gradient accumulator for each trainable parameter of a layer, as a trainer gives a
 * layer. A layer that asks for the gradient of a buffer, or of a parameter it does not list in
 * {@link Layer#parameters()}, fails the check: a trainer would have no accumulator for it.
 */
final class Accumulators implements GradientSink {

    private final String layer;
    private final List<Parameter> parameters;
    private final Map<Parameter, Tensor> gradients = new IdentityHashMap<>();

    Accumulators(Backend backend, Layer layer, String name) {
        this.layer = name;
        this.parameters = layer.parameters();
        for (Parameter p : parameters) {
            if (p.trainable()) {
                gradients.put(p, backend.zeros(p.value().shape()));
            }
        }
    }

    @Override
    public Tensor gradient(Parameter parameter) {
        Tensor g = gradients.get(parameter);
        if (g == null) {
            // a failure's message is built here only, so a passing layer's backward allocates nothing
            boolean listed = parameters.stream().anyMatch(p -> p == parameter);
            return fail(layer + " asked the gradient sink for " + parameter.id() + ", "
                    + (listed ? "a " + parameter.kind() + ": only WEIGHT and BIAS parameters have gradients"
                            : "which is not among its parameters(): a trainer would never update it"));
        }
        return g;
    }

    /** The gradient accumulated for {@code parameter}. */
    float[] values(Parameter parameter) {
        return gradient(parameter).toArray();
    }
}
