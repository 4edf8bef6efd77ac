package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;

/**
 * {@code {"type": "rmsprop", "learningRate": 5e-5, "alpha": 0.99}}.
 *
 * @param learningRate positive
 * @param alpha decay of the squared-gradient average in [0, 1) (default 0.99)
 * @param epsilon added to √v, positive (default 1e-8)
 * @param weightDecay L2 added to weights' gradients, ≥ 0 (default 0)
 * @param schedule how the learning rate changes over iterations (default constant)
 */
public record RmsPropConfig(double learningRate, double alpha, double epsilon, double weightDecay,
        LearningRateSchedule schedule) implements OptimizerConfig {

    public RmsPropConfig {
        OptimizerConfig.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        OptimizerConfig.check("alpha", alpha, 0, false, 0.999999);
        OptimizerConfig.check("epsilon", epsilon, 0, true, Double.MAX_VALUE);
        OptimizerConfig.check("weightDecay", weightDecay, 0, false, Double.MAX_VALUE);
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must be given (use LearningRateSchedule.CONSTANT)");
        }
    }

    /** A configuration with a constant learning rate. */
    public RmsPropConfig(double learningRate, double alpha, double epsilon, double weightDecay) {
        this(learningRate, alpha, epsilon, weightDecay, LearningRateSchedule.CONSTANT);
    }

    @JsonCreator
    static RmsPropConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("alpha") Double alpha, @JsonProperty("epsilon") Double epsilon,
            @JsonProperty("weightDecay") Double weightDecay, @JsonProperty("schedule") LearningRateSchedule schedule) {
        return new RmsPropConfig(learningRate, alpha == null ? 0.99 : alpha, epsilon == null ? 1e-8 : epsilon,
                weightDecay == null ? 0 : weightDecay, schedule == null ? LearningRateSchedule.CONSTANT : schedule);
    }

    /** {@inheritDoc} For RmsProp: the squared-gradient average and two scratch tensors. */
    @Override
    public int stateTensorsPerParameter() {
        return 3;
    }

    @Override
    public Optimizer create(Backend backend) {
        return new RmsProp(backend, this);
    }
}
