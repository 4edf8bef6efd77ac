package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/** Configuration records of the built-in activation layers. */
public final class ActivationConfigs {
    private ActivationConfigs() {
    }

    /** {@code {"type": "sigmoid"}}. */
    public record Sigmoid() implements LayerConfig {
    }

    /** {@code {"type": "tanh"}}. */
    public record Tanh() implements LayerConfig {
    }

    /** {@code {"type": "relu"}}. */
    public record Relu() implements LayerConfig {
    }

    /**
     * {@code {"type": "leaky-relu", "slope": 0.2}}.
     *
     * @param slope the gradient for negative inputs, in [0, 1) (default 0.2)
     */
    public record LeakyRelu(float slope) implements LayerConfig {
        public LeakyRelu {
            if (!(slope >= 0f && slope < 1f)) {
                throw new IllegalArgumentException("slope must be in [0, 1), got " + slope);
            }
        }

        @JsonCreator
        static LeakyRelu fromJson(@JsonProperty("slope") Float slope) {
            return new LeakyRelu(slope == null ? 0.2f : slope);
        }
    }
}
