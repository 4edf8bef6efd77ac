package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "batch-norm2d", "momentum": 0.1, "epsilon": 1e-5}}: batch normalisation per channel
 * of {@code [C, H, W]} images, with PyTorch's {@code BatchNorm2d} defaults.
 *
 * @param momentum weight of the current batch in the running statistics, in (0, 1] (default 0.1)
 * @param epsilon added to the variance before the square root, positive (default 1e-5)
 */
public record BatchNorm2dConfig(double momentum, double epsilon) implements LayerConfig {

    public BatchNorm2dConfig {
        BatchNormConfig.check(momentum, epsilon);
    }

    @JsonCreator
    static BatchNorm2dConfig fromJson(@JsonProperty("momentum") Double momentum,
            @JsonProperty("epsilon") Double epsilon) {
        return new BatchNorm2dConfig(momentum == null ? 0.1 : momentum, epsilon == null ? 1e-5 : epsilon);
    }
}
