package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;
import dev.gan4j.api.OptimizerConfig;

/**
 * {@code {"type": "sgd", "learningRate": 2, "momentum": 0.5, "l2": 1e-4}}.
 *
 * @param learningRate step size, positive
 * @param momentum in [0, 1) (default 0)
 * @param l2 L2 penalty on weights (not biases), ≥ 0 (default 0)
 */
public record SgdConfig(double learningRate, double momentum, double l2) implements OptimizerConfig {

    public SgdConfig {
        Checks.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        Checks.check("momentum", momentum, 0, false, 0.999999);
        Checks.check("l2", l2, 0, false, Double.MAX_VALUE);
    }

    @JsonCreator
    static SgdConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("momentum") Double momentum, @JsonProperty("l2") Double l2) {
        return new SgdConfig(learningRate, momentum == null ? 0 : momentum, l2 == null ? 0 : l2);
    }

    /** A new optimiser with empty state, as the {@code "sgd"} type makes it. */
    public Optimizer create(Backend backend) {
        return new Sgd(backend, this);
    }
}
