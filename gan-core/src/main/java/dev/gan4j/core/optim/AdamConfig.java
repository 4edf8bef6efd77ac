package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;

/**
 * {@code {"type": "adam", "learningRate": 2e-4, "beta1": 0.5, "beta2": 0.999}}.
 *
 * @param learningRate positive
 * @param beta1 first-moment decay in [0, 1) (default 0.9)
 * @param beta2 second-moment decay in [0, 1) (default 0.999)
 * @param epsilon added to √v̂, positive (default 1e-8)
 * @param weightDecay L2 added to weights' gradients, ≥ 0 (default 0)
 * @param schedule how the learning rate changes over iterations (default constant)
 */
public record AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay,
        LearningRateSchedule schedule) implements OptimizerConfig {

    public AdamConfig {
        OptimizerConfig.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        OptimizerConfig.check("beta1", beta1, 0, false, 0.999999);
        OptimizerConfig.check("beta2", beta2, 0, false, 0.99999999);
        OptimizerConfig.check("epsilon", epsilon, 0, true, Double.MAX_VALUE);
        OptimizerConfig.check("weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must be given (use LearningRateSchedule.CONSTANT)");
        }
    }

    /** A configuration with a constant learning rate. */
    public AdamConfig(double learningRate, double beta1, double beta2, double epsilon, double weightDecay) {
        this(learningRate, beta1, beta2, epsilon, weightDecay, LearningRateSchedule.CONSTANT);
    }

    @JsonCreator
    static AdamConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("beta1") Double beta1, @JsonProperty("beta2") Double beta2,
            @JsonProperty("epsilon") Double epsilon, @JsonProperty("weightDecay") Double weightDecay,
            @JsonProperty("schedule") LearningRateSchedule schedule) {
        return new AdamConfig(learningRate, beta1 == null ? 0.9 : beta1, beta2 == null ? 0.999 : beta2,
                epsilon == null ? 1e-8 : epsilon, weightDecay == null ? 0 : weightDecay,
                schedule == null ? LearningRateSchedule.CONSTANT : schedule);
    }

    /** {@inheritDoc} For Adam: the two moments and one scratch tensor. */
    @Override
    public int stateTensorsPerParameter() {
        return 3;
    }

    @Override
    public Optimizer create(Backend backend) {
        return new Adam(backend, this);
    }
}
