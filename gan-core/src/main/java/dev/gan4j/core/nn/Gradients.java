package dev.gan4j.core.nn;

import dev.gan4j.api.Backend;
import dev.gan4j.api.GradientSink;
import dev.gan4j.api.Parameter;
import dev.gan4j.api.Tensor;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gradient accumulators for a fixed set of parameters, allocated once. Layers add into them
 * during backward passes; {@link #zero()} clears them before the next step. Asking for a
 * parameter outside the set is an error: it would mean a frozen network is being trained.
 */
public final class Gradients implements GradientSink {

    private final Backend backend;
    private final Map<Parameter, Tensor> gradients = new IdentityHashMap<>();
    /** The same accumulators as an array, so that {@link #zero()} needs no iterator. */
    private final Tensor[] all;

    public Gradients(Backend backend, List<Parameter> parameters) {
        this.backend = backend;
        for (Parameter p : parameters) {
            if (p.trainable()) {
                gradients.put(p, backend.zeros(p.value().shape()));
            }
        }
        this.all = gradients.values().toArray(new Tensor[0]);
    }

    @Override
    public Tensor gradient(Parameter parameter) {
        Tensor g = gradients.get(parameter);
        if (g == null) {
            throw new IllegalArgumentException("no gradient accumulator for " + parameter.id()
                    + ": it is not among the parameters being trained");
        }
        return g;
    }

    /** Sets every accumulator to zero. */
    public void zero() {
        for (Tensor g : all) {
            backend.fill(g, 0f);
        }
    }
}
