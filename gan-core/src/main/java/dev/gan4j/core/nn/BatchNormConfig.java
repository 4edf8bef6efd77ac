package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "batch-norm", "momentum": 0.1, "epsilon": 1e-5}}: 1-D batch normalisation,
 * with PyTorch's {@code BatchNorm1d} defaults.
 *
 * @param momentum weight of the current batch in the running statistics, in (0, 1] (default 0.1)
 * @param epsilon added to the variance before the square root, positive (default 1e-5)
 */
public record BatchNormConfig(double momentum, double epsilon) implements LayerConfig {

    public BatchNormConfig {
        check(momentum, epsilon);
    }

    /** The checks of a batch normalisation's options, shared with {@link BatchNorm2dConfig}. */
    static void check(double momentum, double epsilon) {
        if (!(momentum > 0 && momentum <= 1)) {
            throw new IllegalArgumentException("momentum must be in (0, 1], got " + momentum);
        }
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("epsilon must be positive, got " + epsilon);
        }
    }

    @JsonCreator
    static BatchNormConfig fromJson(@JsonProperty("momentum") Double momentum,
            @JsonProperty("epsilon") Double epsilon) {
        return new BatchNormConfig(momentum == null ? 0.1 : momentum, epsilon == null ? 1e-5 : epsilon);
    }
}
