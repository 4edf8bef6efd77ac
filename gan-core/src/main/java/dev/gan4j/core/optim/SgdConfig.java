package dev.gan4j.core.optim;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.Backend;
import dev.gan4j.api.Optimizer;

/**
 * {@code {"type": "sgd", "learningRate": 2, "momentum": 0.5, "l2": 1e-4}}.
 *
 * @param learningRate step size, positive
 * @param momentum in [0, 1) (default 0)
 * @param l2 L2 penalty on weights (not biases), ≥ 0 (default 0)
 * @param schedule how the learning rate changes over iterations (default constant)
 */
public record SgdConfig(double learningRate, double momentum, double l2, LearningRateSchedule schedule)
        implements OptimizerConfig {

    public SgdConfig {
        OptimizerConfig.check("learningRate", learningRate, 0, true, Double.MAX_VALUE);
        OptimizerConfig.check("momentum", momentum, 0, false, 0.999999);
        OptimizerConfig.check("l2", l2, 0, false, Double.MAX_VALUE);
        if (schedule == null) {
            throw new IllegalArgumentException("schedule must be given (use LearningRateSchedule.CONSTANT)");
        }
    }

    /** A configuration with a constant learning rate. */
    public SgdConfig(double learningRate, double momentum, double l2) {
        this(learningRate, momentum, l2, LearningRateSchedule.CONSTANT);
    }

    @JsonCreator
    static SgdConfig fromJson(@JsonProperty(value = "learningRate", required = true) double learningRate,
            @JsonProperty("momentum") Double momentum, @JsonProperty("l2") Double l2,
            @JsonProperty("schedule") LearningRateSchedule schedule) {
        return new SgdConfig(learningRate, momentum == null ? 0 : momentum, l2 == null ? 0 : l2,
                schedule == null ? LearningRateSchedule.CONSTANT : schedule);
    }

    /** {@inheritDoc} For Sgd: the velocity. */
    @Override
    public int stateTensorsPerParameter() {
        return 1;
    }

    @Override
    public Optimizer create(Backend backend) {
        return new Sgd(backend, this);
    }
}
