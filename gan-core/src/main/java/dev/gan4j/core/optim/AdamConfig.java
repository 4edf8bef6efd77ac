package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;

/**
 * {@code {"type": "adam", "learningRate": 2e-4, "beta1": 0.5, "beta2": 0.999}}.
 *
 * @param learningRate positive
 * @param beta1 first-moment decay in [0, 1) (default 0.9)
 * @param beta2 second-moment decay in [0, 1) (default 0.999)
 * @param epsilon added to √v̂, positive (default 1e-8)
 * @param weightDecay L2 added to weights' gradients, ≥ 0 (default 0)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay)
        implements OptimizerConfig {

    public AdamConfig {
        Checks.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        Checks.check("beta1", beta1, 0, false, 0.999999);
        Checks.check("beta2", beta2, 0, false, 0.99999999);
        Checks.check("epsilon", epsilon, 0, true, Double.MAX_VALUE);
        Checks.check("weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
    }

    @JsonCreator
    static AdamConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("beta1") Double beta1, @JsonProperty("beta2") Double beta2,
            @JsonProperty("epsilon") Double epsilon, @JsonProperty("weightDecay") Double weightDecay) {
        return new AdamConfig(learningRate, beta1 == null ? 0.9 : beta1, beta2 == null ? 0.999 : beta2,
                epsilon == null ? 1e-8 : epsilon, weightDecay == null ? 0 : weightDecay);
    }

    /** A new optimiser with empty state, as the {@code "adam"} type makes it. */
    public Optimizer create(Backend backend) {
        return new Adam(backend, this);
    }
}
