package dev.gan4j.core.nn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.gan4j.api.LayerConfig;

/**
 * {@code {"type": "dense", "units": 784, "init": "xavier", "bias": true}}.
 *
 * @param units output features, positive
 * @param init weight initialisation (default {@code xavier})
 * @param bias whether the layer adds a bias (default true)
 */
public record DenseConfig(int units, Initializer init, boolean bias) implements LayerConfig {

    public DenseConfig {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, got " + units);
        }
        if (init == null) {
            throw new IllegalArgumentException("init must be one of toolbox, xavier, he, normal, pytorch");
        }
    }

    @JsonCreator
    static DenseConfig fromJson(@JsonProperty(value = "units", required = true) int units,
            @JsonProperty("init") Initializer init, @JsonProperty("bias") Boolean bias) {
        return new DenseConfig(units, init == null ? Initializer.XAVIER : init, bias == null || bias);
    }
}
