package dev.gan4j.core.train;

import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.Parameter;
import dev.gan4j.core.nn.Gradients;
import java.util.List;

/**
 * One network's trainable parameters, the gradients its backward passes accumulate for them and
 * the optimiser that applies those: the only way parameters change in a training step.
 */
final class ParameterUpdate {

    private final Optimizer optimizer;
    private final List<Parameter> parameters;
    private final Gradients gradients;

    ParameterUpdate(Backend backend, List<Parameter> trainable, Optimizer optimizer) {
        this.optimizer = optimizer;
        this.parameters = trainable;
        this.gradients = new Gradients(backend, trainable);
    }

    /** Where a backward pass accumulates the parameters' gradients. */
    Gradients gradients() {
        return gradients;
    }

    List<Parameter> parameters() {
        return parameters;
    }

    /** One optimiser step with the accumulated gradients, which then start again from zero. */
    void apply() {
        optimizer.step(parameters, gradients);
        gradients.zero();
    }
}
