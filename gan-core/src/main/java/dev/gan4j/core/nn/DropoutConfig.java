package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "dropout", "rate": 0.3}}.
 *
 * @param rate probability of zeroing each value in training, in [0, 1)
 */
public record DropoutConfig(double rate) implements LayerConfig {

    public DropoutConfig {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("rate must be in [0, 1), got " + rate);
        }
    }

    @JsonCreator
    static DropoutConfig fromJson(@JsonProperty(value = "rate", required = true) double rate) {
        return new DropoutConfig(rate);
    }
}
