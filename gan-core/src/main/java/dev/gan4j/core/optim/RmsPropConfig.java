package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;

/**
 * {@code {"type": "rmsprop", "learningRate": 5e-5, "alpha": 0.99}}.
 *
 * @param learningRate positive
 * @param alpha decay of the squared-gradient average in [0, 1) (default 0.99)
 * @param epsilon added to √v, positive (default 1e-8)
 * @param weightDecay L2 added to weights' gradients, ≥ 0 (default 0)
 */
public record RmsPropConfig(double learningRate, double alpha, double epsilon, double weightDecay)
        implements OptimizerConfig {

    public RmsPropConfig {
        Checks.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        Checks.check("alpha", alpha, 0, false, 0.999999);
        Checks.check("epsilon", epsilon, 0, true, Double.MAX_VALUE);
        Checks.check("weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
    }

    @JsonCreator
    static RmsPropConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("alpha") Double alpha, @JsonProperty("epsilon") Double epsilon,
            @JsonProperty("weightDecay") Double weightDecay) {
        return new RmsPropConfig(learningRate, alpha == null ? 0.99 : alpha, epsilon == null ? 1e-8 : epsilon,
                weightDecay == null ? 0 : weightDecay);
    }

    /** A new optimiser with empty state, as the {@code "rmsprop"} type makes it. */
    public Optimizer create(Backend backend) {
        return new RmsProp(backend, this);
    }
}
