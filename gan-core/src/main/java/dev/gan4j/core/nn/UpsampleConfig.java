package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "upsample", "factor": 2}}: nearest-neighbour upsampling of {@code [C, H, W]} images
 * by an integer factor, as PyTorch's {@code Upsample(scale_factor=2, mode="nearest")}.
 *
 * @param factor how many times larger each side becomes, at least 1
 */
public record UpsampleConfig(int factor) implements LayerConfig {

    public UpsampleConfig {
        if (factor < 1) {
            throw new IllegalArgumentException("factor must be at least 1, got " + factor);
        }
    }

    @JsonCreator
    static UpsampleConfig fromJson(@JsonProperty(value = "factor", required = true) int factor) {
        return new UpsampleConfig(factor);
    }
}
